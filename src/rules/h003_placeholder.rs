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

/// A multi-literal search: SIMD (Teddy) where the processor has it, else
/// Aho-Corasick (built only then: it costs more to build than a check searches).
enum Finder {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl Finder {
    fn new(words: &[String]) -> Finder {
        match aho_corasick::packed::Searcher::new(words.iter()) {
            Some(p) => Finder::Packed(p),
            None => {
                Finder::Automaton(aho_corasick::AhoCorasick::new(words).expect("a few short words"))
            }
        }
    }

    /// Where the leftmost word at or after `from` starts.
    fn find(&self, text: &str, from: usize) -> Option<usize> {
        let rest = &text[from..];
        let m = match self {
            Finder::Packed(p) => p.find(rest)?.start(),
            Finder::Automaton(a) => a.find(rest)?.start(),
        };
        Some(from + m)
    }
}

/// Every pair of characters of one class (`Xｘ`, `×＊`, `某某`…) whose first
/// is ASCII (`ascii`) or not: the places a placeholder can start. Apart,
/// because a search is as selective as its shortest word's first bytes: two
/// for `Xx`, but three for `Ｘx`, where two (EF BC) would also stop at every
/// full-width comma and bracket.
fn pairs(ascii: bool) -> Vec<String> {
    let mut out = Vec::new();
    for class in CLASSES {
        for a in class.iter().filter(|a| a.is_ascii() == ascii) {
            out.extend(class.iter().map(|b| format!("{a}{b}")));
        }
    }
    out
}

/// Placeholders left to right: two or more X (or × ＊) in a row, or 某某 —
/// what `[XxＸｘ]{2,}|[×＊]{2,}|某某` found. Two multi-literal searches for
/// where one starts (the next pair of each kind, kept until passed), instead
/// of decoding every character of the report.
fn placeholders(text: &str) -> impl Iterator<Item = Span> + '_ {
    use std::sync::LazyLock;
    static ASCII_LED: LazyLock<Finder> = LazyLock::new(|| Finder::new(&pairs(true)));
    static WIDE_LED: LazyLock<Finder> = LazyLock::new(|| Finder::new(&pairs(false)));
    let mut from = 0;
    // The next pair of each kind at or after a past `from`; None: none left.
    let mut next: [Option<Option<usize>>; 2] = [None, None];
    std::iter::from_fn(move || {
        for (k, finder) in [&*ASCII_LED, &*WIDE_LED].into_iter().enumerate() {
            if next[k].is_none_or(|n| n.is_some_and(|at| at < from)) {
                next[k] = Some(finder.find(text, from));
            }
        }
        let i = next.iter().filter_map(|n| n.flatten()).min()?;
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
