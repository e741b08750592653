#!/usr/bin/env bash
# Debian's chromium (and an emoji font, for names that carry emoji) for the browser tests,
# installed with apt-get when missing. The tests drive it with Playwright
# (OSMOSI_TEST_CHROMIUM, /usr/bin/chromium by default); nothing downloads a browser build.
set -euo pipefail
command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi "noto color emoji" && exit 0
echo "[install-chromium] installing Debian's chromium" >&2
sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core fonts-noto-color-emoji >/dev/null
