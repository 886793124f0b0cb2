#!/usr/bin/env bash
# Renders every letter kind and blank form from the fictitious samples (tools/PrivacyDesk.Letters.Samples) to PDF and PNG,
# so that layout regressions can be seen: artifacts/letters/<kind>.pdf and <kind>-<page>.png.
# Usage: bash scripts/render-letters.sh [output-dir] [dpi]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/letters}
dpi=${2:-60}
mkdir -p "$out"
dotnet run --project benchmarks/PrivacyDesk.Letters.Bench -c Release -- render "$out"
for pdf in "$out"/*.pdf; do
    pdftoppm -r "$dpi" -png "$pdf" "${pdf%.pdf}"
done
echo "letters: $(ls "$out"/*.pdf | wc -l) PDFs, $(ls "$out"/*.png | wc -l) pages as PNG in $out"
