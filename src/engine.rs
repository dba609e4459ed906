//! The one entry point both faces call: text in, report model and diagnostics out.

use crate::diagnostic::Diagnostic;
use crate::model::Report;
use crate::rules::{self, Context};

pub use crate::options::{LintOptions, Previous, ReportKind, RuleLevel};

/// What [`lint_with_previous`] read and found.
pub struct LintOutput {
    /// The report as read (the spans of its cells and headings point into the text).
    pub report: Report,
    /// The findings of the enabled rules, suppressions applied, sorted by
    /// position then code.
    pub diagnostics: Vec<Diagnostic>,
}

/// Read a report as `options` say (their `[aliases]`), without checking it:
/// for a previous year's report, for pairing reports by year and for `inspect`.
pub fn parse(text: &str, options: &LintOptions) -> Report {
    let normal = lone_cr_as_lf(text);
    crate::parse::parse_with(normal.as_deref().unwrap_or(text), &options.extra_aliases)
}

/// A lone `\r` ends a line everywhere (in an editor's rope, in
/// [`crate::input::LineIndex`]) but the parser and the rules split lines at
/// `\n`: it reads as `\n` for them, one byte for one, so every span still
/// points into `text` as given. `None` when `text` has no lone `\r`.
pub fn lone_cr_as_lf(text: &str) -> Option<String> {
    let b = text.as_bytes();
    // Found by searching for `\r` (memchr), not by testing every byte: a
    // CRLF report of a megabyte is read here on every keystroke in an editor.
    // The `memchr` crate's search (SIMD), not `str::match_indices` (a word
    // at a time): every text is searched, and most have no `\r` at all.
    let lone = |&i: &usize| b.get(i + 1) != Some(&b'\n');
    let mut lone_crs = memchr::memchr_iter(b'\r', b).filter(lone).peekable();
    lone_crs.peek()?;
    let mut bytes = b.to_vec();
    for i in lone_crs {
        bytes[i] = b'\n';
    }
    // Only an ASCII byte was swapped for an ASCII byte.
    String::from_utf8(bytes).ok()
}

/// Parse and check one report: [`lint_with_previous`] without a previous year.
///
/// ```
/// let out = xxgk::lint("一、总体情况\n", &xxgk::LintOptions::default());
/// assert!(out.diagnostics.iter().any(|d| d.code == "S001"));
/// ```
pub fn lint(text: &str, options: &LintOptions) -> LintOutput {
    lint_with_previous(text, options, None)
}

/// The one lint entry, behind every face: `xxgk check` (with and without
/// fixes), the fix loop and the language server all come here, so that
/// they cannot drift apart. `text` is the report as loaded
/// ([`crate::input::SourceFile::text`]); every span points into it.
///
/// With the same body's report for the year before, read by [`parse`] with
/// the same options, the cross-year rules (X001–X004) run too:
///
/// ```
/// use xxgk::engine::{lint_with_previous, parse, LintOptions, Previous};
/// use xxgk::template::T3Row;
///
/// // A title with the year, and table 三 with 二、上年结转 and 四、结转下年度 as given.
/// let report = |year: i32, carried_over: i64, carried_forward: i64| {
///     let mut text = format!("山亭区人民政府{year}年政府信息公开工作年度报告\n");
///     text += "三、收到和处理政府信息公开申请情况\n";
///     for row in T3Row::ALL {
///         let n = match row {
///             T3Row::CarriedOver => carried_over,
///             T3Row::CarriedForward => carried_forward,
///             _ => 0,
///         };
///         text += &format!("{} {n} 0 0 0 0 0 {n}\n", row.spec().label());
///     }
///     text
/// };
/// let options = LintOptions::default();
/// // 2023 left 1 application for 2024, but 2024 says it carried over none.
/// let (last, this) = (report(2023, 0, 1), report(2024, 0, 0));
/// let last_report = parse(&last, &options);
/// let previous = Previous { text: &last, report: &last_report };
/// let out = lint_with_previous(&this, &options, Some(previous));
/// assert!(out.diagnostics.iter().any(|d| d.code == "X001"));
/// assert!(!xxgk::lint(&this, &options).diagnostics.iter().any(|d| d.code == "X001"));
/// ```
pub fn lint_with_previous(
    text: &str,
    options: &LintOptions,
    previous: Option<Previous<'_>>,
) -> LintOutput {
    // The line starts are found by the line split anyway: dropping them costs nothing.
    lint_with_index(text, options, previous).0
}

/// [`lint_with_previous`], and the text's line index for printing the
/// findings: built from the lines the parser split, not found again. The
/// same lines as `LineIndex::new(text)`, a lone `\r` included: it reads as
/// `\n` for the parser, and the index counts it as a line break.
pub fn lint_with_index(
    text: &str,
    options: &LintOptions,
    previous: Option<Previous<'_>>,
) -> (LintOutput, crate::input::LineIndex) {
    let normal = lone_cr_as_lf(text);
    let text = normal.as_deref().unwrap_or(text);
    let (report, index) = crate::parse::parse_with_index(text, &options.extra_aliases);
    let diagnostics = check(text, &report, options, previous);
    let out = LintOutput {
        report,
        diagnostics,
    };
    (out, index)
}

/// With a page that has no text layer (E003), what the text lacks says
/// nothing about the document: keep only E003 and the findings about text
/// that is there (H001–H003), never a missing section, table or number.
fn drop_claims_about_unread_pages(out: &mut Vec<Diagnostic>) {
    if out.iter().any(|d| d.code == "E003") {
        out.retain(|d| matches!(d.code, "E003" | "H001" | "H002" | "H003"));
    }
}

/// Run every enabled rule over an already parsed report.
fn check(
    text: &str,
    report: &Report,
    options: &LintOptions,
    previous: Option<Previous<'_>>,
) -> Vec<Diagnostic> {
    let ctx = Context::new(text, report, options, previous);
    let raw = rules::ALL
        .iter()
        .flat_map(|rule| run_rule(rule, &ctx))
        .collect();
    finish(text, options, raw)
}

/// One rule's findings at its configured severity; none when it is off.
pub fn run_rule(rule: &'static rules::Rule, ctx: &Context) -> Vec<Diagnostic> {
    let Some(severity) = ctx.options.severity_of(rule) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    (rule.check)(ctx, &mut out);
    for d in &mut out {
        d.severity = severity;
    }
    out
}

/// What follows the rules: `raw` is every rule's findings in [`rules::ALL`]
/// order ([`run_rule`]); the result is what [`lint_with_previous`] returns.
pub fn finish(text: &str, options: &LintOptions, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    drop_claims_about_unread_pages(&mut out);
    // Suppression comments apply after every rule ran (and yield H900).
    crate::suppress::apply(text, options, &mut out);
    // Two fixes that set the same cell to different values are neither offered.
    crate::fix::withdraw_conflicting(&mut out);
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_cr_is_a_line_break() {
        // The heading after a lone CR is a heading, as an editor shows it on a line of its own.
        let text = "一、总体情况\r二、主动公开政府信息情况\r";
        let out = lint(text, &LintOptions::default());
        let at = text.find('二').unwrap();
        assert!(
            out.report
                .sections
                .iter()
                .any(|s| s.heading_span.start == at),
            "{:?}",
            out.report.sections
        );
        assert!(out.diagnostics.iter().all(|d| d.span.end <= text.len()));
    }

    #[test]
    fn lone_crs_are_the_ones_match_indices_found() {
        // The search as it was (`str::match_indices`), as the oracle.
        let old = |text: &str| -> Option<String> {
            let b = text.as_bytes();
            let lone = |&(i, _): &(usize, &str)| b.get(i + 1) != Some(&b'\n');
            let mut crs = text.match_indices('\r').filter(lone).peekable();
            crs.peek()?;
            let mut bytes = b.to_vec();
            for (i, _) in crs {
                bytes[i] = b'\n';
            }
            String::from_utf8(bytes).ok()
        };
        let long = "一、总体情况\r\n".repeat(40) + "二\r三";
        for text in [
            "",
            "\r",
            "\r\n",
            "a\rb\r\nc\r",
            "一\r\r\n二\n",
            "无回车",
            &long,
        ] {
            assert_eq!(lone_cr_as_lf(text), old(text), "{text:?}");
        }
    }
}
