#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser). Installs the packages
# chromium and chromium-driver when /usr/bin/chromium is missing (needs root, as in CI).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Installing Debian's chromium and chromium-driver for the browser tests..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
