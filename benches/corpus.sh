#!/usr/bin/env bash
# Corpus benchmark: `xxgk check` (release) over N generated reports, timed with
# hyperfine against `rg -c 总计` over the same files in the same run (the floor:
# reading the bytes once), and its peak RSS with /usr/bin/time -v.
#
#   bash benches/corpus.sh [--findings-heavy] [COUNT] [SEED]      (default 10000 1)
#
# --findings-heavy: 86 % of the reports with one to six defects, as real
# reports have them (issue 15), instead of a fifth with one.
#
# Needs hyperfine, ripgrep and GNU time (Debian: apt-get install hyperfine ripgrep time).
# Targets (issue 6): ≤ 2 s wall, ratio to rg ≤ 5, peak RSS < 100 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
mix=()
if [ "${1:-}" = --findings-heavy ]; then
  mix=(--findings-heavy)
  shift
fi
count=${1:-10000}
seed=${2:-1}
for tool in hyperfine rg /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "corpus.sh: $tool not found (apt-get install hyperfine ripgrep time)" >&2; exit 2; }
done

cargo build --release --quiet --bin xxgk --example gen-corpus
bin=$PWD/target/release/xxgk
dir=$(mktemp -d "${TMPDIR:-/tmp}/xxgk-corpus.XXXXXX")
trap 'rm -rf "$dir"' EXIT
target/release/examples/gen-corpus --out "$dir/reports" --count "$count" --seed "$seed" "${mix[@]}"
echo "corpus: $(find "$dir/reports" -type f | wc -l) files, $(du -sh "$dir/reports" | cut -f1) on disk"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

cd "$dir/reports"
# --exit-zero: the defective share makes `check` exit 1, which hyperfine would count as a failure.
hyperfine --warmup 2 --runs 10 --export-json "$dir/hyperfine.json" \
  -n "xxgk check" "$bin check --exit-zero --format concise . > /dev/null" \
  -n "rg -c 总计" "rg -c 总计 . > /dev/null"

python3 - "$dir/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
x, g = r["xxgk check"], r["rg -c 总计"]
ratio = x["median"] / g["median"]
print(f"xxgk check: median {x['median']:.3f} s (mean {x['mean']:.3f} ± {x['stddev']:.3f}); "
      f"rg: median {g['median']*1000:.1f} ms; ratio {ratio:.1f}")
print(f"target ≤ 2 s wall: {'met' if x['median'] <= 2 else 'NOT met'}; "
      f"target ratio ≤ 5: {'met' if ratio <= 5 else 'NOT met'}")
PY

/usr/bin/time -v "$bin" check --exit-zero --format concise . > /dev/null 2> "$dir/time.txt"
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$dir/time.txt")
echo "peak RSS: $((rss_kb / 1024)) MB (target < 100 MB: $([ "$rss_kb" -lt 102400 ] && echo met || echo NOT met))"
