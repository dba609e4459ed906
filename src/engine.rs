//! The one entry point both faces call: text in, report model and diagnostics out.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;
use crate::rules::{self, Context};
use std::collections::BTreeMap;

/// Which deadline applies (条例 art. 49).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// A department's report: due 31 January of Y+1.
    #[default]
    Department,
    /// A government's own report: due 31 March of Y+1.
    Government,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub report_kind: ReportKind,
    /// Per-rule overrides, keyed by code (`T001`).
    pub levels: BTreeMap<String, RuleLevel>,
    /// Extra row-label spellings from `xxgk.toml` `[aliases]`, keyed by the
    /// template row key (`new`, `normative_documents`). Hook for the parser.
    pub extra_aliases: BTreeMap<String, Vec<String>>,
}

impl LintOptions {
    /// The level a rule runs at, or `None` when it is off.
    pub fn severity_of(&self, rule: &rules::Rule) -> Option<Severity> {
        match self.levels.get(rule.code) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::On(s)) => Some(*s),
            None => Some(rule.severity),
        }
    }
}

/// The same body's report for the previous year, for the cross-year rules.
pub struct Previous<'a> {
    pub text: &'a str,
    pub report: &'a Report,
}

/// What [`lint_with_previous`] read and found.
pub struct LintOutput {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read a report as `options` say (their `[aliases]`), without checking it:
/// for a previous year's report, for pairing reports by year and for `inspect`.
pub fn parse(text: &str, options: &LintOptions) -> Report {
    crate::parse::parse_with(text, &options.extra_aliases)
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
pub fn lint_with_previous(
    text: &str,
    options: &LintOptions,
    previous: Option<Previous<'_>>,
) -> LintOutput {
    let report = parse(text, options);
    let diagnostics = check(text, &report, options, previous);
    LintOutput {
        report,
        diagnostics,
    }
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
    let mut out = Vec::new();
    for rule in rules::ALL {
        let Some(severity) = options.severity_of(rule) else {
            continue;
        };
        let start = out.len();
        (rule.check)(&ctx, &mut out);
        for d in &mut out[start..] {
            d.severity = severity;
        }
    }
    drop_claims_about_unread_pages(&mut out);
    // Suppression comments apply after every rule ran (and yield H900).
    crate::suppress::apply(text, options, &mut out);
    // Two fixes that set the same cell to different values are neither offered.
    crate::fix::withdraw_conflicting(&mut out);
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    out
}
