//! Editor latency of `xxgk lsp`, driven over stdio as an editor drives it.
//!
//! ```sh
//! cargo build --release && cargo run --release --example lsp-latency
//! cargo run --release --example lsp-latency -- --size 1000000 --edits 1000 [BINARY]
//! ```
//!
//! 1. Opens a generated report of about 100 KB (`--size` bytes) and makes
//!    1,000 (`--edits`) single-character edits in its running text, one at a
//!    time: for each, the time from sending `didChange` to receiving
//!    `publishDiagnostics` for that version (p50, p99, max).
//! 2. Opens 20 such reports and reads the server's resident memory
//!    (`VmRSS`, `VmHWM` from /proc).

#[path = "corpus/mod.rs"]
mod corpus;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const OPEN: usize = 20;
/// Defaults of `--edits` and `--size`.
const EDITS: usize = 1000;
const SIZE: usize = 100_000;

fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn reader(stdout: impl Read + Send + 'static) -> mpsc::Receiver<(Instant, Value)> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("Content-Length")];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            let v: Value = serde_json::from_slice(&body).expect("JSON from the server");
            if tx.send((Instant::now(), v)).is_err() {
                return;
            }
        }
    });
    rx
}

struct Session {
    stdin: std::process::ChildStdin,
    rx: mpsc::Receiver<(Instant, Value)>,
}

impl Session {
    fn send(&mut self, v: Value) {
        self.stdin.write_all(&frame(&v)).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Wait for a message matching `pred`, answering the server's requests.
    fn until(&mut self, mut pred: impl FnMut(&Value) -> bool) -> (Instant, Value) {
        loop {
            let (t, v) = self
                .rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the server stopped answering");
            if v.get("method").is_some() && v.get("id").is_some() {
                let result = match v["method"].as_str() {
                    Some("workspace/configuration") => json!([{}]),
                    _ => Value::Null,
                };
                self.send(json!({"jsonrpc": "2.0", "id": v["id"], "result": result}));
                continue;
            }
            if pred(&v) {
                return (t, v);
            }
        }
    }

    fn published(&mut self, uri: &str, version: i64) -> Instant {
        self.until(|v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        })
        .0
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}),
        );
        self.published(uri, 1);
    }
}

fn status(pid: u32, key: &str) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k]
}

struct Args {
    bin: String,
    size: usize,
    edits: usize,
}

/// `[BINARY] [--size BYTES] [--edits N]`, in any order.
fn args() -> Args {
    let mut out = Args {
        bin: concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/xxgk").into(),
        size: SIZE,
        edits: EDITS,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| {
            let v = args.next().unwrap_or_default();
            v.parse()
                .unwrap_or_else(|_| panic!("{name} wants a number, got `{v}`"))
        };
        match a.as_str() {
            "--size" => out.size = number("--size"),
            "--edits" => out.edits = number("--edits"),
            _ => out.bin = a,
        }
    }
    out
}

fn main() {
    let Args { bin, size, edits } = args();
    let mut child = Command::new(&bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{bin}: {e}"));
    let pid = child.id();
    let mut s = Session {
        stdin: child.stdin.take().unwrap(),
        rx: reader(child.stdout.take().unwrap()),
    };
    s.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    s.until(|v| v["id"] == 1);
    s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    let text = corpus::report_of_size(12, corpus::Layout::Word, size);
    let uri = "file:///tmp/xxgk-latency/report-00.txt";
    s.open(uri, &text);
    println!(
        "report: {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );

    // Section 一's running text starts a few lines down; type there.
    let line = text
        .lines()
        .position(|l| l.starts_with("（一）主动公开"))
        .unwrap_or(6);
    let mut times = Vec::with_capacity(edits);
    for k in 0..edits {
        let version = k as i64 + 2;
        let ch = (k % 40) as u32 + 6;
        let sent = Instant::now();
        s.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": ch},
                                          "end": {"line": line, "character": ch}},
                                "text": "的"}]}}),
        );
        let got = s.published(uri, version);
        times.push(got.duration_since(sent).as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "edit → publishDiagnostics over {edits} edits: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

    for k in 1..OPEN {
        let text = corpus::report_of_size(100 + k as u64, corpus::Layout::Word, size);
        s.open(
            &format!("file:///tmp/xxgk-latency/report-{k:02}.txt"),
            &text,
        );
    }
    std::thread::sleep(Duration::from_millis(200));
    println!(
        "server with {OPEN} open reports of ~{} KB: VmRSS {} MB, peak (VmHWM) {} MB",
        size / 1000,
        status(pid, "VmRSS:") / 1024,
        status(pid, "VmHWM:") / 1024
    );
    s.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    s.until(|v| v["id"] == 2);
    s.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
}
