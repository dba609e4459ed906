//! Every stage must be near-linear in the size of its input (issue 11: a
//! report of many heading-like lines took minutes). Each test times one stage
//! on an input of size N and of size 2N and asserts the ratio stays under
//! [`MAX_RATIO`]; a quadratic stage gives about 4.
//!
//! Ignored by default (they take seconds in a debug build); `.ci/run` runs
//! them with `cargo test --test scaling -- --ignored`.

mod lsp_client;

use lsp_client::TestClient;
use serde_json::json;
use std::time::{Duration, Instant};
use xxgk::input;

/// Linear is 2; noise on a shared machine adds some.
const MAX_RATIO: f64 = 2.5;

fn seed() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    std::fs::read_to_string(&entries[0]).unwrap()
}

/// A real report followed by `n` blocks of what makes parsers work hard:
/// heading-like lines, prose sentences, tab-separated cells, page markers.
fn hostile_report(n: usize) -> String {
    let mut s = seed();
    for i in 0..n {
        s.push_str(&format!(
            "一、总体情况\n（{i}）本机关主动公开政府信息{i}条。其中规章{i}件；\n\t{i}\t0\n- {i} -\n"
        ));
    }
    s
}

/// The fastest of three runs: the least disturbed by other processes.
fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn assert_linear(stage: &str, n: usize, mut run: impl FnMut(usize)) {
    // A second measurement when the first is over: a busy machine can
    // disturb one, a quadratic stage fails both.
    let mut last = String::new();
    for _ in 0..2 {
        let small = best_of_three(|| run(n));
        let large = best_of_three(|| run(2 * n));
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        last = format!("{stage}: N={n} {small:?}, 2N {large:?}, ratio {ratio:.2}");
        eprintln!("{last}");
        if ratio <= MAX_RATIO {
            return;
        }
    }
    panic!("not linear (time for 2N over {MAX_RATIO} × time for N): {last}");
}

#[test]
#[ignore]
fn decoding_is_linear() {
    assert_linear("decode (GB18030)", 50_000, |n| {
        let bytes = input::Encoding::Gb18030.encode(&hostile_report(n));
        input::decode(&bytes).unwrap();
    });
}

#[test]
#[ignore]
fn parsing_is_linear() {
    assert_linear("parse", 20_000, |n| {
        let text = hostile_report(n);
        xxgk::parse::parse(&text);
    });
}

#[test]
#[ignore]
fn linting_is_linear() {
    assert_linear("lint", 20_000, |n| {
        let text = hostile_report(n);
        xxgk::lint(&text, &xxgk::LintOptions::default());
    });
}

#[test]
#[ignore]
fn the_command_line_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    assert_linear("xxgk check", 20_000, |n| {
        let path = dir.path().join(format!("r{n}.txt"));
        std::fs::write(&path, hostile_report(n)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["check", "--format", "concise"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    });
}

#[test]
#[ignore]
fn docx_reading_is_linear() {
    assert_linear("docx", 20_000, |n| {
        let body: String = (0..n)
            .map(|i| {
                format!(
                    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p><w:tbl><w:p/></w:tbl></w:tc></w:tr></w:tbl>"
                )
            })
            .collect();
        let xml = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}{body}{}</w:body></w:document>",
            "<w:tbl>".repeat(n),
            "</w:tbl>".repeat(n)
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        input::docx::docx_to_text(&bytes, &input::docx::DocxLimits::default()).unwrap();
    });
}

/// Open a document and wait for its diagnostics, then edit it and wait
/// again: the language server's whole path, transport included.
#[test]
#[ignore]
fn the_language_server_is_linear() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    assert_linear("lsp didOpen + didChange", 10_000, |n| {
        runtime.block_on(async {
            let text = hostile_report(n);
            let mut c = TestClient::start();
            c.initialize(json!({})).await;
            let uri = "file:///scaling.txt";
            c.open(uri, &text, 1).await;
            c.diagnostics(uri, 1).await;
            c.change(uri, 2, json!([{"text": format!("{text}补充。\n")}]))
                .await;
            c.diagnostics(uri, 2).await;
            let hover =
                json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 1}});
            c.request("textDocument/hover", hover).await;
        });
    });
}
