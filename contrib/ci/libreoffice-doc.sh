#!/usr/bin/env bash
# .doc files made afresh by the LibreOffice on this machine (fixtures/doc/make.py
# into a temporary folder) must read as the committed fixtures do: each seed's
# .doc gives the same tables and findings as the seed's text, and merged.doc /
# tracked.doc give the same text view as the committed ones; the
# password-protected ones (made only where their tools are) are refused.
#
# Optional: skipped with a message when LibreOffice is not installed
# (Debian: apt-get install libreoffice-writer-nogui). Called from .ci/run.
# Usage: contrib/ci/libreoffice-doc.sh [path/to/xxgk]
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
xxgk="${1:-$root/target/debug/xxgk}"
if ! command -v soffice >/dev/null 2>&1; then
    echo "libreoffice-doc: skipped (LibreOffice not installed; apt-get install libreoffice-writer-nogui)"
    exit 0
fi
if [ ! -x "$xxgk" ]; then
    echo "libreoffice-doc: $xxgk not built; run cargo build first" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/fixtures/doc/make.py" "$work" >/dev/null 2>&1 || {
    echo "libreoffice-doc: LibreOffice could not write the .doc files" >&2; exit 1; }

status=0
strip() { sed -E 's/^[^:]+:[0-9]+:[0-9]+: //' | sort; }
tables() { "$xxgk" inspect --format json "$1" | python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("line", "lines", "span", "path", "encoding")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(sys.stdin)["tables"]), ensure_ascii=False, sort_keys=True))'; }
for src in "$root"/fixtures/seeds/*.txt; do
    name="$(basename "$src" .txt)"
    want="$("$xxgk" check --format concise "$src" | strip || true)"
    got="$("$xxgk" check --format concise "$work/$name.doc" | strip || true)"
    if [ "$(tables "$src")" != "$(tables "$work/$name.doc")" ]; then
        echo "libreoffice-doc: $name: the tables read from LibreOffice's .doc differ from the text" >&2
        status=1
    elif [ "$want" != "$got" ]; then
        echo "libreoffice-doc: $name: findings differ between the text and LibreOffice's .doc" >&2
        diff <(echo "$want") <(echo "$got") >&2 || true
        status=1
    else
        echo "libreoffice-doc: $name: ok (same tables and $(echo -n "$want" | grep -c . || true) findings as the text)"
    fi
done
for name in merged tracked; do
    if [ "$("$xxgk" inspect --view "$work/$name.doc")" != "$("$xxgk" inspect --view "$root/fixtures/doc/$name.doc")" ]; then
        echo "libreoffice-doc: $name.doc: the text view differs from the committed fixture's" >&2
        status=1
    else
        echo "libreoffice-doc: $name.doc: ok"
    fi
done
for locked in locked.doc locked.docx; do
    [ -f "$work/$locked" ] || { echo "libreoffice-doc: $locked: not made here (tool missing)"; continue; }
    code=0
    "$xxgk" check "$work/$locked" >/dev/null 2>&1 || code=$?
    if [ "$code" != 2 ]; then
        echo "libreoffice-doc: $locked: exit $code, expected 2 (refused)" >&2
        status=1
    else
        echo "libreoffice-doc: $locked: refused"
    fi
done
exit $status
