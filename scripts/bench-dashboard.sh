#!/usr/bin/env bash
# Dashboard benchmark: the dashboard's figures (DashboardQuery, through the `dashboard` admin command, a fresh
# DbContext per run) on SQLite with SMALL and LARGE request counts, side by side in one run; each store is also timed
# counting its rows (`dashboard --full-count`, the way the page worked before ADR 0027) as the baseline. Usage:
#   bash scripts/bench-dashboard.sh [small=1000] [large=1000000] [base=20000] [repeat=20]
# seed-demo creates `small` and `base` realistic requests through the domain; the large store is then grown to `large`
# by copying Requests rows (and FeePayments rows) in SQL with new ids and reference numbers, because seeding a million
# requests through the domain takes over an hour on this machine. The copies keep the seeded mix of statuses,
# families, deadlines, close times and payment months. Rows copied in SQL bypass the app, so the dashboard's counters are
# then rebuilt from the rows with `recount-dashboard` (as after any change made outside the app).
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-1000}
large=${2:-1000000}
base=${3:-20000}
repeat=${4:-20}
work=$(mktemp -d /tmp/privacydesk-bench-dashboard.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build tools/PrivacyDesk.Tools -c Release -nologo -v quiet >/dev/null
app() {
    local dir=$1
    shift
    # The tools run the app's own commands too. seed-demo writes made-up requests and so runs only in Development (the
    # dashboard command reads alike there).
    ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$dir" Logging__Directory="$dir/logs" Logging__Console=false Digest__Enabled=false Smtp__Enabled=false \
        dotnet tools/PrivacyDesk.Tools/bin/Release/net10.0/PrivacyDesk.Tools.dll "$@" --contentRoot "$PWD/src/PrivacyDesk.Web"
}

app "$work/small" seed-demo --requests "$small" | tail -n 1
app "$work/large" seed-demo --requests "$base" | tail -n 1

db="$work/large/privacydesk.db"
columns=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_info('Requests');")
select=$(sqlite3 "$db" "SELECT group_concat(CASE name
    WHEN 'Id' THEN 'upper(hex(randomblob(4))||''-''||hex(randomblob(2))||''-''||hex(randomblob(2))||''-''||hex(randomblob(2))||''-''||hex(randomblob(6)))'
    WHEN 'ReferenceNumber' THEN '''PX-'' || printf(''%012d'', (SELECT max(rowid) FROM Requests) + rowid)'
    ELSE '\"' || name || '\"' END, ',') FROM pragma_table_info('Requests');")
payments=$(sqlite3 "$db" "SELECT group_concat(CASE name
    WHEN 'Id' THEN 'upper(hex(randomblob(4))||''-''||hex(randomblob(2))||''-''||hex(randomblob(2))||''-''||hex(randomblob(2))||''-''||hex(randomblob(6)))'
    ELSE '\"' || name || '\"' END, ',') FROM pragma_table_info('FeePayments');")
paymentColumns=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_info('FeePayments');")
started=$(date +%s)
while :; do
    count=$(sqlite3 "$db" "SELECT count(*) FROM Requests;")
    [ "$count" -ge "$large" ] && break
    take=$(( large - count < count ? large - count : count ))
    sqlite3 "$db" "PRAGMA synchronous=OFF; BEGIN;
        INSERT INTO Requests ($columns) SELECT $select FROM Requests ORDER BY rowid LIMIT $take;
        INSERT INTO FeePayments ($paymentColumns) SELECT $payments FROM FeePayments ORDER BY rowid LIMIT (SELECT count(*) * $take / $count FROM FeePayments);
        COMMIT;"
done
sqlite3 "$db" "ANALYZE;"
app "$work/large" recount-dashboard | tail -n 1
app "$work/small" recount-dashboard --check | tail -n 1
echo "grown to $(sqlite3 "$db" 'SELECT count(*) FROM Requests;') requests, $(sqlite3 "$db" 'SELECT count(*) FROM FeePayments;') payments in $(( $(date +%s) - started )) s"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

for round in 1 2; do
    echo "--- round $round: $small requests"
    app "$work/small" dashboard --repeat "$repeat" | tail -n 1
    echo "--- round $round: $large requests"
    app "$work/large" dashboard --repeat "$repeat" | tail -n 1
    # The baseline: the same figures counted from the rows (bench.sh reads only the "--- round" lines above).
    echo "--- baseline round $round: $small requests, full count"
    app "$work/small" dashboard --repeat "$repeat" --full-count | tail -n 1
    echo "--- baseline round $round: $large requests, full count"
    app "$work/large" dashboard --repeat "$repeat" --full-count | tail -n 1
done
