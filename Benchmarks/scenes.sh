#!/usr/bin/env bash
# Veil's own CPU per frame on three kinds of scene (issue 22): everything `veil redact` spends
# beyond the decode and encode that any re-encoding redactor pays, measured as the CPU time
# of `veil redact` minus that of a bare ffmpeg transcode of the same clip at the same preset,
# taken in turn in the same run.
#
#   bash Benchmarks/scenes.sh [runs=3] [VEIL ...]
#
# VEIL: one or more veil binaries (default .build/release/veil, built if missing); give an old
# build beside a new one to compare them in the same run, e.g.
#   bash Benchmarks/scenes.sh 3 /tmp/veil-before .build/release/veil
#
# The scenes are made here from files in this repository (their sources and licences are in
# Benchmarks/scenes.md), 1920×1080, 25 fps, 15 s (375 frames):
#   busy    the bundled sample (people crossing a walkway), scaled to 1080p;
#   quiet   a quarter of the same scene (0–3 people, mostly one walking), scaled to 1080p;
#   seated  a still photograph of people seated at a bar table (Benchmarks/eval), played as a
#           still camera with sensor-like noise on every frame.
# Caveat: blurred areas are cheaper to encode than the picture they hide, so where masks cover
# much of the frame (seated) the subtraction under-states Veil's own work, and can go below 0.
# Model loading (once per process) is included, spread over the clip's frames.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
binaries=("$@")
if [[ ${#binaries[@]} -eq 0 ]]; then
    [[ -x .build/release/veil ]] || swift build -c release --product veil 2>&1 | tail -n 1
    binaries=(.build/release/veil)
fi
preset=veryfast
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

encode=(-c:v libx264 -preset slow -crf 20 -g 50 -bf 0 -pix_fmt yuv420p -an)
ffmpeg -v error -y -i samples/library-walk-720p.mp4 -vf scale=1920:1080:flags=lanczos "${encode[@]}" "$work/busy.mp4"
ffmpeg -v error -y -i samples/library-walk-720p.mp4 -vf crop=640:360:0:160,scale=1920:1080:flags=lanczos \
    "${encode[@]}" "$work/quiet.mp4"
ffmpeg -v error -y -loop 1 -framerate 25 -t 15 -i Benchmarks/eval/images/seated-kpa-bar55-2.jpg \
    -vf "scale=1440:1080:flags=lanczos,pad=1920:1080:240:0,noise=alls=4:allf=t" "${encode[@]}" "$work/seated.mp4"

# CPU seconds (user + system) of a command, its output thrown away.
cpu_seconds() {
    local TIMEFORMAT='%U %S' timing
    timing=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || { echo "scenes: failed: $*" >&2; exit 1; }
    awk '{ print $1 + $2 }' <<< "$timing"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "| scene | veil | frames | ffmpeg CPU ms/frame | veil CPU ms/frame | Veil's own ms/frame (median of $runs) | own/ffmpeg |"
echo "|---|---|---:|---:|---:|---:|---:|"
for scene in busy quiet seated; do
    clip=$work/$scene.mp4
    frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$clip")
    # Per run: the ffmpeg transcode, then each binary in turn, so a drift in the machine's speed
    # touches all of them alike; each binary's own CPU is taken against the same run's ffmpeg.
    declare -A veil_ms=() own_ms=()
    ffmpeg_ms=()
    for run in $(seq "$runs"); do
        bare=$(cpu_seconds ffmpeg -v error -y -i "$clip" -an -c:v libx264 -preset "$preset" -crf 23 "$work/bare.mp4")
        ffmpeg_ms+=("$(awk -v s="$bare" -v n="$frames" 'BEGIN { print 1000 * s / n }')")
        for index in "${!binaries[@]}"; do
            redacted=$(cpu_seconds "${binaries[$index]}" redact "$clip" -o "$work/redacted.mp4" --preset "$preset" --crf 23 --force)
            veil_ms[$index]+="$(awk -v s="$redacted" -v n="$frames" 'BEGIN { print 1000 * s / n }') "
            own_ms[$index]+="$(awk -v a="$redacted" -v b="$bare" -v n="$frames" 'BEGIN { print 1000 * (a - b) / n }') "
        done
    done
    f=$(printf '%s\n' "${ffmpeg_ms[@]}" | median)
    for index in "${!binaries[@]}"; do
        v=$(tr ' ' '\n' <<< "${veil_ms[$index]}" | grep . | median)
        o=$(tr ' ' '\n' <<< "${own_ms[$index]}" | grep . | median)
        awk -v s="$scene" -v b="${binaries[$index]}" -v n="$frames" -v f="$f" -v v="$v" -v o="$o" \
            'BEGIN { printf "| %s | %s | %d | %.1f | %.1f | %.1f | %.2f |\n", s, b, n, f, v, o, o / f }'
    done
    unset veil_ms own_ms
done
