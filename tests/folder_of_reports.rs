//! A folder is a folder of reports (issue 14): when `xxgk check` walks a
//! directory, a text file that is not a report (a README, notes) is skipped
//! with a note; named on the command line it is checked. A report missing
//! sections or its title is still a report.

use assert_cmd::Command;
use std::path::Path;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap(),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

fn seed(n: &str) -> String {
    let entry = std::fs::read_dir("fixtures/seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(n))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

const README: &str =
    "# 说明\n\n本文件夹存放各单位报送的材料，请于每年一月底前上传。\n\n联系人：办公室\n";
const NOTES: &str = "一、总体情况\n会议纪要：下周一讨论网站改版。\n";

/// Files with findings, by name, from a `--format json-lines` run.
fn checked_files(out: &Out) -> Vec<String> {
    let mut names: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let p = v["path"].as_str().unwrap().to_string();
            Path::new(&p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.dedup();
    names
}

/// A seed cut after section 三's heading: no title, no sections 四 to 六,
/// no tables 三 and 四 — still a report, and checked as one.
fn truncated_report() -> String {
    let text = seed("002");
    let cut = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let end = cut + text[cut..].find('\n').unwrap();
    let start = text.find("一、").unwrap();
    text[start..=end].to_string()
}

#[test]
fn notes_in_a_walked_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), README).unwrap();
    std::fs::write(dir.path().join("notes.txt"), NOTES).unwrap();
    std::fs::write(dir.path().join("2024.txt"), seed("004")).unwrap();
    std::fs::write(dir.path().join("short.txt"), truncated_report()).unwrap();
    let d = dir.path().to_str().unwrap();
    let o = run(&[
        "check",
        "--isolated",
        "--exit-zero",
        "--format",
        "json-lines",
        d,
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(checked_files(&o), ["2024.txt", "short.txt"]);
    for name in ["README.md", "notes.txt"] {
        assert!(
            o.stderr.contains(&format!("{name}: 不像年度报告")),
            "{name}: {}",
            o.stderr
        );
    }
    assert_eq!(o.stderr.matches("不像年度报告").count(), 2, "{}", o.stderr);
    // The truncated report is judged as one: its missing sections are findings.
    assert!(o.stdout.contains("\"S001\""), "{}", o.stdout);
    // --quiet drops the notes, not the skipping.
    let q = run(&[
        "check",
        "--isolated",
        "--exit-zero",
        "-q",
        "--format",
        "json-lines",
        d,
    ]);
    assert_eq!(
        (q.stdout.as_str(), q.stderr.as_str()),
        (o.stdout.as_str(), "")
    );
}

#[test]
fn a_note_named_on_the_command_line_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, README).unwrap();
    let o = run(&[
        "check",
        "--isolated",
        "--format",
        "json-lines",
        readme.to_str().unwrap(),
    ]);
    assert_eq!(checked_files(&o), ["README.md"], "{}", o.stderr);
    assert!(!o.stderr.contains("不像年度报告"), "{}", o.stderr);
}

#[test]
fn a_folder_of_notes_only_has_no_reports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), README).unwrap();
    let o = run(&["check", "--isolated", dir.path().to_str().unwrap()]);
    assert_eq!((o.code, o.stdout.as_str()), (2, ""));
    assert!(o.stderr.contains("no reports found"), "{}", o.stderr);
    assert!(o.stderr.contains("1 个文件不像年度报告"), "{}", o.stderr);
}

#[test]
fn every_text_fixture_in_the_repository_counts_as_a_report() {
    // The fixtures folders tests walk hold reports, whole or in part: none is skipped.
    let o = run(&[
        "check",
        "--isolated",
        "--exit-zero",
        "--format",
        "concise",
        "fixtures",
    ]);
    assert!(!o.stderr.contains("不像年度报告"), "{}", o.stderr);
}

/// A folder's files are read once (issue 15): whether each is a report is
/// asked of the bytes it is checked from. The same notes, in input order,
/// and the same answers in every mode.
#[test]
fn notes_are_skipped_in_every_mode_and_a_named_one_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), README).unwrap();
    std::fs::write(dir.path().join("a.txt"), seed("004")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), NOTES).unwrap();
    let d = dir.path().to_str().unwrap();
    // Notes in input order, each once, before the findings are printed.
    let o = run(&[
        "check",
        "--isolated",
        "--exit-zero",
        "--format",
        "json-lines",
        d,
    ]);
    assert_eq!(checked_files(&o), ["a.txt"], "{}", o.stderr);
    let (readme, notes) = (
        o.stderr.find("README.md: 不像年度报告").unwrap(),
        o.stderr.find("notes.txt: 不像年度报告").unwrap(),
    );
    assert!(readme < notes, "{}", o.stderr);
    // Named as well as walked: checked, no note.
    let named = dir.path().join("notes.txt");
    let o = run(&[
        "check",
        "--isolated",
        "--exit-zero",
        "--format",
        "json-lines",
        d,
        named.to_str().unwrap(),
    ]);
    assert_eq!(checked_files(&o), ["a.txt", "notes.txt"], "{}", o.stderr);
    assert_eq!(o.stderr.matches("不像年度报告").count(), 1, "{}", o.stderr);
    // --fix leaves the notes alone (and says so), fixes nothing it skipped.
    let o = run(&["check", "--isolated", "--exit-zero", "--fix", d]);
    assert_eq!(o.stderr.matches("不像年度报告").count(), 2, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&named).unwrap(), NOTES);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        README
    );
}

#[test]
fn a_folder_of_notes_writes_no_baseline_and_fixes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), NOTES).unwrap();
    let d = dir.path().to_str().unwrap();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    for args in [
        vec!["check", "--isolated", "--write-baseline", b, d],
        vec!["check", "--isolated", "--fix", d],
        vec!["check", "--isolated", "--format", "html", d],
    ] {
        let o = run(&args);
        assert_eq!(
            (o.code, o.stdout.as_str()),
            (2, ""),
            "{args:?}: {}",
            o.stderr
        );
        for said in ["no reports found", "1 个文件不像年度报告"] {
            assert!(o.stderr.contains(said), "{args:?}: {}", o.stderr);
        }
    }
    assert!(!baseline.exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        NOTES
    );
}

#[test]
fn show_settings_speaks_of_the_first_report_not_of_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("0-README.md"), README).unwrap();
    std::fs::write(dir.path().join("a.txt"), seed("004")).unwrap();
    let o = run(&[
        "check",
        "--isolated",
        "--show-settings",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let first = o.stdout.lines().next().unwrap();
    assert!(first.ends_with("a.txt"), "{}", o.stdout);
    assert!(
        o.stderr.contains("0-README.md: 不像年度报告"),
        "{}",
        o.stderr
    );
}
