#!/usr/bin/env bash
# Resident memory of `veil record` per camera, and its time to the first redacted segment.
#
#   bash Benchmarks/record-memory.sh VEIL_BINARY CAMERAS [LABEL]
#
# Starts CAMERAS GStreamer RTSP servers (scripts/rtsp-test-server.py, one process each, the
# 720p sample looped as an endless live camera), records them with `veil record --for 40` and
# default settings under `nice -n 19`, and prints one line: VmRSS and VmHWM at 30 s
# (/proc/PID/status), the thread count, and per camera the seconds from starting `veil record`
# to its first redacted segment file appearing (the file is created when the first redacted
# frame is written: model loading, connecting and the first keyframe are inside it). Run it for
# 1, 2 and 3 cameras; the difference is the cost of an extra camera. Everything it starts it
# stops, by PID; its scratch directory is left in ${TMPDIR:-/tmp} for the logs.
set -euo pipefail
cd "$(dirname "$0")/.."
veil=$1; n=$2; label=${3:-veil}
python=/usr/bin/python3  # Debian's: the RTSP server needs its `gi`
work=$(mktemp -d "${TMPDIR:-/tmp}/veil-record-memory.XXXXXX")
ffmpeg -v error -i samples/library-walk-720p.mp4 -c copy -bsf:v h264_mp4toannexb -f h264 "$work/cam.h264"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
for i in $(seq 1 "$n"); do
  "$python" scripts/rtsp-test-server.py --file "$work/cam.h264" --port 0 --path /cam1 \
    >"$work/server$i.out" 2>"$work/server$i.err" &
  pids+=($!)
done
ports=()
for i in $(seq 1 "$n"); do
  for _ in $(seq 1 100); do grep -q READY "$work/server$i.out" 2>/dev/null && break; sleep 0.1; done
  ports+=("$(awk '/READY/ {print $2}' "$work/server$i.out")")
done
(umask 077 && head -c 24 /dev/urandom | base64 >"$work/passphrase")
"$veil" officer add memory-officer --data-dir "$work/data" --passphrase-file "$work/passphrase" >/dev/null
{
  echo "dataDirectory: $work/data"
  echo "cameras:"
  for i in $(seq 1 "$n"); do
    echo "  - name: cam$i"
    echo "    url: rtsp://127.0.0.1:${ports[$((i - 1))]}/cam1"
  done
} >"$work/veil.yaml"
start=$(date +%s.%N)
nice -n 19 "$veil" record --config "$work/veil.yaml" --for 40 >"$work/record.out" 2>"$work/record.err" &
recorder=$!
pids+=($recorder)
declare -A first
while :; do
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  for i in $(seq 1 "$n"); do
    if [ -z "${first[$i]:-}" ] && [ -n "$(find "$work/data/redacted/cam$i" -name '*.mp4' 2>/dev/null | head -n 1)" ]; then
      first[$i]=$(printf '%.1f' "$elapsed")
    fi
  done
  (( $(echo "$elapsed >= 30" | bc) )) && break
  sleep 0.2
done
rss=$(awk '/VmRSS/ {print $2}' "/proc/$recorder/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$recorder/status")
threads=$(awk '/Threads/ {print $2}' "/proc/$recorder/status")
wait "$recorder" || true
firsts=""
for i in $(seq 1 "$n"); do firsts+="${first[$i]:-none} "; done
echo "$label cameras=$n VmRSS=$((rss / 1024))MiB VmHWM=$((hwm / 1024))MiB threads=$threads first redacted segment after [ ${firsts}] s ($work)"
