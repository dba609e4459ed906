//! Which files `xxgk check` looks at: explicit files as given, directories
//! walked with the `ignore` crate (`.gitignore`, hidden files, and the
//! configuration's `include`/`exclude` globs), in a stable order. A walked
//! text file that is not a report (a README, notes) is skipped with a note.

use crate::config::{Cache, ConfigError};
use crate::messages;
use std::path::{Path, PathBuf};

/// Extensions of the reports xxgk reads.
/// (.wpt and .dot are read when named, but a folder's templates are not reports.)
pub const REPORT_EXTENSIONS: [&str; 11] = [
    "txt", "md", "markdown", "docx", "doc", "wps", "html", "htm", "shtml", "xhtml", "pdf",
];

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

#[derive(Debug)]
pub enum CollectError {
    Config(ConfigError),
    Other(String),
}

impl std::fmt::Display for CollectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CollectError::Config(e) => e.fmt(f),
            CollectError::Other(s) => f.write_str(s),
        }
    }
}

fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| REPORT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// The inputs of a run, and whether some entry of a folder could not be read
/// (reported already; the run goes on and exits 2 at the end).
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub unreadable: bool,
}

/// Expand the command line's paths into the inputs, sorted by path (stdin
/// first) and without duplicates, so output never depends on walk order.
pub fn collect(
    paths: &[PathBuf],
    configs: &mut Cache,
    explicit: Option<&Path>,
    isolated: bool,
    exclude: Option<&globset::GlobSet>,
) -> Result<Collected, CollectError> {
    let mut out = Collected::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.inputs.push(Input::Stdin);
            continue;
        }
        if !p.is_dir() {
            // Named explicitly: always checked (a missing file is reported when loaded).
            out.inputs.push(Input::File(p.clone()));
            continue;
        }
        let before = out.inputs.len();
        let mut walked = Vec::new();
        for entry in walker(p) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    // One unreadable subfolder must not hide every other report.
                    super::error(messages::CANNOT_READ_DIR_ENTRY.fill(&[&p.display(), &e]));
                    out.unreadable = true;
                    continue;
                }
            };
            let path = entry.path();
            if !is_report(path) {
                continue;
            }
            match entry.file_type() {
                Some(t) if t.is_file() => {}
                Some(t) if !t.is_dir() && !t.is_symlink() => {
                    // A pipe or a device named like a report: reading it could
                    // block or never end.
                    super::notice(messages::NOT_REGULAR_FILE.fill(&[&path.display()]));
                    continue;
                }
                _ => continue,
            }
            if wanted(path, p, configs, (explicit, isolated), exclude)? {
                walked.push(path.to_path_buf());
            }
        }
        let (reports, skipped) = without_non_reports(walked);
        out.inputs.extend(reports.into_iter().map(Input::File));
        if out.inputs.len() == before && !out.unreadable {
            let also = if skipped > 0 {
                messages::ALSO_SKIPPED.fill(&[&skipped])
            } else {
                String::new()
            };
            let none = messages::NO_REPORTS_FOUND.fill(&[&p.display()]);
            return Err(CollectError::Other(format!("{none}{also}")));
        }
    }
    out.inputs.sort();
    out.inputs.dedup();
    Ok(out)
}

/// A folder's entries, as `.gitignore` and the like leave them.
fn walker(dir: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        // Respect .gitignore also outside a git checkout: a report folder copied
        // off a share has no .git but may carry the office's ignore list.
        .require_git(false)
        .build()
}

/// Whether `path`, found in the folder `root`, is to be checked: its
/// configuration's `include`/`exclude` and `--exclude` say.
fn wanted(
    path: &Path,
    root: &Path,
    configs: &mut Cache,
    (explicit, isolated): (Option<&Path>, bool),
    exclude: Option<&globset::GlobSet>,
) -> Result<bool, CollectError> {
    // Walked entries are files: no need to ask whether each is a folder.
    let wanted = match configs
        .get_for_file(path, explicit, isolated)
        .map_err(CollectError::Config)?
    {
        Some(cfg) => cfg.wants(&configs.absolute(path)),
        None => true,
    };
    Ok(wanted && !exclude.is_some_and(|set| super::check::excluded(set, root, path)))
}

/// The walked files that are reports, in order, and how many were not: a
/// text or Markdown file without any report marker (src/input/sniff.rs) is
/// skipped with a note. Word files and web pages are kept (a page without a
/// report is refused when read); so is a file that cannot be read or decoded,
/// whose error is reported when it is loaded.
fn without_non_reports(walked: Vec<PathBuf>) -> (Vec<PathBuf>, usize) {
    use rayon::prelude::*;
    let not_report: Vec<Option<&str>> = walked.par_iter().map(|p| not_a_report(p)).collect();
    let mut skipped = 0;
    let reports = walked
        .into_iter()
        .zip(not_report)
        .filter_map(|(path, why)| {
            if let Some(why) = why {
                skipped += 1;
                super::notice(messages::NOT_A_REPORT_SKIPPED.fill(&[&path.display(), &why]));
            }
            why.is_none().then_some(path)
        })
        .collect();
    (reports, skipped)
}

/// Why the file at `path` is not a report, or `None` when it may be one.
fn not_a_report(path: &Path) -> Option<&'static str> {
    use crate::input::{self, Format};
    let bytes = input::read_bytes(path).ok()?;
    match input::format_of(path, &bytes) {
        Format::Text | Format::Markdown => {}
        // xxgk's own summary page (`--format html --output-file`), written
        // into the folder it checked: never a report.
        Format::Html if is_our_summary_page(&bytes) => {
            return Some(messages::OUR_SUMMARY_PAGE.text())
        }
        _ => return None,
    }
    // Read only to look for words: borrowed, no line-ending survey (issue 15).
    let text = input::decode::decode_text(&bytes).ok()?;
    (!input::sniff::looks_like_report(&text)).then(|| messages::DOES_NOT_LOOK_LIKE_A_REPORT.text())
}

fn is_our_summary_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let marker = crate::render::html::GENERATOR.as_bytes();
    head.windows(marker.len()).any(|w| w == marker)
}
