#!/usr/bin/env bash
# Letter generation benchmark (docs/benchmarks/letters.md): first letter in a fresh process, then warm single-threaded
# generation of one-page letters for S seconds; then once the floor, PDFsharp alone saving a one-line page in the same
# font ("bare"). Three fresh processes of the `dotnet build` output alternate with three of the same program published
# with ReadyToRun, as the README deploys the app (their lines start with "published:"). Usage:
#   bash scripts/bench-letters.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
dotnet build benchmarks/PrivacyDesk.Letters.Bench -c Release -nologo -v quiet >/dev/null
published=$(mktemp -d /tmp/privacydesk-letters-r2r.XXXXXX)
trap 'rm -rf "$published"' EXIT
echo "\$ dotnet publish benchmarks/PrivacyDesk.Letters.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o $published"
dotnet publish benchmarks/PrivacyDesk.Letters.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$published" -nologo -v quiet >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
for run in 1 2 3; do
    dotnet benchmarks/PrivacyDesk.Letters.Bench/bin/Release/net10.0/PrivacyDesk.Letters.Bench.dll bench --seconds "$seconds"
    dotnet "$published/PrivacyDesk.Letters.Bench.dll" bench --seconds "$seconds" | sed 's/^/published: /'
done
dotnet benchmarks/PrivacyDesk.Letters.Bench/bin/Release/net10.0/PrivacyDesk.Letters.Bench.dll bare --seconds "$seconds"
