//! `--fix` changes only what it fixes and keeps the file what it was (issue
//! 11): every byte outside the fix, the encoding, symlinks, owner, group and
//! mode; a hard-linked, read-only or meanwhile-changed file is refused.
#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

/// Seed 004 has a Word artefact (`[bookmark: _GoBack]`) with a safe fix.
fn seed() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("004"))
        .unwrap();
    std::fs::read_to_string(entry.path()).unwrap()
}

const ARTEFACT: &str = "[bookmark: _GoBack]";

fn fix(path: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--fix", "--exit-zero", "--format", "concise"])
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stderr)
}

/// The report fixed as a UTF-8 file with LF endings: what every other form
/// must match, in its own bytes.
fn fixed_utf8(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf8.txt");
    std::fs::write(&path, text).unwrap();
    fix(&path);
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn gb18030_bytes_outside_the_fix_are_kept() {
    // 0x80 reads as € but encodes back as A2 E3; A3 A0 reads as U+E5E5 and
    // encodes back as A1 A1. They end the file, far from any fix.
    let odd = "€\u{e5e5}";
    let text = format!("{}\n{odd}", seed());
    let fixed = fixed_utf8(&text);
    assert_ne!(fixed, text, "seed 004 has safe fixes");
    let gb = |t: &str| {
        let mut b = xxgk::input::Encoding::Gb18030.encode(t.strip_suffix(odd).unwrap());
        b.extend_from_slice(b"\x80\xa3\xa0");
        b
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.txt");
    std::fs::write(&path, gb(&text)).unwrap();
    let (code, stderr) = fix(&path);
    assert_eq!(code, 0, "{stderr}");
    let after = std::fs::read(&path).unwrap();
    assert!(after == gb(&fixed), "bytes outside the fixes changed");
}

#[test]
fn lone_carriage_returns_stay() {
    let text = seed();
    let fixed = fixed_utf8(&text);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cr.txt");
    std::fs::write(&path, text.replace('\n', "\r")).unwrap();
    fix(&path);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after == fixed.replace('\n', "\r"),
        "not the fixed text with CR endings"
    );
}

#[test]
fn a_symlink_stays_a_symlink_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    std::fs::write(&target, seed()).unwrap();
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    let (code, stderr) = fix(&link);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!std::fs::read_to_string(&target).unwrap().contains(ARTEFACT));
}

#[test]
fn mode_owner_and_group_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, seed()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file away; otherwise owner and group are ours.
    let is_root = std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_ok();
    let before = std::fs::metadata(&path).unwrap();
    let (code, stderr) = fix(&path);
    assert_eq!(code, 0, "{stderr}");
    let after = std::fs::metadata(&path).unwrap();
    assert!(!std::fs::read_to_string(&path).unwrap().contains(ARTEFACT));
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if is_root {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
}

#[test]
fn a_hard_linked_file_is_refused_not_split() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, seed()).unwrap();
    std::fs::hard_link(&a, &b).unwrap();
    let (code, stderr) = fix(&a);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("a.txt") && stderr.contains("hard links"),
        "{stderr}"
    );
    let (ma, mb) = (
        std::fs::metadata(&a).unwrap(),
        std::fs::metadata(&b).unwrap(),
    );
    assert_eq!(ma.ino(), mb.ino(), "the link was split");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), seed());
}

#[test]
fn a_read_only_file_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.txt");
    std::fs::write(&path, seed()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, stderr) = fix(&path);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("ro.txt") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), seed());
}

#[test]
fn a_file_changed_since_it_was_read_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, seed()).unwrap();
    let original = std::fs::read(&path).unwrap();
    let source = xxgk::input::load(&path).unwrap();
    // Someone saves the file between our read and our write.
    std::fs::write(&path, "另一个人的修改\n").unwrap();
    let fixed = source.text.replace(ARTEFACT, "");
    let bytes = xxgk::fix::fixed_bytes(&source, &original, &fixed).unwrap();
    let e = xxgk::fix::write_atomic(&path, &source, &original, &bytes).unwrap_err();
    assert!(e.to_string().contains("changed since it was read"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "另一个人的修改\n");
}
