//! The rule set. One file per rule; each file defines a `RULE` with its code,
//! name, default severity, summary and explanation, and a check function.
//! `ALL` is the registry: the CLI's `rules`/`explain`, the README table and
//! the language server all read from it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{LintOptions, Previous};
use crate::model::Report;
use crate::span::Span;

pub mod util;

mod e001_unreadable_table;
mod e002_row_not_found;
mod h900_unused_suppression;

pub struct Rule {
    /// Letter for the family and three digits. Never reused once released.
    pub code: &'static str,
    /// kebab-case.
    pub name: &'static str,
    pub severity: Severity,
    /// One line, English, for `xxgk rules`.
    pub summary: &'static str,
    /// Markdown: what it checks, why it matters, an example, how to fix.
    pub explanation: &'static str,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A diagnostic of this rule (severity is set from configuration by the engine).
    pub fn diag(&'static self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.severity, span, message)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

pub struct Context<'a> {
    pub text: &'a str,
    pub report: &'a Report,
    pub options: &'a LintOptions,
    pub previous: Option<Previous<'a>>,
    texts: std::cell::OnceCell<Vec<util::Text<'a>>>,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, report: &'a Report, options: &'a LintOptions, previous: Option<Previous<'a>>) -> Self {
        Context { text, report, options, previous, texts: std::cell::OnceCell::new() }
    }

    /// The report's sentences in compact form, computed once for all narrative rules.
    pub fn texts(&self) -> &[util::Text<'a>] {
        self.texts.get_or_init(|| util::sentences(self.text, self.report))
    }

    /// The report year, when known.
    pub fn year(&self) -> Option<i32> {
        self.report.year
    }
}

pub static ALL: &[&Rule] = &[
    &e001_unreadable_table::RULE,
    &e002_row_not_found::RULE,
    &h900_unused_suppression::RULE,
];

/// Look a rule up by code (`t001`, `T001`) or name.
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// The documentation link a diagnostic carries (LSP `codeDescription`).
pub fn doc_url(rule: &Rule) -> String {
    format!(
        "https://github.com/xxgk-lint/xxgk/blob/main/docs/rules.md#{}",
        rule.code.to_ascii_lowercase()
    )
}
