#!/usr/bin/env bash
# Audit-chain verification benchmark: seeds N chained audit events with `seed-audit` (SQLite in a temp folder, then a
# throwaway PostgreSQL 15 cluster) and times `verify-audit` several times on each. Usage:
#   bash scripts/bench-audit-verify.sh [events] [runs]
# The figure that counts is the one verify-audit prints itself ("verified in X s": the walk, without process start-up);
# the script also prints the whole command's wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
runs=${2:-3}
work=$(mktemp -d /tmp/privacydesk-audit-bench.XXXXXX)
# The same keys for both providers' runs: a shared database (PostgreSQL) refuses to start without them configured.
master_key=$(head -c 32 /dev/urandom | base64)
chain_key=$(head -c 32 /dev/urandom | base64)
chmod 755 "$work"
trap 'scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

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
    echo "== $provider: seed-audit --events $events"
    app "$provider" "$connection" seed-audit --events "$events" | tail -n 1
    for i in $(seq 1 "$runs"); do
        local start end
        start=$(date +%s.%N)
        app "$provider" "$connection" verify-audit | head -n 1
        end=$(date +%s.%N)
        echo "   run $i: whole command $(echo "$end - $start" | bc) s"
    done
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench Sqlite ""
echo "   SQLite file: $(du -h "$work/data/privacydesk.db" | cut -f1)"

eval "$(scripts/pg-cluster.sh start "$work/pg")"
bench Postgres "$PRIVACYDESK_TEST_POSTGRES"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
