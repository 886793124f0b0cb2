#!/usr/bin/env bash
# Intake benchmark: starts PrivacyDesk through the tools' bench-host (the whole app plus the /bench/echo baseline, which
# the product itself does not have; Release, Staging, SQLite in a temp folder, rate limits off) on a loopback port, runs benchmarks/PrivacyDesk.Bench against it, and stops it. Usage:
#   bash scripts/bench-intake.sh [count] [concurrency]
# APP_DLL may name another build's PrivacyDesk.Tools.dll (an old build copied aside, for a before/after comparison; then
# nothing is built for the app), BENCH_PORT another port than 5180 (two runs at once), APP_ENV extra environment for the
# app's process (e.g. APP_ENV="DOTNET_GCConserveMemory=5", to compare runtime settings on one build; a build from before
# ADR 0031, whose tools' host has no GC settings, needs APP_ENV=DOTNET_gcServer=1 to run with the product's server GC).
# RSS_DETAIL=1 samples /proc/<app>/status every 0.2 s and prints, after the peak RSS line, what the highest sample was made
# of (anonymous memory: the GC's heaps and native allocations; mapped files: assemblies; shared memory: the JIT's code).
# WARMUP=N first runs N intake submissions (no echo, output prefixed "warm-up: ") so that the measured run sees a warmed
# app: the JIT's tier-up lasts ~100 submissions (docs/benchmarks/intake.md, session 8). scripts/bench.sh sets none.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200}
concurrency=${2:-8}
work=$(mktemp -d /tmp/privacydesk-bench.XXXXXX)
port=${BENCH_PORT:-5180}
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; [ -n "${KEEP_LOGS:-}" ] && cp "$work/logs/"*.json /tmp/bench-app-log.json; rm -rf "$work"' EXIT

if [ -z "${APP_DLL:-}" ]; then
    dotnet build tools/PrivacyDesk.Tools -c Release -nologo -v quiet >/dev/null
    APP_DLL=tools/PrivacyDesk.Tools/bin/Release/net10.0/PrivacyDesk.Tools.dll
fi
dotnet build benchmarks/PrivacyDesk.Bench -c Release -nologo -v quiet >/dev/null

# Staging: Production's pipeline without the HTTPS redirect and Secure-only cookies, which plain HTTP on loopback cannot
# satisfy (behind the documented TLS-terminating proxy, Production behaves the same).
# The collector is the product's: the tools' host imports the web app's GarbageCollection.props (ADR 0031), so its
# runtimeconfig.json has the same System.GC.* settings (GarbageCollectionSettingsTests); nothing is forced here.
# shellcheck disable=SC2086 # APP_ENV is a list of words
env ${APP_ENV:-} ASPNETCORE_ENVIRONMENT=Staging \
Database__DataDirectory="$work/data" Logging__Directory="$work/logs" Logging__Console=false \
AbuseProtection__PostsPerMinute=1000000 AbuseProtection__StatusLookupsPerMinute=1000000 \
Smtp__Enabled=false \
dotnet "$APP_DLL" bench-host --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/PrivacyDesk.Web" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do
    kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 1
done

if [ -n "${RSS_DETAIL:-}" ]; then
    (
        best=0
        while kill -0 "$app" 2>/dev/null; do
            sample=$(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } /^RssShmem/ { s = $2 } END { print r, a, f, s }' "/proc/$app/status" 2>/dev/null) || break
            rss=${sample%% *}
            if [ -n "$rss" ] && [ "$rss" -gt "$best" ]; then best=$rss; echo "$sample" >"$work/rss-peak"; fi
            sleep 0.2
        done
    ) &
    sampler=$!
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
if [ -n "${WARMUP:-}" ]; then
    dotnet benchmarks/PrivacyDesk.Bench/bin/Release/net10.0/PrivacyDesk.Bench.dll \
        --base "http://127.0.0.1:$port" --count "$WARMUP" --concurrency "$concurrency" --app-pid "$app" --no-echo | sed 's/^/warm-up: /'
fi
dotnet benchmarks/PrivacyDesk.Bench/bin/Release/net10.0/PrivacyDesk.Bench.dll \
    --base "http://127.0.0.1:$port" --count "$count" --concurrency "$concurrency" --sqlite "$work/data/privacydesk.db" --app-pid "$app"
# The app's high-water mark of resident memory over the whole load (the bench-host process is the app itself).
echo "app peak RSS: $(( $(awk '/VmHWM/ { print $2 }' "/proc/$app/status") / 1024 )) MB"
if [ -n "${RSS_DETAIL:-}" ]; then
    kill "$sampler" 2>/dev/null || true
    read -r rss anon file shmem <"$work/rss-peak"
    echo "app memory at the highest sample: RSS $((rss / 1024)) MB = anonymous $((anon / 1024)) + files $((file / 1024)) + shared (JIT code) $((shmem / 1024)) MB"
    # Whole run (start-up, warm-up, echo and intake): user and system CPU time and minor page faults of the app.
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "app CPU over the whole run: user %.1f s, system %.1f s; minor page faults %d\n", $12 / hz, $13 / hz, $8 }' "/proc/$app/stat"
fi
