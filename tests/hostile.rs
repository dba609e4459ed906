//! Hostile inputs: each is refused with a clear message naming the file
//! (exit 2) or checked normally (exit 0 or 1), in bounded time, and never
//! panics. Big inputs are generated into a temporary directory at test time.

use assert_cmd::Command;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Generous for a debug build on a loaded 2-core CI machine; a hang or a
/// quadratic blow-up takes far longer.
const LIMIT: Duration = Duration::from_secs(60);

fn seed(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(entry.path()).unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn check(args: &[&str], dir: &Path) -> Run {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .timeout(LIMIT)
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "xxgk panicked:\n{}",
        run.stderr
    );
    assert_ne!(run.code, -1, "killed (timeout?) — stderr:\n{}", run.stderr);
    run
}

/// `xxgk check` run as the user `nobody` (uid 65534) through `setpriv`, or
/// `None` when that is not possible here (no setpriv, or not allowed).
fn check_as_nobody(args: &[&str], dir: &Path) -> Option<Run> {
    let bin = assert_cmd::cargo::cargo_bin("xxgk");
    let probe = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .arg("--version")
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .timeout(LIMIT)
        .output()
        .ok()?;
    Some(Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// Refused: exit 2 and one clear line naming the file.
fn assert_refused(run: &Run, file: &str, why: &str) {
    assert_eq!(
        run.code, 2,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains(file) && run.stderr.contains(why),
        "expected an error naming {file} and saying {why:?}, got:\n{}",
        run.stderr
    );
}

/// Checked: exit 0 or 1 (findings), diagnostics or none, but no failure.
fn assert_checked(run: &Run) {
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}:\n{}",
        run.code,
        run.stderr
    );
}

#[test]
fn a_50_mb_text_file_is_refused_above_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let para = "本年度共收到政府信息公开申请34件，均已按时答复。\n".repeat(100);
    while f.get_ref().metadata().unwrap().len() < 50 * 1024 * 1024 {
        f.write_all(para.as_bytes()).unwrap();
        f.flush().unwrap();
    }
    drop(f);
    let run = check(&["huge.txt"], dir.path());
    assert_refused(&run, "huge.txt", "MiB 的大小上限");
    // Also through stdin.
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["check", "--stdin-filename", "piped.txt", "-"])
        .pipe_stdin(&path)
        .unwrap()
        .timeout(LIMIT)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("piped.txt") && stderr.contains("超出报告的大小上限"),
        "{stderr}"
    );
}

#[test]
fn a_10_mb_line_without_a_newline_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = String::with_capacity(10 * 1024 * 1024 + 64);
    // Prose, digits, ASCII words and long runs of spaces between letters (the
    // compact view of running text looks around spaces).
    let unit = format!("政府信息公开 2024 年 34 件 www. gov{}x", " ".repeat(200));
    while line.len() < 10 * 1024 * 1024 {
        line.push_str(&unit);
    }
    std::fs::write(dir.path().join("line.txt"), &line).unwrap();
    assert_checked(&check(&["--format", "concise", "line.txt"], dir.path()));
}

#[test]
fn a_table_with_10000_rows_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed("002");
    let anchor = "\t四、结转下年度继续办理\n";
    let at = text.find(anchor).unwrap();
    let row = "\t\n\t\n\t3.其他\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n".repeat(10_000);
    let hostile = format!("{}{row}{}", &text[..at], &text[at..]);
    std::fs::write(dir.path().join("rows.txt"), hostile).unwrap();
    let run = check(&["--format", "concise", "rows.txt"], dir.path());
    assert_checked(&run);
    // The real rows were still read: the report's own table balances.
    assert!(!run.stdout.contains("T001"), "{}", run.stdout);
}

#[test]
fn deeply_nested_markdown_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::from("# 某局2024年政府信息公开工作年度报告\n\n");
    for depth in 0..5_000 {
        md.push_str(&"> ".repeat(depth % 500));
        md.push_str(&"  ".repeat(depth % 200));
        md.push_str("- **[*一、总体情况*](#)** | | |\n");
    }
    md.push_str(&"[".repeat(100_000));
    md.push_str(&"(".repeat(100_000));
    std::fs::write(dir.path().join("nested.md"), md).unwrap();
    assert_checked(&check(&["--format", "concise", "nested.md"], dir.path()));
}

#[test]
fn invalid_utf8_in_the_middle_is_reported_or_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed("002");
    let mid = text.len() / 2;
    let mid = (mid..).find(|&i| text.is_char_boundary(i)).unwrap();
    let mut bytes = text.as_bytes()[..mid].to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]);
    bytes.extend_from_slice(&text.as_bytes()[mid..]);
    std::fs::write(dir.path().join("bad-utf8.txt"), &bytes).unwrap();
    let run = check(&["--format", "concise", "bad-utf8.txt"], dir.path());
    if run.code == 2 {
        assert!(run.stderr.contains("bad-utf8.txt"), "{}", run.stderr);
    } else {
        assert_checked(&run);
    }
}

#[test]
fn a_nul_byte_is_reported_or_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed("002").replacen("一、总体情况", "一、总体\0情况", 1);
    std::fs::write(dir.path().join("nul.txt"), text).unwrap();
    let run = check(&["--format", "concise", "nul.txt"], dir.path());
    if run.code == 2 {
        assert!(run.stderr.contains("nul.txt"), "{}", run.stderr);
    } else {
        assert_checked(&run);
    }
}

/// A zip entry: its name and what writes its content.
type Entry<'a> = (&'a str, &'a dyn Fn(&mut dyn Write));

fn write_zip(path: &Path, entries: &[Entry]) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, write) in entries {
        z.start_file(*name, opts).unwrap();
        write(&mut z);
    }
    z.finish().unwrap();
}

#[test]
fn a_docx_zip_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    // 80 MiB of document.xml in well under 1 MB of archive.
    let body = |w: &mut dyn Write| {
        w.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
            .unwrap();
        let chunk = vec![b'A'; 1024 * 1024];
        for _ in 0..80 {
            w.write_all(&chunk).unwrap();
        }
        w.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
            .unwrap();
    };
    write_zip(
        &path,
        &[
            ("[Content_Types].xml", &|w: &mut dyn Write| {
                w.write_all(b"<Types/>").unwrap()
            }),
            ("word/document.xml", &body),
        ],
    );
    assert!(std::fs::metadata(&path).unwrap().len() < 2 * 1024 * 1024);
    let run = check(&["bomb.docx"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("bomb.docx"), "{}", run.stderr);
}

#[test]
fn a_docx_without_document_xml_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_zip(
        &dir.path().join("empty.docx"),
        &[("[Content_Types].xml", &|w: &mut dyn Write| {
            w.write_all(b"<Types/>").unwrap()
        })],
    );
    let run = check(&["empty.docx"], dir.path());
    assert_refused(&run, "empty.docx", "document.xml");
}

#[test]
fn a_config_file_with_wrong_types_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), seed("002")).unwrap();
    for (toml, key) in [
        ("select = 5\n", "select"),
        ("report-kind = [\"government\"]\n", "report-kind"),
        ("[rules]\nT001 = 3\n", "T001"),
        ("exclude = \"drafts\"\n", "exclude"),
        ("[aliases]\nnew = 7\n", "new"),
    ] {
        std::fs::write(dir.path().join("xxgk.toml"), toml).unwrap();
        let run = check(&["report.txt"], dir.path());
        assert_refused(&run, "xxgk.toml", "配置无效 (invalid configuration)");
        // The message points at the place: the key, or the file's line and column.
        assert!(
            run.stderr.contains(key) || run.stderr.contains("xxgk.toml:"),
            "{toml}: {}",
            run.stderr
        );
    }
}

/// Issue 11: one lookup of every heading per line made this take minutes.
#[test]
fn sixty_thousand_heading_lines_are_checked_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = seed("002");
    for _ in 0..60_000 {
        text.push_str("一、总体情况\n本机关主动公开信息。\n");
    }
    std::fs::write(dir.path().join("headings.txt"), text).unwrap();
    let start = std::time::Instant::now();
    let run = check(&["headings.txt"], dir.path());
    assert_checked(&run);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

/// Issue 11: the size check read `metadata.len()`, which is 0 for a device,
/// and `/dev/zero` was read until memory ran out.
#[cfg(unix)]
#[test]
fn a_device_is_read_only_up_to_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let run = check(&["/dev/zero"], dir.path());
    assert_refused(&run, "/dev/zero", "已读取超过 32 MiB，超出报告的大小上限");
}

#[cfg(unix)]
#[test]
fn endless_standard_input_is_read_only_up_to_the_size_limit() {
    // Not assert_cmd's `pipe_stdin`: it reads the whole file first.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "-"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("<stdin>: 已读取超过 32 MiB") && stderr.contains("停止读取"),
        "{stderr}"
    );
}

fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// A pipe named on the command line is read like `cat` would, but the user is
/// told why nothing happens until a writer comes.
#[cfg(unix)]
#[test]
fn a_named_pipe_says_it_waits_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "pipe.txt"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&fifo, seed("002")).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pipe.txt: 是命名管道（FIFO），正在等待写入"),
        "{stderr}"
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{stderr}");
}

/// In a folder, a pipe named like a report is skipped with a note, not
/// opened (which would wait for ever).
#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_folder_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/a.txt"), seed("002")).unwrap();
    if !mkfifo(&dir.path().join("reports/b.txt")) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    let run = check(&["--format", "concise", "reports"], dir.path());
    assert_checked(&run);
    assert!(run.stderr.contains("b.txt: 不是普通文件"), "{}", run.stderr);
}

/// One unreadable subfolder is reported (exit 2 at the end), and every
/// readable report is still checked.
#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_does_not_hide_the_other_reports() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    std::fs::create_dir_all(root.join("locked")).unwrap();
    // Seed 000 has a finding (S003), so its file shows in the JSON output.
    std::fs::write(root.join("a.txt"), seed("000")).unwrap();
    std::fs::write(root.join("locked/b.txt"), seed("000")).unwrap();
    let locked = root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = if std::fs::read_dir(&locked).is_ok() {
        // Running as root (CI): permissions do not stop root, so run xxgk as
        // the unprivileged user `nobody` through setpriv, when there is one.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let Some(run) = check_as_nobody(&["--format", "json", "reports"], dir.path()) else {
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("skipped: running as root and setpriv cannot drop to nobody");
            return;
        };
        run
    } else {
        check(&["--format", "json", "reports"], dir.path())
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("locked"), "{}", run.stderr);
    assert!(run.stdout.contains("a.txt"), "{}", run.stdout);
}

/// Issue 11: a .docx cut short by one byte said "not a .docx (zip) file: i/o error".
#[test]
fn a_truncated_docx_says_it_is_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.docx");
    write_zip(
        &path,
        &[("word/document.xml", &|w: &mut dyn Write| {
            w.write_all(b"<w:document><w:body><w:p/></w:body></w:document>")
                .unwrap()
        })],
    );
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.pop();
    std::fs::write(&path, bytes).unwrap();
    let run = check(&["cut.docx"], dir.path());
    assert_refused(&run, "cut.docx", "truncated or damaged");
}

/// `--config /dev/null` means "no configuration", not "no such file".
#[cfg(unix)]
#[test]
fn config_dev_null_is_an_empty_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), seed("002")).unwrap();
    let run = check(&["--config", "/dev/null", "report.txt"], dir.path());
    assert_checked(&run);
}

/// Issue 11: a report with lone carriage returns read as one line ("no
/// section headings").
#[test]
fn lone_carriage_returns_are_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let cr = seed("002").replace("\r\n", "\n").replace('\n', "\r");
    std::fs::write(dir.path().join("cr.txt"), cr).unwrap();
    let run = check(&["--format", "concise", "cr.txt"], dir.path());
    assert_checked(&run);
    assert!(!run.stdout.contains("S001"), "{}", run.stdout);
}

/// Issue 11: control characters from a .docx (in its text, shown in a
/// snippet, or in an XML error message) reached the terminal raw.
#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}";
    let text_docx = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>2024年度报告{hostile}</w:t></w:r></w:p></w:body></w:document>"
    );
    let bad_xml = format!("<w:document><w:body><w:p{hostile}></w:body>");
    for (name, xml) in [("text.docx", text_docx), ("bad.docx", bad_xml)] {
        write_zip(
            &dir.path().join(name),
            &[("word/document.xml", &|w: &mut dyn Write| {
                w.write_all(xml.as_bytes()).unwrap()
            })],
        );
        for format in ["full", "concise", "github"] {
            let run = check(&["--format", format, name], dir.path());
            for out in [&run.stdout, &run.stderr] {
                assert!(
                    !out.contains(['\u{1b}', '\u{7}', '\u{9b}']),
                    "{name} --format {format}: {out:?}"
                );
            }
            assert!(run.stdout.len() + run.stderr.len() > 0);
        }
    }
}
