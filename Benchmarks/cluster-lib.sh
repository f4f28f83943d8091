# Shared by Benchmarks/cluster-*.sh: a PostgreSQL 15 run as the `postgres` user on a free
# loopback port, small RTSP cameras (320x240, so CPU does not bound the measurement) and
# `veil record` nodes configured for them, all under one temporary directory removed on exit.
# Source it after setting `veil` (an absolute path to the binary).
pgbin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/veil-cluster-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    [[ -f $work/pg/postmaster.pid ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_us() { date +%s%6N; }
wait_until() {  # seconds, command...: polls the command every 0.2 s
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@"; do
        (( $(date +%s) < deadline )) || return 1
        sleep 0.2
    done
}

# start_postgres [extra postgres -c settings...]: initdb, start, create database `veil`.
start_postgres() {
    password=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
    echo "$password" > "$work/pgpass"
    chmod 644 "$work/pgpass"
    mkdir "$work/pg" && chown postgres "$work/pg"
    runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U veil -A scram-sha-256 --pwfile="$work/pgpass" -E UTF8 \
        --locale=C.UTF-8 --no-sync >/dev/null
    pgport=$(free_port)
    local options="-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off"
    for setting in "$@"; do options+=" -c $setting"; done
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -o "$options" start >/dev/null
    PGPASSWORD=$password "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U veil veil
}
sql() { PGPASSWORD=$password "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U veil -d veil -At -c "$1"; }

# start_cameras N: N RTSP cameras; sets `cameras` to their YAML list.
start_cameras() {
    ffmpeg -v error -y -i samples/library-walk-720p.mp4 -vf scale=320:240 -c:v libx264 -preset ultrafast -g 25 -bf 0 -an \
        -f h264 "$work/camera.h264"
    cameras=""
    local n port
    for ((n = 1; n <= $1; n++)); do
        port=$(free_port)
        /usr/bin/python3 scripts/rtsp-test-server.py --file "$work/camera.h264" --port "$port" --path "/cam$n" \
            > "$work/camera$n.log" 2>&1 &
        pids+=($!)
        cameras+="  - name: cam$n"$'\n'"    url: rtsp://127.0.0.1:$port/cam$n"$'\n'
    done
}

# make_node NAME [SEGMENT_SECONDS=2]: a data directory with an officer and a configuration.
make_node() {
    mkdir -p "$work/$1"
    head -c 24 /dev/urandom | base64 > "$work/$1/passphrase"
    "$veil" officer add bench --data-dir "$work/$1/data" --passphrase-file "$work/$1/passphrase" >/dev/null
    cat > "$work/$1/veil.yaml" <<YAML
cluster:
  database: {host: 127.0.0.1, port: $pgport, name: veil, user: veil, passwordFile: $work/pgpass}
  node: {name: $1, advertise: "https://127.0.0.1:8443"}
web: {listen: "127.0.0.1:0", tls: {selfSigned: true}}
dataDirectory: $work/$1/data
segmentSeconds: ${2:-2}
metrics: {listen: "127.0.0.1:0"}
redaction: {encoder: {preset: ultrafast}}
cameras:
$cameras
YAML
}

declare -A node_pid
start_node() {
    "$veil" record --config "$work/$1/veil.yaml" >> "$work/$1/record.log" 2>&1 &
    node_pid[$1]=$!
    pids+=($!)
}
held_by() { sql "SELECT count(*) FROM camera_leases WHERE node = '$1' AND expires_at > clock_timestamp()" 2>/dev/null; }
overlapping_primaries() {
    sql "SELECT count(*) FROM segments a JOIN segments b ON a.camera = b.camera AND a.kind = b.kind AND a.id < b.id
         WHERE a.role = 'primary' AND b.role = 'primary' AND a.start_us < b.end_us AND b.start_us < a.end_us"
}
