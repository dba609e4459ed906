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

/// Whether a file `name` has a report's extension (as `Path::extension`
/// reads it: after the last dot, unless the name starts with it), any case.
/// On the bytes: the walk asks for every entry of a folder (issue 15).
fn is_report(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    match name.iter().rposition(|&b| b == b'.') {
        Some(dot) if dot > 0 => {
            let extension = &name[dot + 1..];
            REPORT_EXTENSIONS
                .iter()
                .any(|x| extension.eq_ignore_ascii_case(x.as_bytes()))
        }
        _ => false,
    }
}

/// The inputs of a run, and whether some entry of a folder could not be read
/// (reported already; the run goes on and exits 2 at the end).
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Per input: found by walking a folder, so checked only if it looks like
    /// a report ([`sniff`], asked when it is read: read once).
    pub walked: Vec<bool>,
    /// The folders walked: each must turn out to hold a report ([`no_reports`]).
    pub folders: Vec<PathBuf>,
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
    let mut found: Vec<(Input, bool)> = Vec::new();
    let mut out = Collected::default();
    for p in paths {
        if p.as_os_str() == "-" {
            found.push((Input::Stdin, false));
            continue;
        }
        if !p.is_dir() {
            // Named explicitly: always checked (a missing file is reported when loaded).
            found.push((Input::File(p.clone()), false));
            continue;
        }
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
            if !is_report(entry.file_name()) {
                continue;
            }
            match entry.file_type() {
                Some(t) if t.is_file() => {}
                Some(t) if !t.is_dir() && !t.is_symlink() => {
                    // A pipe or a device named like a report: reading it could
                    // block or never end.
                    let path = entry.path().display();
                    super::notice(messages::NOT_REGULAR_FILE.fill(&[&path]));
                    continue;
                }
                _ => continue,
            }
            let path = entry.path();
            if wanted(path, p, configs, (explicit, isolated), exclude)? {
                // A copy of exactly its length: the walk's own path has room to
                // spare, and 100,000 of them are kept for the whole run.
                walked.push(path.to_path_buf());
            }
        }
        if walked.is_empty() && !out.unreadable {
            let none = messages::NO_REPORTS_FOUND.fill(&[&p.display()]);
            return Err(CollectError::Other(none));
        }
        found.extend(walked.into_iter().map(|f| (Input::File(f), true)));
        out.folders.push(p.clone());
    }
    // By path; a file both named and walked is taken as named (never skipped).
    (out.inputs, out.walked) = in_path_order(found).into_iter().unzip();
    Ok(out)
}

/// `found` sorted as `sort()` sorts it (`Input`'s order, then `false`
/// first) and each input kept once (its first), each path turned once into
/// a byte key that compares as `Path` does: `Path`'s comparison splits both
/// paths into components each time, which for 10,000 files was 0.2 G
/// instructions on the main thread before any report was read (issue 15).
fn in_path_order(found: Vec<(Input, bool)>) -> Vec<(Input, bool)> {
    /// The path's key (`None`: stdin), walked, the input's place.
    type SortKey = (Option<Vec<u8>>, bool, usize);
    let keys: Option<Vec<SortKey>> = found
        .iter()
        .enumerate()
        .map(|(n, (i, walked))| match i {
            Input::Stdin => Some((None, *walked, n)),
            Input::File(p) => Some((Some(path_key(p)?), *walked, n)),
        })
        .collect();
    let Some(mut keys) = keys else {
        // A Windows drive or UNC prefix: compared as `Path` compares it.
        let mut found = found;
        found.sort();
        found.dedup_by(|later, first| later.0 == first.0);
        return found;
    };
    // The index last: ties keep their order, as a stable sort would.
    keys.sort_unstable();
    // Equal keys are equal paths: the same input named twice, or named and walked.
    keys.dedup_by(|later, first| later.0 == first.0);
    let mut found: Vec<Option<(Input, bool)>> = found.into_iter().map(Some).collect();
    keys.iter().filter_map(|k| found[k.2].take()).collect()
}

/// Bytes that order as `path`'s components do (`None` for a path with a
/// Windows prefix): per component a tag in `Component`'s order, then a
/// normal component's bytes and a NUL, which no component contains and
/// which puts `a` before `a.b`, as the component comparison does.
fn path_key(path: &Path) -> Option<Vec<u8>> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut key = Vec::with_capacity(bytes.len() + 8);
    match plain_key(bytes, &mut key) {
        true => Some(key),
        false => components_key(path),
    }
}

/// [`path_key`] from `Path::components`: any path.
fn components_key(path: &Path) -> Option<Vec<u8>> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for c in path.components() {
        match c {
            Component::Prefix(_) => return None,
            Component::RootDir => key.push(1),
            Component::CurDir => key.push(2),
            Component::ParentDir => key.push(3),
            Component::Normal(n) => {
                key.push(4);
                key.extend_from_slice(n.as_encoded_bytes());
                key.push(0);
            }
        }
    }
    Some(key)
}

/// [`path_key`] read off the bytes of a plain Unix path (`/`-separated
/// names, none empty, `.` or `..`; a leading `/` is the root), as walked
/// paths are: splitting each into `Component`s was most of the key's cost
/// (issue 15). `false` for any other path, which the components then key.
fn plain_key(bytes: &[u8], key: &mut Vec<u8>) -> bool {
    if cfg!(windows) {
        return false;
    }
    let rest = match bytes.strip_prefix(b"/") {
        Some(rest) => {
            key.push(1);
            rest
        }
        None => bytes,
    };
    for name in rest.split(|&b| b == b'/') {
        if name.is_empty() || name == b"." || name == b".." {
            return false;
        }
        key.push(4);
        key.extend_from_slice(name);
        key.push(0);
    }
    true
}

/// A walked folder none of whose files turned out to be a report (all
/// `skipped`, by input index): the run stops with this error, as when the
/// folder holds no candidate file at all.
pub fn no_reports(collected: &Collected, skipped: &[usize]) -> Result<(), String> {
    if collected.unreadable || skipped.is_empty() {
        return Ok(());
    }
    let mut is_skipped = vec![false; collected.inputs.len()];
    skipped.iter().for_each(|&k| is_skipped[k] = true);
    for folder in &collected.folders {
        let inside = |i: &Input| matches!(i, Input::File(f) if f.starts_with(folder));
        let (mut files, mut dropped) = (0, 0);
        for (k, _) in collected
            .inputs
            .iter()
            .enumerate()
            .filter(|(_, i)| inside(i))
        {
            files += 1;
            dropped += usize::from(is_skipped[k]);
        }
        if dropped == files {
            let none = messages::NO_REPORTS_FOUND.fill(&[&folder.display()]);
            let also = messages::ALSO_SKIPPED.fill(&[&dropped]);
            return Err(format!("{none}{also}"));
        }
    }
    Ok(())
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

/// What the bytes of a walked file say of whether it is a report. A text
/// or Markdown file without any report marker (src/input/sniff.rs) is
/// skipped with a note, but its words are looked at in the text it is
/// decoded to for checking ([`Sniff::after_decoding`]): decoded once (issue
/// 15). Word files and web pages are kept (a page without a report is
/// refused when read); so is a file that cannot be decoded, whose error is
/// reported when it is loaded.
pub fn sniff(path: &Path, bytes: &[u8]) -> Sniff {
    use crate::input::{self, Format};
    match input::format_of(path, bytes) {
        Format::Text | Format::Markdown => Sniff::ByWords,
        // xxgk's own summary page (`--format html --output-file`), written
        // into the folder it checked: never a report.
        Format::Html if is_our_summary_page(bytes) => {
            Sniff::NotAReport(messages::OUR_SUMMARY_PAGE.text())
        }
        _ => Sniff::Report,
    }
}

/// See [`sniff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    /// Not a report, and why.
    NotAReport(&'static str),
    /// Taken as a report.
    Report,
    /// A report if its words say so.
    ByWords,
}

impl Sniff {
    /// Why the file, decoded as `text`, is not a report, if it is not.
    pub fn after_decoding(self, text: &str) -> Option<&'static str> {
        match self {
            Sniff::NotAReport(why) => Some(why),
            Sniff::Report => None,
            Sniff::ByWords => (!crate::input::sniff::looks_like_report(text))
                .then(|| messages::DOES_NOT_LOOK_LIKE_A_REPORT.text()),
        }
    }
}

fn is_our_summary_page(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let marker = crate::render::html::GENERATOR.as_bytes();
    head.windows(marker.len()).any(|w| w == marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_put_in_the_order_paths_compare_in() {
        let names = [
            "b/a.txt",
            "a.txt",
            "a/x.txt",
            "a/b/c.txt",
            "a.b",
            "./a.txt",
            "a//y.txt",
            "/abs/z.txt",
            "b.txt",
            "A.txt",
            "报告/2024.txt",
            "报告.txt",
            "a/x.txt",
            "../up.txt",
            "/",
            "a/",
            "a/b",
            "a\\b",
            "a-b/c",
            "a\u{1}/d",
            ".",
            "",
            "./",
            "b/../a",
        ];
        let mut found: Vec<(Input, bool)> = vec![(Input::Stdin, false)];
        for (k, n) in names.iter().enumerate() {
            found.push((Input::File(PathBuf::from(n)), k % 2 == 0));
        }
        found.push((Input::File(PathBuf::from("a/x.txt")), false));
        let mut expected = found.clone();
        expected.sort();
        expected.dedup_by(|later, first| later.0 == first.0);
        assert_eq!(in_path_order(found), expected);
    }

    #[test]
    fn every_path_of_tricky_pieces_is_ordered_and_kept_once_as_path_orders_it() {
        let pieces = ["a", "a.b", "b", "", ".", "..", "报告", "A", "a-b", "/"];
        let mut found = Vec::new();
        for x in pieces {
            for y in pieces {
                for z in pieces {
                    let p = format!("{x}/{y}/{z}");
                    found.push((Input::File(PathBuf::from(p)), x.len() % 2 == 0));
                }
            }
        }
        found.reverse();
        // Stdin twice, and one file both named and walked.
        found.push((Input::Stdin, false));
        found.push((Input::File(PathBuf::from("a/b")), true));
        found.push((Input::Stdin, false));
        found.push((Input::File(PathBuf::from("a//b/")), false));
        let mut expected = found.clone();
        expected.sort();
        // Path-equal spellings (`a//b/`, `a/b`) are one input, the named one kept.
        expected.dedup_by(|later, first| later.0 == first.0);
        assert!(expected.len() < found.len() - 3);
        assert_eq!(in_path_order(found), expected);
    }

    #[test]
    fn keys_read_off_the_bytes_are_the_components_keys() {
        let pieces = [
            "a",
            "",
            ".",
            "..",
            "报告 2024.txt",
            "a.b",
            ".x",
            "...",
            "a\\b",
        ];
        let mut paths = 0;
        for lead in ["", "/", "//", "./"] {
            for x in pieces {
                for y in pieces {
                    for tail in ["", "/", "/."] {
                        let p = PathBuf::from(format!("{lead}{x}/{y}{tail}"));
                        assert_eq!(path_key(&p), components_key(&p), "{p:?}");
                        paths += 1;
                    }
                }
            }
        }
        let walked = Path::new("/tmp/office-r10k/00001-word-2025-Y001.txt");
        let mut key = Vec::new();
        assert!(plain_key(walked.as_os_str().as_encoded_bytes(), &mut key) || cfg!(windows));
        assert!(paths > 900);
    }

    #[test]
    fn a_report_extension_is_read_as_path_extension_reads_it() {
        let names = [
            "a.txt",
            "a.TXT",
            "a.Pdf",
            "报告.docx",
            ".txt",
            "..txt",
            "a.",
            "a",
            "txt",
            "a.txt.bak",
            "a.bak.txt",
            "..",
            ".",
            "a.tx",
            "a.txtx",
            "a.htm",
            "a.shtml",
            "a.wps",
            "a.MARKDOWN",
            "a.md ",
            "a. md",
            "a.m\u{e9}",
        ];
        for name in names {
            let by_path = Path::new(name)
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| REPORT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()));
            assert_eq!(is_report(std::ffi::OsStr::new(name)), by_path, "{name:?}");
        }
    }
}
