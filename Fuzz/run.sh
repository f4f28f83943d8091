#!/usr/bin/env bash
# Builds every libFuzzer harness (Swift, -sanitize=fuzzer,address) and runs each for SECONDS.
#   bash Fuzz/run.sh SECONDS [HARNESS ...]
# Prints each harness's executions and crashes, writes Fuzz/last-run.json, ends with
# "fuzz: N passed, M failed", and exits non-zero if any harness crashed, leaked or timed out.
# Crashing inputs are kept in .build-fuzz/artifacts/<harness>/; new corpus entries in
# .build-fuzz/corpus/<harness>/ (the committed seeds in Fuzz/corpus/ are only read).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:?usage: bash Fuzz/run.sh SECONDS [HARNESS ...]}
shift
all=(SealedSegmentFuzzer VaultRecordFuzzer AuditLogFuzzer ConfigFuzzer CameraURLFuzzer
     MP4IndexFuzzer MP4FastStartFuzzer H264ParameterSetsFuzzer ExportVerifyFuzzer)
harnesses=("${@:-${all[@]}}")
scratch=$root/.build-fuzz
# Swift's own crash backtracer would stop a crashing harness before libFuzzer saves the input.
export SWIFT_BACKTRACE=enable=no

# libFuzzer comes with the Swift toolchain (swift.org builds ship clang's runtime); Debian's
# libclang-rt packages are for Debian's older clang and would not link with it.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
if [[ -z $(find "$toolchain/lib/clang" -name 'libclang_rt.fuzzer*.a' 2>/dev/null | head -n 1) ]]; then
    echo "fuzz: no libFuzzer runtime (libclang_rt.fuzzer*.a) under $toolchain/lib/clang; use a swift.org toolchain" >&2
    exit 1
fi

build_start=$(date +%s)
if ! swift build --package-path Fuzz --scratch-path "$scratch" -c debug \
        -Xswiftc -sanitize=fuzzer,address 2>&1 | sed '/ld.gold: warning: Cannot export local symbol/d' | tail -n 3; then
    echo "fuzz: the harnesses did not build" >&2
    exit 1
fi
echo "fuzz: built in $(( $(date +%s) - build_start )) s"
bin=$(swift build --package-path Fuzz --scratch-path "$scratch" -c debug --show-bin-path)

passed=0 failed=0 results=()
for harness in "${harnesses[@]}"; do
    work=$scratch/corpus/$harness artifacts=$scratch/artifacts/$harness
    mkdir -p "$work" "$artifacts"
    log=$scratch/logs/$harness.log
    mkdir -p "$(dirname "$log")"
    corpora=("$work" "Fuzz/corpus/$harness")
    # Inputs that once crashed, kept as regression fixtures of the module tests.
    [[ -d Tests/Fixtures/fuzz/$harness ]] && corpora+=("Tests/Fixtures/fuzz/$harness")
    # A leak or a timeout ends the run like a crash; -timeout is per input.
    "$bin/$harness" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=262144 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${corpora[@]}" >"$log" 2>&1 &
    pid=$!
    wait "$pid"
    status=$?
    # A harness that crashed could not remove its scratch folder (FuzzSupport/ScratchFile.swift).
    rm -rf "/dev/shm/veil-fuzz-$pid"
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    executions=${executions:-0}
    # libFuzzer stops at the first failing input, so a failed run has exactly one.
    if (( status == 0 )); then
        passed=$((passed + 1)) crashes=0
        echo "fuzz: $harness: ${seconds} s, $executions executions, 0 crashes"
    else
        failed=$((failed + 1)) crashes=1
        echo "fuzz: $harness: ${seconds} s, $executions executions, FAILED (exit $status); input in $artifacts/, log $log"
        grep -m 3 -E 'ERROR|Fatal error|SUMMARY|timeout' "$log" | sed 's/^/    /'
    fi
    results+=("{\"harness\": \"$harness\", \"seconds\": $seconds, \"executions\": $executions, \"crashes\": $crashes}")
done

{
    echo "{\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"harnesses\": ["
    for index in "${!results[@]}"; do
        (( index + 1 < ${#results[@]} )) && echo "  ${results[$index]}," || echo "  ${results[$index]}"
    done
    echo "]}"
} > Fuzz/last-run.json

echo "fuzz: $passed passed, $failed failed"
(( failed == 0 ))
