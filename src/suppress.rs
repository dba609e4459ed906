//! Inline suppression comments, in Markdown and text reports alike:
//!
//! ```text
//! <!-- xxgk-disable T001,heading-numbering -->   … until <!-- xxgk-enable --> (or the end)
//! <!-- xxgk-disable-next-line T001 -->           the next line only
//! <!-- xxgk-disable -->                          every rule
//! ```
//!
//! Applied by the engine after every rule ran. A directive (or one code of
//! it) that suppressed nothing is reported as H900 `unused-suppression`, so
//! stale directives do not pile up once the report is corrected (ruff's RUF100).

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::engine::LintOptions;
use crate::rules;
use crate::span::Span;
use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    NextLine,
}

/// One rule named in a directive, as written.
#[derive(Debug, Clone)]
pub struct Token {
    pub text: String,
    pub span: Span,
    /// The rule it names (`None`: no such rule).
    pub rule: Option<&'static rules::Rule>,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: Kind,
    /// The whole comment.
    pub span: Span,
    /// Empty: every rule.
    pub tokens: Vec<Token>,
    /// Bytes whose diagnostics this directive suppresses.
    pub region: Span,
    /// For a disable: the index of the enable that closed it.
    pub closed_by: Option<usize>,
}

fn pattern() -> &'static Regex {
    // Compiled on each thread that searches: see `per_thread`.
    static RE: crate::per_thread::Lazy<Regex> = crate::per_thread::Lazy::new(|| {
        Regex::new(r"<!--[ \t]*xxgk-(disable-next-line|disable|enable)\b([^>\n]*?)[ \t]*-->")
            .expect("the suppression pattern compiles")
    });
    &RE
}

fn line_end_after(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// Every directive in `text`, with the region each applies to.
pub fn parse(text: &str) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    // Every directive has `<!--` and `xxgk-`: without them the pattern is
    // never compiled. `<` is rare in a report: found by memchr (SIMD), it
    // rules out nearly every text for less than a substring search.
    let b = text.as_bytes();
    let comment = memchr::memchr_iter(b'<', b).any(|i| b[i..].starts_with(b"<!--"));
    if !comment || !text.contains("xxgk-") {
        return out;
    }
    for m in pattern().captures_iter(text) {
        let whole = m.get(0).expect("group 0 always matches");
        let kind = match &m[1] {
            "disable" => Kind::Disable,
            "enable" => Kind::Enable,
            _ => Kind::NextLine,
        };
        let tokens = tokens(m.get(2).expect("group 2 always matches"));
        let span = Span::new(whole.start(), whole.end());
        if kind == Kind::Enable {
            close_disables(&mut out, &tokens, span.start);
        }
        out.push(Directive {
            kind,
            region: region(text, kind, span),
            span,
            tokens,
            closed_by: None,
        });
    }
    out
}

/// The rule codes or names of a directive (`T001,heading-numbering`),
/// separated by commas (ASCII or full-width) or blanks.
fn tokens(list: regex::Match) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pos = list.start();
    for part in list.as_str().split([',', ' ', '\t', '，']) {
        let start = pos;
        pos += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        tokens.push(Token {
            text: part.to_string(),
            span: Span::new(start, start + part.len()),
            rule: rules::find(part),
        });
    }
    tokens
}

/// The bytes a directive at `span` covers: a disable to the end of the text
/// (until an enable closes it), a next-line the line after its own.
fn region(text: &str, kind: Kind, span: Span) -> Span {
    match kind {
        Kind::Disable => Span::new(span.end, text.len()),
        Kind::Enable => Span::new(span.start, span.start),
        Kind::NextLine => {
            let next = line_end_after(text, span.end);
            Span::new(next, line_end_after(text, next))
        }
    }
}

/// An enable at `at` (the next directive of `directives`) closes the open
/// disables: all of them without codes, else those naming one of its codes.
fn close_disables(directives: &mut [Directive], enable: &[Token], at: usize) {
    let index = directives.len();
    let code = |t: &Token| t.rule.map(|r| r.code);
    for d in directives.iter_mut() {
        let open = d.kind == Kind::Disable && d.closed_by.is_none();
        let named = enable.is_empty()
            || d.tokens.iter().any(|t| {
                enable
                    .iter()
                    .any(|e| e.rule.is_some() && code(e) == code(t))
            });
        if open && named {
            d.closed_by = Some(index);
            d.region.end = at;
        }
    }
}

/// Remove suppressed diagnostics from `diags` and add H900 for directives
/// that suppressed nothing (when H900 is enabled).
pub fn apply(text: &str, options: &LintOptions, diags: &mut Vec<Diagnostic>) {
    let directives = parse(text);
    if directives.is_empty() {
        return;
    }
    // used[i][j]: token j of directive i suppressed something; blanket
    // directives use slot 0.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.tokens.len().max(1)])
        .collect();
    diags.retain(|diag| {
        let mut keep = true;
        for (i, d) in directives.iter().enumerate() {
            if d.kind == Kind::Enable || !d.region.contains(diag.span.start) {
                continue;
            }
            if d.tokens.is_empty() {
                used[i][0] = true;
                keep = false;
            }
            for (j, t) in d.tokens.iter().enumerate() {
                if t.rule.is_some_and(|r| r.code == diag.code) {
                    used[i][j] = true;
                    keep = false;
                }
            }
        }
        keep
    });
    let Some(h900) = rules::find("H900") else {
        return;
    };
    let Some(severity) = options.severity_of(h900) else {
        return;
    };
    for (i, d) in directives.iter().enumerate() {
        if d.kind == Kind::Enable || used[i].iter().all(|&u| u) {
            continue;
        }
        let mut diag = unused(text, &directives, i, &used[i], options, h900);
        diag.severity = severity;
        diags.push(diag);
    }
}

/// The tokens of `d` that did (`used`) or did not suppress anything.
fn tokens_where<'d>(
    d: &'d Directive,
    used: &'d [bool],
    want: bool,
) -> impl Iterator<Item = &'d Token> {
    d.tokens
        .iter()
        .zip(used)
        .filter(move |(_, &u)| u == want)
        .map(|(t, _)| t)
}

/// H900 for directive `i`, which suppressed nothing (`used`: per token).
fn unused(
    text: &str,
    directives: &[Directive],
    i: usize,
    used: &[bool],
    options: &LintOptions,
    h900: &'static rules::Rule,
) -> Diagnostic {
    let d = &directives[i];
    let all_unused = used.iter().all(|&u| !u);
    let (span, message) = if d.tokens.is_empty() {
        (d.span, "未使用的抑制指令：此处没有可抑制的问题".to_string())
    } else {
        let names: Vec<String> = tokens_where(d, used, false)
            .map(|t| describe(t, options))
            .collect();
        // Point at the unused codes, or at the whole comment when none is used.
        let span = if all_unused {
            d.span
        } else {
            tokens_where(d, used, false)
                .map(|t| t.span)
                .reduce(Span::cover)
                .unwrap_or(d.span)
        };
        (span, format!("未使用的抑制指令：{}", names.join("，")))
    };
    let fix = if all_unused {
        remove_directive(text, directives, i)
    } else {
        keep_used_codes(d, used)
    };
    h900.diag(span, message)
        .with_primary_label("此指令没有抑制任何问题")
        .with_note("删除不再需要的抑制指令，以免掩盖今后出现的问题")
        .with_fix(fix)
}

/// Delete directive `i`, and the enable that closes it when it closes only this one.
fn remove_directive(text: &str, directives: &[Directive], i: usize) -> Fix {
    let d = &directives[i];
    let mut edits = vec![removal(text, d.span)];
    if let Some(e) = d.closed_by {
        let shared = directives
            .iter()
            .enumerate()
            .any(|(k, o)| k != i && o.closed_by == Some(e));
        if !shared {
            edits.push(removal(text, directives[e].span));
        }
    }
    Fix {
        title: "删除该抑制指令".into(),
        applicability: Applicability::Safe,
        edits,
    }
}

/// Rewrite the directive's code list to the codes that suppressed something.
fn keep_used_codes(d: &Directive, used: &[bool]) -> Fix {
    let keep: Vec<&str> = tokens_where(d, used, true)
        .map(|t| t.text.as_str())
        .collect();
    let first = d.tokens.first().map_or(d.span.start, |t| t.span.start);
    let last = d.tokens.last().map_or(d.span.end, |t| t.span.end);
    Fix::replace(
        format!("只保留 {}", keep.join(",")),
        Applicability::Safe,
        Span::new(first, last),
        keep.join(","),
    )
}

fn describe(t: &Token, options: &LintOptions) -> String {
    match t.rule {
        None => format!("`{}` 不是已知规则（`xxgk rules` 列出全部规则）", t.text),
        Some(r) if options.severity_of(r).is_none() => {
            format!("{}（{}）未启用", r.code, r.name)
        }
        Some(r) => format!("{}（{}）在此处没有发现问题", r.code, r.name),
    }
}

/// An edit removing a comment: with its whole line when it stands alone on it.
fn removal(text: &str, span: Span) -> Edit {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = line_end_after(text, span.end);
    let before = &text[line_start..span.start];
    let after = text[span.end..line_end].trim_end_matches(['\n', '\r']);
    let alone = before.trim().is_empty() && after.trim().is_empty();
    let span = if alone {
        Span::new(line_start, line_end)
    } else {
        span
    };
    Edit {
        span,
        replacement: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(code: &'static str, at: usize) -> Diagnostic {
        let rule = rules::find(code).unwrap();
        rule.diag(Span::new(at, at + 1), "x")
    }

    #[test]
    fn regions() {
        let text = "a\n<!-- xxgk-disable E001, row-not-found -->\nb\n<!-- xxgk-enable -->\nc\n<!-- xxgk-disable-next-line -->\nd\ne\n";
        let ds = parse(text);
        assert_eq!(ds.len(), 3);
        assert_eq!(ds[0].tokens.len(), 2);
        assert_eq!(ds[0].tokens[1].rule.unwrap().code, "E002");
        assert_eq!(&text[ds[0].region.range()], "\nb\n");
        assert_eq!(ds[0].closed_by, Some(1));
        assert_eq!(&text[ds[2].region.range()], "d\n");
    }

    #[test]
    fn suppresses_and_reports_unused() {
        let text = "<!-- xxgk-disable E001,E002 -->\nb\n<!-- xxgk-enable -->\nc\n<!-- xxgk-disable-next-line -->\nd\n";
        let b = text.find("\nb\n").unwrap() + 1;
        let c = text.find("\nc\n").unwrap() + 1;
        let mut diags = vec![diag("E001", b), diag("E001", c)];
        apply(text, &LintOptions::default(), &mut diags);
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.span.start)).collect();
        // E001 at b suppressed; E001 at c kept; E002 unused; the next-line directive unused.
        assert_eq!(codes.len(), 3, "{codes:?}");
        assert!(codes.contains(&("E001", c)));
        let unused: Vec<_> = diags.iter().filter(|d| d.code == "H900").collect();
        assert_eq!(unused.len(), 2);
        assert!(unused[0].message.contains("E002"));
        let fix = unused[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].replacement, "E001");
        // The wholly unused directive is removed with its line.
        let fix = unused[1].fix.as_ref().unwrap();
        assert_eq!(
            &text[fix.edits[0].span.range()],
            "<!-- xxgk-disable-next-line -->\n"
        );
    }

    #[test]
    fn unknown_codes_are_reported() {
        let text = "<!-- xxgk-disable-next-line Z999 -->\nx\n";
        let mut diags = vec![];
        apply(text, &LintOptions::default(), &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("Z999"), "{}", diags[0].message);
    }
}
