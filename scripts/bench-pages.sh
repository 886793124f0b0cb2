#!/usr/bin/env bash
# The member form's row of the performance suite (issue 17), alone: GET /requests/disclosure against GET /health/live of
# the same process, wrk -t2 -c32, alternated, started the way scripts/bench.sh's pages() starts the app (Staging: the
# Production pipeline without the HTTPS redirect; rate limits lifted, mail, digest and retention worker off).
# Usage (after `dotnet build PrivacyDesk.sln -c Release`):
#   bash scripts/bench-pages.sh [SECONDS] [ROUNDS]     # defaults: 15 s per run, 2 rounds
# Settings: PAGES_DLL (another build's PrivacyDesk.Web.dll, to compare builds), PAGES_CONTENT_ROOT (its content root),
# PAGES_PORT (5193), PAGES_DIR (data folder; a fresh temporary one by default), PAGES_WARMUP (seconds of wrk on each
# path before the measured runs, 0 by default: on a loaded machine 50 requests leave most methods unoptimised).
# Prints each wrk run as wrk prints it ("--- round N: PATH" before it), then the app's CPU per request of that run, and
# last one summary line: "form: F req/s vs live L req/s: R %; form p99 P ms; CPU per form request C ms (live D ms)".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-15}
rounds=${2:-2}
dll=${PAGES_DLL:-$root/src/PrivacyDesk.Web/bin/Release/net10.0/PrivacyDesk.Web.dll}
content=${PAGES_CONTENT_ROOT:-$root/src/PrivacyDesk.Web}
port=${PAGES_PORT:-5193}
command -v wrk >/dev/null || { echo "bench-pages: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
[ -f "$dll" ] || { echo "bench-pages: no build at $dll (dotnet build PrivacyDesk.sln -c Release)" >&2; exit 1; }
if [ -n "${PAGES_DIR:-}" ]; then dir=$PAGES_DIR; mkdir -p "$dir"; own_dir=; else dir=$(mktemp -d /tmp/privacydesk-pages.XXXXXX); own_dir=$dir; fi
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    [ -n "$own_dir" ] && rm -rf "$own_dir"
    return 0
}
trap cleanup EXIT

ASPNETCORE_ENVIRONMENT=Staging Database__DataDirectory="$dir" Logging__Directory="$dir/logs" Logging__Console=false \
AbuseProtection__PostsPerMinute=1000000 AbuseProtection__StatusLookupsPerMinute=1000000 \
Smtp__Enabled=false Digest__Enabled=false Retention__WorkerEnabled=false \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$content" >"$dir/app.out" 2>&1 &
app_pid=$!
for _ in $(seq 1 2400); do
    kill -0 "$app_pid" 2>/dev/null || { cat "$dir/app.out" >&2; app_pid=; exit 1; }
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    sleep 0.05
done
for _ in $(seq 1 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && curl -sf -o /dev/null "http://127.0.0.1:$port/requests/disclosure"
done
if [ "${PAGES_WARMUP:-0}" -gt 0 ]; then
    for path in /health/live /requests/disclosure; do wrk -t2 -c32 -d"${PAGES_WARMUP}s" "http://127.0.0.1:$port$path" >/dev/null; done
fi

# The app process's CPU time (user + system) in milliseconds.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$app_pid/stat"; }
declare -A rate=() p99=() cpu=()
for round in $(seq 1 "$rounds"); do
    for path in /health/live /requests/disclosure; do
        echo "--- round $round: $path"
        before=$(cpu_ms)
        out=$(wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port$path")
        after=$(cpu_ms)
        echo "$out"
        if grep -q "Non-2xx or 3xx" <<<"$out"; then echo "bench-pages: $path answered other than 2xx" >&2; exit 1; fi
        requests=$(awk '/requests in/ { print $1 }' <<<"$out")
        per=$(awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN { printf "%.3f", (b - a) / n }')
        echo "app CPU: $(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.0f", b - a }') ms for $requests requests: $per ms per request"
        rate[$path]+="$(awk '/Requests\/sec/ { print $2 }' <<<"$out") "
        p99[$path]+="$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' <<<"$out") "
        cpu[$path]+="$per "
    done
done
curl -sf "http://127.0.0.1:$port/requests/disclosure" -o "$dir/form.html"
grep -q "__RequestVerificationToken" "$dir/form.html" || { echo "bench-pages: the form page did not answer with the form" >&2; exit 1; }
echo "form page: $(wc -c <"$dir/form.html") bytes"
echo "peak RSS: $(( $(awk '/VmHWM/ { print $2 }' "/proc/$app_pid/status") / 1024 )) MB"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
live=$(median <<<"${rate[/health/live]}")
form=$(median <<<"${rate[/requests/disclosure]}")
awk -v f="$form" -v l="$live" -v p="$(median <<<"${p99[/requests/disclosure]}")" -v c="$(median <<<"${cpu[/requests/disclosure]}")" -v d="$(median <<<"${cpu[/health/live]}")" \
    'BEGIN { printf "form: %.0f req/s vs live %.0f req/s: %.1f %%; form p99 %.2f ms; CPU per form request %.3f ms (live %.3f ms)\n", f, l, 100 * f / l, p, c, d }'
