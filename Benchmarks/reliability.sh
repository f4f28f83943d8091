#!/usr/bin/env bash
# Runs the disk-full and crash-consistency scenarios (as root: they mount small tmpfs disks)
# and gathers one JSON line per scenario run into Benchmarks/reliability.jsonl, the input of
# Benchmarks/RELIABILITY.md. Usage: bash Benchmarks/reliability.sh [output.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-Benchmarks/reliability.jsonl}"
: > "$out"
swift build --build-tests 2>&1 | tail -n 1
VEIL_RELIABILITY_LOG="$(realpath "$out")" \
    swift test --skip-build --filter 'DiskFullTests|OutputDiskFullTests|CrashConsistencyTests' 2>&1 | grep -E '^(✔|✘)' || true
cat "$out"
