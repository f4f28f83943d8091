#!/usr/bin/env bash
# Every benchmark of Veil in one run on this machine, written to Benchmarks/RESULTS.md:
#  * offline: `veil redact` against the bare ffmpeg CLI transcode of the same clip with the
#    same encoder settings (720p sample and the same scaled to 1080p);
#  * per stage: `veil bench stages` (decode, detect, track/plan, blur, encode, seal) at 720p
#    and 1080p, and sealing throughput with `veil vault bench`;
#  * live latency and capacity: Benchmarks/live.sh, when it exists.
#
#   bash Benchmarks/run.sh [runs=5] [presets="veryfast ultrafast"]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
presets=${2:-"veryfast ultrafast"}

scripts/setup.sh
swift build -c release --product veil 2>&1 | tail -n 1
veil=.build/release/veil
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Clips: the bundled 720p sample, and the same footage scaled to 1080p.
cp samples/library-walk-720p.mp4 "$work/720p.mp4"
scale_command="ffmpeg -i samples/library-walk-720p.mp4 -vf scale=1920:1080:flags=lanczos -c:v libx264 -preset slow -crf 20 -g 50 -bf 0 -pix_fmt yuv420p 1080p.mp4"
ffmpeg -v error -y -i samples/library-walk-720p.mp4 -vf scale=1920:1080:flags=lanczos -c:v libx264 -preset slow \
    -crf 20 -g 50 -bf 0 -pix_fmt yuv420p "$work/1080p.mp4"
frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$work/720p.mp4")

# Seconds taken by a command, to the millisecond.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

divide() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f–%.1f", lo, hi }'; }

# --- Offline: veil redact against ffmpeg, same clip, same preset, alternating runs.
table="| clip | preset | ffmpeg fps (median, range) | veil redact fps (median, range) | ratio |
|---|---|---|---|---|"
for clip in 720p 1080p; do
    for preset in $presets; do
        ffmpeg_fps=() veil_fps=()
        for _ in $(seq "$runs"); do
            # Alternate the two so that machine noise falls on both alike.
            t=$(seconds ffmpeg -v error -y -i "$work/$clip.mp4" -an -c:v libx264 -preset "$preset" -crf 23 "$work/ffmpeg.mp4")
            ffmpeg_fps+=("$(divide "$frames" "$t")")
            t=$(seconds "$veil" redact "$work/$clip.mp4" -o "$work/veil.mp4" --force --preset "$preset" --crf 23)
            veil_fps+=("$(divide "$frames" "$t")")
        done
        f=$(printf '%s\n' "${ffmpeg_fps[@]}" | median)
        v=$(printf '%s\n' "${veil_fps[@]}" | median)
        row=$(printf '| %s | %s | %.1f (%s) | %.1f (%s) | %.2f× |' "$clip" "$preset" "$f" \
            "$(printf '%s\n' "${ffmpeg_fps[@]}" | range)" "$v" "$(printf '%s\n' "${veil_fps[@]}" | range)" \
            "$(divide "$v" "$f")")
        echo "$row"
        table+=$'\n'"$row"
    done
done

# --- Per stage, at the default settings (veryfast, default cadences), and sealing alone.
stages_720p=$("$veil" bench stages --clip "$work/720p.mp4" --runs "$runs")
echo "$stages_720p"
stages_1080p=$("$veil" bench stages --clip "$work/1080p.mp4" --runs "$runs")
echo "$stages_1080p"
vault_bench=$("$veil" vault bench --megabytes 256)
echo "$vault_bench"

# --- Live latency and capacity (its own script prints its Markdown section).
live_failed=0
if [[ -f Benchmarks/live.sh ]]; then
    live=$(bash Benchmarks/live.sh) || { live_failed=$?; live="**Benchmarks/live.sh failed (exit $live_failed); no live figures.**"; }
else
    live="Not measured: Benchmarks/live.sh does not exist in this checkout."
fi
echo "$live"

# Export of one hour is measured by a test, not here: quote its section of the README.
export_hour=$(sed -n '/^## Export of one hour/,/^## /{/^## /d;p}' Benchmarks/README.md)
targets=$(sed -n "/^## Against issue 5's targets/,/^## /{/^## Where/d;p}" Benchmarks/README.md)

cat > Benchmarks/RESULTS.md <<RESULTS
# Benchmark results

Written by \`bash Benchmarks/run.sh $runs "$presets"\` on $(date -u +"%Y-%m-%d %H:%M UTC").

## Machine and versions

* CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; RAM $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
* $(swift --version 2>&1 | head -n 1)
* $(ffmpeg -version | head -n 1)
* OpenCV $(pkg-config --modversion opencv4); x264 $(dpkg-query -W -f='${Version}' 'libx264-[0-9]*' 2>/dev/null || echo unknown)
* Veil at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':!Benchmarks/RESULTS.md' 2>/dev/null || echo " (with uncommitted changes)"), release build

## Commands

* Clips: the bundled sample (${frames} frames, 1280×720, 25 fps) and the same scaled to 1920×1080:
  \`$scale_command\`
* ffmpeg: \`ffmpeg -i CLIP -an -c:v libx264 -preset P -crf 23 out.mp4\` (decode + encode, no filters).
* Veil: \`veil redact CLIP -o out.mp4 --preset P --crf 23\` with default detection settings (decode,
  face and person detection at their default cadence, tracking, blur, encode). Wall time of
  the whole process, including model loading. Runs of each: $runs, alternating; fps = frames / seconds.
* Stages: \`veil bench stages --clip CLIP --runs $runs\` (first 200 frames, default settings).
* Sealing alone: \`veil vault bench --megabytes 256\`.
* Live: \`bash Benchmarks/live.sh\`.

## Offline: veil redact against ffmpeg

$table

## Per stage

$stages_720p

$stages_1080p

## Sealing

Sealing inside the pipeline is the **Seal** line under each stage table above (the recorder's
remux of the original packets plus encryption, as a share of the pipeline's CPU). Sealing
alone, 1 MiB writes into a throwaway vault:

$(printf '%s\n' "$vault_bench" | sed 's/^/    /')

$live

## Export of one hour

Not measured by this script: quoted from Benchmarks/README.md.
$export_hour

The analysis against the targets, quoted from Benchmarks/README.md (written for the run it
names; compare with the figures above when re-running):

$(printf '%s\n' "$targets" | sed 's/^## /### /')
RESULTS
echo "wrote Benchmarks/RESULTS.md"
exit "$live_failed"
