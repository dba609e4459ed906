//! H003: template placeholders left in (`XX局`, `××`, `某某`).

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "H003",
    name: "placeholder",
    severity: Severity::Error,
    fixable: false,
    check,
};

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[XxＸｘ]{2,}|[×＊]{2,}|某某").unwrap());

fn ascii_wordish(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '/' | '.' | '@' | '_' | '-' | ':' | '=' | '?' | '&' | '%')
    })
}

/// Two characters of one of [`PLACEHOLDER`]'s classes in a row, or 某某: every
/// match has one, and most reports none, so the regex is rarely compiled.
fn may_hold_placeholder(text: &str) -> bool {
    let class = |c: char| match c {
        'X' | 'x' | 'Ｘ' | 'ｘ' => 1,
        '×' | '＊' => 2,
        '某' => 3,
        _ => 0,
    };
    let mut prev = 0;
    text.chars().any(|c| {
        let k = class(c);
        let pair = k != 0 && k == prev;
        prev = k;
        pair
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !may_hold_placeholder(ctx.text) {
        return;
    }
    for m in PLACEHOLDER.find_iter(ctx.text) {
        let before = ctx.text[..m.start()].chars().next_back();
        let after = ctx.text[m.end()..].chars().next();
        // `xxgk` in a URL or e-mail address is a word, not a placeholder.
        if m.as_str().chars().any(|c| c.is_ascii())
            && (ascii_wordish(before) || ascii_wordish(after))
        {
            continue;
        }
        out.push(RULE.diag(
            Span::new(m.start(), m.end()),
            format!("文中残留模板占位符「{}」", m.as_str()),
        ));
    }
}
