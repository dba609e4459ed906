//! Reviewed-finding memory for a reviewing office (issue 13): a baseline
//! file records the findings a reviewer has accepted, and later runs show
//! only the findings that are not in it.
//!
//! A finding is recorded by its file (relative to the baseline file's folder),
//! its rule and a fingerprint of its text: the rule, the message, the text the
//! finding points at and the rest of its line(s), whitespace removed. No line
//! numbers or byte offsets go in, so an edit elsewhere in the report keeps the
//! finding matched, and a change to the finding's own text (or to what the
//! message says) makes it show again. Identical findings need one entry each.
//!
//! This module knows nothing of the command line: src/cli/check/baseline.rs
//! reads the flags, writes the file and prints the summary.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The format version written and read; an unknown one is refused.
pub const VERSION: u32 = 1;

/// Characters of normalised text kept from each end of a long span or line:
/// a finding over a whole table stays matched when a row in its middle is
/// edited, and the fingerprint's input stays small.
const KEEP_CHARS: usize = 120;

/// Characters of the human-readable excerpt.
const EXCERPT_CHARS: usize = 60;

/// A baseline file: pretty JSON, keys in the order of these fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One accepted finding. `file`, `code` and `fingerprint` are matched; `name`,
/// `message` and `excerpt` are for the reviewer who reads the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Relative to the baseline file's folder, `/`-separated.
    pub file: String,
    pub code: String,
    #[serde(default)]
    pub name: String,
    pub fingerprint: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub excerpt: String,
}

/// Why a baseline file cannot be used.
#[derive(Debug)]
pub enum LoadError {
    Read(PathBuf, std::io::Error),
    Invalid(PathBuf, serde_json::Error),
    Version(PathBuf, u32),
}

use crate::messages as m;

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read(p, e) => f.write_str(&m::BASELINE_CANNOT_READ.fill(&[&p.display(), e])),
            LoadError::Invalid(p, e) => f.write_str(&m::BASELINE_INVALID.fill(&[&p.display(), e])),
            LoadError::Version(p, v) => {
                f.write_str(&m::BASELINE_VERSION.fill(&[&p.display(), v, &VERSION]))
            }
        }
    }
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, LoadError> {
        let bytes = std::fs::read(path).map_err(|e| LoadError::Read(path.to_path_buf(), e))?;
        let baseline: Baseline = serde_json::from_slice(&bytes)
            .map_err(|e| LoadError::Invalid(path.to_path_buf(), e))?;
        if baseline.version != VERSION {
            return Err(LoadError::Version(path.to_path_buf(), baseline.version));
        }
        Ok(baseline)
    }

    /// Every finding of every file, in the order given. Each item is a file's
    /// stored path (see [`stored_path`]), its text and its findings.
    pub fn record<'a>(
        files: impl IntoIterator<Item = (String, &'a str, &'a [Diagnostic])>,
    ) -> Self {
        let mut entries = Vec::new();
        for (file, text, diagnostics) in files {
            for d in diagnostics {
                entries.push(Entry {
                    file: file.clone(),
                    code: d.code.to_string(),
                    name: d.name.to_string(),
                    fingerprint: fingerprint(d, text),
                    message: d.message.clone(),
                    excerpt: excerpt(text, d.span),
                });
            }
        }
        Baseline {
            version: VERSION,
            entries,
        }
    }

    /// Pretty JSON ending in a newline.
    pub fn to_json(&self) -> String {
        // Plain strings and numbers: serialising cannot fail.
        serde_json::to_string_pretty(self).expect("a baseline serialises") + "\n"
    }
}

/// A baseline's entries by the file they belong to. Each report is matched
/// on its own (reports are checked in parallel, and a later year's report
/// may be checked again with its predecessor): every entry hides at most
/// one finding of its file, the earliest matching entry first.
pub struct Index<'a> {
    baseline: &'a Baseline,
    by_file: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub fn new(baseline: &'a Baseline) -> Self {
        let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, e) in baseline.entries.iter().enumerate() {
            by_file.entry(e.file.as_str()).or_default().push(k);
        }
        Index { baseline, by_file }
    }

    /// The findings of the file stored as `file` (whose text is `text`) that
    /// are not in the baseline, and the entries that hid the others.
    pub fn filter(
        &self,
        file: &str,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, Vec<usize>) {
        let Some(ks) = self.by_file.get(file) else {
            return (diagnostics, Vec::new());
        };
        let (mut kept, mut used) = (Vec::new(), Vec::new());
        for d in diagnostics {
            let print = fingerprint(&d, text);
            let entry = ks.iter().copied().find(|k| {
                let e = &self.baseline.entries[*k];
                !used.contains(k) && e.code == d.code && e.fingerprint == print
            });
            match entry {
                Some(k) => used.push(k),
                None => kept.push(d),
            }
        }
        (kept, used)
    }

    /// The entries of the files in `seen` that hid nothing, in the
    /// baseline's order. Entries of files not checked in this run (one file
    /// of the folder, or one that could not be read) are not unused: nothing
    /// says their findings are gone.
    pub fn unused(&self, used: &HashSet<usize>, seen: &HashSet<&str>) -> Vec<&'a Entry> {
        let entries = self.baseline.entries.iter().enumerate();
        entries
            .filter(|(k, e)| !used.contains(k) && seen.contains(e.file.as_str()))
            .map(|(_, e)| e)
            .collect()
    }
}

/// The fingerprint of a finding: 16 hex digits of a SHA-256 over the rule,
/// the message and the text around the finding, whitespace removed.
pub fn fingerprint(d: &Diagnostic, text: &str) -> String {
    let span = clamp(text, d.span);
    let (start, end) = line_bounds(text, span);
    let parts = [
        "xxgk-baseline-1",
        d.code,
        &squeeze(&d.message),
        &capped(squeeze(&text[span.range()])),
        &capped(squeeze(&text[start..end])),
    ];
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
        // A separator that whitespace removal leaves out of every part.
        hash.update(b"\n");
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The line(s) of the finding, whitespace collapsed, shortened for reading.
pub fn excerpt(text: &str, span: Span) -> String {
    let (start, end) = line_bounds(text, clamp(text, span));
    let words: Vec<&str> = text[start..end].split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= EXCERPT_CHARS {
        return line;
    }
    line.chars().take(EXCERPT_CHARS).collect::<String>() + "…"
}

/// How `file` (a checked file's path as shown: relative to the current
/// folder, or absolute) is stored in the baseline `baseline_file`: relative
/// to the baseline's folder, `/`-separated, so the same entry is found from
/// any working directory and the folder can move with its baseline. Both are
/// resolved (symlinks too); a name that is not a file (`<stdin>`) is kept.
pub fn stored_path(baseline_file: &Path, file: &str) -> String {
    let dir = match baseline_file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (Ok(dir), Ok(path)) = (dir.canonicalize(), Path::new(file).canonicalize()) else {
        return file.replace('\\', "/");
    };
    relative(&dir, &path).unwrap_or_else(|| path.to_string_lossy().replace('\\', "/"))
}

/// `path` relative to `dir` (both absolute), or `None` when they share no
/// root (two Windows drives).
fn relative(dir: &Path, path: &Path) -> Option<String> {
    let d: Vec<Component> = dir.components().collect();
    let p: Vec<Component> = path.components().collect();
    if d.first() != p.first() {
        return None;
    }
    let common = d.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_string(), d.len() - common);
    let downs = p[common..]
        .iter()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    Some(ups.chain(downs).collect::<Vec<_>>().join("/"))
}

/// `span` inside `text` and on character boundaries (a span from another
/// version of the text must not panic).
fn clamp(text: &str, span: Span) -> Span {
    let fit = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fit(span.start);
    Span::new(start, fit(span.end).max(start))
}

/// From the start of the line where `span` starts to the end of the line where it ends.
fn line_bounds(text: &str, span: Span) -> (usize, usize) {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    (start, end)
}

/// Without any whitespace (full-width spaces too): re-wrapping a paragraph
/// or re-spacing a table row is not a change of the finding.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first and last [`KEEP_CHARS`] characters of a long text.
fn capped(s: String) -> String {
    let n = s.chars().count();
    if n <= 2 * KEEP_CHARS {
        return s;
    }
    let head = s.chars().take(KEEP_CHARS);
    let tail = s.chars().skip(n - KEEP_CHARS);
    head.chain(['…']).chain(tail).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn finding(text: &str, needle: &str, message: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        let span = Span::new(start, start + needle.len());
        Diagnostic::new(
            "T001",
            "unbalanced-applications",
            Severity::Error,
            span,
            message,
        )
    }

    #[test]
    fn fingerprint_ignores_position_and_whitespace_but_not_text() {
        let text = "一、总体情况\n收到申请 12 件\n";
        let d = finding(text, "12", "不平衡");
        let moved = "前言\n\n一、总体情况\n收到申请　12件\n";
        let same = fingerprint(&finding(moved, "12", "不平衡"), moved);
        assert_eq!(fingerprint(&d, text), same);
        let changed = "一、总体情况\n收到申请 13 件\n";
        assert_ne!(
            fingerprint(&d, text),
            fingerprint(&finding(changed, "13", "不平衡"), changed)
        );
        assert_ne!(
            fingerprint(&d, text),
            fingerprint(&finding(text, "12", "另一条"), text)
        );
        assert_eq!(fingerprint(&d, text).len(), 16);
    }

    #[test]
    fn a_long_span_keeps_its_ends_only() {
        let rows: String = (0..200).map(|k| format!("第{k}行 {k}\n")).collect();
        let d = finding(&rows, &rows[..rows.len() - 1], "表格");
        let edited = rows.replace("第100行 100", "第100行 101");
        let e = finding(&edited, &edited[..edited.len() - 1], "表格");
        assert_eq!(fingerprint(&d, &rows), fingerprint(&e, &edited));
    }

    #[test]
    fn each_entry_is_used_once() {
        let text = "甲 1\n甲 1\n";
        let d = finding(text, "1", "重复");
        let b = Baseline::record([("a.txt".to_string(), text, std::slice::from_ref(&d))]);
        let index = Index::new(&b);
        let (kept, used) = index.filter("a.txt", text, vec![d.clone(), d.clone()]);
        assert_eq!((kept.len(), used), (1, vec![0]), "one entry, one finding");
        let (kept, used) = index.filter("b.txt", text, vec![d.clone()]);
        assert_eq!((kept.len(), used.len()), (1, 0), "another file's entry");
        let seen: HashSet<&str> = ["a.txt"].into();
        assert!(index.unused(&HashSet::from([0]), &seen).is_empty());
        assert_eq!(index.unused(&HashSet::new(), &seen).len(), 1);
        assert!(index.unused(&HashSet::new(), &HashSet::new()).is_empty());
    }

    #[test]
    fn spans_out_of_range_do_not_panic() {
        let text = "中文";
        let mut d = finding(text, "中", "x");
        d.span = Span::new(1, 99);
        assert_eq!(fingerprint(&d, text).len(), 16);
        assert_eq!(excerpt(text, d.span), "中文");
    }

    #[test]
    fn relative_paths_use_slashes_and_climb() {
        let rel = relative(Path::new("/a/b"), Path::new("/a/c/d.txt"));
        assert_eq!(rel.as_deref(), Some("../c/d.txt"));
        let rel = relative(Path::new("/a"), Path::new("/a/报告/x.txt"));
        assert_eq!(rel.as_deref(), Some("报告/x.txt"));
    }

    #[test]
    fn json_round_trips_with_stable_keys() {
        let text = "收到申请 12 件\n";
        let d = finding(text, "12", "不平衡");
        let b = Baseline::record([("a.txt".to_string(), text, std::slice::from_ref(&d))]);
        let json = b.to_json();
        let keys = [
            "\"file\"",
            "\"code\"",
            "\"name\"",
            "\"fingerprint\"",
            "\"message\"",
            "\"excerpt\"",
        ];
        let at: Vec<usize> = keys.iter().map(|k| json.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
        let back: Baseline = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }
}
