#!/usr/bin/env bash
# Peak memory of `xxgk check` (release) over findings-heavy corpora of 1,000,
# 10,000 and 100,000 generated reports (86 % with findings, as real ones;
# issue 15 asks < 100 MB for each), per output format (html and xlsx keep
# every report's findings for the whole-run page), with GNU time.
#
#   bash benches/rss.sh [COUNTS...]      (default 1000 10000 100000)
#
# Needs GNU time (Debian: apt-get install time) and ~6.5 GB of free space in
# $TMPDIR for 100,000 reports (the corpus is removed afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "rss.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000 100000)

cargo build --release --quiet --bin xxgk --example gen-corpus
bin=$PWD/target/release/xxgk
dir=$(mktemp -d "${TMPDIR:-/tmp}/xxgk-rss.XXXXXX")
trap 'rm -rf "$dir"' EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-10s %10s %10s %12s\n' reports format findings "wall (s)" "peak RSS"
for n in "${counts[@]}"; do
  target/release/examples/gen-corpus --out "$dir/r$n" --count "$n" --seed 1 --findings-heavy 2>/dev/null
  for format in concise json sarif html xlsx; do
    # The workbook is binary: it goes to a file, as a user writes it.
    out=(); [ "$format" = xlsx ] && out=(--output-file "$dir/out.xlsx")
    /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" check --exit-zero --format "$format" "${out[@]}" "$dir/r$n" > "$dir/out"
    read -r wall rss_kb < "$dir/time"
    # Concise output is one line per finding.
    [ "$format" = concise ] && findings=$(wc -l < "$dir/out")
    printf '%-8s %-10s %10s %10s %9d MB\n' "$n" "$format" "$findings" "$wall" $((rss_kb / 1024))
  done
  rm -rf "$dir/r$n"
done
