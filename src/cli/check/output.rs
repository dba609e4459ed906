//! Rendering the checked files in the chosen format, the statistics table and the summary line.

use super::*;
use crate::render::office::{self, Findings, Summary};

/// Colours only on a terminal, and never with `NO_COLOR` set.
pub(super) fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

pub(super) fn reports(checked: &[Checked]) -> Vec<FileReport<'_>> {
    checked
        .iter()
        .map(|c| FileReport {
            path: &c.path,
            text: &c.text,
            index: &c.index,
            diagnostics: &c.diagnostics,
            pages: &c.pages,
            issuer: c.issuer.as_deref(),
            year: c.year,
            rewritable: c.rewritable,
            word: &c.word,
        })
        .collect()
}

pub(super) fn printable_checked(c: &Checked) -> Checked {
    Checked {
        path: render::escape_controls(&c.path).into_owned(),
        text: render::printable_text(&c.text).into_owned(),
        index: c.index.clone(),
        diagnostics: c
            .diagnostics
            .iter()
            .map(render::printable_diagnostic)
            .collect(),
        pages: c.pages.clone(),
        issuer: c
            .issuer
            .as_deref()
            .map(|i| render::escape_controls(i).into_owned()),
        year: c.year,
        rewritable: c.rewritable,
        word: c.word.clone(),
    }
}

/// Refuse, before any work, what cannot be written where it would go.
pub(super) fn check_destination(args: &CheckArgs) -> Result<(), String> {
    let office = matches!(args.format, OutputFormat::Html | OutputFormat::Xlsx);
    if args.statistics && office {
        return Err(messages::STATISTICS_NOT_OFFICE.text().into());
    }
    if args.format == OutputFormat::Xlsx && args.output_file.is_none() {
        return Err(messages::XLSX_NEEDS_FILE.text().into());
    }
    if let Some(p) = &args.output_file {
        if args.diff {
            return Err(messages::OUTPUT_FILE_WITH_DIFF.text().into());
        }
        if p.is_dir() {
            let what = messages::OUTPUT_FILE.text();
            return Err(messages::WRITE_FILE_IS_DIR.fill(&[&what, &p.display()]));
        }
    }
    super::baseline::check_flags(&args.baseline)
}

/// Write `bytes` to `path` atomically: a temporary file beside it, renamed
/// over it, so a reader never sees half a page and a failed run leaves the
/// old file as it was.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_file_with(path, messages::OUTPUT_FILE.text(), |w| w.write_all(bytes))
}

/// Standard output through `write`, buffered; a closed pipe (`| head`) is not an error.
pub(super) fn write_stdout_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(write_failed(e)),
        _ => Ok(()),
    }
}

/// [`write_file`], naming the file as `what` (输出文件, 基线文件) in errors.
pub(super) fn write_file_as(path: &Path, bytes: &[u8], what: &str) -> Result<(), String> {
    write_file_with(path, what, |w| w.write_all(bytes))
}

/// [`write_file_as`] with the bytes written by `write`.
pub(super) fn write_file_with(
    path: &Path,
    what: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    write_file_seekable(path, what, |file| {
        let mut w = std::io::BufWriter::new(file);
        write(&mut w).and_then(|_| w.flush())
    })
}

/// [`write_file_with`] handing `write` the temporary file itself (seekable:
/// the workbook's zip is written straight into it, never whole in memory).
pub(super) fn write_file_seekable(
    path: &Path,
    what: &str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), String> {
    let fail = |e: std::io::Error| messages::WRITE_FILE_FAILED.fill(&[&what, &path.display(), &e]);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    write(tmp.as_file_mut()).map_err(fail)?;
    // A temporary file is private (0600): give the result the old file's
    // permissions, or a new file's usual ones, so colleagues can open it.
    let perms = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => new_file_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(perms).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions(_: &std::fs::File) -> Result<std::fs::Permissions, String> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(f: &std::fs::File) -> Result<std::fs::Permissions, String> {
    f.metadata()
        .map(|m| m.permissions())
        .map_err(|e| messages::WRITE_FILE_FAILED.fill(&[&messages::OUTPUT_FILE.text(), &"", &e]))
}

/// The page or the workbook into `w`; the page part by part, never whole in memory.
pub(super) fn write_office(
    summaries: &[Summary],
    findings: &mut dyn Findings,
    format: OutputFormat,
    unreadable: &[Unread],
    w: &mut dyn Write,
) -> std::io::Result<()> {
    if format == OutputFormat::Xlsx {
        let bytes = render::xlsx::workbook(summaries, findings, unreadable)
            .map_err(std::io::Error::other)?;
        return w.write_all(&bytes);
    }
    render::html::write_page(summaries, findings, unreadable, w)
}

pub(super) fn render_all(
    checked: &[Checked],
    format: OutputFormat,
    colour: bool,
    unreadable: &[Unread],
) -> std::io::Result<Vec<u8>> {
    // Formats read by people go to a terminal: no raw control characters
    // from the report (JSON and SARIF escape them themselves).
    let printable: Vec<Checked>;
    let checked = if matches!(
        format,
        OutputFormat::Full
            | OutputFormat::Concise
            | OutputFormat::Github
            | OutputFormat::Html
            | OutputFormat::Xlsx
    ) {
        printable = checked.iter().map(printable_checked).collect();
        &printable[..]
    } else {
        checked
    };
    let files = reports(checked);
    let mut s = String::new();
    match format {
        OutputFormat::Full => {
            let mut buf = if colour {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            for f in &files {
                render::full::emit(f, &mut buf)?;
            }
            let (errors, warnings, infos) = counts(checked);
            // `--quiet` prints the findings only, as ruff's drops `Found N errors.`
            if errors + warnings + infos > 0 && !crate::cli::quiet() {
                writeln!(buf, "{}", summary(errors, warnings, infos, files.len()))?;
            }
            buf.reset()?;
            return Ok(buf.into_inner());
        }
        OutputFormat::Concise => files.iter().for_each(|f| render::concise(f, &mut s)),
        OutputFormat::Github => files.iter().for_each(|f| render::github::emit(f, &mut s)),
        OutputFormat::JsonLines => {
            for f in &files {
                render::json_lines::emit(f, &mut s).map_err(std::io::Error::other)?;
            }
        }
        OutputFormat::Json => {
            let all: Vec<_> = files
                .iter()
                .flat_map(|f| {
                    f.diagnostics
                        .iter()
                        .map(move |d| render::json::convert(f, d))
                })
                .collect();
            s = serde_json::to_string_pretty(&all).map_err(std::io::Error::other)? + "\n";
        }
        OutputFormat::Html | OutputFormat::Xlsx => {
            let (summaries, mut findings): (Vec<_>, Vec<_>) =
                files.iter().map(office::digest).unzip();
            let mut out = Vec::new();
            write_office(&summaries, &mut findings, format, unreadable, &mut out)?;
            return Ok(out);
        }
        OutputFormat::Sarif => {
            s = serde_json::to_string_pretty(&render::sarif::log(&files))
                .map_err(std::io::Error::other)?
                + "\n";
        }
    }
    if matches!(
        format,
        OutputFormat::Json | OutputFormat::JsonLines | OutputFormat::Sarif
    ) {
        s = render::escape_c1_in_json(s);
    }
    Ok(s.into_bytes())
}

#[derive(serde::Serialize)]
pub(super) struct Stat {
    code: &'static str,
    name: &'static str,
    count: usize,
    /// Some of these findings have a safe fix (`--fix`).
    fixable: bool,
}

/// `--statistics`: a count per rule, most frequent first.
pub(super) fn statistics(checked: &[Checked], format: OutputFormat) -> std::io::Result<Vec<u8>> {
    let codes = checked.iter().flat_map(|c| {
        c.diagnostics.iter().map(|d| {
            let safe = d
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe);
            // Fixable only where `--fix` writes: never a .docx, .doc, PDF or page.
            (d.code, d.name, safe && c.rewritable)
        })
    });
    statistics_of(codes, format)
}

/// [`statistics`] from each finding's code, name and whether it has a safe fix.
pub(super) fn statistics_of(
    codes: impl Iterator<Item = (&'static str, &'static str, bool)>,
    format: OutputFormat,
) -> std::io::Result<Vec<u8>> {
    let mut by_code: BTreeMap<&str, Stat> = BTreeMap::new();
    for (code, name, safe) in codes {
        let s = by_code.entry(code).or_insert(Stat {
            code,
            name,
            count: 0,
            fixable: false,
        });
        s.count += 1;
        s.fixable |= safe;
    }
    let mut stats: Vec<Stat> = by_code.into_values().collect();
    stats.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    let out = match format {
        OutputFormat::Json | OutputFormat::Sarif => {
            serde_json::to_string_pretty(&stats).map_err(std::io::Error::other)? + "\n"
        }
        OutputFormat::JsonLines => stats
            .iter()
            .map(|s| serde_json::to_string(s).map(|l| l + "\n"))
            .collect::<Result<String, _>>()
            .map_err(std::io::Error::other)?,
        _ => {
            let width = stats
                .iter()
                .map(|s| s.count.to_string().len())
                .max()
                .unwrap_or(1);
            stats
                .iter()
                .map(|s| {
                    let mark = if s.fixable { "[*] " } else { "" };
                    format!("{:>width$}  {}  {mark}{}\n", s.count, s.code, s.name)
                })
                .collect()
        }
    };
    Ok(out.into_bytes())
}

pub(super) fn counts(checked: &[Checked]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for (e, w, i) in checked
        .iter()
        .map(|c| render::office::counts(c.diagnostics.iter().map(|d| d.severity)))
    {
        c = (c.0 + e, c.1 + w, c.2 + i);
    }
    c
}

pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `✓ 未发现问题（1 个文件）`: what a clean run says on a terminal.
pub(super) fn no_problems(files: usize) -> String {
    let files = match crate::lang::current() {
        crate::lang::Lang::En => plural(files, "file"),
        crate::lang::Lang::Zh => files.to_string(),
    };
    crate::messages::NO_PROBLEMS.fill(&[&files]) + "\n"
}

pub(super) fn summary(errors: usize, warnings: usize, infos: usize, files: usize) -> String {
    if crate::lang::current() == crate::lang::Lang::En {
        let mut parts = vec![plural(errors, "error"), plural(warnings, "warning")];
        if infos > 0 {
            parts.push(plural(infos, "note"));
        }
        return format!("{} in {}", parts.join(", "), plural(files, "file"));
    }
    let notes = if infos > 0 {
        format!("，{infos} 条提示")
    } else {
        String::new()
    };
    format!("{errors} 个错误，{warnings} 个警告{notes}（{files} 个文件）")
}
