#!/usr/bin/env bash
# A short fuzz run (about 75 s in all) of the cargo-fuzz targets in fuzz/, or a
# clear skip when cargo fuzz or a nightly toolchain is not available. The same
# harness also runs on stable in `cargo test` (tests/fuzz_stable.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: SKIPPED — cargo-fuzz is not installed (cargo install cargo-fuzz); the harness ran on stable in cargo test"
  exit 0
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED — no nightly toolchain for cargo fuzz; the harness ran on stable in cargo test"
  exit 0
fi
bash fuzz/seed-corpus.sh
for target in lint docx doc; do
  echo "fuzz: $target for 25 s"
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
      -max_total_time=25 -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 2>&1 | tail -n 12)
done
