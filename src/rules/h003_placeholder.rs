//! H003: template placeholders left in (`XX局`, `××`, `某某`).

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "H003",
    name: "placeholder",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn ascii_wordish(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '/' | '.' | '@' | '_' | '-' | ':' | '=' | '?' | '&' | '%')
    })
}

/// Which placeholder characters `c` is: X in either case and width, × or ＊, 某.
fn class(c: char) -> u8 {
    match c {
        'X' | 'x' | 'Ｘ' | 'ｘ' => 1,
        '×' | '＊' => 2,
        '某' => 3,
        _ => 0,
    }
}

/// Placeholders left to right: two or more X (or × ＊) in a row, or 某某 —
/// what `[XxＸｘ]{2,}|[×＊]{2,}|某某` found, in one pass over the text (a
/// regex search of a whole report cost several times more).
fn placeholders(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let k = class(c);
            if k == 0 || chars.peek().is_none_or(|&(_, d)| class(d) != k) {
                continue;
            }
            // 某某 is two characters; an X or × run is as long as it goes.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if class(d) != k || (k == 3 && j > i + c.len_utf8()) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            return Some(Span::new(i, end));
        }
        None
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for span in placeholders(ctx.text) {
        let found = &ctx.text[span.range()];
        let before = ctx.text[..span.start].chars().next_back();
        let after = ctx.text[span.end..].chars().next();
        // `xxgk` in a URL or e-mail address is a word, not a placeholder.
        if found.chars().any(|c| c.is_ascii()) && (ascii_wordish(before) || ascii_wordish(after)) {
            continue;
        }
        out.push(RULE.diag(span, format!("文中残留模板占位符「{found}」")));
    }
}

/// The scan finds what the regex it replaced found (the oracle, here only).
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{corpus, line};
    use proptest::prelude::*;

    fn agree(s: &str) {
        static RE: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new(r"[XxＸｘ]{2,}|[×＊]{2,}|某某").unwrap());
        let old: Vec<Span> = RE
            .find_iter(s)
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        assert_eq!(placeholders(s).collect::<Vec<_>>(), old, "{s:?}");
    }

    #[test]
    fn fixtures() {
        for s in corpus() {
            agree(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(&["X", "x", "Ｘ", "ｘ", "×", "＊", "某", "某某某", "xxgk", "*"])) {
            agree(&s);
        }
    }
}
