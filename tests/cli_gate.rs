//! The pre-publication gate (issue 5): every option of `xxgk check` with its
//! exact output and exit status, on `fixtures/gate/`. That directory carries an
//! `xxgk.toml` selecting E001, E002 and H900 only, so rules added later do not
//! change what these tests pin down.

use assert_cmd::Command;
use std::path::PathBuf;

const UNREADABLE_MSG: &str = "表格无法读取：「（一）予以公开」的7个数值连在了一起（「110000011」），没有一种拆分能同时满足本行合计和表中的勾稽关系，无法确定各自的数值";
const DIRECTIVE: &str = "<!-- xxgk-disable-next-line E002 -->";

fn xxgk() -> Command {
    let mut c = Command::cargo_bin("xxgk").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    c
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    run_cmd(xxgk().args(args))
}

fn run_cmd(c: &mut Command) -> Out {
    let o = c.output().unwrap();
    Out {
        code: o.status.code().expect("exited normally"),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

fn concise_line(path: &str, sev: &str) -> String {
    format!("{path}:88:1: E001 [{sev}] {UNREADABLE_MSG}\n")
}

const H900_LINE: &str = "fixtures/gate/reports/suppressed.txt:10:1: H900 [warning] 未使用的抑制指令：E002（row-not-found）在此处没有发现问题\n";

// ---------------------------------------------------------------- formats

#[test]
fn concise_format() {
    let o = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/reports/unreadable.txt",
    ]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stdout,
        concise_line("fixtures/gate/reports/unreadable.txt", "error")
    );
    assert_eq!(o.stderr, "");
}

#[test]
fn full_format_has_snippets_and_a_summary_line_without_colour_when_piped() {
    let o = run(&[
        "check",
        "fixtures/gate/reports/unreadable.txt",
        "fixtures/gate/reports/suppressed.txt",
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 1);
    assert!(
        !o.stdout.contains('\u{1b}'),
        "no ANSI escapes off a terminal"
    );
    assert!(o.stdout.ends_with("\n1 个错误，1 个警告（3 个文件）\n"));
    insta::assert_snapshot!("full_format", o.stdout);
}

#[test]
fn json_format_keeps_its_contract() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "fixtures/gate/reports/unreadable.txt",
    ]);
    assert_eq!(o.code, 1);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let d = &v.as_array().unwrap()[0];
    assert_eq!(d["code"], "E001");
    assert_eq!(d["name"], "unreadable-table");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "fixtures/gate/reports/unreadable.txt");
    assert_eq!(d["location"], serde_json::json!({"line": 88, "column": 1}));
    assert_eq!(
        d["end_location"],
        serde_json::json!({"line": 88, "column": 18})
    );
}

#[test]
fn json_lines_format_is_one_json_format_object_per_line() {
    let files = [
        "fixtures/gate/reports/unreadable.txt",
        "fixtures/gate/reports/suppressed.txt",
    ];
    let lines = run(&["check", "--format", "json-lines", files[0], files[1]]);
    let json = run(&["check", "--format", "json", files[0], files[1]]);
    assert_eq!(lines.code, 1);
    let from_lines: Vec<serde_json::Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let from_json: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(from_lines.len(), 2);
    assert_eq!(from_lines, from_json);
}

#[test]
fn github_format() {
    let o = run(&[
        "check",
        "--format",
        "github",
        "fixtures/gate/reports/unreadable.txt",
        "fixtures/gate/reports/suppressed.txt",
    ]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stdout,
        format!(
            "::warning file=fixtures/gate/reports/suppressed.txt,line=10,col=1,endLine=10,endColumn=37,title=H900::未使用的抑制指令：E002（row-not-found）在此处没有发现问题 (unused-suppression)\n\
             ::error file=fixtures/gate/reports/unreadable.txt,line=88,col=1,endLine=88,endColumn=18,title=E001::{UNREADABLE_MSG} (unreadable-table)\n"
        )
    );
}

/// The OASIS SARIF 2.1.0 schema (a verbatim copy in tests/data), with formats
/// checked (`uri-reference`, …).
fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns (run, toolComponent) have a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which a strict validator
    // refuses as a regex; replace it with what it means. xxgk never emits `language`.
    fn repair(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                1
            }
            serde_json::Value::Array(a) => a.iter_mut().map(repair).sum(),
            serde_json::Value::Object(o) => o.values_mut().map(repair).sum(),
            _ => 0,
        }
    }
    assert_eq!(
        repair(&mut schema),
        2,
        "the schema copy is the published one"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let o = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/gate/reports/unreadable.txt",
        "fixtures/gate/reports/suppressed.txt",
    ]);
    assert_eq!(o.code, 1);
    let log: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "H900");
    assert_eq!(results[0]["level"], "warning");
    assert!(results[0]["fixes"].is_array(), "the H900 fix is carried");
    let r = &results[1];
    assert_eq!(r["ruleId"], "E001");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let idx = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "E001");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "fixtures/gate/reports/unreadable.txt"
    );
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 88, "startColumn": 1, "endLine": 88, "endColumn": 18})
    );
}

#[test]
fn sarif_of_a_clean_run_is_valid_too() {
    let o = run(&[
        "check",
        "--format",
        "sarif",
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 0);
    let log: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert!(sarif_validator().is_valid(&log));
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

// ------------------------------------------------------ statistics, exit

#[test]
fn statistics_text_and_json() {
    let args = [
        "check",
        "--statistics",
        "fixtures/gate/reports",
        "fixtures/gate/nested",
    ];
    let o = run(&args);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stdout,
        "2  E001  unreadable-table\n1  H900  [*] unused-suppression\n"
    );
    let o = run(&[&args[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {"code": "E001", "name": "unreadable-table", "count": 2, "fixable": false},
            {"code": "H900", "name": "unused-suppression", "count": 1, "fixable": true},
        ])
    );
}

#[test]
fn fail_on_and_exit_zero() {
    let warn_only = "fixtures/gate/reports/suppressed.txt";
    let clean = "fixtures/gate/reports/clean.txt";
    let error = "fixtures/gate/reports/unreadable.txt";
    let code = |args: &[&str]| run(args).code;
    assert_eq!(
        code(&["check", warn_only]),
        0,
        "default: fail on errors only"
    );
    assert_eq!(code(&["check", "--fail-on", "error", warn_only]), 0);
    assert_eq!(code(&["check", "--fail-on", "warning", warn_only]), 1);
    assert_eq!(code(&["check", "--fail-on", "info", warn_only]), 1);
    assert_eq!(code(&["check", "--fail-on", "info", clean]), 0);
    assert_eq!(code(&["check", "--exit-zero", error]), 0);
    // --exit-zero never hides a failed run.
    assert_eq!(
        code(&["check", "--exit-zero", error, "fixtures/gate/no-such.txt"]),
        2
    );
    assert_eq!(code(&["check", "--fail-on", "loud", clean]), 2);
}

// ------------------------------------------------------------------ stdin

#[test]
fn stdin_with_a_filename_for_display_and_config() {
    let text = std::fs::read("fixtures/gate/nested/report.txt").unwrap();
    // The name puts it in nested/, whose xxgk.toml makes E001 a warning.
    let o = run_cmd(
        xxgk()
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                "fixtures/gate/nested/typed.txt",
                "-",
            ])
            .write_stdin(text.clone()),
    );
    assert_eq!(o.code, 0);
    assert_eq!(
        o.stdout,
        concise_line("fixtures/gate/nested/typed.txt", "warning")
    );
    let o = run_cmd(
        xxgk()
            .args([
                "check",
                "--format",
                "concise",
                "--config",
                "fixtures/gate/xxgk.toml",
                "-",
            ])
            .write_stdin(text),
    );
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout, concise_line("<stdin>", "error"));
}

// ---------------------------------------------------------- configuration

#[test]
fn nearest_config_applies_and_isolated_ignores_it() {
    let o = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/nested/report.txt",
    ]);
    assert_eq!(o.code, 0, "E001 is a warning in nested/xxgk.toml");
    assert_eq!(
        o.stdout,
        concise_line("fixtures/gate/nested/report.txt", "warning")
    );
    let o = run(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        "fixtures/gate/nested/report.txt",
    ]);
    assert_eq!(o.code, 1);
    // Every rule runs without configuration; E001 is back at its default level.
    assert!(o
        .stdout
        .contains(&concise_line("fixtures/gate/nested/report.txt", "error")));
}

#[test]
fn explicit_config_overrides_discovery() {
    let o = run(&[
        "check",
        "--config",
        "fixtures/gate/strict.toml",
        "--format",
        "concise",
        "fixtures/gate/reports/suppressed.txt",
    ]);
    assert_eq!(o.code, 1, "strict.toml makes H900 an error");
    assert_eq!(o.stdout, H900_LINE.replace("[warning]", "[error]"));
    let o = run(&[
        "check",
        "--config",
        "x.toml",
        "--isolated",
        "fixtures/gate/reports",
    ]);
    assert_eq!(o.code, 2, "--config and --isolated conflict");
}

#[test]
fn bad_config_values_and_keys_are_errors_with_file_line_and_key() {
    let o = run(&["check", "fixtures/gate/bad-config/report.txt"]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr,
        "xxgk: 错误：fixtures/gate/bad-config/xxgk.toml:4:8: 配置无效 (invalid configuration)：取值 `loud` 无效；可用的有：`off`, `info`, `warning`, `error` (unknown variant)\n  （请修改该文件，或运行 `xxgk init --stdout` 查看带注释的示例）\n"
    );
    let o = run(&[
        "check",
        "--config",
        "fixtures/gate/bad-config/unknown-key.toml",
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "xxgk: 错误：fixtures/gate/bad-config/unknown-key.toml:2:1: 配置无效 (invalid configuration)：未知的设置项 `fail-on`；可用的有：`report-kind`, `select`, `ignore`, `rules`, `aliases`, `include`, `exclude`, `per-file-ignores` (unknown field)\n  （请修改该文件，或运行 `xxgk init --stdout` 查看带注释的示例）\n"
    );
    // English on request: serde's own words, as before.
    let o = run(&[
        "--lang",
        "en",
        "check",
        "--config",
        "fixtures/gate/bad-config/unknown-key.toml",
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(
        o.stderr,
        "xxgk: error: fixtures/gate/bad-config/unknown-key.toml:2:1: invalid configuration: unknown field `fail-on`, expected one of `report-kind`, `select`, `ignore`, `rules`, `aliases`, `include`, `exclude`, `per-file-ignores`\n  (fix the file, or run `xxgk init --stdout` for a commented example)\n"
    );
    let o = run(&[
        "check",
        "--config",
        "fixtures/gate/none.toml",
        "fixtures/gate/reports",
    ]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "xxgk: 错误：fixtures/gate/none.toml: 配置文件不存在（由 --config 指定）(no such configuration file)\n"
    );
}

#[test]
fn init_writes_a_valid_commented_config_once() {
    let dir = tempfile::tempdir().unwrap();
    // Comments in Chinese; in English with --lang en.
    let o = run(&["--lang", "en", "init", "--stdout"]);
    assert_eq!(o.stdout, xxgk::config::DEFAULT_CONFIG);
    let o = run(&["--lang", "zh", "init", dir.path().to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let path = dir.path().join("xxgk.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# xxgk 配置文件。"));
    assert_eq!(text, xxgk::cli::init::DEFAULT_CONFIG_ZH);
    // It is accepted as is.
    let o = run(&[
        "check",
        "--config",
        path.to_str().unwrap(),
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.stderr, "");
    // A second init refuses to overwrite.
    let o = run(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("already exists"), "{}", o.stderr);
    let o = run(&["init", "--force", dir.path().to_str().unwrap()]);
    assert_eq!(o.code, 0);
}

// ------------------------------------------------------------ suppression

#[test]
fn suppression_hides_findings_and_reports_unused_directives() {
    // The same report as unreadable.txt, with the table wrapped in
    // `xxgk-disable unreadable-table` … `xxgk-enable`, and one directive that
    // suppresses nothing.
    let o = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/reports/suppressed.txt",
    ]);
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout, H900_LINE);
    // Turning H900 off keeps stale directives silently.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("xxgk.toml");
    std::fs::write(&cfg, "select = [\"E\"]\n").unwrap();
    let o = run(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "fixtures/gate/reports/suppressed.txt",
    ]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

// ------------------------------------------------------------ directories

#[test]
fn directories_are_walked_respecting_gitignore_and_config_globs() {
    let o = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/reports",
        "fixtures/gate/nested",
    ]);
    assert_eq!(o.code, 1);
    // Not ignored.txt (.gitignore) nor drafts/draft.txt (exclude in xxgk.toml);
    // sorted by path whatever the order of the arguments.
    assert_eq!(
        o.stdout,
        format!(
            "{}{H900_LINE}{}",
            concise_line("fixtures/gate/nested/report.txt", "warning"),
            concise_line("fixtures/gate/reports/unreadable.txt", "error"),
        )
    );
    let reversed = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/nested",
        "fixtures/gate/reports",
    ]);
    assert_eq!(reversed.stdout, o.stdout);
    // A file named explicitly is checked even when a glob would exclude it.
    let o = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/reports/drafts/draft.txt",
    ]);
    assert_eq!(
        o.stdout,
        concise_line("fixtures/gate/reports/drafts/draft.txt", "error")
    );
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let outputs: Vec<String> = ["1", "4"]
        .iter()
        .map(|n| {
            run_cmd(xxgk().env("RAYON_NUM_THREADS", n).args([
                "check",
                "--format",
                "json",
                "fixtures",
                "--isolated",
            ]))
            .stdout
        })
        .collect();
    assert!(outputs[0].len() > 100);
    assert_eq!(outputs[0], outputs[1]);
}

// ------------------------------------------------------------------ fixes

/// A scratch copy of `suppressed.txt` stored as given, with the gate config.
fn scratch(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/gate/xxgk.toml", dir.path().join("xxgk.toml")).unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn suppressed_text() -> String {
    std::fs::read_to_string("fixtures/gate/reports/suppressed.txt").unwrap()
}

/// What `--fix` makes of `suppressed.txt`: the unused directive's line removed.
fn fixed_text() -> String {
    suppressed_text().replace(&format!("{DIRECTIVE}\n"), "")
}

#[test]
fn fix_applies_safe_fixes_and_reports_what_remains() {
    let (dir, path) = scratch("r.txt", suppressed_text().as_bytes());
    let p = path.to_str().unwrap();
    let o = run(&["check", "--fix", "--format", "concise", p]);
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout, "", "nothing remains");
    assert_eq!(o.stderr, format!("xxgk: 已修复 {p} 中的 1 处问题\n"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed_text());
    // Idempotent: a second run has nothing to do.
    let o = run(&["check", "--fix", p]);
    assert_eq!((o.code, o.stderr.as_str()), (0, ""));
    drop(dir);
}

#[test]
fn diff_shows_the_fix_without_writing() {
    let (_dir, path) = scratch("r.txt", suppressed_text().as_bytes());
    let p = path.to_str().unwrap();
    let o = run(&["check", "--diff", p]);
    assert_eq!(o.code, 1, "changes would be made");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), suppressed_text());
    let original = suppressed_text();
    let lines: Vec<&str> = original.lines().collect();
    let expected = format!(
        "--- {p}\n+++ {p}\n@@ -7,7 +7,6 @@\n {}\n {}\n {}\n-{DIRECTIVE}\n {}\n {}\n {}\n",
        lines[6], lines[7], lines[8], lines[10], lines[11], lines[12]
    );
    assert_eq!(o.stdout, expected);
    assert_eq!(
        o.stderr,
        format!("xxgk: 可修复 {p} 中的 1 处问题（未写入）\n")
    );
    // Nothing to fix: exit 0, no output.
    let o = run(&["check", "--diff", "fixtures/gate/reports/clean.txt"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

#[test]
fn fix_keeps_gb18030_crlf_and_bom() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let gb = |s: &str| xxgk::input::Encoding::Gb18030.encode(s);
    let bom = |s: &str| [b"\xEF\xBB\xBF".as_slice(), s.as_bytes()].concat();
    type Encoder = Box<dyn Fn(&str) -> Vec<u8>>;
    let cases: [(&str, Encoder); 3] = [
        ("gb18030-crlf.txt", Box::new(move |s: &str| gb(&crlf(s)))),
        ("bom.md", Box::new(move |s: &str| bom(s))),
        ("bom-crlf.txt", Box::new(move |s: &str| bom(&crlf(s)))),
    ];
    for (name, encode) in cases {
        let (_dir, path) = scratch(name, &encode(&suppressed_text()));
        let o = run(&["check", "--fix", path.to_str().unwrap()]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            encode(&fixed_text()),
            "{name}: encoding, BOM and line endings kept"
        );
    }
}

#[cfg(unix)]
#[test]
fn fix_writes_atomically_by_renaming_a_temporary_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, path) = scratch("r.txt", suppressed_text().as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::metadata(&path).unwrap();
    let o = run(&["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(o.code, 0);
    let after = std::fs::metadata(&path).unwrap();
    // A new inode: the file was replaced by a rename, never truncated in place.
    assert_ne!(before.ino(), after.ino());
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["r.txt", "xxgk.toml"],
        "no temporary file left behind"
    );
}

#[test]
fn fix_on_stdin_writes_the_fixed_text_to_stdout() {
    let o = run_cmd(
        xxgk()
            .args([
                "check",
                "--fix",
                "--format",
                "concise",
                "--stdin-filename",
                "fixtures/gate/reports/typed.txt",
                "-",
            ])
            .write_stdin(suppressed_text()),
    );
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout, fixed_text());
    assert_eq!(
        o.stderr,
        "xxgk: 已修复 fixtures/gate/reports/typed.txt 中的 1 处问题\n"
    );
}

// ------------------------------------------------------------------ .docx

/// A .docx holding `text` as Word holds a report: lines as paragraphs, and
/// the flattened tables of the seeds (a cell per tab-led line, untabbed lines
/// continuing the cell, rows separated by blank lines) as `w:tbl` tables.
fn docx_of(text: &str) -> Vec<u8> {
    use std::io::Write;
    let para = |s: &str| {
        let esc = s
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{esc}</w:t></w:r></w:p>")
    };
    let mut body = String::new();
    // rows → cells → paragraphs
    let mut table: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut in_row = false;
    let flush = |table: &mut Vec<Vec<Vec<&str>>>, body: &mut String| {
        if table.is_empty() {
            return;
        }
        body.push_str("<w:tbl>");
        for row in table.drain(..) {
            body.push_str("<w:tr>");
            for cell in row {
                body.push_str("<w:tc>");
                cell.iter().for_each(|p| body.push_str(&para(p)));
                body.push_str("</w:tc>");
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    };
    for line in text.lines() {
        if let Some(cell) = line.strip_prefix('\t') {
            if !in_row {
                table.push(Vec::new());
                in_row = true;
            }
            table.last_mut().unwrap().push(vec![cell]);
        } else if line.trim().is_empty() {
            in_row = false;
        } else if in_row {
            table.last_mut().unwrap().last_mut().unwrap().push(line);
        } else {
            flush(&mut table, &mut body);
            body.push_str(&para(line));
        }
    }
    flush(&mut table, &mut body);
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
          <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
          <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
    )
    .unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_built_from_a_seed_is_checked_and_inspected() {
    // fixtures/cases/row-too-few.txt is seed 000 with one cell of table 三 lost.
    let text = std::fs::read_to_string("fixtures/cases/row-too-few.txt").unwrap();
    let (_dir, path) = scratch("report.docx", &docx_of(&text));
    let p = path.to_str().unwrap();
    let view = run(&["inspect", "--view", p]);
    assert_eq!(view.code, 0, "{}", view.stderr);
    // The text view is the seed's own layout (blank lines aside).
    let non_blank = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(non_blank(&view.stdout), non_blank(&text));
    let o = run(&["check", "--format", "json", p]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let d = &v.as_array().unwrap()[0];
    assert_eq!(d["code"], "E001");
    assert_eq!(
        d["message"],
        "表格无法读取：「（一）予以公开」应有7个数值，只读到6个（0 0 0 0 0 0）"
    );
    // The position points into the text view `inspect --view` prints.
    let line = d["location"]["line"].as_u64().unwrap() as usize;
    assert_eq!(
        view.stdout.lines().nth(line - 1).unwrap(),
        "\t（一）予以公开"
    );
}

#[test]
fn docx_is_never_rewritten() {
    let bytes = docx_of(&suppressed_text());
    let (_dir, path) = scratch("report.docx", &bytes);
    let p = path.to_str().unwrap();
    let o = run(&["check", "--fix", "--format", "concise", p]);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "untouched");
    assert_eq!(
        (o.code, o.stderr),
        (2, format!("xxgk: 错误：{p}: .docx 文件不会被改写，--fix/--diff 不适用：xxgk 只改写 .txt 和 .md 文件；请在原稿（Word/WPS）中按提示修改 (--fix and --diff apply to .txt and .md only)\n"))
    );
    assert!(o.stdout.contains("H900 [warning]"), "{}", o.stdout);
    let o = run(&["--lang", "en", "check", "--fix", "--format", "concise", p]);
    assert_eq!(
        (o.code, o.stderr),
        (2, format!("xxgk: error: {p}: A .docx file is never rewritten; --fix and --diff apply to .txt and .md files only: make the changes in the original (Word/WPS)\n"))
    );
    let o = run(&["check", "--diff", p]);
    assert_eq!((o.code, o.stdout.as_str()), (2, ""));
    // No 「可自动修复」 promise for a file --fix never rewrites: the same fix
    // on the text is promised, on the .docx it is to be made in the original.
    let o = run(&["check", "--format", "full", p]);
    assert!(
        o.stdout.contains("请在原稿中修改：") && !o.stdout.contains("可自动修复"),
        "{}",
        o.stdout
    );
    let (_t, text) = scratch("report.txt", suppressed_text().as_bytes());
    let o = run(&["check", "--format", "full", text.to_str().unwrap()]);
    assert!(o.stdout.contains("可自动修复："), "{}", o.stdout);

    // The same in the machine formats: JSON says the fix is only shown
    // (ruff's `display-only`), SARIF proposes no change to the .docx's bytes.
    let fixes = |path: &str| {
        let o = run(&["check", "--format", "json", path]);
        let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
        let fixes: Vec<serde_json::Value> = v
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| !d["fix"].is_null())
            .map(|d| d["fix"].clone())
            .collect();
        assert!(!fixes.is_empty(), "{path}: no finding with a fix");
        fixes
    };
    for f in fixes(p) {
        assert_eq!(f["applicability"], "display-only", "{f}");
        assert!(!f["edits"].as_array().unwrap().is_empty(), "{f}");
    }
    let on_text = fixes(text.to_str().unwrap());
    assert!(
        on_text.iter().any(|f| f["applicability"] == "safe"),
        "{on_text:?}"
    );
    let sarif = |path: &str| -> serde_json::Value {
        let o = run(&["check", "--format", "sarif", path]);
        serde_json::from_str(&o.stdout).unwrap()
    };
    let results = |v: &serde_json::Value| v["runs"][0]["results"].as_array().unwrap().clone();
    let docx = results(&sarif(p));
    assert!(docx.iter().all(|r| r.get("fixes").is_none()), "{docx:?}");
    assert!(docx
        .iter()
        .any(|r| r["properties"]["suggestion"].is_string()));
    let txt = results(&sarif(text.to_str().unwrap()));
    assert!(txt.iter().any(|r| r.get("fixes").is_some()), "{txt:?}");
    // And `--statistics` marks no rule fixable ([*]) for it.
    let o = run(&["check", "--statistics", p]);
    assert!(
        o.stdout.contains("H900") && !o.stdout.contains("[*]"),
        "{}",
        o.stdout
    );
    let o = run(&["check", "--statistics", text.to_str().unwrap()]);
    assert!(o.stdout.contains("[*]"), "{}", o.stdout);
}

/// A finding in a .docx points where a Word user can find it (issue 14): the
/// table, row and column counted here from the document's own XML.
#[test]
fn docx_findings_name_word_places() {
    use std::io::Read;
    let text = std::fs::read_to_string("fixtures/rules/T002/fires.txt").unwrap();
    let bytes = docx_of(&text);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Row 一 of table 三 has its 总计 (the 8th cell, after the label) typed as 35.
    let row_at = xml.find("一、本年新收").unwrap();
    let before = &xml[..row_at];
    let table = before.matches("<w:tbl>").count();
    let row = before[before.rfind("<w:tbl>").unwrap()..]
        .matches("<w:tr>")
        .count();
    // Not scratch(): its xxgk.toml selects other rules.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    std::fs::write(&path, &bytes).unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["check", "--format", "json", p]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let t002 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "T002")
        .unwrap();
    let place = format!("第{table}个表格 第{row}行 第8列");
    assert_eq!(t002["word_place"], place.as_str(), "{t002}");
    let o = run(&["check", "--format", "concise", p]);
    assert!(
        o.stdout.contains(&format!("T002 [error] {place} ")),
        "{}",
        o.stdout
    );
    let o = run(&["check", "--format", "full", p]);
    assert!(
        o.stdout.contains(&format!("Word 文档{place}")),
        "{}",
        o.stdout
    );
    // A text file has no such places.
    let o = run(&["check", "--format", "json", "fixtures/rules/T002/fires.txt"]);
    assert!(!o.stdout.contains("word_place"), "{}", o.stdout);
}

// ------------------------------------------- fixes of the rule set proper

#[test]
fn fix_applies_safe_rule_fixes_only() {
    // Seed 003: Word bookmarks left in the text (H001) and headings numbered
    // `2、 3、 4、` (S003) — both safe; selected by fixable/xxgk.toml.
    let original = std::fs::read_to_string("fixtures/gate/fixable/headings.txt").unwrap();
    let (dir, path) = scratch("headings.txt", original.as_bytes());
    std::fs::copy(
        "fixtures/gate/fixable/xxgk.toml",
        dir.path().join("xxgk.toml"),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["check", "--fix", "--format", "concise", p]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""), "{}", o.stderr);
    assert_eq!(o.stderr, format!("xxgk: 已修复 {p} 中的 5 处问题\n"));
    let expected = original
        .replace("[bookmark: _GoBack]", "")
        .replace("[bookmark: _Hlk67039688]", "")
        .replace("\n2、 主动", "\n二、主动")
        .replace("\n3、 收到", "\n三、收到")
        .replace("\n4、 因政府", "\n四、因政府");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn unsafe_fixes_only_with_unsafe_fixes() {
    // Seed 002 with table 三 row 一's total changed from 34 to 35 (T002, unsafe fix).
    let original = std::fs::read_to_string("fixtures/gate/fixable/total.txt").unwrap();
    let (dir, path) = scratch("total.txt", original.as_bytes());
    std::fs::copy(
        "fixtures/gate/fixable/xxgk.toml",
        dir.path().join("xxgk.toml"),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["check", "--fix", "--format", "concise", p]);
    assert_eq!(o.code, 1, "the unsafe fix is not applied");
    assert_eq!(o.stderr, "");
    assert!(o.stdout.contains(" T002 [error] "), "{}", o.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let o = run(&["check", "--fix", "--unsafe-fixes", "--format", "concise", p]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""), "{}", o.stderr);
    assert_eq!(o.stderr, format!("xxgk: 已修复 {p} 中的 1 处问题\n"));
    let lines: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .split('\n')
        .map(str::to_string)
        .collect();
    assert_eq!(lines[89], "\t34");
}

#[test]
fn reports_of_one_body_for_consecutive_years_in_one_run_are_paired() {
    // years/: the same 山亭区人民政府办公室 for 2023 and 2024 (titles name the
    // issuer); 2024's 上年结转 does not match 2023's 结转下年度 (X001).
    let x001 = |line: u32, column: &str| {
        format!("fixtures/gate/years/2024.txt:{line}:2: X001 [error] 上年结转（{column}）为0，但2023年度报告的「结转下年度继续办理」为1\n")
    };
    // 2023's text is 2024's with the year changed: X003 (repeated) pairs them too.
    let x003 = "fixtures/gate/years/2024.txt:7:1: X003 [warning] 第一、五部分的23句中有23句（100%）与2023年度报告相同，超过50%\n";
    let o = run(&["check", "--format", "concise", "fixtures/gate/years"]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stdout,
        format!("{x003}{}{}", x001(95, "自然人"), x001(101, "总计"))
    );
    // Alone, 2024 has no previous year to compare with.
    let o = run(&[
        "check",
        "--format",
        "concise",
        "fixtures/gate/years/2024.txt",
    ]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

/// `--previous` and the folder pairing read last year's report with the
/// `[aliases]` of xxgk.toml (issue 12: `--previous` parsed it without them, so
/// a 结转 row spelled the office's way was not read and X001 stayed silent).
#[test]
fn the_previous_report_is_read_with_the_configured_aliases() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/X001");
    let read = |name: &str, year: u32| {
        // A title names the issuer, so that a folder run pairs the two years.
        let body = std::fs::read_to_string(fixtures.join(name)).unwrap();
        format!("山亭区人民政府办公室{year}年政府信息公开工作年度报告\n\n{body}")
    };
    let standard = read("fires.previous.txt", 2023);
    let local = standard.replacen("四、结转下年度继续办理", "四、转入下年度办理", 1);
    assert_ne!(local, standard);
    let current = read("fires.txt", 2024);
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("std.txt", &standard),
        ("prev.txt", &local),
        ("cur.txt", &current),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let x001 = |args: &[&str]| -> Vec<String> {
        let o = run_cmd(xxgk().current_dir(dir.path()).args(args));
        assert!(o.code <= 1, "{}", o.stderr);
        let lines = o.stdout.lines().filter(|l| l.contains(" X001 "));
        // A folder run names the file `./cur.txt`.
        lines
            .map(|l| l.trim_start_matches("./").to_string())
            .collect()
    };
    let with = |extra: &[&str], previous: &str| {
        let args = ["check", "--format", "concise", "--previous", previous];
        x001(&[&args[..], extra, &["cur.txt"]].concat())
    };
    let standard_x001 = with(&[], "std.txt");
    assert!(!standard_x001.is_empty(), "the fixture fires X001");
    // Without the alias the row is not read: no claim about it.
    assert!(with(&[], "prev.txt").is_empty());
    let config = "[aliases]\ncarried_forward = [\"转入下年度办理\"]\n";
    std::fs::write(dir.path().join("xxgk.toml"), config).unwrap();
    assert_eq!(with(&[], "prev.txt"), standard_x001);
    // Paired in a folder run, last year's report is read with the aliases too.
    std::fs::remove_file(dir.path().join("std.txt")).unwrap();
    assert_eq!(x001(&["check", "--format", "concise", "."]), standard_x001);
    // And on the path that fixes (last: it may rewrite cur.txt).
    assert!(with(&["--fix"], "prev.txt")
        .iter()
        .all(|l| l.starts_with("cur.txt:") && l.contains("2023年度报告")));
    assert!(!with(&["--fix"], "prev.txt").is_empty());
}
