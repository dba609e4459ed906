#!/usr/bin/env bash
# Seed the fuzz corpora from fixtures/ (run from anywhere; idempotent).
# The lint target's first byte picks the format: 0 → .md, 1 → .docx, 2 → .txt.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/lint corpus/docx corpus/doc
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  case "$f" in
    *.md) prefix='\x00' ;;
    *.docx) prefix='\x01' ;;
    *) prefix='\x02' ;;
  esac
  { printf "$prefix"; cat "$f"; } > "corpus/lint/$(printf %04d $n)-$(basename "$f")"
done < <(find ../fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.docx' \) -print0 | sort -z)
find ../fixtures ../tests/data -type f -name '*.docx' -exec cp {} corpus/docx/ \; 2>/dev/null || true
cp ../fixtures/doc/*.doc ../fixtures/doc/*.wps corpus/doc/
echo "seeded corpus/doc ($(ls corpus/doc | wc -l) files)"
echo "seeded corpus/lint ($(ls corpus/lint | wc -l) files), corpus/docx ($(ls corpus/docx | wc -l) files)"
# A .docx seed built from a seed report (no .docx is committed under fixtures/).
python3 - <<'PY'
import glob, zipfile
from xml.sax.saxutils import escape
text = open(sorted(glob.glob("../fixtures/seeds/*.txt"))[0], encoding="utf-8").read()
paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(l)}</w:t></w:r></w:p>" for l in text.split("\n")[:80])
doc = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
       'wordprocessingml/2006/main"><w:body>' + paras +
       '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
       '</w:body></w:document>')
with zipfile.ZipFile("corpus/docx/seed.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", doc)
PY
