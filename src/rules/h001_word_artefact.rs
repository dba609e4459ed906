//! H001: Word artefacts such as `[bookmark: _GoBack]` left in the text.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "H001",
    name: "word-artefact",
    severity: Severity::Warning,
    fixable: true,
    check,
};

static ARTEFACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[bookmark:[^\]\n]{0,80}\]").unwrap());

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // Every match starts with `[bookmark:`: without it the regex is never compiled.
    if !ctx.text.contains("[bookmark:") {
        return;
    }
    for m in ARTEFACT.find_iter(ctx.text) {
        let span = Span::new(m.start(), m.end());
        out.push(
            RULE.diag(span, format!("文中残留Word书签标记「{}」", m.as_str()))
                .with_fix(Fix::replace("删除该标记", Applicability::Safe, span, "")),
        );
    }
}
