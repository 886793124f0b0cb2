#!/usr/bin/env bash
# Refreshes the 郵便番号→住所 table served by GET /postal-codes/{7 digits} (ADR 0025) from the Japan Post data carried
# by the npm package jquery-jpostal-ja (MIT). Only the postcode, prefecture, city and town of residential rows are
# kept (business rows, 事業所個別番号, are left out); a postcode shared by several towns keeps its city and an empty
# town, so that the member types the town. The output is a gzipped TSV embedded in the web assembly.
#
#   bash scripts/postal-codes.sh            # the version pinned below
#   bash scripts/postal-codes.sh 2.14.80    # another published version (then update ADR 0025 and the notices)
set -euo pipefail
version="${1:-2.14.73}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/PrivacyDesk.Web/PostalCodes/postal-codes.tsv.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "jquery-jpostal-ja@$version" >/dev/null && tar xzf jquery-jpostal-ja-"$version".tgz)
node - "$work/package" "$version" > "$work/postal-codes.tsv" <<'JS'
const fs = require("fs"), path = require("path");
const [dir, version] = process.argv.slice(2);
const license = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).license;
if (license !== "MIT") { throw new Error(`jquery-jpostal-ja ${version} is licensed ${license}, not MIT: check before use`); }
const byCode = new Map();
let dataVersion = "";
for (const file of fs.readdirSync(path.join(dir, "json")).filter(f => /^\d{3}\.json$/.test(f)).sort()) {
  const text = fs.readFileSync(path.join(dir, "json", file), "utf8");
  const rows = JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")));
  for (const row of rows) {
    const code = String(row[0]).replace(/^_/, "");
    if (code === "000info") { dataVersion = row[2]; continue; }
    // Residential rows only: a business row (事業所) names the business in field 5.
    if (!/^\d{7}$/.test(code) || row[5]) { continue; }
    const [prefecture, city, town] = [row[1], row[2], row[3]].map(s => String(s).replace(/[\t\r\n]/g, " ").trim());
    const seen = byCode.get(code);
    if (!seen) { byCode.set(code, [prefecture, city, town]); continue; }
    if (seen[0] !== prefecture || seen[1] !== city) { seen[1] = seen[1] === city ? city : ""; }
    if (seen[2] !== town) { seen[2] = ""; }
  }
}
const lines = [...byCode.keys()].sort().map(code => [code, ...byCode.get(code)].join("\t"));
process.stdout.write(`# jquery-jpostal-ja ${version} (MIT), data ${dataVersion}, ${lines.length} postcodes\n` + lines.join("\n") + "\n");
JS
gzip -9 -n -c "$work/postal-codes.tsv" > "$out"
echo "$(head -1 "$work/postal-codes.tsv") -> $out ($(du -h "$out" | cut -f1))"
