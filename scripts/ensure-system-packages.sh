#!/usr/bin/env bash
# System packages the test suite needs, from Debian (never a downloaded browser):
#   chromium, chromium-driver  the browser the page tests drive (/usr/bin/chromium)
#   faketime                   libfaketime, to run suites with the clock moved ahead (scripts/test-all.sh)
#   poppler-utils              pdftotext, the PDF parser the tests read the produced PDFs with
# Installs whichever is missing with apt-get (needs root or sudo, as in CI); quiet when all are there.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian packages for the tests: ${missing[*]}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
faketime --version 2>&1 | sed -n 1p
pdftotext -v 2>&1 | sed -n 1p
