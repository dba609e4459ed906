//! Criterion benchmarks: one report, full lint (parse + every rule), on each
//! seed and on generated 15 KB reports in each layout; parse alone; and the
//! language server's edit → diagnostics path (a one-character edit applied to
//! the rope, the text rebuilt, the report linted) on a 100 KB report.
//!
//! `cargo bench --bench lint` (figures in BENCHMARKS.md).

#[path = "../examples/corpus/mod.rs"]
mod corpus;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use xxgk::lsp::document::Document;
use xxgk::lsp::position::{self, PositionEncoding};
use xxgk::{lint, LintOptions};

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixtures/seeds")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy()[..3].to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn full_lint(c: &mut Criterion) {
    let options = LintOptions::default();
    let mut g = c.benchmark_group("lint");
    for (name, text) in seeds() {
        g.bench_function(format!("seed-{name} ({} KB)", text.len() / 1024), |b| {
            b.iter(|| lint(black_box(&text), &options))
        });
    }
    for layout in [
        corpus::Layout::Word,
        corpus::Layout::Markdown,
        corpus::Layout::Pdf,
        corpus::Layout::WebPipes,
    ] {
        let text = corpus::report_of_size(11, layout, 15_000);
        g.bench_function(
            format!("generated-{} ({} KB)", layout.name(), text.len() / 1024),
            |b| b.iter(|| lint(black_box(&text), &options)),
        );
    }
    g.finish();
}

fn parse_only(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    let text = corpus::report_of_size(11, corpus::Layout::Word, 15_000);
    g.bench_function(format!("generated-word ({} KB)", text.len() / 1024), |b| {
        b.iter(|| xxgk::parse::parse(black_box(&text)))
    });
    for (name, text) in seeds().into_iter().take(1) {
        g.bench_function(format!("seed-{name}"), |b| {
            b.iter(|| xxgk::parse::parse(black_box(&text)))
        });
    }
    g.finish();
}

fn lsp_edit(c: &mut Criterion) {
    let options = LintOptions::default();
    let text = corpus::report_of_size(12, corpus::Layout::Word, 100_000);
    // Edit inside section 一's running text (line 8), as a clerk types.
    let mut doc = Document::new(&text, 1);
    let mut n = 0u32;
    c.bench_function(
        &format!("lsp/edit-to-diagnostics ({} KB)", text.len() / 1024),
        |b| {
            b.iter(|| {
                n += 1;
                let at = Position::new(8, 4 + n % 50);
                let change = TextDocumentContentChangeEvent {
                    range: Some(Range::new(at, at)),
                    range_length: None,
                    text: "的".into(),
                };
                doc.apply(&change, PositionEncoding::Utf16);
                let text = doc.text();
                let out = lint(&text, &options);
                let rope = &doc.rope;
                let ranges: Vec<_> = out
                    .diagnostics
                    .iter()
                    .map(|d| position::to_position(rope, d.span.start, PositionEncoding::Utf16))
                    .collect();
                black_box(ranges)
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = full_lint, parse_only, lsp_edit
}
criterion_main!(benches);
