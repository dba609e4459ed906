//! A real published report (../shared/corpus/huaian-city-2024.pdf, read-only,
//! never copied here) turned into text by poppler's `pdftotext`, as a reviewer
//! would get it. Skips cleanly when the corpus or pdftotext is absent.
//!
//! The facts checked are the hand-checked ones of the corpus README: 本年新收
//! 3119 + 上年结转 34 = （七）总计 3050 + 结转 103; 行政复议 351, 行政诉讼 46; a
//! correct report (every row and column adds up), whose table 三 prints
//! （四）无法提供 and （五）不予处理 vertically beside their rows.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `../shared/corpus/` from the project root; `XXGK_CORPUS` names another
/// folder (a git worktree sits elsewhere).
fn pdf() -> PathBuf {
    let dir = std::env::var_os("XXGK_CORPUS")
        .map_or_else(|| PathBuf::from("../shared/corpus"), PathBuf::from);
    dir.join("huaian-city-2024.pdf")
}

/// The PDF as text with `pdftotext` and these flags, or None (skip).
fn pdftotext(flags: &[&str], dir: &Path) -> Option<PathBuf> {
    let pdf = pdf();
    if !pdf.exists() {
        eprintln!("skipped: {} not present", pdf.display());
        return None;
    }
    let out = dir.join("report.txt");
    let ran = std::process::Command::new("pdftotext")
        .args(flags)
        .arg(&pdf)
        .arg(&out)
        .status();
    match ran {
        Ok(s) if s.success() => Some(out),
        _ => {
            eprintln!("skipped: pdftotext not available");
            None
        }
    }
}

fn run(args: &[&str], path: &Path) -> Value {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn errors(path: &Path) -> Vec<String> {
    run(&["check", "--format", "json"], path)
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| format!("{} {}", d["code"], d["message"]))
        .collect()
}

/// Table 三's rows, labels and values (not the lines they sit on).
fn rows(path: &Path) -> Vec<Value> {
    let v = run(&["inspect", "--format", "json"], path);
    v["tables"]["applications"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| serde_json::json!([r["label"], r["values"]]))
        .collect()
}

/// The README's facts on an inspect reading; and every one of the 200 items a number.
fn assert_facts(path: &Path) {
    let v = run(&["inspect", "--format", "json"], path);
    let t = &v["tables"];
    let rows = t["applications"]["rows"].as_array().unwrap();
    let total = |r: usize| rows[r]["values"][6].as_i64();
    assert_eq!(total(0), Some(3119), "本年新收");
    assert_eq!(total(1), Some(34), "上年结转");
    assert_eq!(total(23), Some(3050), "（七）总计");
    assert_eq!(total(24), Some(103), "结转下年度");
    let review = t["review_litigation"]["values"].as_array().unwrap();
    assert_eq!(review[4].as_i64(), Some(351), "行政复议总计");
    let suits = review[9].as_i64().unwrap() + review[14].as_i64().unwrap();
    assert_eq!(suits, 46, "行政诉讼");
    let numbers = t["active"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x.is_number())
        .count()
        + rows
            .iter()
            .flat_map(|r| r["values"].as_array().unwrap())
            .filter(|x| x.is_number())
            .count()
        + review.iter().filter(|x| x.is_number()).count();
    assert_eq!(numbers, 200);
    assert!(
        v["problems"].as_array().unwrap().is_empty(),
        "{}",
        v["problems"]
    );
}

#[test]
fn layout_mode_reads_every_cell_with_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let Some(txt) = pdftotext(&["-layout"], dir.path()) else {
        return;
    };
    assert_facts(&txt);
    // A correct report: no error-level finding (it does get S010, a warning).
    assert_eq!(errors(&txt), Vec::<String>::new());
}

/// `-layout` output with runs of spaces collapsed and lines trimmed: the
/// shape other extractors (pypdf) give: `法提供 2.没有现成信息需要另行制作 11 0 0 0 0 0 11`.
#[test]
fn collapsed_spaces_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let Some(txt) = pdftotext(&["-layout"], dir.path()) else {
        return;
    };
    let text = std::fs::read_to_string(&txt).unwrap();
    let collapsed: String = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect();
    assert!(collapsed.contains("\n法提供 2.没有现成信息需要另行制作 11 0 0 0 0 0 11\n"));
    let path = dir.path().join("collapsed.txt");
    std::fs::write(&path, collapsed).unwrap();
    assert_facts(&path);
    assert_eq!(errors(&path), Vec::<String>::new());
    assert_eq!(rows(&path), rows(&txt));
}

/// Plain `pdftotext` prints some values far from their labels: those rows
/// cannot be read without guessing. Every row it does read agrees with the
/// layout reading, and no row is called missing (E002): they are E001.
#[test]
fn reading_order_mode_reads_no_wrong_number_and_claims_nothing_missing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(layout) = pdftotext(&["-layout"], dir.path()) else {
        return;
    };
    let reference = rows(&layout);
    let plain_dir = tempfile::tempdir().unwrap();
    let Some(plain) = pdftotext(&[], plain_dir.path()) else {
        return;
    };
    let got = rows(&plain);
    let mut read = 0;
    for (g, r) in got.iter().zip(&reference) {
        if g[1].as_array().unwrap().iter().all(Value::is_number) {
            assert_eq!(g, r);
            read += 1;
        }
    }
    assert!(read >= 15, "only {read} rows read");
    let errs = errors(&plain);
    assert!(errs.iter().all(|e| e.starts_with("\"E001\"")), "{errs:?}");
    assert!(!errs.is_empty());
}

/// `pdftotext -raw` (content-stream order, one table row a line): the same cells.
#[test]
fn raw_mode_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let Some(layout) = pdftotext(&["-layout"], dir.path()) else {
        return;
    };
    let raw_dir = tempfile::tempdir().unwrap();
    let Some(raw) = pdftotext(&["-raw"], raw_dir.path()) else {
        return;
    };
    assert_facts(&raw);
    assert_eq!(errors(&raw), Vec::<String>::new());
    assert_eq!(rows(&raw), rows(&layout));
}
