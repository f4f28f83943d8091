#!/usr/bin/env bash
# Issue 14: what lookahead, event-triggered runs and the motion net cost offline, against
# the bare ffmpeg transcode and the build before them, in the same run.
#
#   bash Benchmarks/lookahead.sh BEFORE_VEIL AFTER_VEIL [runs=5] [raised_cadence=10]
#
# BEFORE_VEIL is a release `veil` built from the commit before (e.g. `git archive main` into a
# scratch folder, `swift build -c release --product veil`); AFTER_VEIL one from this checkout.
# On the bundled 720p sample at veryfast, each run times, one after the other: ffmpeg; before;
# after with the defaults; after with lookahead and triggers off (the old behaviour on the new
# code); after with the motion net on; after with both cadences raised. Prints the median and
# range of fps and of CPU time per frame (user + system, `/usr/bin/time`: less disturbed than
# wall time when other work shares the cores), each one's ratio to ffmpeg's median, and the
# summary line of one run of each.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 runs=${3:-5} raised=${4:-10}
clip=samples/library-walk-720p.mp4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
frames=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$clip")

# Runs the command; prints its wall seconds and CPU seconds.
seconds() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/last.out" 2>&1
    awk '{ print $1, $2 + $3 }' "$work/time"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f–%.1f", lo, hi }'; }

names=(ffmpeg before after-defaults after-off after-motion-net "after-cadence-$raised")
commands=(
    "ffmpeg -v error -y -i $clip -an -c:v libx264 -preset veryfast -crf 23 $work/ffmpeg.mp4"
    "$before redact $clip -o $work/v.mp4 --force --preset veryfast --crf 23"
    "$after redact $clip -o $work/v.mp4 --force --preset veryfast --crf 23"
    "$after redact $clip -o $work/v.mp4 --force --preset veryfast --crf 23 --lookahead-frames 0 --no-event-triggers"
    "$after redact $clip -o $work/v.mp4 --force --preset veryfast --crf 23 --motion-net"
    "$after redact $clip -o $work/v.mp4 --force --preset veryfast --crf 23 --face-cadence $raised --person-cadence $raised"
)
declare -A fps cpu summary
for run in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        read -r wall used < <(seconds ${commands[$i]})
        fps[${names[$i]}]+="$(awk -v f="$frames" -v t="$wall" 'BEGIN { print f / t }') "
        cpu[${names[$i]}]+="$(awk -v f="$frames" -v t="$used" 'BEGIN { print 1000 * t / f }') "
        [ "$run" = 1 ] && summary[${names[$i]}]=$(tail -n 1 "$work/last.out")
    done
    echo "lookahead.sh: run $run of $runs done" >&2
done
ffmpeg_median=$(printf '%s\n' ${fps[ffmpeg]} | median)
echo "Load while measuring (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs runs, alternating; $frames frames."
echo
echo "| what | fps median (range) | fps ratio to ffmpeg | CPU ms per frame median (range) | summary line (first run) |"
echo "|---|---|---|---|---|"
for name in "${names[@]}"; do
    m=$(printf '%s\n' ${fps[$name]} | median)
    c=$(printf '%s\n' ${cpu[$name]} | median)
    printf '| %s | %.1f (%s) | %.2f× | %.1f (%s) | %s |\n' "$name" "$m" "$(printf '%s\n' ${fps[$name]} | range)" \
        "$(awk -v a="$m" -v b="$ffmpeg_median" 'BEGIN { print a / b }')" "$c" "$(printf '%s\n' ${cpu[$name]} | range)" \
        "${summary[$name]//|/\\|}"
done
