//! A clean run says so on a terminal (issue 14), and stays silent in a pipe.
//! The terminal is a real pseudo-terminal from util-linux `script`; without
//! it the terminal half is skipped with a note.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_xxgk");
const CLEAN: &str = "fixtures/gate/reports/clean.txt";

/// `xxgk args` with its stdout on a pseudo-terminal; `None` without `script`.
fn on_a_terminal(args: &str) -> Option<(bool, String)> {
    let o = Command::new("script")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-qec", &format!("{BIN} {args}"), "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    Some((
        o.status.success(),
        String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n"),
    ))
}

#[test]
fn a_clean_report_says_so_on_a_terminal() {
    let Some((ok, out)) = on_a_terminal(&format!("check {CLEAN}")) else {
        eprintln!("note: `script` (util-linux) not found; terminal output not tested");
        return;
    };
    assert!(ok, "{out}");
    assert_eq!(out, "✓ 未发现问题（1 个文件）\n");
    let (_, out) = on_a_terminal(&format!("check --format concise {CLEAN} {CLEAN}")).unwrap();
    // One file named twice is checked once.
    assert_eq!(out, "✓ 未发现问题（1 个文件）\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/gate/xxgk.toml", dir.path().join("xxgk.toml")).unwrap();
    for name in ["a.txt", "b.txt"] {
        std::fs::copy(CLEAN, dir.path().join(name)).unwrap();
    }
    let (_, out) = on_a_terminal(&format!("check {}", dir.path().display())).unwrap();
    assert_eq!(out, "✓ 未发现问题（2 个文件）\n");
    let (_, out) = on_a_terminal(&format!("check --format json {CLEAN}")).unwrap();
    assert_eq!(out, "[]\n", "machine formats stay as they are");
    // With findings there is no such line.
    let (_, out) = on_a_terminal("check fixtures/gate/reports/suppressed.txt").unwrap();
    assert!(!out.contains("未发现问题"), "{out}");
    // In English on request (it was Chinese whatever the language).
    let (_, out) = on_a_terminal(&format!("--lang en check {CLEAN}")).unwrap();
    assert_eq!(out, "✓ No problems found (1 file)\n");
}

#[test]
fn a_clean_report_in_a_pipe_prints_nothing() {
    let o = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "concise", CLEAN])
        .output()
        .unwrap();
    assert_eq!((o.status.code(), o.stdout.as_slice()), (Some(0), &b""[..]));
}
