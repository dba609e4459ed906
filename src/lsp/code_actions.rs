//! Code actions: each diagnostic's fix as a quick fix, "disable this rule
//! here", and `source.fixAll.xxgk` for every safe fix at once.

use std::collections::HashMap;

use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Url, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::position::PositionEncoding;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::fix;
use crate::span::Span;

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.xxgk")
}

/// The comment that silences one rule on the next line (the gate issue's
/// suppression syntax).
pub fn disable_comment(code: &str) -> String {
    format!("<!-- xxgk-disable-next-line {code} -->")
}

/// Whether the client asked for `kind` (no `only` means every kind).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            // `source` covers `source.fixAll` covers `source.fixAll.xxgk`.
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        }),
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    // Touching counts: a cursor at the end of a number still asks about it.
    a.start <= b.end && b.start <= a.end
}

fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn text_edits(analysis: &Analysis, edits: &[Edit], enc: PositionEncoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(analysis.range(e.span, enc), e.replacement.clone()))
        .collect()
}

/// The line ending to use for an inserted line: the one the diagnostic's
/// line already has, else the document's first, else `\n`.
fn line_ending(analysis: &Analysis, line: usize) -> &'static str {
    let ends_crlf = |l: usize| {
        let s = analysis.rope.line(l);
        let n = s.len_chars();
        (n >= 1 && s.char(n - 1) == '\n').then(|| n >= 2 && s.char(n - 2) == '\r')
    };
    match ends_crlf(line).or_else(|| ends_crlf(0)) {
        Some(true) => "\r\n",
        _ => "\n",
    }
}

fn disable_action(
    analysis: &Analysis,
    d: &Diagnostic,
    uri: &Url,
    enc: PositionEncoding,
) -> CodeAction {
    let rope = &analysis.rope;
    let line = rope.byte_to_line(d.span.start.min(rope.len_bytes()));
    let at = rope.line_to_byte(line);
    // At column 0 and without copying the line's indentation: a leading tab
    // marks a table cell in flattened Word text, and the comment is not one.
    let insert = format!("{}{}", disable_comment(d.code), line_ending(analysis, line));
    let edit = TextEdit::new(analysis.range(Span::new(at, at), enc), insert);
    CodeAction {
        title: format!("在此处禁用 {}（{}）", d.code, d.name),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![analysis.lsp_diagnostic(d, uri, enc)]),
        edit: Some(workspace_edit(uri, vec![edit])),
        is_preferred: Some(false),
        ..Default::default()
    }
}

/// Every action for the byte range `span`.
pub fn actions(
    analysis: &Analysis,
    uri: &Url,
    span: Span,
    only: Option<&[CodeActionKind]>,
    enc: PositionEncoding,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        let here = analysis
            .output
            .diagnostics
            .iter()
            .filter(|d| overlaps(d.span, span));
        let mut disables = Vec::new();
        for d in here {
            if let Some(fix) = &d.fix {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![analysis.lsp_diagnostic(d, uri, enc)]),
                    edit: Some(workspace_edit(uri, text_edits(analysis, &fix.edits, enc))),
                    // An unsafe fix (a total replaced: the wrong number may be
                    // a part) must never be applied by "auto fix" keybindings.
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..Default::default()
                }));
            }
            disables.push(disable_action(analysis, d, uri, enc));
        }
        // The fixes first: they are what the clerk usually wants.
        out.extend(disables.into_iter().map(CodeActionOrCommand::CodeAction));
    }
    if wanted(only, &fix_all_kind()) {
        if let Some(action) = fix_all(analysis, uri, enc) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

/// The edits of fix-all: the safe fixes `xxgk check --fix` would apply in one
/// pass ([`fix::select`]), each whole, none overlapping another (a client
/// rejects a workspace edit whose edits overlap).
pub fn safe_edits(analysis: &Analysis) -> Vec<Edit> {
    let (edits, _) = fix::select(
        &analysis.text,
        &analysis.output.diagnostics,
        fix::Mode::SafeOnly,
    );
    edits.into_iter().cloned().collect()
}

fn fix_all(analysis: &Analysis, uri: &Url, enc: PositionEncoding) -> Option<CodeAction> {
    let edits = safe_edits(analysis);
    if edits.is_empty() {
        return None;
    }
    Some(CodeAction {
        title: format!("xxgk：应用全部安全修复（{} 处）", edits.len()),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(uri, text_edits(analysis, &edits, enc))),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::engine::LintOutput;
    use ropey::Rope;

    fn with_fix(start: usize, end: usize, applicability: Applicability) -> Diagnostic {
        Diagnostic::new(
            "H001",
            "word-artefact",
            Severity::Warning,
            Span::new(start, end),
            "m",
        )
        .with_fix(Fix::replace("t", applicability, Span::new(start, end), "x"))
    }

    #[test]
    fn fix_all_takes_safe_non_overlapping_edits_only() {
        let text = "0123456789";
        let analysis = analysis_of(
            text,
            vec![
                with_fix(5, 7, Applicability::Safe),
                with_fix(0, 2, Applicability::Safe),
                with_fix(1, 3, Applicability::Safe), // overlaps 0..2
                with_fix(8, 9, Applicability::Unsafe),
                with_fix(7, 8, Applicability::Safe), // touches 5..7: fine
            ],
        );
        let spans: Vec<_> = safe_edits(&analysis).iter().map(|e| e.span).collect();
        assert_eq!(spans, [Span::new(0, 2), Span::new(5, 7), Span::new(7, 8)]);
    }

    fn analysis_of(text: &str, diagnostics: Vec<Diagnostic>) -> Analysis {
        Analysis {
            version: 1,
            generation: 0,
            rope: Rope::from_str(text),
            text: text.into(),
            output: LintOutput {
                report: Default::default(),
                diagnostics,
            },
        }
    }

    /// The text fix-all makes, applied as a client applies a workspace edit.
    fn fix_all_text(analysis: &Analysis) -> String {
        let mut out = analysis.text.clone();
        for e in safe_edits(analysis).iter().rev() {
            out.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        out
    }

    #[test]
    fn fix_all_takes_a_two_edit_fix_whole_or_not_at_all() {
        // Like H900's removal of a disable/enable pair: two edits, the second
        // overlapping another fix. Fix-all used to take 0..1 and 2..4 and drop
        // 3..5, applying half of the pair.
        let text = "0123456789";
        let pair = Diagnostic::new(
            "H900",
            "unused-suppression",
            Severity::Warning,
            Span::new(0, 1),
            "m",
        )
        .with_fix(Fix {
            title: "删除".into(),
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
        });
        let analysis = analysis_of(text, vec![with_fix(2, 4, Applicability::Safe), pair]);
        let spans: Vec<_> = safe_edits(&analysis).iter().map(|e| e.span).collect();
        assert_eq!(spans, [Span::new(0, 1), Span::new(3, 5)]);
        let (cli, n) = fix::apply_once(
            text,
            &analysis.output.diagnostics,
            fix::Mode::SafeOnly,
            crate::input::LineEnding::Lf,
        );
        assert_eq!((fix_all_text(&analysis), n), (cli.clone(), 1));
        assert_eq!(cli, "1256789");
    }

    /// The editor's fix-all and one pass of `check --fix` make the same text
    /// on every rule fixture and seed (issue 12: one fix selection).
    #[test]
    fn fix_all_and_check_fix_choose_the_same_fixes_on_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut paths = vec![];
        for dir in std::fs::read_dir(root.join("rules")).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() {
                continue; // make.py
            }
            paths.extend(std::fs::read_dir(dir).unwrap().map(|f| f.unwrap().path()));
        }
        paths.extend(
            std::fs::read_dir(root.join("seeds"))
                .unwrap()
                .map(|f| f.unwrap().path()),
        );
        paths.retain(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"));
        paths.sort();
        let mut with_fixes = 0;
        for path in &paths {
            let Ok(source) = crate::input::load(path) else {
                continue;
            };
            let output = crate::engine::lint(&source.text, &Default::default());
            let analysis = analysis_of(&source.text, output.diagnostics);
            let (cli, n) = fix::apply_once(
                &source.text,
                &analysis.output.diagnostics,
                fix::Mode::SafeOnly,
                crate::input::LineEnding::Lf,
            );
            with_fixes += usize::from(n > 0);
            assert_eq!(fix_all_text(&analysis), cli, "{}", path.display());
        }
        assert!(
            with_fixes >= 5,
            "only {with_fixes} of {} fixtures have a safe fix",
            paths.len()
        );
    }

    #[test]
    fn only_filters_by_kind_prefix() {
        let fix_all = fix_all_kind();
        assert!(wanted(None, &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &fix_all));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wanted(
            Some(&[CodeActionKind::new("source.fix")]),
            &fix_all
        ));
    }
}
