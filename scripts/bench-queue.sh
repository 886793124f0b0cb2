#!/usr/bin/env bash
# Staff-queue benchmark: seeds a small and a large database with seed-demo (tools/PrivacyDesk.Tools), then runs
# benchmarks/PrivacyDesk.QueueBench, which times StaffQueueQuery on both side by side and reports p50/p95 per scenario
# and the large/small p95 ratio (goal: at most 2x). Usage:
#   bash scripts/bench-queue.sh [sqlite|postgres|both] [small=1000] [large=1000000] [iterations=200]
# BENCH_DIR=/path keeps the seeded databases there and reuses them on the next run (seeding 1,000,000 takes minutes).
# EXPLAIN=1 prints the query plans on the large database instead of timing.
set -euo pipefail
cd "$(dirname "$0")/.."
providers=${1:-both}
small=${2:-1000}
large=${3:-1000000}
iterations=${4:-200}
root=$PWD

if [ -n "${BENCH_DIR:-}" ]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d /tmp/privacydesk-queue-bench.XXXXXX)
fi
chmod 755 "$work"
cleanup() {
    [ -d "$work/pg" ] && scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
    [ -z "${BENCH_DIR:-}" ] && rm -rf "$work"
    return 0
}
trap cleanup EXIT

dotnet build tools/PrivacyDesk.Tools -c Release -nologo -v quiet >/dev/null
dotnet build benchmarks/PrivacyDesk.QueueBench -c Release -nologo -v quiet >/dev/null
app=(dotnet "$root/tools/PrivacyDesk.Tools/bin/Release/net10.0/PrivacyDesk.Tools.dll")
bench=(dotnet "$root/benchmarks/PrivacyDesk.QueueBench/bin/Release/net10.0/PrivacyDesk.QueueBench.dll")
explain=()
[ -n "${EXPLAIN:-}" ] && explain=(--explain)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"

# seed NAME COUNT [env...]: runs seed-demo once into its own data directory; a marker file makes reruns skip it.
seed() {
    local name=$1 count=$2
    shift 2
    if [ -f "$work/$name.seeded" ]; then
        echo "$name: reusing $(cat "$work/$name.seeded")"
        return
    fi

    echo "$name: seed-demo --requests $count"
    # seed-demo writes made-up requests and so runs only in Development.
    env "$@" ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$work/$name" Logging__Directory="$work/$name/logs" Logging__Console=false \
        "${app[@]}" seed-demo --requests "$count" --contentRoot "$root/src/PrivacyDesk.Web" | tail -n 1 | tee "$work/$name.seeded"
}

if [ "$providers" = sqlite ] || [ "$providers" = both ]; then
    seed sqlite-small "$small"
    seed sqlite-large "$large"
    echo
    echo "== SQLite"
    "${bench[@]}" --provider Sqlite --iterations "$iterations" "${explain[@]}" \
        --small "Data Source=$work/sqlite-small/privacydesk.db;Mode=ReadOnly" \
        --large "Data Source=$work/sqlite-large/privacydesk.db;Mode=ReadOnly"
fi

if [ "$providers" = postgres ] || [ "$providers" = both ]; then
    # A fresh throwaway cluster every run (pg-cluster.sh: fsync off, loopback only); BENCH_DIR reuse is SQLite only.
    rm -f "$work/postgres-small.seeded" "$work/postgres-large.seeded"
    eval "$(scripts/pg-cluster.sh start "$work/pg")"
    port=$(cat "$work/pg/port")
    for db in pd_small pd_large; do
        psql "host=127.0.0.1 port=$port user=postgres dbname=postgres" -qc "CREATE DATABASE $db" >/dev/null
    done

    # A shared database needs its keys configured (the app refuses to start without them).
    keys=(Documents__MasterKey="$(head -c 32 /dev/urandom | base64)" Audit__ChainKey="$(head -c 32 /dev/urandom | base64)")
    seed postgres-small "$small" "${keys[@]}" Database__Provider=Postgres Database__ConnectionString="${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_small}"
    seed postgres-large "$large" "${keys[@]}" Database__Provider=Postgres Database__ConnectionString="${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_large}"
    psql "host=127.0.0.1 port=$port user=postgres dbname=pd_large" -qc "VACUUM ANALYZE" >/dev/null
    psql "host=127.0.0.1 port=$port user=postgres dbname=pd_small" -qc "VACUUM ANALYZE" >/dev/null
    echo
    echo "== PostgreSQL 15"
    "${bench[@]}" --provider Postgres --iterations "$iterations" "${explain[@]}" \
        --small "${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_small}" \
        --large "${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_large}"
fi
