//! H003: template placeholders left in (`XX局`, `××`, `某某`).

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pattern::lite;
use crate::span::Span;
use regex_lite::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "H003",
    name: "placeholder",
    severity: Severity::Error,
    fixable: false,
    check,
};

// regex-lite (crate::pattern): compiled in microseconds, when a report has a pair.
const PLACEHOLDER_PATTERN: &str = r"[XxＸｘ]{2,}|[×＊]{2,}|某某";
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| lite(PLACEHOLDER_PATTERN));

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

/// The pattern under regex-lite finds what it found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{line, same, same_on_corpus};
    use proptest::prelude::*;

    #[test]
    fn fixtures() {
        same_on_corpus(PLACEHOLDER_PATTERN);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(&["X", "x", "Ｘ", "ｘ", "×", "＊", "某", "xxgk", "*"])) {
            same(PLACEHOLDER_PATTERN, &s);
        }
    }
}
