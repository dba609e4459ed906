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

/// The placeholder characters by class (see [`class`]).
const CLASSES: [&[&str]; 3] = [&["X", "x", "Ｘ", "ｘ"], &["×", "＊"], &["某"]];

/// The first place at or after `from` where two characters of one class
/// follow each other: where a placeholder starts. One multi-literal search
/// (SIMD where the processor has it) over the 21 such pairs, instead of
/// decoding every character of the report.
fn next_pair(text: &str, from: usize) -> Option<usize> {
    use aho_corasick::{packed::Searcher, AhoCorasick};
    use std::sync::LazyLock;
    static PAIRS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let pairs = |class: &[&str]| {
            let v: Vec<String> = class
                .iter()
                .flat_map(|a| class.iter().map(move |b| format!("{a}{b}")))
                .collect();
            v
        };
        CLASSES.iter().flat_map(|c| pairs(c)).collect()
    });
    static PACKED: LazyLock<Option<Searcher>> = LazyLock::new(|| Searcher::new(PAIRS.iter()));
    static AUTOMATON: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(PAIRS.iter()).expect("21 short pairs"));
    let rest = &text[from..];
    let m = match &*PACKED {
        Some(p) => p.find(rest)?.start(),
        None => AUTOMATON.find(rest)?.start(),
    };
    Some(from + m)
}

/// Placeholders left to right: two or more X (or × ＊) in a row, or 某某 —
/// what `[XxＸｘ]{2,}|[×＊]{2,}|某某` found.
fn placeholders(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let i = next_pair(text, from)?;
        let mut chars = text[i..].chars();
        let c = chars.next()?;
        let k = class(c);
        // 某某 is two characters; an X or × run is as long as it goes.
        let mut end = i + c.len_utf8();
        for d in chars {
            if class(d) != k || (k == 3 && end > i + c.len_utf8()) {
                break;
            }
            end += d.len_utf8();
        }
        from = end;
        Some(Span::new(i, end))
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
