#!/usr/bin/env bash
# Installs the Debian packages the tests use. Postfix is the oracle (postconf) and the
# budget lab's mail server; its daemons must not start, so a policy-rc.d refuses it and
# debconf gets "No configuration".
set -euo pipefail
PACKAGES=(postfix postfix-doc)
# Every Postfix release the knowledge base covers is built from source as an oracle
# (scripts/postfix-releases.mjs): compiler and the libraries Debian builds Postfix with.
PACKAGES+=(build-essential m4 libdb-dev liblmdb-dev libpcre2-dev libpcre3-dev libssl-dev libsasl2-dev libicu-dev)
# The budget lab: its receiver offers STARTTLS with a throwaway certificate made by openssl.
PACKAGES+=(openssl)
# The benchmark's log rows (npm run bench, not npm test): pflogsumm as the reference, GNU
# time for wall time and peak memory.
PACKAGES+=(pflogsumm time)
# Editor tests: Chromium drives code-server's workbench, headless Neovim is a second LSP
# client; code-server's native modules build from source (test/editor/install-code-server.sh).
PACKAGES+=(chromium fonts-dejavu-core fonts-liberation neovim libkrb5-dev ripgrep build-essential pkg-config python3)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
  as_root chmod +x /usr/sbin/policy-rc.d
fi
echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
