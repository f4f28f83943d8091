#!/usr/bin/env bash
# The staff console's cost and delay, measured on a recording 720p25 camera (the bundled
# sample as a looped, real-time file camera), release build, writing Benchmarks/CONSOLE.md:
#   CPU of `veil record` with the console off, on with nobody watching, and on with one
#   headless chromium watching the live view (alternating windows in the same run);
#   the camera-to-screen delay the page's player measured (EXT-X-PROGRAM-DATE-TIME based).
# About 8 minutes. Usage: bash Benchmarks/console.sh [seconds per window=40] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product veil 2>&1 | tail -n 1
python3 Benchmarks/console_bench.py .build/release/veil "${1:-40}" "${2:-3}" Benchmarks/CONSOLE.md
