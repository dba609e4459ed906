//! Windows "Unicode" text (issue 14): what Notepad's and Word's "Unicode"
//! save writes, UTF-16 with a byte order mark, is read like any text report,
//! and `--fix` writes it back in its own encoding, BOM and line endings,
//! every byte outside the fix as it was. Without a BOM it is refused.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use xxgk::input::Encoding;

const DIRECTIVE: &str = "<!-- xxgk-disable-next-line E002 -->";

/// The gate report with an unused suppression (a safe fix removes it),
/// with a character outside the BMP (a surrogate pair) at the end.
fn report() -> String {
    let text = std::fs::read_to_string("fixtures/gate/reports/suppressed.txt").unwrap();
    assert!(text.contains(DIRECTIVE));
    format!("{text}𠀀\n")
}

fn fixed(text: &str) -> String {
    text.replace(&format!("{DIRECTIVE}\n"), "")
}

fn stored(enc: Encoding, text: &str, crlf: bool) -> Vec<u8> {
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_string()
    };
    [enc.bom(), &enc.encode(&text)].concat()
}

/// `name` stored as `bytes` in a scratch folder with the gate's config.
fn scratch(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/gate/xxgk.toml", dir.path().join("xxgk.toml")).unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn run(args: &[&str], path: &Path) -> (i32, String, String) {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let s = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (o.status.code().unwrap(), s(o.stdout), s(o.stderr))
}

#[test]
fn check_finds_what_it_finds_in_utf8() {
    let (_d, utf8) = scratch("r.txt", report().as_bytes());
    let (code, expected, _) = run(&["check", "--format", "concise"], &utf8);
    assert!(expected.contains("H900"), "{expected}");
    for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
        let (_d, path) = scratch("r.txt", &stored(enc, &report(), false));
        let (c, out, err) = run(&["check", "--format", "concise"], &path);
        let out = out.replace(path.to_str().unwrap(), utf8.to_str().unwrap());
        assert_eq!(
            (c, out.as_str()),
            (code, expected.as_str()),
            "{enc:?}: {err}"
        );
        assert!(!err.contains("binary"), "{err}");
    }
}

#[test]
fn inspect_reads_the_same_report_and_names_the_encoding() {
    let inspect = |path: &Path| -> serde_json::Value {
        let (code, out, err) = run(&["inspect", "--format", "json"], path);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let (_d, utf8) = scratch("r.txt", report().as_bytes());
    let mut expected = inspect(&utf8);
    for (enc, name) in [
        (Encoding::Utf16Le, "UTF-16LE"),
        (Encoding::Utf16Be, "UTF-16BE"),
    ] {
        let (_d, path) = scratch("r.txt", &stored(enc, &report(), true));
        let mut v = inspect(&path);
        assert_eq!(v["encoding"], name);
        assert!(v["tables"]["applications"]["rows"]
            .as_array()
            .is_some_and(|r| !r.is_empty()));
        // CRLF moves no line: the same report, read the same way.
        for k in ["encoding", "path"] {
            v[k] = serde_json::Value::Null;
            expected[k] = serde_json::Value::Null;
        }
        assert_eq!(v["sections"], expected["sections"], "{enc:?}");
        assert_eq!(v["tables"], expected["tables"], "{enc:?}");
        assert_eq!(v["year"], expected["year"], "{enc:?}");
    }
}

#[test]
fn fix_writes_utf16_back_as_it_was() {
    for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
        for crlf in [false, true] {
            let (_d, path) = scratch("r.txt", &stored(enc, &report(), crlf));
            let (code, _, err) = run(&["check", "--fix"], &path);
            assert_eq!(code, 0, "{enc:?} crlf={crlf}: {err}");
            let after = std::fs::read(&path).unwrap();
            assert!(
                after == stored(enc, &fixed(&report()), crlf),
                "{enc:?} crlf={crlf}: not the fixed report in its own encoding, BOM and endings"
            );
            // Nothing left to fix: a second run changes no byte.
            run(&["check", "--fix"], &path);
            assert!(std::fs::read(&path).unwrap() == after);
        }
    }
}

#[test]
fn diff_shows_the_fix_of_a_utf16_file_as_text() {
    let (_d, path) = scratch("r.txt", &stored(Encoding::Utf16Le, &report(), true));
    let before = std::fs::read(&path).unwrap();
    let (code, out, err) = run(&["check", "--diff"], &path);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains(&format!("-{DIRECTIVE}")), "{out}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "--diff writes nothing"
    );
}

#[test]
fn utf16_without_a_bom_is_refused_naming_the_file() {
    for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
        let (_d, path) = scratch("r.txt", &enc.encode(&report()));
        let (code, out, err) = run(&["check"], &path);
        assert_eq!((code, out.as_str()), (2, ""), "{enc:?}: {err}");
        assert!(err.contains(path.to_str().unwrap()), "{err}");
        assert!(err.contains("UTF-16") && err.contains("BOM"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_utf16_web_page_is_named_utf16_by_inspect() {
    // A page's BOM decides its encoding (before any <meta charset>).
    let page = std::fs::read_to_string("fixtures/html/002-portal.html").unwrap();
    let utf8 = run(
        &["inspect", "--format", "json"],
        Path::new("fixtures/html/002-portal.html"),
    );
    let expected: serde_json::Value = serde_json::from_str(&utf8.1).unwrap();
    for (enc, name) in [
        (Encoding::Utf16Le, "UTF-16LE"),
        (Encoding::Utf16Be, "UTF-16BE"),
    ] {
        let (_d, path) = scratch("page.html", &stored(enc, &page, false));
        let (code, out, err) = run(&["inspect", "--format", "json"], &path);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["encoding"], name);
        assert_eq!(v["tables"], expected["tables"], "{enc:?}");
    }
}
