#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 cluster on a free loopback port, for tests and benchmarks.
#   eval "$(scripts/pg-cluster.sh start /tmp/pd-pg)"   # prints: export PRIVACYDESK_TEST_POSTGRES=...
#   scripts/pg-cluster.sh stop /tmp/pd-pg
#   scripts/pg-cluster.sh pause /tmp/pd-pg    # stops the server and keeps its data (benchmarks' seeded stores)
#   eval "$(scripts/pg-cluster.sh resume /tmp/pd-pg)"  # starts a paused cluster again, on a free port
# As root it runs the server as the postgres user (initdb refuses root). fsync is off: the data is thrown away.
set -euo pipefail

action=${1:?usage: pg-cluster.sh start|stop|pause|resume DIR}
dir=${2:?usage: pg-cluster.sh start|stop|pause|resume DIR}

find_bin() {
    local found
    for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [ -x "$candidate/pg_ctl" ]; then echo "$candidate"; return 0; fi
    done
    found=$(command -v pg_ctl || true)
    if [ -n "$found" ]; then dirname "$found"; return 0; fi
    echo "PostgreSQL server binaries not found: install postgresql-15 (apt-get install postgresql-15)" >&2
    return 1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    local port
    for port in $(seq 54320 54399); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "no free port in 54320-54399" >&2
    return 1
}

bin=$(find_bin)
case "$action" in
    start|resume)
        if [ "$action" = start ] || [ ! -f "$dir/data/PG_VERSION" ]; then
            rm -rf "$dir"
            mkdir -p "$dir"
            if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
            as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
                || { cat "$dir/initdb.log" >&2; exit 1; }
        fi
        port=$(free_port)
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
        echo "$port" >"$dir/port"
        echo "export PRIVACYDESK_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50'"
        ;;
    stop)
        if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
        rm -rf "$dir"
        ;;
    pause)
        if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
        ;;
    *)
        echo "usage: pg-cluster.sh start|stop|pause|resume DIR" >&2
        exit 2
        ;;
esac
