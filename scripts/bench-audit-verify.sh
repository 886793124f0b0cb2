#!/usr/bin/env bash
# Audit-chain verification benchmark: seeds N chained audit events with `seed-audit` (SQLite in a temp folder, then a
# throwaway PostgreSQL 15 cluster) and times `verify-audit` several times on each. Usage:
#   bash scripts/bench-audit-verify.sh [events] [runs]
# The figure that counts is the one verify-audit prints itself ("verified in X s": the walk, without process start-up);
# the script also prints the whole command's wall time.
# BENCH_DIR=/path keeps both seeded stores (the SQLite file and a stopped PostgreSQL cluster) and their keys there and
# reuses them on the next run with the same size (seeding a million events takes many minutes); SEED_ONLY=1 seeds (or
# migrates the reused stores) and stops before timing.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
runs=${2:-3}
if [ -n "${BENCH_DIR:-}" ]; then
    work=$BENCH_DIR
    mkdir -p "$work"
    trap 'scripts/pg-cluster.sh pause "$work/pg" >/dev/null 2>&1 || true' EXIT
else
    work=$(mktemp -d /tmp/privacydesk-audit-bench.XXXXXX)
    trap 'scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
fi
chmod 755 "$work"
# The same keys for both providers' runs: a shared database (PostgreSQL) refuses to start without them configured.
# Kept beside reused stores: the chain of a reused store verifies only with the key that sealed it.
[ -f "$work/keys" ] || printf '%s\n%s\n' "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" >"$work/keys"
master_key=$(sed -n 1p "$work/keys")
chain_key=$(sed -n 2p "$work/keys")

dotnet build tools/PrivacyDesk.Tools -c Release -nologo -v quiet >/dev/null
dll=tools/PrivacyDesk.Tools/bin/Release/net10.0/PrivacyDesk.Tools.dll

app() {
    local provider=$1 connection=$2
    shift 2
    # The tools run the app's own commands too (verify-audit); seed-audit appends made-up events, Development only.
    ASPNETCORE_ENVIRONMENT=Development Documents__MasterKey="$master_key" Audit__ChainKey="$chain_key" Database__Provider="$provider" Database__ConnectionString="$connection" Database__DataDirectory="$work/data" \
    Logging__Directory="$work/logs" Logging__Console=false Retention__WorkerEnabled=false \
        dotnet "$dll" "$@" --contentRoot "$PWD/src/PrivacyDesk.Web"
}

bench() {
    local provider=$1 connection=$2
    if [ -f "$work/$provider.seeded" ] && [ "$(cat "$work/$provider.count" 2>/dev/null)" = "$events" ]; then
        echo "== $provider: reusing $(cat "$work/$provider.seeded")"
        app "$provider" "$connection" migrate | tail -n 1
    else
        echo "== $provider: seed-audit --events $events"
        app "$provider" "$connection" seed-audit --events "$events" | tail -n 1 | tee "$work/$provider.seeded"
        echo "$events" >"$work/$provider.count"
    fi
    [ -n "${SEED_ONLY:-}" ] && return 0
    for i in $(seq 1 "$runs"); do
        local start end
        start=$(date +%s.%N)
        app "$provider" "$connection" verify-audit | head -n 1
        end=$(date +%s.%N)
        echo "   run $i: whole command $(echo "$end - $start" | bc) s"
    done
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$work/Sqlite.seeded" ] && [ "$(cat "$work/Sqlite.count" 2>/dev/null)" = "$events" ] || rm -rf "${work:?}/data" "$work/Sqlite.seeded"
bench Sqlite ""
echo "   SQLite file: $(du -h "$work/data/privacydesk.db" | cut -f1)"

# A half-seeded or differently sized cluster is never resumed (seed-audit would add to it).
if [ -n "${BENCH_DIR:-}" ] && [ -f "$work/pg/data/PG_VERSION" ] && [ -f "$work/Postgres.seeded" ] && [ "$(cat "$work/Postgres.count" 2>/dev/null)" = "$events" ]; then
    eval "$(scripts/pg-cluster.sh resume "$work/pg")"
else
    rm -f "$work/Postgres.seeded"
    eval "$(scripts/pg-cluster.sh start "$work/pg")"
fi
bench Postgres "$PRIVACYDESK_TEST_POSTGRES"
# The floor on PostgreSQL: the server's ordered read of every event's columns and their transfer, in as many ranges at
# once as the verifier uses (one per core), with no parsing or hashing on the client (COPY … binary to /dev/null).
if [ -z "${SEED_ONLY:-}" ]; then
    port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PRIVACYDESK_TEST_POSTGRES")
    columns='"Sequence", "OccurredAt", "ActorId", "ActorRole", "Action", "RequestId", "Details", "IpAddress", "ChainKeyId", "PreviousHash", "Hash"'
    ranges=$(nproc)
    for i in $(seq 1 "$runs"); do
        start=$(date +%s.%N)
        for r in $(seq 0 $((ranges - 1))); do
            psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "\\copy (SELECT $columns FROM \"AuditEvents\" WHERE \"Sequence\" > $((events * r / ranges)) AND \"Sequence\" <= $((events * (r + 1) / ranges)) ORDER BY \"Sequence\") TO '/dev/null' WITH (FORMAT binary)" &
        done
        wait
        end=$(date +%s.%N)
        echo "   bare ordered read, $ranges ranges at once (COPY binary to /dev/null, no parsing or hashing): $(printf "%.3f" "$(echo "$end - $start" | bc)") s"
    done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
