#!/usr/bin/env bash
# What a cluster asks of PostgreSQL (issue 23): three `veil record` nodes with four small
# cameras each (12 cameras at 320x240, so CPU does not bound it) record for a while; then
#   * catalog commit latency: from a segment's local commit (recorded_us in the node's SQLite
#     catalog) to its commit in PostgreSQL (committed_at), p50 and p99;
#   * per statement (pg_stat_statements): calls per second and mean server time, among them
#     the lease renewal and the heartbeat;
#   * PostgreSQL's transactions and rows written per second (pg_stat_database).
#
#   bash Benchmarks/cluster-load.sh [seconds=120] [segmentSeconds=2] [VEIL=.build/release/veil]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
segment=${2:-2}
veil=$(realpath "${3:-.build/release/veil}")
[[ -x $veil ]] || { echo "no veil binary at $veil: swift build -c release --product veil" >&2; exit 1; }
source Benchmarks/cluster-lib.sh
start_postgres shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all
sql "CREATE EXTENSION pg_stat_statements" >/dev/null
start_cameras 12
nodes=(n1 n2 n3)
for node in "${nodes[@]}"; do make_node "$node" "$segment"; done
for node in "${nodes[@]}"; do start_node "$node"; done
balanced() { [[ $(held_by n1) == 4 && $(held_by n2) == 4 && $(held_by n3) == 4 ]]; }
wait_until 180 balanced || { echo "the cluster did not settle at 4 cameras a node" >&2; tail -n 20 "$work"/n*/record.log >&2; exit 1; }
sleep 10  # every camera recording
counters() { sql "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'veil'"; }
sql "SELECT pg_stat_statements_reset()" >/dev/null
IFS='|' read -r commits0 rows0 <<<"$(counters)"
start=$(now_us)
sleep "$seconds"
IFS='|' read -r commits1 rows1 <<<"$(counters)"
end=$(now_us)
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')

echo "3 nodes x 4 cameras (320x240, ${segment} s segments), ${elapsed} s measured"
awk -v c=$((commits1 - commits0)) -v r=$((rows1 - rows0)) -v s="$elapsed" \
    'BEGIN { printf "PostgreSQL: %.1f transactions/s, %.1f rows written/s\n", c / s, r / s }'
echo "statements (calls/s, mean server ms):"
sql "SELECT round(calls / $elapsed, 2) || ' /s  ' || round(mean_exec_time::numeric, 3) || ' ms  ' ||
            regexp_replace(left(regexp_replace(query, '\s+', ' ', 'g'), 90), '\s+$', '')
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'veil') AND calls > 1
       AND query NOT ILIKE '%pg_stat%' ORDER BY calls DESC LIMIT 14" | sed 's/^/  /'

# Commit latency: local commit (SQLite recorded_us) to PostgreSQL's committed_at, per segment.
sql "SELECT node, local_id, (extract(epoch FROM committed_at) * 1e6)::bigint FROM segments
     WHERE committed_at >= to_timestamp($start / 1e6) AND committed_at < to_timestamp($end / 1e6)" > "$work/committed"
/usr/bin/python3 - "$work" <<'PY'
import sqlite3, statistics, sys
work = sys.argv[1]
committed = {}
for line in open(f"{work}/committed"):
    node, local_id, at = line.strip().split("|")
    committed[(node, int(local_id))] = int(at)
latencies = []
for node in ("n1", "n2", "n3"):
    catalog = sqlite3.connect(f"file:{work}/{node}/data/catalog.sqlite?mode=ro", uri=True)
    for local_id, recorded in catalog.execute("SELECT id, recorded_us FROM segments"):
        if (node, local_id) in committed:
            latencies.append((committed[(node, local_id)] - recorded) / 1000)
latencies.sort()
if latencies:
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"commit latency, local catalog to PostgreSQL, {len(latencies)} segments: "
          f"p50 {p(0.50):.0f} ms, p99 {p(0.99):.0f} ms, max {latencies[-1]:.0f} ms")
PY
echo "overlapping primaries: $(overlapping_primaries); gaps: $(sql "SELECT count(*) FROM gaps")"
