//! Reports published as web pages (issue 9, HTML): the pages in
//! fixtures/html/ are the seeds as sites publish them (written by
//! fixtures/html/make.py, two of them by LibreOffice from a .docx). Every
//! number must equal the independent oracle in fixtures/expected/, and the
//! findings must be those of the seed's own text.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn xxgk(args: &[&str], dir: Option<&Path>) -> Out {
    let mut cmd = Command::cargo_bin("xxgk").unwrap();
    cmd.args(args).env("NO_COLOR", "1").timeout(LIMIT);
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let o = cmd.output().unwrap();
    let out = Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    };
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

fn json(out: &Out, what: &str) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: {e}\nstderr: {}", out.stderr))
}

/// The fixture pages, each with the seed it was written from.
fn pages() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("fixtures/html").unwrap() {
        let page = e.unwrap().path();
        if page.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let prefix = page.file_name().unwrap().to_str().unwrap()[..3].to_string();
        let seed = std::fs::read_dir("fixtures/seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .starts_with(&prefix)
            })
            .unwrap_or_else(|| panic!("no seed for {}", page.display()));
        out.push((page, seed));
    }
    out.sort();
    out
}

fn numbers(v: &Value) -> usize {
    v.as_array()
        .unwrap()
        .iter()
        .filter(|x| x.is_number())
        .count()
}

#[test]
fn every_page_reads_every_number() {
    let all = pages();
    assert!(all.len() >= 9, "only {} pages", all.len());
    for (page, seed) in &all {
        let p = page.to_str().unwrap();
        let out = xxgk(&["inspect", "--format", "json", p], None);
        assert_eq!(out.code, 0, "{p}: {}", out.stderr);
        let got = json(&out, p);
        let stem = seed.file_stem().unwrap().to_str().unwrap();
        let exp: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("fixtures/expected/{stem}.json")).unwrap(),
        )
        .unwrap();
        let t = &got["tables"];
        assert_eq!(t["active"]["values"], exp["active"]["values"], "{p}: 表二");
        let rows = t["applications"]["rows"].as_array().unwrap();
        let exp_rows = exp["applications"]["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 25, "{p}");
        for (g, e) in rows.iter().zip(exp_rows) {
            assert_eq!(g["label"], e["label"], "{p}");
            assert_eq!(g["values"], e["values"], "{p}: 表三 {}", e["label"]);
        }
        assert_eq!(
            t["review_litigation"]["values"], exp["review_litigation"]["values"],
            "{p}: 表四"
        );
        assert_eq!(got["problems"], serde_json::json!([]), "{p}");
        let n = numbers(&t["active"]["values"])
            + rows.iter().map(|r| numbers(&r["values"])).sum::<usize>()
            + numbers(&t["review_litigation"]["values"]);
        assert_eq!(n, 200, "{p}: 10 + 175 + 15 numbers");
    }
}

/// (code, severity, message) of each finding, in order.
fn findings(path: &str, dir: Option<&Path>) -> Vec<(String, String, String)> {
    let out = xxgk(&["check", "--format", "json", path], dir);
    assert!(out.code == 0 || out.code == 1, "{path}: {}", out.stderr);
    json(&out, path)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("code"), s("severity"), s("message"))
        })
        .collect()
}

#[test]
fn findings_are_those_of_the_seed_text() {
    for (page, seed) in pages() {
        let got = findings(page.to_str().unwrap(), None);
        let want = findings(seed.to_str().unwrap(), None);
        assert_eq!(got, want, "{}", page.display());
        // The seeds are correct reports: no error-level finding.
        assert!(
            got.iter().all(|(_, sev, _)| sev != "error"),
            "{}: {got:?}",
            page.display()
        );
    }
}

#[test]
fn a_real_defect_is_found_as_in_the_text() {
    // Seed 002 with （七）总计 of 自然人 changed from 33 to 32.
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string("fixtures/html/002-portal.html")
        .unwrap()
        .replacen(
            "（七）总计</td><td>33</td>",
            "（七）总计</td><td>32</td>",
            1,
        );
    let seed = std::fs::read_to_string("fixtures/seeds/002_6d233805cc76b44e.txt")
        .unwrap()
        .replacen("\t（七）总计\n\t33\n", "\t（七）总计\n\t32\n", 1);
    std::fs::write(dir.path().join("r.html"), page).unwrap();
    std::fs::write(dir.path().join("r.txt"), seed).unwrap();
    let got = findings("r.html", Some(dir.path()));
    assert_eq!(got, findings("r.txt", Some(dir.path())));
    assert!(
        got.iter().any(|(_, sev, _)| sev == "error"),
        "the wrong total is an error: {got:?}"
    );
}

#[test]
fn pages_in_folders_and_html_saved_as_txt_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/html/004-portal.html", dir.path().join("a.htm")).unwrap();
    std::fs::copy("fixtures/html/001-legacy.html", dir.path().join("b.shtml")).unwrap();
    std::fs::copy("fixtures/html/002-word.html", dir.path().join("c.txt")).unwrap();
    let out = xxgk(&["check", "--format", "json", "."], Some(dir.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = json(&out, "folder");
    let files: std::collections::BTreeSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    // 002 has no findings; 001 and 004 have Word bookmarks left in.
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["./a.htm", "./b.shtml"]
    );
    // The gb2312 page is noted as such, and the page saved as .txt is read
    // as a page, not as markup text.
    assert_eq!(
        out.stderr,
        "xxgk: 提示：./b.shtml: 不是 UTF-8 编码，已按 GB18030 读取 (not UTF-8; read as GB18030)\n"
    );
    let view = xxgk(&["inspect", "--view", "c.txt"], Some(dir.path()));
    assert!(!view.stdout.contains('<'), "{}", view.stdout);
}

#[test]
fn pages_are_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.html");
    std::fs::copy("fixtures/html/000-portal.html", &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Seed 000 lacks the 五、 of section 五: a safe fix a text file would get.
    let out = xxgk(
        &["check", "--fix", "--format", "concise", "r.html"],
        Some(dir.path()),
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "untouched");
    // Asked to fix a file it never rewrites, xxgk says so and fails, as for
    // every such format (issue 14).
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "xxgk: 错误：r.html: 网页（HTML）不会被改写，--fix/--diff 不适用：xxgk 只改写 .txt 和 .md 文件；请在原稿（Word/WPS）中按提示修改 (--fix and --diff apply to .txt and .md only)\n")
    );
    assert!(out.stdout.contains("S003 [warning]"), "{}", out.stdout);
    let out = xxgk(&["check", "--diff", "r.html"], Some(dir.path()));
    assert_eq!((out.code, out.stdout.as_str()), (2, ""));
}

#[test]
fn pages_that_are_not_reports_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "<div>".repeat(5000);
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "list.html",
            "<html><body><ul><li><a href='a.pdf'>某局2024年政府信息公开工作年度报告</a></li></ul></body></html>".as_bytes(),
            "网页中找不到年度报告正文",
        ),
        ("empty.html", b"<html><body><script>go()</script></body></html>", "网页中没有文字内容"),
        ("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "这是 PDF 文件"),
        ("bad.htm", b"<meta charset=\"gbk\"><p>\xff\xff</p>", "网页的字符编码无法识别"),
        (
            "deep.html",
            deep.as_bytes(),
            "嵌套超过 1024 层",
        ),
    ];
    for (name, bytes, why) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = xxgk(&["check", name], Some(dir.path()));
        assert_eq!(out.code, 2, "{name}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!("xxgk: 错误：{name}: ")) && out.stderr.contains(why),
            "{name}: {}",
            out.stderr
        );
    }
}

/// Real published pages, when ../shared/corpus/ is there: each is read,
/// its three tables found, and every row read (no E001/E002 problem).
#[test]
fn corpus_pages_when_present() {
    let Ok(entries) = std::fs::read_dir("../shared/corpus") else {
        eprintln!("../shared/corpus not present: skipped");
        return;
    };
    let mut seen = 0;
    for e in entries {
        let path = e.unwrap().path();
        let ext = path
            .extension()
            .and_then(|x| x.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("html" | "htm" | "shtml")) {
            continue;
        }
        let p = path.to_str().unwrap();
        let out = xxgk(&["inspect", "--format", "json", p], None);
        assert_eq!(out.code, 0, "{p}: {}", out.stderr);
        let v = json(&out, p);
        for t in ["active", "applications", "review_litigation"] {
            assert!(!v["tables"][t].is_null(), "{p}: {t} not found");
        }
        assert_eq!(v["problems"], serde_json::json!([]), "{p}");
        seen += 1;
    }
    eprintln!("{seen} corpus page(s) read");
}

mod mutated {
    //! Fixture pages cut, spliced and salted with table markup: the reader
    //! returns a text view or an error, never panics, and the view lints.
    use proptest::prelude::*;

    fn pages() -> Vec<Vec<u8>> {
        let mut files: Vec<_> = std::fs::read_dir("fixtures/html")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        files.sort();
        files.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }

    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"<table>".to_vec()),
            Just(b"</table>".to_vec()),
            Just(b"<tr>".to_vec()),
            Just(b"<td rowspan=0 colspan=99999>".to_vec()),
            Just(b"<th rowspan=\"3\">".to_vec()),
            Just(b"<tbody>".to_vec()),
            Just(b"<br>&nbsp;".to_vec()),
            Just(b"<div style=\"display:none\">".to_vec()),
            Just(b"<script>".to_vec()),
            Just(
                "<p>三、收到和处理政府信息公开申请情况</p>"
                    .as_bytes()
                    .to_vec()
            ),
            Just("<a>2023年政府信息公开工作年度报告</a>".as_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 1..8),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn never_panics(k in any::<usize>(), edits in prop::collection::vec((any::<usize>(), 0usize..300, piece()), 1..10)) {
            let all = pages();
            let mut page = all[k % all.len()].clone();
            for (at, cut, insert) in edits {
                let at = at % page.len().max(1);
                let end = (at + cut).min(page.len());
                page.splice(at..end, insert);
            }
            if let Ok(source) = xxgk::input::from_bytes(std::path::Path::new("p.html"), &page) {
                xxgk::lint(&source.text, &xxgk::LintOptions::default());
            }
        }
    }
}
