//! .doc and .wps (Word 97–2003 binary) read natively: every number of tables
//! 二/三/四 of the seeds written as .doc by LibreOffice (fixtures/doc/make.py)
//! equals the independent oracle in fixtures/expected/, the findings equal
//! those on the seed text, and bad files are refused with exit 2.

use assert_cmd::Command;
use serde_json::Value;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const SEEDS: [&str; 5] = [
    "000_b6106ade0c42d785",
    "001_8f8da75a091af576",
    "002_6d233805cc76b44e",
    "003_8345640e0ba59491",
    "004_85d8c9eac23a7ed3",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Every number of the three tables as `inspect` reads them, in order.
fn numbers(tables: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = tables["active"]["values"].as_array().unwrap().clone();
    for row in tables["applications"]["rows"].as_array().unwrap() {
        out.extend(row["values"].as_array().unwrap().iter().cloned());
    }
    out.extend(
        tables["review_litigation"]["values"]
            .as_array()
            .unwrap()
            .iter()
            .cloned(),
    );
    out
}

fn assert_reads_the_seed(file: &str, stem: &str) {
    let o = run(&["inspect", "--format", "json", file]);
    assert_eq!(o.code, 0, "{file}: {}", o.stderr);
    let got: Value = serde_json::from_str(&o.stdout).unwrap();
    let exp = json(&format!("fixtures/expected/{stem}.json"));
    let labels = |v: &Value| -> Vec<Value> {
        v["applications"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["label"].clone())
            .collect()
    };
    assert_eq!(labels(&got["tables"]), labels(&exp), "{file}: 表三 rows");
    let (got_n, exp_n) = (numbers(&got["tables"]), numbers(&exp));
    assert_eq!(exp_n.len(), 200);
    assert!(exp_n.iter().all(Value::is_number));
    assert_eq!(got_n, exp_n, "{file}: table values");
    assert!(
        got["problems"].as_array().unwrap().is_empty(),
        "{file}: {}",
        got["problems"]
    );
}

#[test]
fn every_seed_as_doc_reads_every_number() {
    for stem in SEEDS {
        assert_reads_the_seed(&format!("fixtures/doc/{stem}.doc"), stem);
    }
    assert_reads_the_seed(
        "fixtures/doc/002_6d233805cc76b44e.wps",
        "002_6d233805cc76b44e",
    );
}

/// Code, severity and message of each finding, without its location: the
/// .doc's text view has other line numbers than the seed (LibreOffice drops
/// leading spaces of paragraphs on the way).
fn findings(file: &str) -> Vec<String> {
    let o = run(&["check", "--format", "json", file]);
    assert!(o.code == 0 || o.code == 1, "{file}: {}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {} {}", d["code"], d["severity"], d["message"]))
        .collect()
}

#[test]
fn findings_equal_those_on_the_seed_text() {
    let mut total = 0;
    for stem in SEEDS {
        let seed = findings(&format!("fixtures/seeds/{stem}.txt"));
        let doc = findings(&format!("fixtures/doc/{stem}.doc"));
        assert_eq!(doc, seed, "{stem}");
        total += seed.len();
    }
    assert!(total > 0, "the seeds have findings to compare");
}

#[test]
fn merged_cells_and_a_hyperlink_from_libreoffice() {
    let o = run(&["inspect", "--view", "fixtures/doc/merged.doc"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "见政府网站。\n\n\
         \t本列数据的勾稽关系\n\t\n\t\n\t申请人情况\n\t\n\n\
         \t\n\t\n\t\n\t自然人\n\t总计\n\n\
         \t三、本年度办理结果\n\t（一）予以公开\n\t\n\t3\n\t3\n\n\
         \t\n\t（二）部分公开\n\tx\n\t0\n\t0\n\n\n\
         结束\n\n"
    );
}

#[test]
fn tracked_deletions_and_hidden_text_are_not_read() {
    // tracked.fodt: 共[35 deleted]36件, 可见[隐藏 hidden]文字; both are in the
    // .doc's text stream.
    let raw = std::fs::read("fixtures/doc/tracked.doc").unwrap();
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    assert!(raw.windows(4).any(|w| w == utf16("隐藏")));
    let o = run(&["inspect", "--view", "fixtures/doc/tracked.doc"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "共36件\n\n可见文字\n\n\ta\n\t1\n\n\n完\n\n");
}

fn scratch(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn assert_refused(path: &Path, why: &str) {
    let p = path.to_str().unwrap();
    for cmd in [&["check", p][..], &["inspect", p][..]] {
        let o = run(cmd);
        assert_eq!(o.code, 2, "{cmd:?}: {}{}", o.stdout, o.stderr);
        assert!(
            o.stderr.contains(p) && o.stderr.contains(why),
            "{cmd:?}: expected {p} and {why:?} in:\n{}",
            o.stderr
        );
        assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    }
}

#[test]
fn an_encrypted_doc_is_refused() {
    let bytes = std::fs::read("fixtures/doc/004_85d8c9eac23a7ed3.doc").unwrap();
    let (_dir, path) = scratch("locked.doc", &bytes);
    // Set fEncrypted in the FIB, as Word does for a password-protected file.
    let mut ole = cfb::open_rw(&path).unwrap();
    let mut s = ole.open_stream("/WordDocument").unwrap();
    s.seek(SeekFrom::Start(0x0B)).unwrap();
    s.write_all(&[0x03]).unwrap();
    drop(s);
    ole.flush().unwrap();
    drop(ole);
    assert_refused(&path, "设置了打开密码");
}

fn ole_with(path: &Path, streams: &[&str]) {
    let mut ole = cfb::create(path).unwrap();
    for name in streams {
        ole.create_stream(name)
            .unwrap()
            .write_all(b"\0\0\0\0")
            .unwrap();
    }
    ole.flush().unwrap();
}

#[test]
fn password_protected_files_made_by_real_tools_are_refused() {
    // LibreOffice's "save with password" (RC4), and msoffcrypto-tool's .docx.
    assert_refused(Path::new("fixtures/doc/locked.doc"), "设置了打开密码");
    assert_refused(Path::new("fixtures/doc/locked.docx"), "加密的 .docx");
}

#[test]
fn a_spreadsheet_named_doc_is_not_a_word_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.doc");
    ole_with(&path, &["/Workbook"]);
    assert_refused(&path, "不是 Word 文档");
}

#[test]
fn a_password_protected_docx_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    ole_with(&path, &["/EncryptionInfo", "/EncryptedPackage"]);
    assert_refused(&path, "加密的 .docx");
}

#[test]
fn a_truncated_doc_is_refused() {
    let bytes = std::fs::read("fixtures/doc/002_6d233805cc76b44e.doc").unwrap();
    let (_dir, path) = scratch("cut.wps", &bytes[..bytes.len() / 2]);
    let o = run(&["check", path.to_str().unwrap()]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("cut.wps"), "{}", o.stderr);
    assert!(
        o.stderr.contains("损坏") || o.stderr.contains("截断"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_renamed_doc_is_still_read() {
    // A .doc saved under a .docx or .txt name is an OLE file all the same.
    let bytes = std::fs::read("fixtures/doc/000_b6106ade0c42d785.doc").unwrap();
    for name in ["report.docx", "report.txt"] {
        let (_dir, path) = scratch(name, &bytes);
        assert_reads_the_seed(path.to_str().unwrap(), "000_b6106ade0c42d785");
    }
}

#[test]
fn folders_pick_up_doc_and_wps() {
    // Seed 001 has findings, so each copy shows up in the output.
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new("fixtures/doc/001_8f8da75a091af576.doc");
    for name in ["a.doc", "b.wps", "c.dot"] {
        std::fs::copy(src, dir.path().join(name)).unwrap();
    }
    let o = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let files: std::collections::BTreeSet<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let p = Path::new(d["path"].as_str().unwrap());
            p.file_name().unwrap().to_str().unwrap().to_string()
        })
        .collect();
    // A template (.dot) in a folder is not a report.
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["a.doc", "b.wps"]);
}

#[test]
fn fix_never_rewrites_a_doc() {
    // Seed 001 has a Word bookmark left in its text (H001, a safe fix).
    let bytes = std::fs::read("fixtures/doc/001_8f8da75a091af576.doc").unwrap();
    let (_dir, path) = scratch("report.doc", &bytes);
    let p = path.to_str().unwrap();
    let o = run(&["check", "--fix", "--format", "concise", p]);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "untouched");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!(
            "xxgk: 错误：{p}: .doc/.wps 文件不会被改写，--fix/--diff 不适用：xxgk 只改写 .txt 和 .md 文件；请在原稿（Word/WPS）中按提示修改 (--fix and --diff apply to .txt and .md only)\n"
        )
    );
    assert!(o.stdout.contains("H001"), "{}", o.stdout);
}

#[test]
fn fix_on_stdin_does_not_print_a_doc_as_text() {
    // With stdin, --fix prints the fixed text; for a .doc that would be its
    // text view, which redirected over the file would replace the document.
    let bytes = std::fs::read("fixtures/doc/001_8f8da75a091af576.doc").unwrap();
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args([
            "check",
            "--fix",
            "--format",
            "concise",
            "--stdin-filename",
            "r.doc",
            "-",
        ])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stdout.contains("汶上县"), "{stdout}");
    assert!(stdout.contains("H001"), "{stdout}");
}

#[test]
fn a_docx_renamed_doc_is_read_as_docx_and_rtf_is_refused() {
    // The smallest .docx: one paragraph.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(
        "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"
            .as_bytes(),
    )
    .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let (_dir, path) = scratch("renamed.doc", &bytes);
    let o = run(&["inspect", "--view", path.to_str().unwrap()]);
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, "一、总体情况\n\n"),
        "{}",
        o.stderr
    );
    let (_dir, path) = scratch("report.doc", b"{\\rtf1\\ansi report}");
    assert_refused(&path, "这是 RTF 文件");
}
