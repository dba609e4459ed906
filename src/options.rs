//! What a lint is asked to do, defined once for every face: the report kind,
//! rule levels, [`LintOptions`] and the [`Previous`] year's report.
//!
//! `xxgk.toml`, `--report-kind` and the editor's settings all read these
//! types with the same spellings (`department`/`government`;
//! `off`/`info`/`warning`/`error`), so that a value one accepts the others
//! accept too.

use crate::diagnostic::Severity;
use crate::model::Report;
use crate::rules;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Read a value by its one spelling (the serde name), as `xxgk.toml` does.
fn by_name<T: for<'de> Deserialize<'de>>(s: &str) -> Option<T> {
    use serde::de::value::{Error, StrDeserializer};
    T::deserialize(StrDeserializer::<Error>::new(s)).ok()
}

/// Which deadline applies (条例 art. 49).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// A department's report: due 31 January of Y+1.
    #[default]
    Department,
    /// A government's own report: due 31 March of Y+1.
    Government,
}

impl ReportKind {
    /// `department` or `government`, as in `xxgk.toml`.
    pub fn parse(s: &str) -> Option<ReportKind> {
        by_name(s)
    }
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Info,
    Warning,
    Error,
}

impl RuleLevel {
    /// `off`, `info`, `warning` or `error`, as in `xxgk.toml`.
    pub fn parse(s: &str) -> Option<RuleLevel> {
        by_name(s)
    }

    /// The severity its findings get, `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

impl From<Severity> for RuleLevel {
    /// The level a rule runs at when it is on at `severity`.
    fn from(severity: Severity) -> RuleLevel {
        match severity {
            Severity::Info => RuleLevel::Info,
            Severity::Warning => RuleLevel::Warning,
            Severity::Error => RuleLevel::Error,
        }
    }
}

/// How to lint: from `xxgk.toml`, the command line or the editor's settings.
/// The default runs every rule that is on by default at its own severity.
///
/// ```
/// use xxgk::options::{LintOptions, ReportKind, RuleLevel};
///
/// let text = "一、总体情况\n";
/// let mut options = LintOptions {
///     report_kind: Some(ReportKind::Department),
///     ..LintOptions::default()
/// };
/// assert!(xxgk::lint(text, &options).diagnostics.iter().any(|d| d.code == "S001"));
/// // `[rules] S001 = "off"` in xxgk.toml, or `"xxgk.rules": {"S001": "off"}` in the editor.
/// options.levels.insert("S001".into(), RuleLevel::parse("off").unwrap());
/// assert!(!xxgk::lint(text, &options).diagnostics.iter().any(|d| d.code == "S001"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// `None`: not configured, inferred from the issuer (Y006).
    pub report_kind: Option<ReportKind>,
    /// Per-rule overrides, keyed by code (`T001`).
    pub levels: BTreeMap<String, RuleLevel>,
    /// Extra row-label spellings from `xxgk.toml` `[aliases]`, keyed by the
    /// template row key (`new`, `normative_documents`). Hook for the parser.
    pub extra_aliases: BTreeMap<String, Vec<String>>,
    /// Per-rule thresholds from `xxgk.toml` `[rules.X003] threshold = 0.6`,
    /// keyed by code; a rule without an entry uses its default (`rules::THRESHOLDS`).
    pub thresholds: BTreeMap<String, f64>,
}

impl LintOptions {
    /// The level a rule runs at, or `None` when it is off.
    pub fn severity_of(&self, rule: &rules::Rule) -> Option<Severity> {
        match self.levels.get(rule.code) {
            Some(level) => level.severity(),
            // An opt-in rule (X004) runs only when a level or a selector names it.
            None => rule.on_by_default().then_some(rule.severity),
        }
    }
}

/// The same body's report for the previous year, for the cross-year rules
/// (an example at [`crate::engine::lint_with_previous`]). `report` is `text`
/// as [`crate::engine::parse`] reads it.
pub struct Previous<'a> {
    pub text: &'a str,
    pub report: &'a Report,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_set() {
        assert_eq!(RuleLevel::parse("warning"), Some(RuleLevel::Warning));
        assert_eq!(RuleLevel::parse("off"), Some(RuleLevel::Off));
        assert_eq!(RuleLevel::parse("warn"), None);
        assert_eq!(
            ReportKind::parse("government"),
            Some(ReportKind::Government)
        );
        assert_eq!(ReportKind::parse("county"), None);
    }
}
