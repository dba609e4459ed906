//! Where one lint of a large report goes: parse, the shared sentence view,
//! then each rule (medians of `--runs` runs, release build); then what the
//! language server's lint after a one-character edit of running text costs
//! (`xxgk::lsp::incremental`), in process, without the protocol.
//!
//! ```sh
//! cargo run --release --example lint-phases -- --size 1000000 --runs 20
//! ```

#[path = "corpus/mod.rs"]
mod corpus;

use std::time::Instant;
use xxgk::engine::LintOptions;
use xxgk::rules::{self, Context};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64() * 1000.0)
}

fn main() {
    let mut size = 1_000_000;
    let mut runs = 10;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v: usize = args.next().and_then(|v| v.parse().ok()).expect("a number");
        match a.as_str() {
            "--size" => size = v,
            "--runs" => runs = v,
            _ => panic!("unknown argument {a}"),
        }
    }
    let text = corpus::report_of_size(12, corpus::Layout::Word, size);
    let options = LintOptions::default();
    let mut phases: Vec<(String, Vec<f64>)> = Vec::new();
    let mut add = |name: &str, ms: f64| match phases.iter_mut().find(|p| p.0 == name) {
        Some(p) => p.1.push(ms),
        None => phases.push((name.to_string(), vec![ms])),
    };
    for _ in 0..runs {
        let (_, ms) = time(|| xxgk::lint(&text, &options));
        add("whole lint", ms);
        let (report, ms) = time(|| xxgk::parse::parse(&text));
        add("parse", ms);
        let ctx = Context::new(&text, &report, &options, None);
        let (_, ms) = time(|| ctx.texts().len());
        add("ctx.texts", ms);
        let (_, ms) = time(|| ctx.relations().len());
        add("ctx.relations", ms);
        let mut out = Vec::new();
        for rule in rules::ALL {
            let (_, ms) = time(|| (rule.check)(&ctx, &mut out));
            add(rule.code, ms);
        }
        let (_, ms) = time(|| xxgk::suppress::apply(&text, &options, &mut out));
        add("suppress", ms);
    }
    let edits = edit_times(&text, &options, runs * 10);
    println!("{} bytes, {} runs, medians:", text.len(), runs);
    let mut rows: Vec<(String, f64)> = phases.into_iter().map(|(n, v)| (n, median(v))).collect();
    rows.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    for (name, ms) in rows.iter().filter(|r| r.1 >= 0.005) {
        println!("{name:>14} {ms:8.3} ms");
    }
    println!(
        "lint after a one-character edit ({} edits): p50 {:.3} ms, p99 {:.3} ms, {} incremental",
        edits.0.len(),
        edits.0[edits.0.len() / 2],
        edits.0[(edits.0.len() - 1) * 99 / 100],
        edits.1
    );
}

/// Sorted times of `n` relints, each after typing 的 into section 一's first
/// paragraph, and how many took the incremental path.
fn edit_times(text: &str, options: &LintOptions, n: usize) -> (Vec<f64>, usize) {
    use xxgk::lsp::incremental::{lint, relint, Path};
    let at = text.find("（一）主动公开").unwrap_or(0) + "（一）主动公开".len();
    let (mut out, mut memo) = lint(text, options);
    let mut text = text.to_string();
    let mut times = Vec::with_capacity(n);
    let mut incremental = 0;
    for _ in 0..n {
        let mut new = text.clone();
        new.insert(at, '的');
        let t = Instant::now();
        let (o, m, path) = relint(&text, &out, memo, &new, options);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        incremental += matches!(path, Path::Incremental(_)) as usize;
        (out, memo, text) = (o, m, new);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times, incremental)
}
