//! Applying fixes: `xxgk check --fix`, `--unsafe-fixes`, `--diff`.
//!
//! Fixes are applied in passes: in each pass every applicable fix that does
//! not overlap an earlier one is applied, the text is linted again, and so on
//! until nothing applies (at most [`MAX_PASSES`]) — one fix may uncover
//! another. Writing keeps the file as it was stored: encoding, BOM and line
//! endings, through a temporary file renamed over the original.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::input::{LineEnding, SourceFile};
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
}

/// Apply the allowed, non-overlapping fixes of `diags` to `text` once.
/// Returns the new text and how many fixes were applied.
pub fn apply_once(
    text: &str,
    diags: &[Diagnostic],
    mode: Mode,
    line_ending: LineEnding,
) -> (String, usize) {
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
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let valid = fix.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        // A fix is all or nothing: skip it when any edit touches one already taken
        // (it will be looked at again in the next pass).
        let overlaps = |a: &Edit, b: &Edit| {
            a.span.start < b.span.end && b.span.start < a.span.end
                || (a.span.start == b.span.start && (a.span.is_empty() || b.span.is_empty()))
        };
        let clash = fix.windows(2).any(|w| overlaps(w[0], w[1]))
            || fix.iter().any(|e| accepted.iter().any(|a| overlaps(a, e)));
        if valid && !clash {
            accepted.extend(fix);
            count += 1;
        }
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in accepted {
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
    for _ in 0..MAX_PASSES {
        let diags = lint(&current);
        let (next, n) = apply_once(&current, &diags, mode, line_ending);
        if n == 0 || next == current {
            break;
        }
        applied += n;
        current = next;
    }
    Outcome {
        text: current,
        applied,
    }
}

/// The bytes to store for `text`, as the original was stored (BOM, encoding).
pub fn encode(source: &SourceFile, text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if source.had_bom {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    bytes.extend(source.encoding.encode(text));
    bytes
}

#[derive(Debug)]
pub enum WriteError {
    /// .docx files are never rewritten: their text view is not the document.
    Docx,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Docx => {
                f.write_str(".docx files are never rewritten; apply the fixes in Word or WPS")
            }
            WriteError::Io(e) => write!(f, "cannot write: {e}"),
        }
    }
}

/// Replace `path` with `text` atomically: a temporary file in the same
/// directory, then a rename, so a crash never leaves half a report.
pub fn write_atomic(path: &Path, source: &SourceFile, text: &str) -> Result<(), WriteError> {
    if source.format.is_binary() {
        return Err(WriteError::Docx);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(WriteError::Io)?;
    tmp.write_all(&encode(source, text))
        .and_then(|_| tmp.flush())
        .map_err(WriteError::Io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the report's permissions (a temp file is created 0600).
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
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
                applied: 3
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
}
