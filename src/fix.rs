//! Applying fixes: `xxgk check --fix`, `--unsafe-fixes`, `--diff`.
//!
//! Fixes are applied in passes: in each pass every applicable fix that does
//! not overlap an earlier one is applied, the text is linted again, and so on
//! until nothing applies (at most [`MAX_PASSES`]) — one fix may uncover
//! another. Writing keeps the file as it was stored: encoding, BOM and line
//! endings, through a temporary file renamed over the original.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::input::{Encoding, Format, LineEnding, SourceFile};
use std::io::Write;
use std::path::Path;

/// Enough for any chain of fixes a report has; a cycle stops here.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    SafeOnly,
    IncludeUnsafe,
}

impl Mode {
    pub fn allows(self, a: Applicability) -> bool {
        a == Applicability::Safe || self == Mode::IncludeUnsafe
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// The fixes went round in a circle; the loop stopped before repeating.
    pub cycle: bool,
}

/// Withdraw the fixes that fight: two diagnostics whose fixes edit the same
/// text in different ways (T001 sets a total to one value, T002 to another)
/// cannot both be right, and applying either would only make the other fire
/// (issue 11). Neither is offered; the diagnostics stay. Returns how many
/// fixes were withdrawn.
pub fn withdraw_conflicting(diags: &mut [Diagnostic]) -> usize {
    let mut edits: Vec<(usize, &Edit)> = diags
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((i, d.fix.as_ref()?)))
        .flat_map(|(i, f)| f.edits.iter().map(move |e| (i, e)))
        .collect();
    edits.sort_by_key(|(_, e)| (e.span.start, e.span.end));
    let mut fighting = std::collections::BTreeSet::new();
    // Sorted by start: an edit can only overlap those after it that start
    // before it ends.
    for (k, (i, a)) in edits.iter().enumerate() {
        for (j, b) in edits[k + 1..].iter() {
            if b.span.start >= a.span.end && b.span.start != a.span.start {
                break;
            }
            let same = a.span == b.span && a.replacement == b.replacement;
            if i != j && !same {
                fighting.insert(*i);
                fighting.insert(*j);
            }
        }
    }
    for &i in &fighting {
        diags[i].fix = None;
    }
    fighting.len()
}

/// Whether two edits cannot both be applied: their ranges overlap, or two
/// edits start at one point and one is an insertion (the result would depend
/// on the order they are applied in).
fn clash(a: &Edit, b: &Edit) -> bool {
    a.span.start < b.span.end && b.span.start < a.span.end
        || (a.span.start == b.span.start && (a.span.is_empty() || b.span.is_empty()))
}

/// The fixes of `diags` that `mode` allows and that can be applied together,
/// each whole or not at all: in order of their first edit, a fix is taken
/// when every edit lies within `text` and none clashes with another of its
/// own or with one already taken. The one selection behind `--fix`,
/// `--unsafe-fixes`, `--diff` and the editor's fix-all (issue 12: the editor
/// dropped edits one by one and could apply half of a two-edit fix).
/// Returns the chosen edits, sorted, and how many fixes they make.
///
/// ```
/// use xxgk::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
/// use xxgk::fix::{select, Mode};
/// use xxgk::Span;
///
/// let text = "二〇二四年度";
/// let finding = |fix: Fix| {
///     Diagnostic::new("Y001", "example", Severity::Warning, Span::new(0, 3), "…").with_fix(fix)
/// };
/// let year = Fix::replace("改为 2024", Applicability::Safe, Span::new(0, 12), "2024");
/// // A two-edit fix that overlaps the first: taken whole or not at all.
/// let both = Fix {
///     title: "两处修改".into(),
///     applicability: Applicability::Safe,
///     edits: vec![
///         Edit { span: Span::new(9, 12), replacement: "二".into() },
///         Edit { span: Span::new(15, 18), replacement: "".into() },
///     ],
/// };
/// let diags = [finding(year), finding(both)];
/// let (edits, fixes) = select(text, &diags, Mode::SafeOnly);
/// assert_eq!(fixes, 1);
/// assert_eq!(edits.len(), 1);
/// assert_eq!(edits[0].replacement, "2024");
/// ```
pub fn select<'a>(text: &str, diags: &'a [Diagnostic], mode: Mode) -> (Vec<&'a Edit>, usize) {
    let mut fixes: Vec<Vec<&Edit>> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| mode.allows(f.applicability) && !f.edits.is_empty())
        .map(|f| {
            let mut e: Vec<&Edit> = f.edits.iter().collect();
            e.sort_by_key(|e| (e.span.start, e.span.end));
            e
        })
        .collect();
    fixes.sort_by_key(|f| (f[0].span.start, f[0].span.end));
    let within = |e: &Edit| {
        e.span.start <= e.span.end
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    };
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        // A fix skipped here is looked at again in the next pass of `fix_text`.
        let clashes = fix.windows(2).any(|w| clash(w[0], w[1]))
            || fix.iter().any(|e| accepted.iter().any(|a| clash(a, e)));
        if fix.iter().all(|e| within(e)) && !clashes {
            accepted.extend(fix);
            count += 1;
        }
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    (accepted, count)
}

/// Apply the fixes [`select`] chooses to `text` once.
/// Returns the new text and how many fixes were applied.
pub fn apply_once(
    text: &str,
    diags: &[Diagnostic],
    mode: Mode,
    line_ending: LineEnding,
) -> (String, usize) {
    let (edits, count) = select(text, diags, mode);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&with_line_ending(&e.replacement, line_ending));
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, count)
}

/// Replacement text in the file's own line ending: a CRLF file stays CRLF.
fn with_line_ending(s: &str, le: LineEnding) -> String {
    if le != LineEnding::Crlf || !s.contains('\n') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Fix `text` until no allowed fix remains. `lint` re-checks a text.
pub fn fix_text(
    text: &str,
    mode: Mode,
    line_ending: LineEnding,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Outcome {
    let mut current = text.to_string();
    let mut applied = 0;
    // Every text the loop has produced, with the fixes applied to reach it:
    // coming back to one is a cycle of fixes undoing each other, and the
    // result is the text where the cycle began, whatever the pass limit.
    let mut history: Vec<(String, usize)> = vec![(current.clone(), 0)];
    let mut cycle = false;
    for _ in 0..MAX_PASSES {
        let mut diags = lint(&current);
        withdraw_conflicting(&mut diags);
        let (next, n) = apply_once(&current, &diags, mode, line_ending);
        if n == 0 || next == current {
            break;
        }
        if let Some((text, count)) = history.iter().find(|(t, _)| *t == next) {
            (current, applied, cycle) = (text.clone(), *count, true);
            break;
        }
        applied += n;
        current = next;
        history.push((current.clone(), applied));
    }
    Outcome {
        text: current,
        applied,
        cycle,
    }
}

/// The bytes to store for `text`, as the original was stored (BOM, encoding).
pub fn encode(source: &SourceFile, text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if source.had_bom {
        bytes.extend_from_slice(source.encoding.bom());
    }
    if source.line_ending == LineEnding::Cr {
        bytes.extend(source.encoding.encode(&text.replace('\n', "\r")));
    } else {
        bytes.extend(source.encoding.encode(text));
    }
    bytes
}

/// The bytes to store for the fixed `new` text, made from the `original`
/// bytes the file held: what no fix touched is copied byte for byte, and only
/// the replaced text is encoded (issue 11: re-encoding a whole GB18030 file
/// changed bytes that encoding_rs does not round-trip, such as 0x80 for €).
pub fn fixed_bytes(source: &SourceFile, original: &[u8], new: &str) -> Result<Vec<u8>, String> {
    let body = if source.had_bom {
        original
            .get(source.encoding.bom().len()..)
            .unwrap_or_default()
    } else {
        original
    };
    let old: Vec<char> = source.text.chars().collect();
    let starts = char_starts(body, source)
        .filter(|s| s.len() == old.len() + 1)
        .ok_or_else(|| m::FIX_MISMATCH.text().to_string())?;
    let fresh: Vec<char> = new.chars().collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &old,
        &fresh,
        Some(deadline),
    );
    let mut out = Vec::with_capacity(original.len() + 16);
    out.extend_from_slice(&original[..original.len() - body.len()]);
    for op in ops {
        let old_range = op.old_range();
        let new_range = op.new_range();
        if op.tag() == similar::DiffTag::Equal {
            out.extend_from_slice(&body[starts[old_range.start]..starts[old_range.end]]);
            continue;
        }
        let text: String = fresh[new_range].iter().collect();
        let text = if source.line_ending == LineEnding::Cr {
            text.replace('\n', "\r")
        } else {
            text
        };
        let encoded = source.encoding.encode(&text);
        if source.encoding.decode_exact(&encoded).as_deref() != Some(text.as_str()) {
            let shown = text.escape_debug().to_string();
            return Err(m::FIX_CANNOT_ENCODE.fill(&[&shown, &source.encoding.name()]));
        }
        out.extend(encoded);
    }
    Ok(out)
}

/// The byte offset in `body` where each character of the decoded text
/// starts, and the end; `None` if the bytes do not decode to that many.
fn char_starts(body: &[u8], source: &SourceFile) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(source.text.len() + 1);
    match source.encoding {
        Encoding::Utf8 => starts.extend(source.text.char_indices().map(|(i, _)| i)),
        Encoding::Gb18030 => {
            // GB18030 sequences: ASCII and 0x80 (€ in encoding_rs) are one
            // byte; a lead byte takes one more, or three more when the
            // second is a digit. The text decoded cleanly, so this holds.
            let mut i = 0;
            while i < body.len() {
                starts.push(i);
                i += match (body[i], body.get(i + 1)) {
                    (0..=0x80, _) => 1,
                    (_, Some(0x30..=0x39)) => 4,
                    _ => 2,
                };
            }
            if i != body.len() {
                return None;
            }
        }
        // Two bytes a character, four for one outside the BMP (a pair).
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let mut i = 0;
            for c in source.text.chars() {
                starts.push(i);
                i += 2 * c.len_utf16();
            }
            if i != body.len() {
                return None;
            }
        }
    }
    starts.push(body.len());
    Some(starts)
}

#[derive(Debug)]
pub enum WriteError {
    /// Only text files are rewritten: for .docx and web pages the text view
    /// is not the document.
    NotText(Format),
    Io(std::io::Error),
    /// Writing would lose something about the file; it is left as it is.
    Refused(String),
}

use crate::messages as m;

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotText(format) => f.write_str(&never_rewritten(*format)),
            WriteError::Io(e) => f.write_str(&m::FIX_CANNOT_WRITE.fill(&[e])),
            WriteError::Refused(why) => f.write_str(&m::FIX_NOT_REWRITTEN.fill(&[why])),
        }
    }
}

/// Why `--fix` leaves a file of this format alone.
pub fn never_rewritten(format: Format) -> String {
    let (what, what_en) = match format {
        Format::Html => ("网页（HTML）", "A web page (HTML)"),
        Format::Doc => (".doc/.wps 文件", "A .doc/.wps file"),
        Format::Pdf => ("PDF 文件", "A PDF file"),
        _ => (".docx 文件", "A .docx file"),
    };
    m::FIX_NEVER_REWRITTEN.fill(&[&crate::lang::current().pick(what, what_en)])
}

/// Replace the file at `path` with `bytes` atomically: a temporary file in
/// the same directory, then a rename, so a crash never leaves half a report.
/// The file stays what it was: a symlink stays a symlink (its target is
/// written), owner, group and mode are kept; a hard-linked or read-only file
/// is refused, and so is one that changed since it was read (`original`).
pub fn write_atomic(
    path: &Path,
    source: &SourceFile,
    original: &[u8],
    bytes: &[u8],
) -> Result<(), WriteError> {
    if !source.format.is_rewritable() {
        return Err(WriteError::NotText(source.format));
    }
    let target = std::fs::canonicalize(path).map_err(WriteError::Io)?;
    let meta = std::fs::metadata(&target).map_err(WriteError::Io)?;
    if let Some(why) = not_replaceable(&meta) {
        return Err(WriteError::Refused(why));
    }
    let tmp = temp_copy(&target, &meta, bytes)?;
    // Someone (an editor, another run) may have saved the file meanwhile.
    if std::fs::read(&target).map_err(WriteError::Io)? != original {
        return Err(WriteError::Refused(m::FIX_CHANGED_MEANWHILE.text().into()));
    }
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// Why the file (`meta`, the symlink's target) must not be replaced by a new one.
fn not_replaceable(meta: &std::fs::Metadata) -> Option<String> {
    if !meta.is_file() {
        return Some(m::FIX_NOT_REGULAR.text().into());
    }
    if meta.permissions().readonly() {
        return Some(m::FIX_READ_ONLY.text().into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Some(format!(
                "文件有 {0} 个硬链接，替换会拆开它们；请按 --diff 显示的修改手工修改 \
                 (the file has {0} hard links, and replacing it would split them; \
                 apply the fixes shown by --diff by hand)",
                meta.nlink()
            ));
        }
    }
    None
}

/// `bytes` in a temporary file beside `target`, with the report's
/// permissions (a temp file is created 0600), and its owner and group where
/// they differ from whoever runs xxgk.
fn temp_copy(
    target: &Path,
    meta: &std::fs::Metadata,
    bytes: &[u8],
) -> Result<tempfile::NamedTempFile, WriteError> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(WriteError::Io)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .map_err(WriteError::Io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(WriteError::Io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = tmp.as_file().metadata().map_err(WriteError::Io)?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid()) {
            if let Err(e) =
                std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()))
            {
                return Err(WriteError::Refused(m::FIX_OWNER.fill(&[&e])));
            }
        }
    }
    Ok(tmp)
}

/// A unified diff of a file's text before and after fixing.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::span::Span;

    fn d(fix: Fix) -> Diagnostic {
        Diagnostic::new("E001", "x", Severity::Error, Span::new(0, 0), "m").with_fix(fix)
    }

    #[test]
    fn overlapping_and_unsafe_fixes() {
        let text = "abcdef";
        let diags = vec![
            d(Fix::replace("a", Applicability::Safe, Span::new(0, 2), "X")),
            d(Fix::replace("b", Applicability::Safe, Span::new(1, 3), "Y")),
            d(Fix::replace(
                "c",
                Applicability::Unsafe,
                Span::new(4, 5),
                "Z",
            )),
        ];
        assert_eq!(
            apply_once(text, &diags, Mode::SafeOnly, LineEnding::Lf),
            ("Xcdef".to_string(), 1)
        );
        assert_eq!(
            apply_once(text, &diags, Mode::IncludeUnsafe, LineEnding::Lf),
            ("XcdZf".to_string(), 2)
        );
    }

    #[test]
    fn a_fix_is_selected_whole_or_not_at_all() {
        // Two edits (like H900 removing a disable/enable pair), the second
        // overlapping a fix that starts later: the pair is taken whole, the
        // other fix waits for the next pass.
        let pair = Fix {
            title: "pair".into(),
            applicability: Applicability::Safe,
            edits: vec![
                Edit {
                    span: Span::new(3, 5),
                    replacement: String::new(),
                },
                Edit {
                    span: Span::new(0, 1),
                    replacement: String::new(),
                },
            ],
        };
        let diags = vec![
            d(Fix::replace("x", Applicability::Safe, Span::new(2, 4), "X")),
            d(pair),
        ];
        let (edits, n) = select("0123456789", &diags, Mode::SafeOnly);
        let spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
        assert_eq!((spans, n), (vec![Span::new(0, 1), Span::new(3, 5)], 1));
        // An edit outside the text withdraws its whole fix, not just itself.
        let (edits, n) = select("0123", &diags, Mode::SafeOnly);
        let spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
        assert_eq!((spans, n), (vec![Span::new(2, 4)], 1));
    }

    #[test]
    fn crlf_replacements() {
        let diags = vec![d(Fix::replace(
            "a",
            Applicability::Safe,
            Span::new(0, 1),
            "x\ny",
        ))];
        let (out, _) = apply_once("a\r\n", &diags, Mode::SafeOnly, LineEnding::Crlf);
        assert_eq!(out, "x\r\ny\r\n");
    }

    #[test]
    fn fixed_point_is_reached_and_bounded() {
        // Each pass removes one leading 'a': a chain the loop follows.
        let out = fix_text("aaab", Mode::SafeOnly, LineEnding::Lf, |t| {
            if t.starts_with('a') {
                vec![d(Fix::replace(
                    "a",
                    Applicability::Safe,
                    Span::new(0, 1),
                    "",
                ))]
            } else {
                vec![]
            }
        });
        assert_eq!(
            out,
            Outcome {
                text: "b".into(),
                applied: 3,
                cycle: false,
            }
        );
        // A fix that never converges stops after MAX_PASSES.
        let out = fix_text("a", Mode::SafeOnly, LineEnding::Lf, |t| {
            vec![d(Fix::replace(
                "grow",
                Applicability::Safe,
                Span::new(0, 0),
                "a",
            ))]
            .into_iter()
            .filter(|_| !t.is_empty())
            .collect()
        });
        assert_eq!(out.applied, MAX_PASSES);
    }

    #[test]
    fn fixes_that_set_one_cell_two_ways_are_withdrawn() {
        let mut diags = vec![
            d(Fix::replace(
                "t1",
                Applicability::Unsafe,
                Span::new(4, 5),
                "0",
            )),
            d(Fix::replace(
                "t2",
                Applicability::Unsafe,
                Span::new(4, 5),
                "7",
            )),
            d(Fix::replace(
                "ok",
                Applicability::Safe,
                Span::new(0, 1),
                "X",
            )),
        ];
        assert_eq!(withdraw_conflicting(&mut diags), 2);
        assert!(diags[0].fix.is_none() && diags[1].fix.is_none());
        assert!(diags[2].fix.is_some());
        // The same edit twice is no conflict.
        let mut same = vec![
            d(Fix::replace("a", Applicability::Safe, Span::new(1, 2), "y")),
            d(Fix::replace("b", Applicability::Safe, Span::new(1, 2), "y")),
        ];
        assert_eq!(withdraw_conflicting(&mut same), 0);
    }

    #[test]
    fn fixes_that_undo_each_other_stop_where_the_cycle_began() {
        // One pass turns 5 into 0, the next 0 into 5: the result used to
        // depend on the parity of MAX_PASSES.
        let flip = |t: &str| {
            let (from, to) = if t.contains('5') {
                ("5", "0")
            } else {
                ("0", "5")
            };
            let at = t.find(from).unwrap();
            vec![d(Fix::replace(
                "flip",
                Applicability::Unsafe,
                Span::new(at, at + 1),
                to,
            ))]
        };
        let out = fix_text("a5b", Mode::IncludeUnsafe, LineEnding::Lf, flip);
        assert!(out.cycle);
        assert_eq!((out.text.as_str(), out.applied), ("a5b", 0));
    }
}
