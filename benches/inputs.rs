//! Per-report time by input format: bytes on disk → text view → full lint,
//! for each web page in fixtures/html/ beside the seed text it was written
//! from (the text file read the same way: decoded, then linted).
//!
//! `cargo bench --bench inputs` (figures in BENCHMARKS.md).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::path::Path;
use xxgk::{input, lint, LintOptions};

fn read_and_lint(path: &Path, bytes: &[u8], options: &LintOptions) -> usize {
    let source = input::from_bytes(path, bytes).expect("fixture reads");
    lint(&source.text, options).diagnostics.len()
}

fn by_format(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = LintOptions::default();
    let files = [
        "fixtures/seeds/002_6d233805cc76b44e.txt",
        "fixtures/html/002-portal.html",
        "fixtures/html/002-word.html",
        "fixtures/html/002-legacy.html",
        "fixtures/html/002-libreoffice.html",
    ];
    let mut read = c.benchmark_group("read");
    for f in files {
        let path = root.join(f);
        let bytes = std::fs::read(&path).unwrap();
        let name = format!(
            "{} ({} KB)",
            path.file_name().unwrap().to_string_lossy(),
            bytes.len() / 1024
        );
        read.bench_function(name, |b| {
            b.iter(|| {
                input::from_bytes(&path, black_box(&bytes))
                    .unwrap()
                    .text
                    .len()
            })
        });
    }
    read.finish();
    let mut g = c.benchmark_group("read+lint");
    for f in files {
        let path = root.join(f);
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        g.bench_function(name, |b| {
            b.iter(|| read_and_lint(&path, black_box(&bytes), &options))
        });
    }
    g.finish();
}

criterion_group!(benches, by_format);
criterion_main!(benches);
