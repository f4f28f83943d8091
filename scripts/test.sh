#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds Veil and its tests, and runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build --build-tests 2>&1 | tail -n 3
swift test --skip-build
