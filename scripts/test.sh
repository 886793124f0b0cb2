#!/usr/bin/env bash
# The test command: every test project, on SQLite and on a real PostgreSQL 15 cluster that this script starts and
# removes. Ends with one line "N passed, N failed".
# The solution is built once; dotnet test then runs the three test assemblies side by side. The PostgreSQL cases are
# required here (PRIVACYDESK_REQUIRE_POSTGRES=1): a cluster that cannot be reached fails them instead of skipping them.
set -uo pipefail
cd "$(dirname "$0")/.."
export PRIVACYDESK_REQUIRE_POSTGRES=1
started=$SECONDS

work=$(mktemp -d /tmp/privacydesk-test.XXXXXX)
chmod 755 "$work"
cleanup() { scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT

if ! exports=$(scripts/pg-cluster.sh start "$work/pg"); then
    echo "could not start the PostgreSQL test cluster" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
eval "$exports"
echo "PostgreSQL test cluster on port $(cat "$work/pg/port")"

dotnet build PrivacyDesk.sln -c Release -nologo -v quiet 2>&1 | tail -n 20
build_status=${PIPESTATUS[0]}
built=$SECONDS
echo "build: $((built - started)) s"
if [ "$build_status" != 0 ]; then
    echo "build failed"
    echo "0 passed, 1 failed"
    exit 1
fi

dotnet test PrivacyDesk.sln -c Release --no-build -nologo --logger "console;verbosity=normal" --results-directory "$work/results" "$@" \
    2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
echo "tests: $((SECONDS - built)) s, total: $((SECONDS - started)) s"

# Sum the per-assembly summaries ("Failed!  - Failed: 1, Passed: 9, ...") into the one line CI reads.
passed=$(grep -Eo 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
    # A crashed test host prints no summary: count it as a failure rather than report a clean run.
    failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
