//! S011: no contact for questions about the report.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "S011",
    name: "missing-contact",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// Contact details: one of [`DETAIL_WORDS`], or a number [`DETAIL_NUMBER`] matches.
const DETAIL_WORDS: [&str; 4] = ["电话", "地址", "邮箱", "传真"];
static DETAIL_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{3,4}\s*[-—－]\s*\d{7,8}|\d{11}").unwrap());

static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{3,4}[-—－]?\d{7,8}|\d{11}").unwrap());

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.report.sections.is_empty() {
        return;
    }
    // Sentences with line breaks removed: PDF text may wrap inside 联系 or 电话.
    let texts = ctx.texts();
    let said = texts.iter().any(|t| t.str().contains("联系"));
    // Without 联系 the diagnostic is due whatever the details.
    // The words first: when one is there the number pattern is never compiled.
    let details = said
        && (texts
            .iter()
            .any(|t| DETAIL_WORDS.iter().any(|w| t.str().contains(w)))
            || texts
                .iter()
                .any(|t| has_digit(t.str()) && DETAIL_NUMBER.is_match(t.str())));
    // `请致电0632-8808199`, `咨询电话：…`: a telephone number offered is a contact.
    let phone = || {
        texts.iter().any(|t| {
            let s = t.str();
            ["致电", "电话", "热线"].iter().any(|w| s.contains(w))
                && has_digit(s)
                && PHONE.is_match(s)
        })
    };
    if !(said && details || phone()) {
        out.push(RULE.diag(
            super::s009_missing_period::first_line(ctx.text),
            "未提供联系方式（如对本报告有疑问的联系机关、地址、电话）",
        ));
    }
}

/// A number needs a digit (`\d` is a decimal digit, which `is_numeric` includes).
fn has_digit(s: &str) -> bool {
    s.chars().any(char::is_numeric)
}
