#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds Veil in release mode and redacts the
# bundled sample. Prints where the redacted video is.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product veil 2>&1 | tail -n 1

mkdir -p out
.build/release/veil redact samples/library-walk-720p.mp4 -o out/library-walk-720p.redacted.mp4 --force
echo "demo: the redacted sample is at $(pwd)/out/library-walk-720p.redacted.mp4"
