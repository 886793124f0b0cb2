#!/usr/bin/env bash
# Start-up to the first 200 of /health/ready, two builds alternated start by start on the same store (issue 17,
# docs/benchmarks/startup.md). Each start is scripts/bench.sh's start_app (Staging, SQLite in DATA_DIR, workers off);
# the figure is the wall time from the process start to the first 200 and the process's CPU time at that moment.
# Usage:
#   bash scripts/bench-startup.sh OLD_BUILD_DIR NEW_BUILD_DIR DATA_DIR [starts=10] [port=5302]
# where a build dir is a copy of src/PrivacyDesk.Web/bin/Release/net10.0 (e.g. cp -a … /tmp/old-web before a change).
# EMPTY=1: every start gets a new, empty store (DATA_DIR/run.XXXXXX, removed after the start), so that every start applies
# every migration, as bench.sh's empty-store row does; otherwise all starts share DATA_DIR (up to date after the first).
# OLD_ENV / NEW_ENV: extra environment for that build's starts (e.g. NEW_ENV="DOTNET_TieredPGO=0"), to compare runtime
# settings on one build.
# Prints one line per start ("old|new WALL_MS CPU_MS load L") and the medians at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
old=$1 new=$2 dir=$3 starts=${4:-10} port=${5:-5302}
mkdir -p "$dir"

# start_once BUILD_DIR [VAR=VALUE...]: prints "WALL_MS CPU_MS" or fails.
start_once() {
    local web=$1 start pid dir=$dir
    shift
    if [ -n "${EMPTY:-}" ]; then
        dir=$(mktemp -d "$dir/run.XXXXXX")
    fi
    start=$(date +%s%N)
    ASPNETCORE_ENVIRONMENT=Staging Database__DataDirectory="$dir" Logging__Directory="$dir/logs" Logging__Console=false \
    AbuseProtection__PostsPerMinute=1000000 AbuseProtection__StatusLookupsPerMinute=1000000 \
    Smtp__Enabled=false Digest__Enabled=false Retention__WorkerEnabled=false \
        env "$@" dotnet "$web/PrivacyDesk.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/PrivacyDesk.Web" >"$dir/app.out" 2>&1 &
    pid=$!
    for _ in $(seq 1 6000); do
        if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/app.out" >&2; return 1; fi
        if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then
            local ms=$(( ($(date +%s%N) - start) / 1000000 ))
            # utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat).
            local cpu
            cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$pid/stat")
            kill "$pid"; wait "$pid" 2>/dev/null
            [ -n "${EMPTY:-}" ] && rm -rf "$dir"
            echo "$ms $cpu"
            return 0
        fi
        sleep 0.02
    done
    kill "$pid"; wait "$pid" 2>/dev/null
    return 1
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); store $dir"
for _ in $(seq 1 "$starts"); do
    for build in old new; do
        dir_of=$old extra=${OLD_ENV:-}
        [ "$build" = new ] && dir_of=$new extra=${NEW_ENV:-}
        # shellcheck disable=SC2086 # the extra environment is a list of words
        figure=$(start_once "$dir_of" $extra) || { echo "$build: start failed" >&2; exit 1; }
        echo "$build $figure load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
    done
done
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for build in old new; do
    wall=$(awk -v b="$build" '$1 == b { print $2 }' "$results" | median)
    cpu=$(awk -v b="$build" '$1 == b { print $3 }' "$results" | median)
    echo "$build: median start-up to ready $wall ms, CPU $cpu ms"
done
