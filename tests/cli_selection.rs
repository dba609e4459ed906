//! `xxgk check`'s ruff-style flags (issue 14): `--select`, `--extend-select`,
//! `--ignore` (codes, names, families), `--exclude`, `--quiet`, `--color`,
//! `--show-settings`. Expectations are the unfiltered run's findings,
//! filtered: each flag is checked against what xxgk itself finds.

use assert_cmd::Command;
use std::collections::BTreeSet;

const SEEDS: &str = "fixtures/seeds";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap(),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

/// Every finding of a run as `path code line`, in order.
fn findings(extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "check",
        "--isolated",
        "--exit-zero",
        "--format",
        "json-lines",
    ];
    args.extend_from_slice(extra);
    args.push(SEEDS);
    let o = run(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{} {} {}", v["path"], v["code"], v["location"]["line"])
        })
        .collect()
}

fn code_of(f: &str) -> &str {
    f.split(' ').nth(1).unwrap().trim_matches('"')
}

fn codes(fs: &[String]) -> BTreeSet<&str> {
    fs.iter().map(|f| code_of(f)).collect()
}

#[test]
fn select_extend_select_and_ignore_filter_the_findings() {
    let all = findings(&[]);
    let present = codes(&all);
    assert!(
        present.len() >= 3,
        "the seeds need findings of several rules: {present:?}"
    );
    let only = |keep: &dyn Fn(&str) -> bool| -> Vec<String> {
        all.iter().filter(|f| keep(code_of(f))).cloned().collect()
    };
    let first = *present.iter().next().unwrap();
    let family = &first[..1];
    // A code, a family, a name: each keeps exactly its findings.
    assert_eq!(findings(&["--select", first]), only(&|c| c == first));
    assert_eq!(
        findings(&["--select", family]),
        only(&|c| c.starts_with(family))
    );
    let rule = xxgk::rules::find(first).unwrap();
    assert_eq!(findings(&["--select", rule.name]), only(&|c| c == first));
    // Comma-separated, and `S00` as a prefix.
    assert_eq!(
        findings(&["--select", &format!("{family},S00")]),
        only(&|c| c.starts_with(family) || c.starts_with("S00"))
    );
    assert_eq!(
        findings(&["--ignore", family]),
        only(&|c| !c.starts_with(family))
    );
    let last = *present.iter().last().unwrap();
    assert_eq!(
        findings(&["--select", first, "--extend-select", last]),
        only(&|c| c == first || c == last)
    );
    assert_eq!(
        findings(&["--select", family, "--ignore", first]),
        only(&|c| c.starts_with(family) && c != first)
    );
}

#[test]
fn the_command_line_selection_is_a_layer_over_the_configuration() {
    // The gate's xxgk.toml selects E001, E002 and H900 only.
    let gate = |extra: &[&str]| {
        let mut args = vec!["check", "--exit-zero", "--format", "concise"];
        args.extend_from_slice(extra);
        args.push("fixtures/gate/reports/suppressed.txt");
        let o = run(&args);
        assert_eq!(o.code, 0, "{}", o.stderr);
        o.stdout
    };
    let configured = gate(&[]);
    assert!(configured.contains("H900"), "{configured}");
    assert_eq!(gate(&["--ignore", "H900"]), "");
    // --select replaces the file's selection: S rules run now, H900 does not.
    let s = gate(&["--select", "S"]);
    assert!(!s.contains("H900"), "{s}");
    // --extend-select adds to the file's selection.
    assert!(gate(&["--extend-select", "S"]).contains("H900"));
}

#[test]
fn an_unknown_selector_is_an_error_naming_the_flag() {
    for (flag, bad) in [
        ("--select", "Z"),
        ("--ignore", "no-such-rule"),
        ("--extend-select", "T0011"),
    ] {
        let o = run(&["check", flag, bad, SEEDS]);
        assert_eq!((o.code, o.stdout.as_str()), (2, ""), "{flag} {bad}");
        assert!(
            o.stderr.contains(flag) && o.stderr.contains(&format!("未知规则「{bad}」")),
            "{}",
            o.stderr
        );
    }
    let o = run(&["check", "--exclude", "a/[", SEEDS]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("`--exclude`: glob「a/[」有误"),
        "{}",
        o.stderr
    );
}

#[test]
fn exclude_skips_walked_files_and_folders_but_not_named_ones() {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<_> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::copy(&seeds[0], dir.path().join("a.txt")).unwrap();
    std::fs::copy(&seeds[1], dir.path().join("drafts/b.txt")).unwrap();
    std::fs::copy(&seeds[2], dir.path().join("c.old.txt")).unwrap();
    let d = dir.path().to_str().unwrap();
    let files = |extra: &[&str]| -> BTreeSet<String> {
        let mut args = vec![
            "check",
            "--isolated",
            "--exit-zero",
            "--format",
            "json-lines",
        ];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_eq!(o.code, 0, "{}", o.stderr);
        o.stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let f = v["path"].as_str().unwrap().to_string();
                f.rsplit('/').next().unwrap().to_string()
            })
            .collect()
    };
    let all = files(&[d]);
    assert_eq!(all.len(), 3, "every copied seed has findings: {all:?}");
    let kept = files(&["--exclude", "drafts", "--exclude", "*.old.txt", d]);
    assert_eq!(kept, BTreeSet::from(["a.txt".to_string()]));
    // Named on the command line: checked whatever --exclude says.
    let named = dir.path().join("c.old.txt");
    let kept = files(&["--exclude", "*.old.txt", named.to_str().unwrap()]);
    assert_eq!(kept, BTreeSet::from(["c.old.txt".to_string()]));
    // Everything excluded: no reports found, exit 2.
    let o = run(&["check", "--isolated", "--exclude", "*.txt", d]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--exclude"), "{}", o.stderr);
}

#[test]
fn quiet_keeps_findings_and_drops_notes() {
    let gb = xxgk::input::Encoding::Gb18030
        .encode(&std::fs::read_to_string("fixtures/gate/reports/suppressed.txt").unwrap());
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/gate/xxgk.toml", dir.path().join("xxgk.toml")).unwrap();
    let path = dir.path().join("gb.txt");
    std::fs::write(&path, gb).unwrap();
    let p = path.to_str().unwrap();
    let loud = run(&["check", "--format", "concise", p]);
    assert!(
        loud.stderr.contains("xxgk: 提示：") && loud.stderr.contains("GB18030"),
        "{}",
        loud.stderr
    );
    let quiet = run(&["check", "--quiet", "--format", "concise", p]);
    assert_eq!(
        (quiet.code, quiet.stdout.as_str()),
        (loud.code, loud.stdout.as_str())
    );
    assert_eq!(quiet.stderr, "");
    // As ruff's `-q`: the findings without the summary line (`1 error, …`).
    let loud = run(&["check", "--format", "full", p]);
    let quiet = run(&["check", "-q", "--format", "full", p]);
    let summary = loud.stdout.lines().last().unwrap();
    assert!(summary.contains("（1 个文件）"), "{}", loud.stdout);
    assert_eq!(
        quiet.stdout,
        loud.stdout.strip_suffix(&format!("{summary}\n")).unwrap()
    );
    let fixed = run(&["check", "-q", "--fix", p]);
    assert_eq!(
        (fixed.code, fixed.stderr.as_str()),
        (0, ""),
        "no `已修复 … 1 处问题` line"
    );
}

#[test]
fn color_always_and_never() {
    let args = |c: &'static str| {
        [
            "check",
            "--color",
            c,
            "fixtures/gate/reports/suppressed.txt",
        ]
    };
    let always = run(&args("always"));
    assert!(always.stdout.contains("\x1b["), "{}", always.stdout);
    let never = run(&args("never"));
    assert!(!never.stdout.contains('\x1b') && never.stdout.contains("H900"));
    // auto in a pipe: no colour, as before.
    assert_eq!(run(&args("auto")).stdout, never.stdout);
}

#[test]
fn show_settings_prints_what_applies_and_checks_nothing() {
    let o = run(&[
        "check",
        "--show-settings",
        "--extend-select",
        "T001",
        "fixtures/gate/reports/suppressed.txt",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("fixtures/gate/xxgk.toml"), "{}", o.stdout);
    let level = |code: &str| {
        let line = o
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(code))
            .unwrap();
        line.split_whitespace().last().unwrap().to_string()
    };
    assert_eq!(level("E001"), "error");
    assert_eq!(level("T001"), "error");
    assert_eq!(level("S001"), "off");
    assert!(!o.stdout.contains("H900 ["), "no findings printed");
    assert_eq!(
        o.stdout.lines().filter(|l| l.starts_with("  ")).count(),
        xxgk::rules::ALL.len()
    );
}

/// `per-file-ignores` in xxgk.toml (as ruff's): the rules it names are off for
/// the files its glob matches, and `--select` on the command line does not bring them back.
#[test]
fn per_file_ignores_turn_rules_off_for_matching_files() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("003"))
        .unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    for to in ["a.txt", "drafts/b.txt"] {
        std::fs::copy(&seed, dir.path().join(to)).unwrap();
    }
    std::fs::write(
        dir.path().join("xxgk.toml"),
        "[per-file-ignores]\n\"drafts/**\" = [\"S003\", \"H\"]\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let codes_of = |extra: &[&str], file: &str| -> BTreeSet<String> {
        let mut args = vec!["check", "--exit-zero", "--format", "json-lines"];
        args.extend_from_slice(extra);
        args.push(d);
        run(&args)
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["path"].as_str().unwrap().ends_with(file))
            .map(|v| v["code"].as_str().unwrap().to_string())
            .collect()
    };
    let kept = codes_of(&[], "/a.txt");
    assert!(kept.contains("S003") && kept.contains("H001"), "{kept:?}");
    let drafts = codes_of(&[], "drafts/b.txt");
    assert!(
        !drafts.iter().any(|c| c == "S003" || c.starts_with('H')),
        "{drafts:?}"
    );
    assert!(codes_of(&["--select", "S003"], "drafts/b.txt").is_empty());
}
