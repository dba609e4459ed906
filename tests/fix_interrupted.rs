//! `--fix` under interruption: `xxgk check --fix` is killed (SIGKILL) at
//! varying moments while it rewrites a large report; the file on disk is
//! always either the original or the complete fixed text (atomic rename),
//! never a truncated or mixed one.
#![cfg(unix)]

use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn a_killed_fix_leaves_the_original_or_the_fixed_file() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let seed = std::fs::read_dir(seeds)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("004"))
        .unwrap();
    // Seed 004 has a Word artefact ([bookmark: _GoBack], a safe fix); make it
    // large (~3 MB of section 一 prose) so the write takes a while.
    let text = std::fs::read_to_string(seed.path()).unwrap();
    let at = text.find("二、主动公开政府信息情况").unwrap();
    let filler =
        "（6）其他工作。严格落实信息发布审核制度，确保信息准确、权威、合法。\n".repeat(30_000);
    let original = format!("{}{filler}{}", &text[..at], &text[at..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.txt");

    // The complete fixed version, from an uninterrupted run.
    std::fs::write(&path, &original).unwrap();
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--fix", "--exit-zero", "--format", "concise"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, original, "the report has a safe fix to apply");

    let (mut saw_original, mut saw_fixed) = (0, 0);
    for k in 0..24u64 {
        std::fs::write(&path, &original).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["check", "--fix", "--exit-zero", "--format", "concise"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the run: early (reading, linting) to late (writing).
        std::thread::sleep(Duration::from_millis(k * k * 3 % 700));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).unwrap();
        if now == original {
            saw_original += 1;
        } else if now == fixed {
            saw_fixed += 1;
        } else {
            panic!(
                "kill {k}: the file is neither the original nor the fixed version ({} bytes)",
                now.len()
            );
        }
        // No temporary file left behind next to the report is acceptable
        // only if it is not mistaken for a report: none may be named *.txt.
        for e in std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
        {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(name == "report.txt" || !name.ends_with(".txt"), "{name}");
        }
    }
    assert_eq!(saw_original + saw_fixed, 24);
}
