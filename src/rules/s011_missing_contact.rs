//! S011: no contact for questions about the report.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pattern::is_digit;

pub static RULE: Rule = Rule {
    code: "S011",
    name: "missing-contact",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// Contact details: one of [`DETAIL_WORDS`], or a [`detail_number`].
const DETAIL_WORDS: [&str; 4] = ["电话", "地址", "邮箱", "传真"];

/// A telephone number with its area code (`0537 - 1234567`), or eleven digits
/// (a mobile): what `\d{3,4}\s*[-—－]\s*\d{7,8}|\d{11}` found. A hand-written
/// scan: the regex cost more to compile than a check spends searching.
fn detail_number(s: &str) -> bool {
    number(s, true, 11)
}

/// A telephone number offered (`请致电0632-8808199`), with or without the dash:
/// what `\d{3,4}[-—－]?\d{7,8}|\d{11}` found.
fn phone(s: &str) -> bool {
    number(s, false, 10)
}

/// A run of at least `run` digits (`\d{3,4}\d{7,8}` is ten to twelve in a row),
/// or three digits, a dash (spaces around it when `spaced`) and seven more.
/// Unanchored, `\d{3,4}` is the end of any run of three or more digits and
/// `\d{7,8}` the start of any run of seven or more: only the lengths count.
/// Digits are `\d`'s, Unicode decimal digits.
fn number(s: &str, spaced: bool, run: usize) -> bool {
    let digits = |from: usize| {
        let n = s[from..].chars().take_while(|&c| is_digit(c)).count();
        let len: usize = s[from..].chars().take(n).map(char::len_utf8).sum();
        (n, from + len)
    };
    let spaces = |from: usize| match spaced {
        true => s.len() - s[from..].trim_start_matches(char::is_whitespace).len(),
        false => from,
    };
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if !is_digit(c) {
            i += c.len_utf8();
            continue;
        }
        let (n, end) = digits(i);
        if n >= run {
            return true;
        }
        let dash = spaces(end);
        if n >= 3 {
            if let Some(d) = s[dash..]
                .chars()
                .next()
                .filter(|d| matches!(d, '-' | '—' | '－'))
            {
                if digits(spaces(dash + d.len_utf8())).0 >= 7 {
                    return true;
                }
            }
        }
        i = end;
    }
    false
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.report.sections.is_empty() {
        return;
    }
    // Sentences with line breaks removed: PDF text may wrap inside 联系 or 电话.
    let texts = ctx.texts();
    let said = texts.iter().any(|t| t.contains("联系"));
    // Without 联系 the diagnostic is due whatever the details.
    // The words first: when one is there the number pattern is never compiled.
    let details = said
        && (texts
            .iter()
            .any(|t| DETAIL_WORDS.iter().any(|w| t.contains(w)))
            || texts
                .iter()
                .any(|t| has_digit(t.str()) && detail_number(t.str())));
    // `请致电0632-8808199`, `咨询电话：…`: a telephone number offered is a contact.
    let phone = || {
        texts.iter().any(|t| {
            let s = t.str();
            ["致电", "电话", "热线"].iter().any(|w| t.contains(w)) && has_digit(s) && phone(s)
        })
    };
    if !(said && details || phone()) {
        out.push(RULE.diag(
            super::util::first_line(ctx.text),
            "未提供联系方式（如对本报告有疑问的联系机关、地址、电话）",
        ));
    }
}

/// A number needs a digit (`\d` is a decimal digit, which `is_numeric` includes).
fn has_digit(s: &str) -> bool {
    s.chars().any(char::is_numeric)
}

/// The scans find what the regexes they replaced found (the oracles, here only).
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{corpus, line, slots};
    use proptest::prelude::*;

    fn agree(s: &str) {
        use std::sync::LazyLock;
        fn re(p: &str) -> regex::Regex {
            regex::Regex::new(p).unwrap()
        }
        static DETAIL: LazyLock<regex::Regex> =
            LazyLock::new(|| re(r"\d{3,4}\s*[-—－]\s*\d{7,8}|\d{11}"));
        static PHONE: LazyLock<regex::Regex> =
            LazyLock::new(|| re(r"\d{3,4}[-—－]?\d{7,8}|\d{11}"));
        assert_eq!(detail_number(s), DETAIL.is_match(s), "detail {s:?}");
        assert_eq!(phone(s), PHONE.is_match(s), "phone {s:?}");
    }

    const DIGITS: &[&str] = &[
        "",
        "0",
        "05",
        "053",
        "0537",
        "05371",
        "12345",
        "123456",
        "1234567",
        "12345678",
        "１２３４５６７",
        "٣٣٣",
        "①②③",
    ];
    const SLOTS: &[&[&str]] = &[
        &["", "电话：", "致电", "字"],
        DIGITS,
        &["", " ", "\u{3000}", "\t"],
        &["", "-", "—", "－", "~", "--"],
        &["", " ", "\u{3000}"],
        DIGITS,
        DIGITS,
        &["", "。", "，"],
    ];

    #[test]
    fn fixtures() {
        for s in corpus() {
            agree(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn generated(s in line(&["-", "—", "－", "0537", "8808199"]), t in slots(SLOTS)) {
            agree(&s);
            agree(&t);
        }
    }
}
