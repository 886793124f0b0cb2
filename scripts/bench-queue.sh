#!/usr/bin/env bash
# Staff-queue benchmark: seeds a small and a large database with seed-demo (tools/PrivacyDesk.Tools), then runs
# benchmarks/PrivacyDesk.QueueBench, which times StaffQueueQuery on both side by side and reports p50/p95 per scenario
# and the large/small p95 ratio (goal, issue 17: at most 1.3x). Usage:
#   bash scripts/bench-queue.sh [sqlite|postgres|both] [small=1000] [large=1000000] [iterations=200]
# BENCH_DIR=/path keeps the seeded databases there and reuses them on the next run (seeding 1,000,000 takes minutes).
# EXPLAIN=1 prints the query plans on the large database instead of timing; SEED_ONLY=1 seeds (or migrates the reused
# stores) and stops before timing.
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
    # With BENCH_DIR the seeded PostgreSQL cluster is kept (stopped) for the next run; otherwise it is removed.
    if [ -n "${BENCH_DIR:-}" ]; then
        scripts/pg-cluster.sh pause "$work/pg" >/dev/null 2>&1 || true
    else
        [ -d "$work/pg" ] && scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
    fi
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
    if [ -f "$work/$name.seeded" ] && [ "$(cat "$work/$name.count" 2>/dev/null)" = "$count" ]; then
        echo "$name: reusing $(cat "$work/$name.seeded")"
        # The schema may have moved on since the store was seeded: apply the product's pending migrations first.
        env "$@" ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$work/$name" Logging__Directory="$work/$name/logs" Logging__Console=false \
            "${app[@]}" migrate --contentRoot "$root/src/PrivacyDesk.Web" | tail -n 1
        return
    fi

    rm -rf "${work:?}/$name" "$work/$name.seeded" "$work/$name.count"
    echo "$name: seed-demo --requests $count"
    # seed-demo writes made-up requests and so runs only in Development.
    env "$@" ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$work/$name" Logging__Directory="$work/$name/logs" Logging__Console=false \
        "${app[@]}" seed-demo --requests "$count" --contentRoot "$root/src/PrivacyDesk.Web" | tail -n 1 | tee "$work/$name.seeded"
    echo "$count" >"$work/$name.count"
}

if [ "$providers" = sqlite ] || [ "$providers" = both ]; then
    seed sqlite-small "$small"
    seed sqlite-large "$large"
    if [ -z "${SEED_ONLY:-}" ]; then
    echo
    echo "== SQLite"
    "${bench[@]}" --provider Sqlite --iterations "$iterations" "${explain[@]}" \
        --small "Data Source=$work/sqlite-small/privacydesk.db;Mode=ReadOnly" \
        --large "Data Source=$work/sqlite-large/privacydesk.db;Mode=ReadOnly"
    fi
fi

if [ "$providers" = postgres ] || [ "$providers" = both ]; then
    # A throwaway cluster (pg-cluster.sh: fsync off, loopback only). With BENCH_DIR the cluster of an earlier run is
    # resumed with its seeded databases and their keys; without it, or when it is missing, a fresh one is made.
    # A half-seeded or differently sized cluster is never resumed (seed-demo would add to it).
    if [ -n "${BENCH_DIR:-}" ] && [ -f "$work/pg/data/PG_VERSION" ] && [ -f "$work/pg-keys" ] \
        && [ -f "$work/postgres-small.seeded" ] && [ "$(cat "$work/postgres-small.count" 2>/dev/null)" = "$small" ] \
        && [ -f "$work/postgres-large.seeded" ] && [ "$(cat "$work/postgres-large.count" 2>/dev/null)" = "$large" ]; then
        eval "$(scripts/pg-cluster.sh resume "$work/pg")"
    else
        rm -f "$work/postgres-small.seeded" "$work/postgres-large.seeded" "$work/pg-keys"
        eval "$(scripts/pg-cluster.sh start "$work/pg")"
        port=$(cat "$work/pg/port")
        for db in pd_small pd_large; do
            psql "host=127.0.0.1 port=$port user=postgres dbname=postgres" -qc "CREATE DATABASE $db" >/dev/null
        done
        # A shared database needs its keys configured (the app refuses to start without them); kept for a resumed run.
        printf '%s\n%s\n' "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" >"$work/pg-keys"
    fi
    port=$(cat "$work/pg/port")
    keys=(Documents__MasterKey="$(sed -n 1p "$work/pg-keys")" Audit__ChainKey="$(sed -n 2p "$work/pg-keys")")
    seed postgres-small "$small" "${keys[@]}" Database__Provider=Postgres Database__ConnectionString="${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_small}"
    seed postgres-large "$large" "${keys[@]}" Database__Provider=Postgres Database__ConnectionString="${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_large}"
    [ -n "${SEED_ONLY:-}" ] && exit 0
    psql "host=127.0.0.1 port=$port user=postgres dbname=pd_large" -qc "VACUUM ANALYZE" >/dev/null
    psql "host=127.0.0.1 port=$port user=postgres dbname=pd_small" -qc "VACUUM ANALYZE" >/dev/null
    echo
    echo "== PostgreSQL 15"
    "${bench[@]}" --provider Postgres --iterations "$iterations" "${explain[@]}" \
        --small "${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_small}" \
        --large "${PRIVACYDESK_TEST_POSTGRES/Database=postgres/Database=pd_large}"
fi
