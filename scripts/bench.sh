#!/usr/bin/env bash
# The performance suite (issue 17): every row of docs/performance.md from one command, each measured side by side with
# its baseline in the same run, on this machine. Usage:
#   bash scripts/bench.sh            # full sizes (1,000 and 1,000,000 requests; 1,000,000 audit events): about an hour
#   bash scripts/bench.sh --smoke    # tiny sizes, a minute or two: proves every part still runs (CI does this)
#   bash scripts/bench.sh --out FILE # write the report somewhere else than docs/performance.md
#   bash scripts/bench.sh --parts "pages intake dashboard letters"   # only those parts (the report names the others)
# BENCH_DIR=/path keeps the seeded stores (queue: SQLite and PostgreSQL; audit events: both) there and reuses them on the
# next run of the same size, after applying any pending migration (seeding a million takes many minutes each).
#   BENCH_DIR=/path bash scripts/bench.sh --seed-only   # seeds those stores ahead of a timed run, times nothing
# It exits non-zero only when a part errs (a crash, a failed request, a lost row), never because a goal was missed:
# the report says met or not for each goal.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mode=full
seed_only=
all_parts="pages intake queue dashboard letters audit startup"
parts=$all_parts
out=docs/performance.md
while [ $# -gt 0 ]; do
    case $1 in
        --smoke) mode=smoke ;;
        --seed-only) seed_only=1 ;;
        --parts) parts=$2; shift ;;
        --out) out=$2; shift ;;
        *) echo "usage: bash scripts/bench.sh [--smoke] [--seed-only] [--parts \"NAME...\"] [--out FILE]" >&2; exit 2 ;;
    esac
    shift
done

if [ "$mode" = smoke ]; then
    small=50 large=400 base=200 audit_events=2000 intake_count=6 intake_concurrency=2 wrk_seconds=2 letter_seconds=1 queue_iterations=5 dashboard_repeat=3 runs=1 startup_starts=1
else
    small=1000 large=1000000 base=20000 audit_events=1000000 intake_count=200 intake_concurrency=8 wrk_seconds=15 letter_seconds=10 queue_iterations=200 dashboard_repeat=20 runs=3 startup_starts=5
fi

# wrk (the HTTP load generator) and sqlite3 (the dashboard store's growth) come from Debian.
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v bc >/dev/null 2>&1 || need+=(bc)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
        || { echo "bench: could not install ${need[*]}" >&2; exit 1; }
fi

if [ -n "${BENCH_DIR:-}" ]; then work=$BENCH_DIR; mkdir -p "$work"; else work=$(mktemp -d /tmp/privacydesk-bench.XXXXXX); fi
chmod 755 "$work"
logs=$work/logs
rm -rf "$logs"
mkdir -p "$logs"
rows=$logs/rows.tsv
: >"$rows"
errors=0
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
    [ -z "${BENCH_DIR:-}" ] && rm -rf "$work"
    return 0
}
trap cleanup EXIT

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
echo "bench: $mode run, work folder $work, load average $load_before"

# wanted NAME: whether the part NAME is to run (--parts).
wanted() { [[ " $parts " == *" $1 "* ]]; }
# row METRIC FIGURE BASELINE RATIO GOAL MET: one line of the report's table.
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$rows"; }
# part NAME COMMAND...: runs one part with its output in logs/NAME.log; a failing part is reported, the suite goes on.
part() {
    local name=$1
    shift
    echo "bench: $name: $*"
    printf '$ %s\n' "$*" >"$logs/$name.log"
    if ! "$@" >>"$logs/$name.log" 2>&1; then
        echo "bench: $name FAILED (see the raw output in the report)" >&2
        echo "PART FAILED" >>"$logs/$name.log"
        errors=$((errors + 1))
        return 1
    fi
}
# Arithmetic in awk, printed with a fixed number of decimals.
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "NaN"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
met() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "not met"; fi; }
# wrk prints latencies as 950.00us, 12.34ms or 1.20s.
wrk_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f\n", v }'; }

part build dotnet build PrivacyDesk.sln -c Release -nologo -v quiet || { echo "bench: the build failed" >&2; exit 1; }
if [ -n "$seed_only" ]; then
    [ -n "${BENCH_DIR:-}" ] || { echo "bench: --seed-only needs BENCH_DIR (the seeded stores would be removed at the end)" >&2; exit 2; }
    part queue env SEED_ONLY=1 BENCH_DIR="$work/queue" bash scripts/bench-queue.sh both "$small" "$large" "$queue_iterations"
    part audit env SEED_ONLY=1 BENCH_DIR="$work/audit" bash scripts/bench-audit-verify.sh "$audit_events" "$runs"
    cat "$logs/queue.log" "$logs/audit.log"
    echo "bench: seeded ($errors failed parts)"
    [ "$errors" -eq 0 ]
    exit
fi
web_dll=$root/src/PrivacyDesk.Web/bin/Release/net10.0/PrivacyDesk.Web.dll

# start_app DATA_DIR PORT: the product in its own process (SQLite in DATA_DIR) in the Staging environment: Production's
# pipeline without its HTTPS redirect and Secure-only cookies, which a TLS-terminating proxy would satisfy and plain
# HTTP on loopback cannot (the form's antiforgery cookie would never come back). Rate limits
# off so that the load generator measures the pages rather than the limiter, and the retention worker off so that
# the seeded store a later run reuses is not purged. Sets app_pid and ready_ms (the
# milliseconds from the process start to the first 200 of /health/ready).
start_app() {
    local dir=$1 port=$2 start
    ready_ms=
    mkdir -p "$dir"
    start=$(date +%s%N)
    ASPNETCORE_ENVIRONMENT=Staging Database__DataDirectory="$dir" Logging__Directory="$dir/logs" Logging__Console=false \
    AbuseProtection__PostsPerMinute=1000000 AbuseProtection__StatusLookupsPerMinute=1000000 \
    Smtp__Enabled=false Digest__Enabled=false Retention__WorkerEnabled=false \
        dotnet "$web_dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/PrivacyDesk.Web" >"$dir/app.out" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 2400); do
        if ! kill -0 "$app_pid" 2>/dev/null; then cat "$dir/app.out" >&2; app_pid=; return 1; fi
        if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then
            ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
            return 0
        fi
        sleep 0.05
    done
    return 1
}
stop_app() {
    [ -n "$app_pid" ] || return 0
    peak_rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$app_pid/status" 2>/dev/null || echo 0)
    kill "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
    app_pid=
}

# 1. The member form against the cheapest endpoint of the same process, wrk -t2 -c32, alternated twice.
pages() {
    local port=5191
    start_app "$work/pages" "$port" || return 1
    echo "start-up to /health/ready on an empty store (migrations applied): $ready_ms ms (one start; the start-up row is part 7's)"
    # Warm-up (JIT, the first page compilation, connection pools) outside the timed rounds, for both paths alike.
    for _ in $(seq 1 50); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" && curl -sf -o /dev/null "http://127.0.0.1:$port/requests/disclosure" || return 1
    done
    for round in 1 2; do
        for path in /health/live /requests/disclosure; do
            echo "--- round $round: $path"
            wrk -t2 -c32 -d"${wrk_seconds}s" --latency "http://127.0.0.1:$port$path" | tee "$logs/wrk-$round-${path//\//_}.txt"
            # A redirect or an error page is not the page: such a run measures nothing and counts as a failed part.
            if grep -q "Non-2xx or 3xx" "$logs/wrk-$round-${path//\//_}.txt"; then echo "$path answered other than 2xx"; return 1; fi
        done
    done
    curl -sf "http://127.0.0.1:$port/requests/disclosure" -o "$logs/form.html" && grep -q "__RequestVerificationToken" "$logs/form.html" || { echo "the form page did not answer with the form"; return 1; }
    echo "form page: $(wc -c <"$logs/form.html") bytes"
    stop_app
    echo "peak RSS after the form load: $((peak_rss_kb / 1024)) MB"
}
if wanted pages && part pages pages; then
    live=$(cat "$logs"/wrk-*_health_live.txt | awk '/Requests\/sec/ { print $2 }' | median)
    form=$(cat "$logs"/wrk-*_requests_disclosure.txt | awk '/Requests\/sec/ { print $2 }' | median)
    form_p99=$(cat "$logs"/wrk-*_requests_disclosure.txt | awk '$1 == "99%" { print $2 }' | wrk_ms | median)
    ratio=$(calc "100 * $form / $live" 1)
    row "Member form GET (/requests/disclosure) vs /health/live, wrk -t2 -c32" "$(calc "$form" 0) req/s, p99 ${form_p99} ms" "$(calc "$live" 0) req/s" "${ratio} %" "≥ 20 %; p99 ≤ 10 ms" "$(met "$ratio >= 20 && $form_p99 <= 10")"
fi

# 2. Intake with two ~1 MB JPEGs and a PDF against /bench/echo (the same bodies, received and parsed only), and the
#    app's peak memory under that load.
if wanted intake && part intake bash scripts/bench-intake.sh "$intake_count" "$intake_concurrency"; then
    echo_rate=$(awk '/^echo/ { for (i = 1; i <= NF; i++) if ($i == "=") print $(i + 1) }' "$logs/intake.log" | tr -d '/s;')
    intake_rate=$(awk '/^intake/ { for (i = 1; i <= NF; i++) if ($i == "=") print $(i + 1) }' "$logs/intake.log" | tr -d '/s;')
    intake_p99=$(awk '/^intake/ { for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1) }' "$logs/intake.log")
    intake_rss=$(awk '/app peak RSS/ { print $4 }' "$logs/intake.log")
    ratio=$(calc "100 * $intake_rate / $echo_rate" 1)
    row "Intake (form → review → submit, two ~1 MB JPEGs + PDF) vs /bench/echo, $intake_concurrency members" "$intake_rate/s, p99 $intake_p99 ms" "$echo_rate/s" "${ratio} %" "≥ 50 %; p99 ≤ 1,000 ms" "$(met "$ratio >= 50 && $intake_p99 <= 1000")"
    row "Peak RSS of the app under the intake load" "$intake_rss MB" "—" "—" "≤ 300 MB" "$(met "$intake_rss <= 300")"
fi

# 3. The staff queue at LARGE against SMALL requests, SQLite and PostgreSQL (seeded once per BENCH_DIR).
if wanted queue && part queue env BENCH_DIR="$work/queue" bash scripts/bench-queue.sh both "$small" "$large" "$queue_iterations"; then
    for provider in SQLite PostgreSQL; do
        worst=$(awk -v p="$provider" '/^== / { on = index($0, p) > 0 } on && /^worst p95 ratio/ { sub(/x$/, "", $4); print $4 }' "$logs/queue.log")
        whole=$(awk -v p="$provider" '/^== / { on = index($0, p) > 0 } on && /^whole mix/ { print $NF }' "$logs/queue.log" | tr -d x)
        [ -n "$worst" ] && row "Staff queue p95, $large vs $small requests, $provider (worst scenario; whole mix)" "${worst}× worst; ${whole}× whole mix" "the same scenarios at $small" "${worst}×" "≤ 1.3× every scenario" "$(met "$worst <= 1.3")"
    done
fi

# 4. The dashboard's figures at LARGE requests (SQLite).
if wanted dashboard && part dashboard bash scripts/bench-dashboard.sh "$small" "$large" "$base" "$dashboard_repeat"; then
    dash_small=$(grep -A1 -- "--- round 2: $small requests" "$logs/dashboard.log" | awk '/Timing/ { for (i = 1; i <= NF; i++) if ($i == "p95") print $(i + 1) }')
    dash_large_p50=$(grep -A1 -- "--- round 2: $large requests" "$logs/dashboard.log" | awk '/Timing/ { for (i = 1; i <= NF; i++) if ($i == "p50") print $(i + 1) }')
    dash_large=$(grep -A1 -- "--- round 2: $large requests" "$logs/dashboard.log" | awk '/Timing/ { for (i = 1; i <= NF; i++) if ($i == "p95") print $(i + 1) }')
    row "Dashboard figures at $large requests, SQLite (p50; p95)" "p50 $dash_large_p50 ms; p95 $dash_large ms" "p95 $dash_small ms at $small" "$(calc "$dash_large / ($dash_small > 0 ? $dash_small : 1)" 1)×" "p95 ≤ 100 ms" "$(met "$dash_large <= 100")"
fi

# 5. Letters: the first in a fresh process and warm one-page letters, three fresh processes.
if wanted letters && part letters bash scripts/bench-letters.sh "$letter_seconds"; then
    first=$(awk '/^first letter/ { print $5 }' "$logs/letters.log" | median)
    warm=$(awk '/^warm/ { for (i = 1; i <= NF; i++) if ($i == "ms" && $(i + 1) == "per") print $(i - 1) }' "$logs/letters.log" | median)
    cpu=$(awk '/^warm/ { for (i = 1; i <= NF; i++) if ($i == "CPU") print $(i - 2) }' "$logs/letters.log" | median)
    row "Letter, warm one-page (median of the fresh processes)" "$warm ms wall, $cpu ms CPU" "—" "—" "≤ 3 ms" "$(met "$warm <= 3")"
    row "First letter in a fresh process, \`dotnet build\` output (median of 3)" "$first ms" "—" "—" "< 300 ms" "$(met "$first < 300")"
    first_published=$(awk '/^published: first letter/ { print $6 }' "$logs/letters.log" | median)
    row "First letter in a fresh process, published with ReadyToRun (README's deployment; median of 3)" "$first_published ms" "$first ms (build output)" "$(calc "$first_published / $first" 2)×" "< 300 ms" "$(met "$first_published < 300")"
fi

# 6. The audit chain's verification over AUDIT_EVENTS events, SQLite and PostgreSQL.
if wanted audit && part audit env BENCH_DIR="$work/audit" bash scripts/bench-audit-verify.sh "$audit_events" "$runs"; then
    for provider in Sqlite Postgres; do
        seconds=$(awk -v p="$provider" '/^== / { on = ($2 == p ":") } on && /verified in/ { for (i = 1; i <= NF; i++) if ($i == "in") { v = $(i + 1); sub(/s;?$/, "", v); print v } }' "$logs/audit.log" | median)
        row "Audit chain verify, $audit_events events, $provider (median)" "$seconds s" "—" "—" "≤ 1.5 s" "$(met "$seconds <= 1.5")"
    done
fi

# 7. Start-up to /health/ready, on an empty store (every migration applied) and on the queue's LARGE SQLite store (up to
#    date), each STARTS times, alternating the build output (the README's run command) with the same code published with
#    ReadyToRun (the README's deployment), so both see the same machine.
startup() {
    local published=$work/published-web
    rm -rf "$published"
    echo "\$ dotnet publish src/PrivacyDesk.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o $published"
    dotnet publish src/PrivacyDesk.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$published" -nologo -v quiet >/dev/null || return 1
    local build_dir=$root/src/PrivacyDesk.Web/bin/Release/net10.0
    echo "--- empty store (old = dotnet build output, new = ReadyToRun publish)"
    EMPTY=1 bash scripts/bench-startup.sh "$build_dir" "$published" "$work/startup-empty" "$startup_starts" 5192 | tee "$logs/startup-empty.txt" || return 1
    if [ -f "$work/queue/sqlite-large/privacydesk.db" ]; then
        echo "--- $large-request store"
        bash scripts/bench-startup.sh "$build_dir" "$published" "$work/queue/sqlite-large" "$startup_starts" 5192 | tee "$logs/startup-large.txt" || return 1
    fi
}
startup_median() { awk -v b="$2" '$1 == b ":" { print $6 }' "$1"; }
if wanted startup && part startup startup; then
    for build in old new; do
        label="\`dotnet build\` output (README's run command)"
        [ "$build" = new ] && label="published with ReadyToRun (README's deployment)"
        empty_ms=$(startup_median "$logs/startup-empty.txt" "$build")
        if [ -f "$logs/startup-large.txt" ]; then
            large_ms=$(startup_median "$logs/startup-large.txt" "$build")
            row "Start-up to /health/ready 200 (migrations applied), $label, median of $startup_starts: empty store; $large requests" "$empty_ms ms; $large_ms ms" "—" "—" "≤ 3,000 ms on both" "$(met "$empty_ms <= 3000 && $large_ms <= 3000")"
        else
            # Without the queue's large store only the empty-store start was measured: half of the goal's check.
            row "Start-up to /health/ready 200 (migrations applied), $label, median of $startup_starts: empty store only" "$empty_ms ms" "—" "—" "≤ 3,000 ms on both" "$(met "$empty_ms <= 3000") (empty store only)"
        fi
    done
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The report.
{
    echo "# Performance"
    echo
    if [ "$mode" = smoke ]; then
        echo "**Smoke run** (tiny sizes: proves every part runs; its figures say nothing about the goals)."
        echo
    fi
    echo "Produced by \`bash scripts/bench.sh$([ "$mode" = smoke ] && echo ' --smoke')$([ "$parts" != "$all_parts" ] && echo " --parts \"$parts\"")$([ "$out" != docs/performance.md ] && echo " --out $out")\` on $started_at."
    echo
    echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM; $(dotnet --version | sed 's/^/.NET SDK /'); $(uname -sr)."
    echo "- Load average (1, 5, 15 min): $load_before before the run, $load_after after it."
    echo "- Sizes: $small and $large requests, $audit_events audit events, $intake_count intake submissions at concurrency $intake_concurrency, wrk $wrk_seconds s per round, letters $letter_seconds s warm per process."
    echo "- Parts that failed: $errors."
    not_run=$(for p in $all_parts; do wanted "$p" || printf '%s ' "$p"; done)
    [ -n "$not_run" ] && echo "- **Parts not run in this report: ${not_run% }** (\`--parts\`); their rows are missing from the table below."
    echo
    echo "| Metric | This run | Baseline in the same run | Ratio | Goal | Met |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$rows"
    echo
    echo "What each row measures, its profile and its history: [member form](benchmarks/pages.md), [intake](benchmarks/intake.md),"
    echo "[queue](benchmarks/queue.md), [dashboard](benchmarks/dashboard.md), [letters](benchmarks/letters.md),"
    echo "[audit verify](benchmarks/audit-verify.md), [start-up](benchmarks/startup.md)."
    echo "Each part's own script still runs alone (\`scripts/bench-*.sh\`); the commands are in the raw output below."
    echo
    echo "## Raw output"
    for name in build pages intake queue dashboard letters audit startup; do
        [ -f "$logs/$name.log" ] || continue
        echo
        echo "### $name"
        echo
        echo '```'
        # wrk's and the seeders' progress lines add nothing to the record.
        grep -v -E '^ +[0-9,]+ / [0-9,]+$' "$logs/$name.log" | tail -n 200
        echo '```'
    done
} >"$out"
echo "bench: wrote $out ($errors failed parts); load average $load_after"
[ "$errors" -eq 0 ]
