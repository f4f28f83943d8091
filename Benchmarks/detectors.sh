#!/usr/bin/env bash
# Scores the person-detector settings on the evaluation set (Benchmarks/eval) and writes
# Benchmarks/eval/RESULTS.md: recall per situation, masked share of frames without people,
# and cost per run. Builds release first. Usage: bash Benchmarks/detectors.sh [repeats=3]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
scripts/setup.sh
swift build -c release --product veil 2>&1 | tail -n 1
veil=.build/release/veil
out=Benchmarks/eval/RESULTS.md
{
    echo "# Person-detector settings on the evaluation set"
    echo
    echo "\`bash Benchmarks/detectors.sh $repeats\` on $(date -u +%Y-%m-%d), $(nproc) cores"
    echo "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Configuration: BACKEND:MODEL:WIDTHxHEIGHT:SCORE:NMS[:CLOSE-RANGE SCORE]; height 0 follows the"
    echo "frame's aspect ratio. The default is \`openvino:yolo:704x0:0.05:0.6:0.15\`; the first row was the"
    echo "default before it. A person is found when >= 80 % of their reference box is under the mask the"
    echo "planner draws (default margins, head region, whole body); people under 24 px tall are scored"
    echo "apart as tiny. Cost: median of $repeats person-detector runs per image (both passes), wall and"
    echo "process CPU, on this shared machine: compare rows, not absolute numbers."
    echo
    "$veil" bench detectors --repeats "$repeats" --references Benchmarks/eval/references.json
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
