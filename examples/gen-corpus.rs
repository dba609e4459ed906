//! Write N synthetic reports for benchmarks and tests.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --out DIR --count N [--seed S] [--findings-heavy]
//! ```
//!
//! Four layouts (Word text, Markdown, PDF-extracted, web), years 2021–2025,
//! figures that satisfy every table relation, and about 20% of the reports
//! with one injected defect, whose rule code ends the file name
//! (`00042-pdf-2023-T002.txt`). With `--findings-heavy`, 86 % of the reports
//! get one to six defects, as real reports have them (`00042-pdf-2023-T002+H003.txt`).
//! Deterministic for a seed.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut count: usize = 100;
    let mut seed: u64 = 1;
    let mut mix = corpus::Mix::Sparse;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| fail(&format!("{name} needs a value")))
        };
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out"))),
            "--count" => {
                count = value("--count")
                    .parse()
                    .unwrap_or_else(|_| fail("--count: not a number"))
            }
            "--seed" => {
                seed = value("--seed")
                    .parse()
                    .unwrap_or_else(|_| fail("--seed: not a number"))
            }
            "--findings-heavy" => mix = corpus::Mix::Heavy,
            "-h" | "--help" => {
                println!("usage: gen-corpus --out DIR --count N [--seed S] [--findings-heavy]");
                return ExitCode::SUCCESS;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let Some(out) = out else {
        fail("--out DIR is required")
    };
    match corpus::write_corpus(&out, count, seed, mix) {
        Ok(bytes) => {
            eprintln!(
                "gen-corpus: wrote {count} reports ({:.1} MB) to {}",
                bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-corpus: {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("gen-corpus: {msg}");
    std::process::exit(2)
}
