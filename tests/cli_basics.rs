//! The CLI's contract for inputs: what happens with every fixture, a missing
//! file, a directory with no reports, a binary file and a GB18030 file.

use assert_cmd::Command;
use predicates::prelude::*;

fn xxgk() -> Command {
    Command::cargo_bin("xxgk").unwrap()
}

#[test]
fn check_runs_on_every_fixture_without_panicking() {
    let mut files = Vec::new();
    for dir in [
        "fixtures/seeds",
        "fixtures/layouts/markdown",
        "fixtures/layouts/pdf",
        "fixtures/layouts/web",
        "fixtures/cases",
    ] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 18);
    for f in files {
        let out = xxgk().arg("check").arg(&f).output().unwrap();
        let code = out.status.code().expect("exited normally, not by a signal");
        assert!(
            code == 0 || code == 1,
            "{}: exit {code}: {}",
            f.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn missing_file() {
    xxgk()
        .args(["check", "no/such/report.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "xxgk: 错误：no/such/report.txt: 文件不存在 (no such file)",
        ));
    xxgk()
        .args(["--lang", "en", "check", "no/such/report.txt"])
        .assert()
        .code(2)
        .stderr("xxgk: error: no/such/report.txt: no such file\n");
}

#[test]
fn directory_without_reports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a,b\n").unwrap();
    xxgk()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no reports found"));
}

#[test]
fn binary_file_is_refused() {
    xxgk()
        .args(["check", "fixtures/cases/binary.bin"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("fixtures/cases/binary.bin")
                .and(predicate::str::contains("binary file")),
        );
}

#[test]
fn undecodable_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    // Valid UTF-8, then bytes that are neither UTF-8 nor GB18030.
    let mut bytes = "一、总体情况\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xff]);
    std::fs::write(&p, bytes).unwrap();
    xxgk().arg("check").arg(&p).assert().code(2).stderr(
        predicate::str::contains("bad.txt")
            .and(predicate::str::contains("neither UTF-8 nor GB18030")),
    );
}

#[test]
fn gb18030_is_read_with_a_note() {
    xxgk()
        .args(["check", "fixtures/cases/gb18030.txt"])
        .assert()
        .stderr(predicate::str::contains("read as GB18030"));
}

#[test]
fn unreadable_row_fails_the_check_with_json_positions() {
    let out = xxgk()
        .args([
            "check",
            "--format",
            "json",
            "fixtures/cases/run-together-unsplittable.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e001: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "E001")
        .collect();
    assert_eq!(e001.len(), 1);
    // The row is there, unreadable: not also "not found".
    assert!(!v.as_array().unwrap().iter().any(|d| d["code"] == "E002"));
    let d = e001[0];
    assert_eq!(d["name"], "unreadable-table");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "fixtures/cases/run-together-unsplittable.txt");
    // The row `（一）予以公开 110000011` is on line 88; the span covers label and value.
    assert_eq!(d["location"], serde_json::json!({"line": 88, "column": 1}));
    assert_eq!(
        d["end_location"],
        serde_json::json!({"line": 88, "column": 18})
    );
}

#[test]
fn usage_errors_exit_2() {
    xxgk().args(["check"]).assert().code(2);
    xxgk().args(["frobnicate"]).assert().code(2);
    xxgk()
        .args(["explain", "Z999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
}

/// `xxgk … | head`: the reader closing the pipe ends xxgk quietly (as it
/// ends `cat`), never with a panic message on the terminal.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_output_without_a_panic() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let seed = std::fs::read_to_string("fixtures/seeds/002_6d233805cc76b44e.txt").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Far more than a pipe buffer holds, so xxgk is still writing when the reader leaves.
    std::fs::write(&big, seed.repeat(60)).unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("xxgk"))
        .args(["inspect", "--view"])
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.status.success(), "a cut-off output is not a success");
}

/// Standard output that cannot be written (a full disk: `/dev/full`) is a
/// clear error in Chinese and exit 2, for the streamed formats too.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_output_is_an_error_not_a_success() {
    for format in ["full", "json"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("xxgk"))
            .args(["check", "--format", format, "fixtures/seeds"])
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(stderr.contains("无法写出检查结果"), "{format}: {stderr}");
    }
}
