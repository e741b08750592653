#!/usr/bin/env bash
# Debian's chromium for the browser tests, installed with apt-get when missing. The tests
# drive it with Playwright (OSMOSI_TEST_CHROMIUM, /usr/bin/chromium by default); nothing
# downloads a browser build.
set -euo pipefail
command -v chromium >/dev/null && exit 0
echo "[install-chromium] installing Debian's chromium" >&2
sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
