#!/usr/bin/env bash
# Build what a clerk installs without a Rust toolchain (issue 14):
#   dist/xxgk-<version>-<platform>.tar.gz   the release binary (xxgk, or xxgk.exe)
#   dist/xxgk-<version>-<platform>.vsix     the VS Code extension with that binary in bin/
#
# Usage, from anywhere in the repository:
#   contrib/dist.sh                          linux-x64 (this machine's target)
#   contrib/dist.sh --target TRIPLE          another Rust target (see docs/install.md)
#   XXGK_BIN=path/to/xxgk contrib/dist.sh    package an existing binary, build nothing
#
# Needs cargo (unless XXGK_BIN is given), node and npm (vsce is a devDependency of
# editors/vscode). The extension's bin/ is emptied again afterwards.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=""
while [ $# -gt 0 ]; do
  case $1 in
    --target) TARGET=${2:?--target needs a Rust target triple}; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "dist.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# The Rust target → the VS Code platform (vsce --target) and the binary's name.
case ${TARGET:-x86_64-unknown-linux-gnu} in
  x86_64-unknown-linux-gnu|x86_64-unknown-linux-musl) PLATFORM=linux-x64 EXE=xxgk ;;
  aarch64-unknown-linux-gnu|aarch64-unknown-linux-musl) PLATFORM=linux-arm64 EXE=xxgk ;;
  x86_64-pc-windows-msvc|x86_64-pc-windows-gnu) PLATFORM=win32-x64 EXE=xxgk.exe ;;
  *) echo "dist.sh: no VS Code platform known for target $TARGET" >&2; exit 2 ;;
esac

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)
OUT=$ROOT/dist
mkdir -p "$OUT"

if [ -n "${XXGK_BIN:-}" ]; then
  BIN=$XXGK_BIN
else
  echo "==> cargo build --release --locked ${TARGET:+--target $TARGET}"
  (cd "$ROOT" && cargo build --release --locked ${TARGET:+--target "$TARGET"})
  BIN=$ROOT/target/${TARGET:+$TARGET/}release/$EXE
fi
[ -x "$BIN" ] || { echo "dist.sh: no binary at $BIN" >&2; exit 1; }

NAME=xxgk-$VERSION-$PLATFORM
echo "==> $OUT/$NAME.tar.gz"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE" "$ROOT/editors/vscode/bin"' EXIT
mkdir "$STAGE/$NAME"
cp "$BIN" "$STAGE/$NAME/$EXE"
cp "$ROOT/README.md" "$ROOT/CHANGELOG.md" "$STAGE/$NAME/"
tar -C "$STAGE" -czf "$OUT/$NAME.tar.gz" "$NAME"

echo "==> $OUT/$NAME.vsix (binary in bin/)"
EXT=$ROOT/editors/vscode
rm -rf "$EXT/bin"
mkdir "$EXT/bin"
cp "$BIN" "$EXT/bin/$EXE"
chmod +x "$EXT/bin/$EXE"
if [ ! -d "$EXT/node_modules" ]; then
  (cd "$EXT" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
(cd "$EXT" && npm run --silent package -- --target "$PLATFORM" --out "$OUT/$NAME.vsix")
echo "done: $OUT/$NAME.tar.gz $OUT/$NAME.vsix"
