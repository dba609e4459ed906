#!/usr/bin/env bash
# A .docx made by a real word processor: LibreOffice converts reports (seed
# layout → HTML with real tables → .docx) and xxgk must read them as it reads
# the text: the same table findings, the same text view (blank lines aside).
#
# Optional: skipped with a message when LibreOffice is not installed
# (Debian: apt-get install libreoffice-writer-nogui). Called from .ci/run.
# Usage: contrib/ci/libreoffice-docx.sh [path/to/xxgk]
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
xxgk="${1:-$root/target/debug/xxgk}"
soffice="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$soffice" ]; then
    echo "libreoffice-docx: skipped (LibreOffice not installed; apt-get install libreoffice-writer-nogui)"
    exit 0
fi
if [ ! -x "$xxgk" ]; then
    echo "libreoffice-docx: $xxgk not built; run cargo build first" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Table findings only: the rules that compare what was read from the tables.
printf 'select = ["E001", "E002", "S005", "T001", "T002", "T003", "T004", "T005"]\n' > "$work/xxgk.toml"

status=0
# The real reports only: a case with a cell cut out of a row (row-too-few)
# cannot survive a word processor, which pads every table row to full width.
for src in "$root"/fixtures/seeds/*.txt; do
    name="$(basename "$src" .txt)"
    # Seed layout → HTML: tab-led lines are cells, blank lines end rows.
    python3 - "$src" "$work/$name.html" <<'PY'
import html, sys
text = open(sys.argv[1], encoding="utf-8").read()
out, table, in_row = [], [], False
def flush():
    if table:
        out.append("<table border=1>" + "".join(
            "<tr>" + "".join("<td>" + "".join(f"<p>{html.escape(p)}</p>" for p in cell) + "</td>" for cell in row) + "</tr>"
            for row in table) + "</table>")
        table.clear()
for line in text.split("\n"):
    if line.startswith("\t"):
        if not in_row:
            table.append([]); in_row = True
        table[-1].append([line[1:]])
    elif not line.strip():
        in_row = False
    elif in_row:
        table[-1][-1].append(line)
    else:
        flush(); out.append(f"<p>{html.escape(line)}</p>")
flush()
open(sys.argv[2], "w", encoding="utf-8").write(
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' + "".join(out) + "</body></html>")
PY
    "$soffice" --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/$name.html" >/dev/null 2>&1 || {
        echo "libreoffice-docx: $name: LibreOffice could not convert it" >&2; status=1; continue; }
    cp "$src" "$work/$name.txt"
    strip() { sed -E 's/^[^:]+:[0-9]+:[0-9]+: //' | sort; }
    want="$(cd "$work" && "$xxgk" check --format concise "$name.txt" | strip || true)"
    got="$(cd "$work" && "$xxgk" check --format concise "$name.docx" | strip || true)"
    # Every number of the three tables, without positions (blank lines differ).
    numbers() { "$xxgk" inspect --format json "$1" | python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("line", "lines", "span", "path", "encoding")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(sys.stdin)["tables"]), ensure_ascii=False, sort_keys=True))'; }
    if [ "$(numbers "$work/$name.txt")" != "$(numbers "$work/$name.docx")" ]; then
        echo "libreoffice-docx: $name: the tables read from LibreOffice's .docx differ from the text" >&2
        status=1
    fi
    if [ "$want" != "$got" ]; then
        echo "libreoffice-docx: $name: findings differ between the text and LibreOffice's .docx" >&2
        diff <(echo "$want") <(echo "$got") >&2 || true
        status=1
    else
        echo "libreoffice-docx: $name: ok (same tables and $(echo -n "$want" | grep -c . || true) table findings as the text)"
    fi
done
exit $status
