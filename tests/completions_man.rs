//! `xxgk completions SHELL` and `xxgk man` (issue 14): made from the command
//! definition, so every subcommand and flag is in them. The bash script is
//! also parsed by bash (`bash -n`) when bash is installed.

use assert_cmd::Command;

fn xxgk(args: &[&str]) -> (i32, String, String) {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let s = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (o.status.code().unwrap(), s(o.stdout), s(o.stderr))
}

const SUBCOMMANDS: [&str; 8] = [
    "check",
    "inspect",
    "rules",
    "explain",
    "init",
    "completions",
    "man",
    "lsp",
];

#[test]
fn completions_cover_every_subcommand_and_the_check_flags() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, err) = xxgk(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for word in SUBCOMMANDS
            .iter()
            .chain(&["select", "extend-select", "show-settings"])
        {
            assert!(out.contains(word), "{shell}: `{word}` missing");
        }
    }
    let (code, _, err) = xxgk(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn the_bash_completion_script_parses() {
    let (_, script, _) = xxgk(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xxgk.bash");
    std::fs::write(&path, script).unwrap();
    let Ok(o) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
    else {
        eprintln!("note: bash not found; completion script not parsed");
        return;
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_manual_page_names_every_subcommand() {
    let (code, page, err) = xxgk(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH xxgk 1"), "{page}");
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!("xxgk\\-{sub}(1)")), "{sub} missing");
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = xxgk(&["man", "--out-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let check = std::fs::read_to_string(dir.path().join("xxgk-check.1")).unwrap();
    assert!(
        check.contains("\\-\\-select") && check.contains("\\-\\-fix"),
        "{check}"
    );
    assert!(dir.path().join("xxgk.1").is_file());
    // A folder that is not there: a clear error, exit 2.
    let missing = dir.path().join("no/such/dir");
    let (code, _, err) = xxgk(&["man", "--out-dir", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/dir"), "{err}");
}

/// The manual page and the completions speak the chosen language (issue 14).
#[test]
fn the_manual_page_and_completions_follow_the_language() {
    let (_, zh, _) = xxgk(&["--lang", "zh", "man"]);
    assert!(zh.contains("检查报告并输出问题"), "{zh}");
    let (_, en, _) = xxgk(&["--lang", "en", "man"]);
    assert!(en.contains("Check reports and print diagnostics"), "{en}");
    let (_, fish, _) = xxgk(&["--lang", "zh", "completions", "fish"]);
    assert!(fish.contains("应用安全的修改并写回文件"), "{fish}");
    // `xxgk help check` completes with the same Chinese text as `xxgk check`.
    assert!(
        !fish.contains("Check reports and print diagnostics"),
        "{fish}"
    );
    // Section headings too, on every page.
    assert!(zh.contains(".SH 名称") && zh.contains(".SH 概述") && !zh.contains(".SH NAME"));
    assert!(en.contains(".SH NAME") && en.contains(".SH SYNOPSIS"));
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = xxgk(&[
        "--lang",
        "zh",
        "man",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let check = std::fs::read_to_string(dir.path().join("xxgk-check.1")).unwrap();
    assert!(
        check.contains(".SH 选项") && !check.contains(".SH OPTIONS"),
        "{check}"
    );
}
