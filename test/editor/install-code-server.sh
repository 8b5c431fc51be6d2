#!/usr/bin/env bash
# Installs code-server (VS Code's server + web workbench) from the npm registry alone, for
# the editor tests. Prints the install folder on stdout's last line.
#
# Usage: test/editor/install-code-server.sh [VERSION]
#   CODE_SERVER_CACHE  where installs live (default $HOME/.cache/postfix-lsp); outside the
#                      clone so that a fresh clone reuses it, and never packaged.
#
# A plain `npm i code-server` fails offline: it needs Kerberos headers, downloads ripgrep
# from GitHub, and node-pty's install runs `npx node-gyp`, which a global `yes=false` refuses.
# So: unpack the tarball, install dependencies without scripts, link Debian's rg in place of
# the download, then rebuild the native modules. Needs apt: build-essential python3
# pkg-config libkrb5-dev ripgrep (see .ci/install-apt.sh).
# 4.100.x is VS Code 1.100 and runs on Node 20; later releases need Node 22 or 24.
set -euo pipefail
VER=${1:-4.100.3}
CACHE=${CODE_SERVER_CACHE:-$HOME/.cache/postfix-lsp}
DEST=$CACHE/code-server-$VER
MARKER=$DEST/.postfix-lsp-installed
if [ -f "$MARKER" ]; then echo "$DEST"; exit 0; fi

export npm_config_yes=true
[ -n "${NODEDIR:-}" ] && export npm_config_nodedir="$NODEDIR"
command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is missing; run .ci/install-apt.sh" >&2; exit 1; }
mkdir -p "$CACHE"
# Build in a scratch folder next to the destination and move it in only when complete, so an
# interrupted install never leaves a half-built folder that looks usable.
WORK=$(mktemp -d "$CACHE/.code-server-$VER.XXXX")
trap 'rm -rf "$WORK"' EXIT
{
  cd "$WORK"
  TGZ=$(npm pack "code-server@$VER" --silent)
  tar xzf "$TGZ" --strip-components=1 && rm -f "$TGZ"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  npm rebuild argon2 --no-audit --no-fund || true   # prebuilt binaries ship in the tarball
  cd lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --no-audit --no-fund                   # spdlog, node-pty, kerberos, watcher...
  ln -sfn node_modules node_modules.asar
  ( cd bin/remote-cli && ln -sf code-linux.sh code-server )
  ( cd bin/helpers && ln -sf browser-linux.sh browser.sh )
  cd extensions && npm install --omit=dev --no-audit --no-fund
} >&2
rm -rf "$DEST"
mv "$WORK" "$DEST"
trap - EXIT
date -u +%FT%TZ > "$MARKER"
echo "code-server $VER installed in $DEST" >&2
echo "$DEST"
