#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds Veil and its tests (release, as the demo
# does), and runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# The console's JavaScript (Sources/VeilWeb/Resources), syntax-checked before anything is
# built: each file, then /static/console.js as served (player.js then console.js, one script).
resources=Sources/VeilWeb/Resources
served=$(mktemp --suffix=.js)
trap 'rm -f "$served"' EXIT
cat "$resources/player.js" "$resources/console.js" > "$served"
for script in "$resources"/*.js "$served"; do
    name=$script
    [[ $script == "$served" ]] && name="/static/console.js as served: $resources/player.js ($(wc -l < "$resources/player.js") lines), then console.js"
    node --check "$script" || { echo "test: JavaScript syntax error in $name" >&2; exit 1; }
done
# The same release configuration as the demo (Package.swift makes it testable): after the demo,
# only the test targets are left to build.
swift build -c release --build-tests 2>&1 | tail -n 3
swift test -c release --skip-build
# A short fuzzing pass over every parser of untrusted bytes (Fuzz/README.md): builds the
# harnesses under .build-fuzz and fails on any crash, leak or timeout.
bash Fuzz/run.sh "${VEIL_FUZZ_SECONDS:-10}"
