//! Client settings (section `xxgk`) → [`LintOptions`].
//!
//! ```json
//! { "reportKind": "government", "rules": { "T002": "warning", "heading-numbering": "off" } }
//! ```
//! Rule keys are codes or names, as `xxgk explain` accepts them; levels are
//! `error`, `warning`, `info` or `off`. Unknown keys and levels are reported
//! back (the server logs them) rather than silently ignored, so that a typo in
//! a setting does not look like a rule that does not work.

use serde_json::Value;

use crate::engine::{LintOptions, ReportKind, RuleLevel};
use crate::messages as m;
use crate::rules;

/// Options read from settings, with what could not be understood.
#[derive(Debug, Default)]
pub struct Parsed {
    pub options: LintOptions,
    /// Whether the client named a report kind (else the config file's, or
    /// the default, stands).
    pub sets_kind: bool,
    /// `inlayHints`: when the computed sums are shown.
    pub inlay: super::inlay::InlayMode,
    pub problems: Vec<String>,
}

/// Read the `xxgk` settings object. `null` or a missing key means defaults.
pub fn parse(value: &Value) -> Parsed {
    let mut out = Parsed::default();
    let Some(obj) = value.as_object() else {
        if !value.is_null() {
            out.problems.push(m::LSP_SETTINGS_NOT_OBJECT.fill(&[value]));
        }
        return out;
    };
    match obj.get("reportKind") {
        // `auto`: the file's `report-kind`, else inferred from the issuer (Y006).
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "auto" => {}
        Some(v) => match v.as_str().and_then(ReportKind::parse) {
            Some(kind) => {
                out.options.report_kind = Some(kind);
                out.sets_kind = true;
            }
            None => out.problems.push(m::LSP_BAD_REPORT_KIND.fill(&[v])),
        },
    }
    match obj.get("inlayHints") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "differences" => {}
        Some(Value::String(s)) if s == "always" => out.inlay = super::inlay::InlayMode::Always,
        Some(Value::String(s)) if s == "off" => out.inlay = super::inlay::InlayMode::Off,
        Some(other) => out.problems.push(m::LSP_BAD_INLAY.fill(&[other])),
    }
    if let Some(rules_value) = obj.get("rules").filter(|v| !v.is_null()) {
        let Some(map) = rules_value.as_object() else {
            out.problems
                .push(m::LSP_RULES_NOT_OBJECT.fill(&[rules_value]));
            return out;
        };
        for (key, level) in map {
            let Some(rule) = rules::find(key) else {
                out.problems.push(m::LSP_NO_RULE.fill(&[key]));
                continue;
            };
            match level_of(level) {
                Some(l) => {
                    out.options.levels.insert(rule.code.to_string(), l);
                }
                None => out.problems.push(m::LSP_BAD_LEVEL.fill(&[key, level])),
            }
        }
    }
    out
}

/// The spellings of `xxgk.toml`'s `[rules]`, no others.
fn level_of(v: &Value) -> Option<RuleLevel> {
    v.as_str().and_then(RuleLevel::parse)
}

/// The options for one document: its `xxgk.toml` (if any), overridden
/// rule by rule by the client's settings.
pub fn merge(file: Option<&LintOptions>, client: &Parsed) -> LintOptions {
    let mut merged = file.cloned().unwrap_or_default();
    if client.sets_kind || file.is_none() {
        merged.report_kind = client.options.report_kind;
    }
    for (code, level) in &client.options.levels {
        merged.levels.insert(code.clone(), *level);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_kind_and_levels() {
        let p = parse(&json!({
            "reportKind": "government",
            "rules": { "e001": "warning", "row-not-found": "off", "Z999": "error", "E002": "loud" }
        }));
        assert_eq!(p.options.report_kind, Some(ReportKind::Government));
        assert_eq!(p.options.levels.get("E001"), Some(&RuleLevel::Warning));
        assert_eq!(p.options.levels.get("E002"), Some(&RuleLevel::Off));
        assert_eq!(p.problems.len(), 2, "{:?}", p.problems);
    }

    #[test]
    fn inlay_hint_modes() {
        use crate::lsp::inlay::InlayMode;
        assert_eq!(parse(&json!({})).inlay, InlayMode::Differences);
        assert_eq!(
            parse(&json!({"inlayHints": "always"})).inlay,
            InlayMode::Always
        );
        assert_eq!(parse(&json!({"inlayHints": "off"})).inlay, InlayMode::Off);
        assert_eq!(parse(&json!({"inlayHints": 3})).problems.len(), 1);
    }

    #[test]
    fn client_settings_win_over_the_file() {
        let mut file = LintOptions {
            report_kind: Some(ReportKind::Government),
            ..Default::default()
        };
        file.levels.insert("E001".into(), RuleLevel::Off);
        file.levels.insert("E002".into(), RuleLevel::Info);
        let client = parse(&json!({ "rules": { "E001": "warning" } }));
        let m = merge(Some(&file), &client);
        assert_eq!(m.report_kind, Some(ReportKind::Government));
        assert_eq!(m.levels.get("E001"), Some(&RuleLevel::Warning));
        assert_eq!(m.levels.get("E002"), Some(&RuleLevel::Info));
        let client = parse(&json!({ "reportKind": "department" }));
        assert_eq!(
            merge(Some(&file), &client).report_kind,
            Some(ReportKind::Department)
        );
    }

    #[test]
    fn null_is_defaults() {
        let p = parse(&Value::Null);
        assert!(p.problems.is_empty());
        assert!(p.options.levels.is_empty());
    }
}
