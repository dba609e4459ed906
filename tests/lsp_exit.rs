//! The real `xxgk lsp` process ends on `exit` even when the client keeps its
//! stdin open (Neovim does), and accepts the `--stdio` flag clients pass.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn frame(json: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{json}", json.len()).into_bytes()
}

#[test]
fn exit_ends_the_process_with_stdin_still_open() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for msg in [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ] {
        stdin.write_all(&frame(msg)).unwrap();
        stdin.flush().unwrap();
    }
    // stdin stays open (held in `stdin`) while we wait.
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if start.elapsed() > Duration::from_secs(10) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    match status {
        Some(s) => assert!(s.success(), "exit status {s}"),
        None => {
            let _ = child.kill();
            panic!("xxgk lsp still running 10 s after `exit`");
        }
    }
}

/// The LSP specification: `exit` without a `shutdown` before it ends the
/// process with code 1.
#[test]
fn exit_without_shutdown_exits_with_code_1() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for msg in [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        r#"{"jsonrpc":"2.0","method":"exit"}"#,
    ] {
        stdin.write_all(&frame(msg)).unwrap();
        stdin.flush().unwrap();
    }
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("xxgk lsp still running 10 s after `exit`");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    assert_eq!(status.code(), Some(1), "{status}");
}
