//! `xxgk inspect` text output, as a clerk sees it, for one fixture per layout.

use assert_cmd::Command;

fn inspect_text(path: &str) -> String {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["inspect", path])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn word_text_seed_002() {
    insta::assert_snapshot!(inspect_text("fixtures/seeds/002_6d233805cc76b44e.txt"));
}

#[test]
fn markdown_004() {
    insta::assert_snapshot!(inspect_text("fixtures/layouts/markdown/004.md"));
}

#[test]
fn pdf_000() {
    insta::assert_snapshot!(inspect_text("fixtures/layouts/pdf/000.txt"));
}

#[test]
fn web_blank_002() {
    insta::assert_snapshot!(inspect_text("fixtures/layouts/web/002-blank.txt"));
}

#[test]
fn unreadable_row() {
    insta::assert_snapshot!(inspect_text("fixtures/cases/run-together-unsplittable.txt"));
}

#[test]
fn legacy_table() {
    insta::assert_snapshot!(inspect_text("fixtures/cases/legacy-2019-table3.txt"));
}
