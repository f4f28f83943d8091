#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds Veil in release mode, redacts the
# bundled sample, then records it for 20 s as a live (looped, real-time) camera and shows
# what was stored: redacted segments for staff, sealed raw segments for officers, and the
# anonymous occupancy counts.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product veil 2>&1 | tail -n 1
veil=.build/release/veil
mkdir -p out

echo "== veil redact: the bundled sample, offline"
$veil redact samples/library-walk-720p.mp4 -o out/library-walk-720p.redacted.mp4 --force
echo "demo: the redacted sample is at $(pwd)/out/library-walk-720p.redacted.mp4"

seconds=${VEIL_DEMO_SECONDS:-20}
echo "== veil record: the sample as a live camera for $seconds s, with the staff console"
data=$(pwd)/out/demo-data
rm -rf "$data"
passphrase=out/demo-officer.passphrase
(umask 077 && head -c 24 /dev/urandom | base64 > "$passphrase")
$veil officer add demo-officer --data-dir "$data" --passphrase-file "$passphrase"
console_password=out/demo-staff.password
(umask 077 && head -c 18 /dev/urandom | base64 > "$console_password")
$veil user add demo-staff --role admin --data-dir "$data" --password-file "$console_password"
cat > out/demo.yaml <<YAML
dataDirectory: $data
segmentSeconds: 5
# The staff console, plain HTTP because it listens on loopback only.
web:
  listen: "127.0.0.1:${VEIL_DEMO_PORT:-18080}"
# Anonymous occupancy: people in the right half, crossings of a line across the path,
# kept as 10 s aggregates (short, for the demo; the default is 5 min).
occupancy:
  interval: 10s
cameras:
  - name: reading-room
    url: $(pwd)/samples/library-walk-720p.mp4
    loop: true
    occupancy:
      zones: [{name: right-half, polygon: [[0.5, 0], [1, 0], [1, 1], [0.5, 1]]}]
      lines: [{name: path, from: [0.45, 0.15], to: [0.45, 0.6], inside: left}]
YAML
$veil config check out/demo.yaml
echo "demo: staff console at http://127.0.0.1:${VEIL_DEMO_PORT:-18080}/ while recording (user demo-staff,"
echo "      password in $(pwd)/$console_password); set VEIL_DEMO_SECONDS=600 to keep it up longer"
$veil record --config out/demo.yaml --for "$seconds" 2>/dev/null
$veil status --data-dir "$data"
echo "== veil occupancy: what was counted (aggregates only; below 3 stored as <3)"
$veil occupancy --from -10m --to now --data-dir "$data"
echo "demo: redacted segments under $data/redacted, sealed raw segments under $data/raw"
echo "demo: open one raw segment as the officer with:"
echo "  $veil vault open \$(ls $data/raw/reading-room/*/*.veilraw | head -n 1) --officer demo-officer --reason demo \\"
echo "      --data-dir $data --passphrase-file $passphrase -o out/raw-segment.ts"
