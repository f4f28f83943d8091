#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds Veil and its tests, and runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build --build-tests 2>&1 | tail -n 3
swift test --skip-build
# A short fuzzing pass over every parser of untrusted bytes (Fuzz/README.md): builds the
# harnesses under .build-fuzz and fails on any crash, leak or timeout.
bash Fuzz/run.sh "${VEIL_FUZZ_SECONDS:-10}"
