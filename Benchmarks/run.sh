#!/usr/bin/env bash
# Veil's offline redaction against the bare ffmpeg CLI transcode of the same clip with the
# same encoder settings, in the same run, on this machine. Prints a Markdown table and
# writes it to Benchmarks/RESULTS.md.
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

cat > Benchmarks/RESULTS.md <<RESULTS
# Benchmark results

Written by \`bash Benchmarks/run.sh $runs "$presets"\` on $(date -u +%Y-%m-%d).

* Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(lscpu | sed -n 's/^Model name: *//p')
* $(ffmpeg -version | head -n 1); $(swift --version 2>&1 | head -n 1)
* Clips: the bundled sample (${frames} frames, 1280×720, 25 fps) and the same scaled to 1920×1080.
* ffmpeg: \`ffmpeg -i CLIP -an -c:v libx264 -preset P -crf 23 out.mp4\` (decode + encode, no filters).
* Veil: \`veil redact CLIP -o out.mp4 --preset P --crf 23\` with default detection settings (decode,
  face and person detection at their default cadence, tracking, blur, encode). Wall time of
  the whole process, including model loading. $runs runs each, alternating; fps = frames / seconds.

$table
RESULTS
echo "wrote Benchmarks/RESULTS.md"
