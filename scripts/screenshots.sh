#!/usr/bin/env bash
# Full-page screenshots of the back-office pages of every role (and the member site's public pages) at 1280 and
# 390 px, into docs/screens/, so that a reviewer sees the product without running it. The pages are opened by the
# browser tests (tests/PrivacyDesk.Web.Tests/Journeys/*ScreensTests.cs) in Debian's Chromium, on a fresh SQLite
# database with fictitious requests; those tests also fail if a page scrolls sideways or breaks a reference number.
# The PNGs are reduced to a palette with pngquant when it is installed (apt-get install pngquant): screens are flat
# colours and text, and the palette keeps the committed folder small.
#
#   bash scripts/screenshots.sh            # build, then write docs/screens/*.png
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/docs/screens"
mkdir -p "$out"
rm -f "$out"/*.png

dotnet build "$root/tests/PrivacyDesk.Web.Tests" -c Release -nologo -v quiet
PRIVACYDESK_SCREENS_DIR="$out" dotnet test "$root/tests/PrivacyDesk.Web.Tests" -c Release --no-build \
    --filter "FullyQualifiedName~ScreensTests"

if command -v pngquant >/dev/null 2>&1; then
    pngquant --force --ext .png --quality 60-85 --speed 3 --strip "$out"/*.png
fi

echo "$(ls "$out"/*.png | wc -l) screenshots in $out ($(du -sh "$out" | cut -f1))"
