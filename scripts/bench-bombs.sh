#!/usr/bin/env bash
# Decompression bombs under concurrency: starts PrivacyDesk (Release, Production mode, SQLite in a temp folder, rate
# limits off) on a loopback port, has N clients post bombs through the member form at once (bounded rounds each),
# checks every answer is the form (HTTP 200) with the Japanese message, and reports the app's peak RSS (VmHWM).
# Usage: bash scripts/bench-bombs.sh [clients=8] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-8}
rounds=${2:-5}
work=$(mktemp -d /tmp/privacydesk-bombs.XXXXXX)
port=5181
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/PrivacyDesk.Web -c Release -nologo -v quiet >/dev/null

# The bombs: PNGs whose zTXt / iCCP / image data inflate to 1 GiB, and a PDF whose object stream does (~1 MB each).
python3 - "$work" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
c = zlib.compressobj(9)
gib = b"".join(c.compress(b"\0" * (1 << 20)) for _ in range(1024)) + c.flush()
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
def png(*chunks):
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunk(k, d) for k, d in chunks)
small = (b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, 0, 0, 0, 0))
pixels = (b"IDAT", zlib.compress(b"".join(b"\0" + b"\x80" * 40 for _ in range(30))))
open(f"{out}/ztxt.png", "wb").write(png(small, (b"zTXt", b"Comment\0\0" + gib), pixels, (b"IEND", b"")))
open(f"{out}/iccp.png", "wb").write(png(small, (b"iCCP", b"ICC\0\0" + gib), pixels, (b"IEND", b"")))
big = (b"IHDR", struct.pack(">IIBBBBB", 1000, 1000, 8, 0, 0, 0, 0))
open(f"{out}/idat.png", "wb").write(png(big, (b"IDAT", gib), (b"IEND", b"")))
pdf = (b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " + str(len(gib)).encode() + b" >>\nstream\n"
       + gib + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
open(f"{out}/bomb.pdf", "wb").write(pdf)
PY

ASPNETCORE_ENVIRONMENT=Production \
Database__DataDirectory="$work/data" Logging__Directory="$work/logs" Logging__Console=false \
AbuseProtection__PostsPerMinute=1000000 AbuseProtection__StatusLookupsPerMinute=1000000 Smtp__Enabled=false \
dotnet src/PrivacyDesk.Web/bin/Release/net10.0/PrivacyDesk.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/PrivacyDesk.Web" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 90); do
    kill -0 "$app" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 1
done

rss() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$app/status"; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bombs: $(cd "$work" && for f in ztxt.png iccp.png idat.png bomb.pdf; do printf '%s %s B  ' "$f" "$(stat -c %s "$f")"; done)"
echo "app RSS after start: $(rss VmRSS) MB"

client() {
    local id=$1 jar="$work/jar$1" ok=0 bad=0
    local files=(ztxt.png iccp.png idat.png bomb.pdf)
    for round in $(seq 1 "$rounds"); do
        local file=${files[$(( (id + round) % 4 ))]} type=image/png
        [ "$file" = bomb.pdf ] && type=application/pdf
        local form token
        form=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/requests/disclosure")
        token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | head -1 | sed 's/.*value="//; s/"$//')
        local code
        code=$(curl -s -o "$work/answer$id" -w '%{http_code}' -c "$jar" -b "$jar" \
            -F "__RequestVerificationToken=$token" -F "Input.RequesterType=Principal" \
            -F "PrincipalDocument=@$work/$file;type=$type" "http://127.0.0.1:$port/requests/disclosure?handler=Review")
        if [ "$code" = 200 ] && grep -q -e '展開すると非常に大きくなるデータ' -e 'PDFを読み取れませんでした' "$work/answer$id"; then
            ok=$((ok + 1))
        else
            bad=$((bad + 1)); echo "client $id round $round ($file): HTTP $code" >&2
        fi
    done
    echo "$ok $bad" >"$work/result$id"
}

start=$(date +%s.%N)
pids=()
for id in $(seq 1 "$clients"); do client "$id" & pids+=($!); done
wait "${pids[@]}"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
ok=0; bad=0
for id in $(seq 1 "$clients"); do read -r o b <"$work/result$id"; ok=$((ok + o)); bad=$((bad + b)); done
echo "posts: $ok answered with the form and the Japanese message, $bad otherwise, in ${elapsed%.*} s ($clients clients x $rounds rounds)"
echo "app RSS now: $(rss VmRSS) MB; peak RSS (VmHWM) over the whole run: $(rss VmHWM) MB"
echo "drafts stored: $(sqlite3 "$work/data/privacydesk.db" 'select count(*) from UploadDrafts' 2>/dev/null || echo '?')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
