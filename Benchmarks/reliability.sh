#!/usr/bin/env bash
# Runs every fault scenario (as root: the disk-full ones mount small tmpfs disks; VLC runs as
# the veil-vlc user setup.sh creates) and a fuzzing pass, gathers one JSON line per scenario
# run into Benchmarks/reliability.jsonl and writes Benchmarks/RELIABILITY.md from it.
# About 10 minutes on 2 cores. Usage: bash Benchmarks/reliability.sh [fuzz seconds per harness=20]
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${1:-20}

scripts/setup.sh
out=Benchmarks/reliability.jsonl
: > "$out"
swift build -c release --build-tests 2>&1 | tail -n 1
VEIL_RELIABILITY_LOG="$(realpath "$out")" swift test -c release --skip-build \
    --filter 'DiskFullTests|OutputDiskFullTests|CrashConsistencyTests|VLCReconnectTests|ClockStepRecordingTests|ClockStepFaketimeTests' \
    2>&1 | grep -E '^(✔|✘) (Suite|Test run)' || true
bash Fuzz/run.sh "$fuzz_seconds" | tail -n 1
python3 Benchmarks/reliability_report.py "$out" Benchmarks/RELIABILITY.md
