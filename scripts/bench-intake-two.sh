#!/usr/bin/env bash
# Intake under concurrency: two PrivacyDesk instances (Release, Production mode, rate limits off) on one throwaway
# PostgreSQL 15 cluster, loopback only; benchmarks/PrivacyDesk.Bench posts full submissions (form → review with two
# ~1 MB images and a PDF → submit → receipt) to both, half the workers each, and counts every non-2xx answer. Then
# the database is asked whether the reference numbers of the year are unique and gap-free. Usage:
#   bash scripts/bench-intake-two.sh [count] [concurrency]
# APP_DLL may name another build of PrivacyDesk.Tools.dll, run as `bench-host` (for a before/after comparison); a build
# from before the tools left the product is its PrivacyDesk.Web.dll, run as it is (it mapped /bench/echo itself).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
concurrency=${2:-32}
work=$(mktemp -d /tmp/privacydesk-bench2.XXXXXX)
# The cluster lives outside the private temp folder: the server runs as the postgres user.
pg="/tmp/pd-pg-bench2.$$"
apps=()
cleanup() {
    for app in "${apps[@]}"; do kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; done
    bash scripts/pg-cluster.sh stop "$pg" || true
    if [ -n "${KEEP_LOGS:-}" ]; then rm -rf /tmp/bench2-logs; cp -r "$work/logs" /tmp/bench2-logs || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${APP_DLL:-}" ]; then
    dotnet build tools/PrivacyDesk.Tools -c Release -nologo -v quiet >/dev/null
    APP_DLL=tools/PrivacyDesk.Tools/bin/Release/net10.0/PrivacyDesk.Tools.dll
fi
host_command=()
[[ "$APP_DLL" == *PrivacyDesk.Tools.dll ]] && host_command=(bench-host)
dotnet build benchmarks/PrivacyDesk.Bench -c Release -nologo -v quiet >/dev/null

eval "$(bash scripts/pg-cluster.sh start "$pg")"
connection="$PRIVACYDESK_TEST_POSTGRES"
psql_port=$(cat "$pg/port")
master_key=$(head -c 32 /dev/urandom | base64)
chain_key=$(head -c 32 /dev/urandom | base64)

start_instance() {
    local port=$1 name=$2
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Postgres Database__ConnectionString="$connection" Database__DataDirectory="$work/data-$name" \
    Documents__MasterKey="$master_key" Audit__ChainKey="$chain_key" Logging__Directory="$work/logs/$name" Logging__Console=false \
    Benchmark__EchoEndpoint=true AbuseProtection__PostsPerMinute=1000000 AbuseProtection__StatusLookupsPerMinute=1000000 \
    Smtp__Enabled=false \
    dotnet "$APP_DLL" "${host_command[@]}" --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/PrivacyDesk.Web" >"$work/app-$name.log" 2>&1 &
    apps+=($!)
}

start_instance 5181 a
sleep 3 # let the first one migrate the empty database
start_instance 5182 b
for port in 5181 5182; do
    for _ in $(seq 1 90); do
        curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
        sleep 1
    done
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work"/app-*.log; exit 1; }
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); app: $APP_DLL"
status=0
dotnet benchmarks/PrivacyDesk.Bench/bin/Release/net10.0/PrivacyDesk.Bench.dll \
    --base "http://127.0.0.1:5181,http://127.0.0.1:5182" --count "$count" --concurrency "$concurrency" --no-echo || status=$?

psql -h 127.0.0.1 -p "$psql_port" -U postgres -d postgres -At -F ' ' -c "
    SELECT 'requests', count(*), 'distinct numbers', count(DISTINCT \"ReferenceNumber\"),
           'highest', max(right(\"ReferenceNumber\", 6)::int), 'counter', (SELECT max(\"LastValue\") FROM \"ReferenceCounters\"),
           'documents', (SELECT count(*) FROM \"Documents\"), 'outbox', (SELECT count(*) FROM \"Outbox\")
    FROM \"Requests\""
echo "HTTP 5xx logged by the instances: $(cat "$work"/logs/*/*.json 2>/dev/null | grep -c '"StatusCode":5' || true)"
exit $status
