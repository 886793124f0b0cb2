#!/usr/bin/env bash
# Letter generation benchmark (docs/benchmarks/letters.md): first letter in a fresh process, then warm single-threaded
# generation of one-page letters for S seconds; then once the floor, PDFsharp alone saving a one-line page in the same
# font ("bare"). Usage: bash scripts/bench-letters.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/PrivacyDesk.Letters.Bench -c Release -nologo -v quiet >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
for run in 1 2 3; do
    dotnet benchmarks/PrivacyDesk.Letters.Bench/bin/Release/net10.0/PrivacyDesk.Letters.Bench.dll bench --seconds "${1:-10}"
done
dotnet benchmarks/PrivacyDesk.Letters.Bench/bin/Release/net10.0/PrivacyDesk.Letters.Bench.dll bare --seconds "${1:-10}"
