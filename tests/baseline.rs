//! Reviewed-finding memory (issue 13): `--write-baseline` records the
//! current findings, `--baseline` hides them later. Reports are the gate's
//! clean report with doubled words (H002) written into section 一, so each
//! test knows exactly which findings there are.

use assert_cmd::Command;
use calamine::{open_workbook, Reader, Xlsx};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run xxgk in `cwd`.
fn xxgk_in(cwd: &Path, args: &[&str]) -> Out {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr,
    }
}

/// The gate's clean report with `lines` added at the end of section 一.
fn report_with(lines: &[&str]) -> String {
    let clean = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gate/reports/clean.txt"),
    )
    .unwrap();
    let at = clean.find("二、主动公开政府信息情况").unwrap();
    let added: String = lines.iter().map(|l| format!("{l}\n")).collect();
    format!("{}{added}\n{}", &clean[..at], &clean[at..])
}

const SLIP: &str = "我局通过通过门户网站公开了年度报告。";
const OTHER_SLIP: &str = "下一步将继续加强加强公开工作。";

/// `(rule, path)` of each finding in `--format json` output.
fn findings(json: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("code"), s("path"))
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Write the baseline of `target` (relative to `cwd`) to `accepted.json` in `cwd`.
fn write_baseline(cwd: &Path, target: &str) -> Out {
    let o = xxgk_in(cwd, &["check", target, "--write-baseline", "accepted.json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o
}

fn check_json(cwd: &Path, target: &str, baseline: &str) -> Out {
    xxgk_in(
        cwd,
        &["check", target, "--format", "json", "--baseline", baseline],
    )
}

#[test]
fn the_report_has_the_findings_this_file_expects() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &report_with(&[SLIP, OTHER_SLIP]));
    let o = xxgk_in(dir.path(), &["check", "a.txt", "--format", "json"]);
    assert_eq!(o.code, 0, "warnings only: {}", o.stderr);
    let codes: Vec<String> = findings(&o.stdout).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["H002", "H002"], "{}", o.stdout);
    write(dir.path(), "clean.txt", &report_with(&[]));
    let o = xxgk_in(dir.path(), &["check", "clean.txt", "--format", "json"]);
    assert_eq!(findings(&o.stdout), [], "{}", o.stdout);
}

#[test]
fn written_baseline_hides_every_finding_and_is_readable() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &report_with(&[SLIP, OTHER_SLIP]));
    let o = write_baseline(dir.path(), "a.txt");
    assert!(o.stdout.is_empty(), "no findings printed: {}", o.stdout);
    assert!(o.stderr.contains("已将 2 条问题"), "{}", o.stderr);

    let json = std::fs::read_to_string(dir.path().join("accepted.json")).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["file"], "a.txt");
    assert_eq!(entries[0]["code"], "H002");
    assert_eq!(entries[0]["name"], "doubled-word");
    assert!(entries[0]["excerpt"].as_str().unwrap().contains("通过通过"));
    assert_ne!(entries[0]["fingerprint"], entries[1]["fingerprint"]);
    // Written again from the same reports: the same bytes.
    write_baseline(dir.path(), "a.txt");
    let again = std::fs::read_to_string(dir.path().join("accepted.json")).unwrap();
    assert_eq!(json, again);

    // --fail-on warning: without the baseline the run fails, with it it is clean.
    let o = xxgk_in(dir.path(), &["check", "a.txt", "--fail-on", "warning"]);
    assert_eq!(o.code, 1);
    let o = xxgk_in(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--fail-on",
            "warning",
            "--baseline",
            "accepted.json",
        ],
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    assert!(
        o.stderr.contains("已按基线隐藏 2 条已审核问题"),
        "{}",
        o.stderr
    );
}

#[test]
fn an_edit_elsewhere_keeps_it_matched_and_an_edit_of_its_text_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let before = report_with(&[SLIP]);
    write(dir.path(), "a.txt", &before);
    write_baseline(dir.path(), "a.txt");

    // A line above the finding rewritten, a paragraph added: lines and offsets move.
    let moved = before
        .replacen("山亭区政府坚持", "山亭区人民政府始终坚持", 1)
        .replacen(
            "一、总体情况\n",
            "一、总体情况\n\n本年度工作稳步推进。\n",
            1,
        );
    assert_ne!(moved, before);
    write(dir.path(), "a.txt", &moved);
    let o = check_json(dir.path(), "a.txt", "accepted.json");
    assert_eq!(findings(&o.stdout), [], "{}", o.stdout);
    assert!(o.stderr.contains("隐藏 1 条"), "{}", o.stderr);

    // The finding's own line changed: a new finding, shown; the entry unused.
    let edited = moved.replacen(SLIP, "我局通过通过政务新媒体公开了年度报告。", 1);
    write(dir.path(), "a.txt", &edited);
    let o = check_json(dir.path(), "a.txt", "accepted.json");
    assert_eq!(findings(&o.stdout), [("H002".into(), "a.txt".into())]);
    assert!(o.stderr.contains("隐藏 0 条"), "{}", o.stderr);
    assert!(
        o.stderr.contains("1 条已审核问题本次未再出现"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_fixed_finding_leaves_its_entry_unused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &report_with(&[SLIP, OTHER_SLIP]));
    write_baseline(dir.path(), "a.txt");
    write(dir.path(), "a.txt", &report_with(&[OTHER_SLIP]));

    let o = xxgk_in(
        dir.path(),
        &["check", "a.txt", "--baseline", "accepted.json"],
    );
    assert_eq!(
        o.code, 0,
        "an unused entry does not fail the run: {}",
        o.stderr
    );
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    let listed: Vec<&str> = o.stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(listed.len(), 1, "{}", o.stderr);
    assert!(
        listed[0].contains("a.txt: H002 doubled-word"),
        "{}",
        listed[0]
    );
    assert!(listed[0].contains("通过通过"), "{}", listed[0]);

    // Asked to: it fails the run, and is shown even with --quiet.
    let o = xxgk_in(
        dir.path(),
        &[
            "check",
            "a.txt",
            "-q",
            "--baseline",
            "accepted.json",
            "--fail-on-unused-baseline",
        ],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("通过通过"), "{}", o.stderr);
    assert!(!o.stderr.contains("已按基线隐藏"), "quiet: {}", o.stderr);
}

#[test]
fn identical_findings_need_one_entry_each() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &report_with(&[SLIP]));
    write_baseline(dir.path(), "a.txt");
    // The same slip twice now: one is in the baseline, the other is new.
    write(dir.path(), "a.txt", &report_with(&[SLIP, SLIP]));
    let o = check_json(dir.path(), "a.txt", "accepted.json");
    assert_eq!(findings(&o.stdout), [("H002".into(), "a.txt".into())]);

    write_baseline(dir.path(), "a.txt");
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("accepted.json")).unwrap())
            .unwrap();
    let e = v["entries"].as_array().unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0]["fingerprint"], e[1]["fingerprint"]);
    let o = check_json(dir.path(), "a.txt", "accepted.json");
    assert_eq!(findings(&o.stdout), []);
}

#[test]
fn a_folder_shows_only_new_reports_findings_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "报告/甲局.txt", &report_with(&[SLIP]));
    write(
        dir.path(),
        "报告/乙局/2024.txt",
        &report_with(&[OTHER_SLIP]),
    );
    write_baseline(dir.path(), "报告");
    let json = std::fs::read_to_string(dir.path().join("accepted.json")).unwrap();
    assert!(json.contains("\"报告/乙局/2024.txt\""), "{json}");
    assert!(json.contains("\"报告/甲局.txt\""), "{json}");

    write(
        dir.path(),
        "报告/丙局.txt",
        &report_with(&[SLIP, OTHER_SLIP]),
    );
    let o = check_json(dir.path(), "报告", "accepted.json");
    let only_new = [
        ("H002".to_string(), "报告/丙局.txt".to_string()),
        ("H002".to_string(), "报告/丙局.txt".to_string()),
    ];
    assert_eq!(findings(&o.stdout), only_new, "{}", o.stderr);
    // The same as checking the new report alone (paths aside).
    let alone = xxgk_in(dir.path(), &["check", "报告/丙局.txt", "--format", "json"]);
    assert_eq!(o.stdout, alone.stdout);
    // One report of the folder checked: the other reports' entries are not "unused".
    let one = check_json(dir.path(), "报告/甲局.txt", "accepted.json");
    assert_eq!(findings(&one.stdout), []);
    assert!(!one.stderr.contains("未再出现"), "{}", one.stderr);

    let run = |format: &str| {
        let o = xxgk_in(
            dir.path(),
            &[
                "check",
                "报告",
                "--format",
                format,
                "--baseline",
                "accepted.json",
            ],
        );
        assert_eq!(o.code, 0, "{format}: {}", o.stderr);
        o.stdout
    };
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    assert_eq!(run("concise").lines().count(), 2);
    assert_eq!(run("json-lines").lines().count(), 2);
    let stats = xxgk_in(
        dir.path(),
        &[
            "check",
            "报告",
            "--statistics",
            "--baseline",
            "accepted.json",
        ],
    );
    assert!(stats.stdout.starts_with("2  H002"), "{}", stats.stdout);

    // The office formats, to a file: only the new report's findings.
    let o = xxgk_in(
        dir.path(),
        &[
            "check",
            "报告",
            "--format",
            "xlsx",
            "--output-file",
            "审查结果.xlsx",
            "--baseline",
            "accepted.json",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut book: Xlsx<_> = open_workbook(dir.path().join("审查结果.xlsx")).unwrap();
    let sheet = book.worksheet_range("问题").unwrap();
    assert_eq!(
        sheet.height(),
        1 + 2,
        "a header row and the two new findings"
    );
    let o = xxgk_in(
        dir.path(),
        &[
            "check",
            "报告",
            "--format",
            "html",
            "--baseline",
            "accepted.json",
        ],
    );
    assert_eq!(o.stdout.matches("<tr class=\"finding ").count(), 2);
    assert!(o.stdout.contains("丙局"), "the new report is on the page");
}

#[test]
fn paths_match_from_another_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("office");
    write(&reports, "报告/a.txt", &report_with(&[SLIP]));
    // Written from inside the office folder, with a relative path.
    write_baseline(&reports, "报告");
    // Checked from elsewhere: absolute folder, baseline by a relative path.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let folder = reports.join("报告");
    let o = check_json(
        &elsewhere,
        folder.to_str().unwrap(),
        "../office/accepted.json",
    );
    assert_eq!(findings(&o.stdout), [], "{}", o.stderr);
    assert!(o.stderr.contains("隐藏 1 条"), "{}", o.stderr);
    // And the baseline moved with the folder still matches.
    let moved = dir.path().join("moved");
    std::fs::rename(&reports, &moved).unwrap();
    let o = check_json(&moved, "报告/a.txt", "accepted.json");
    assert_eq!(findings(&o.stdout), [], "{}", o.stderr);
}

#[test]
fn a_bad_or_missing_baseline_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &report_with(&[SLIP]));
    let cases = [
        ("missing.json", None, "无法读取基线文件 missing.json"),
        (
            "bad.json",
            Some("{\"version\": 1, \"entries\": ["),
            "基线文件 bad.json 不是有效的 xxgk 基线",
        ),
        (
            "old.json",
            Some("{\"version\": 9, \"entries\": []}"),
            "基线文件 old.json 的格式版本 9 不受支持",
        ),
        (
            "list.json",
            Some("[]"),
            "基线文件 list.json 不是有效的 xxgk 基线",
        ),
    ];
    for (name, body, message) in cases {
        if let Some(body) = body {
            write(dir.path(), name, body);
        }
        let o = xxgk_in(dir.path(), &["check", "a.txt", "--baseline", name]);
        assert_eq!(o.code, 2, "{name}: {}", o.stderr);
        assert!(o.stderr.contains(message), "{name}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "{name}: nothing checked: {}", o.stdout);
    }
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let o = xxgk_in(
        dir.path(),
        &["check", "a.txt", "--write-baseline", "folder"],
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("无法写入基线文件 folder"), "{}", o.stderr);
    let o = xxgk_in(
        dir.path(),
        &["check", "a.txt", "--write-baseline", "no/such/dir/b.json"],
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("无法写入基线文件 no/such/dir/b.json"),
        "{}",
        o.stderr
    );
}
