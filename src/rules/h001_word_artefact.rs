//! H001: Word artefacts such as `[bookmark: _GoBack]` left in the text.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "H001",
    name: "word-artefact",
    severity: Severity::Warning,
    fixable: true,
    check,
};

/// `[bookmark:` and at most 80 characters up to the closing `]` on the same
/// line: what `\[bookmark:[^\]\n]{0,80}\]` found, left to right.
fn artefacts(text: &str) -> impl Iterator<Item = Span> + '_ {
    const OPEN: &str = "[bookmark:";
    // Each `[` found by memchr (SIMD; rare in a report), then the word
    // after it: `str::find` went through the whole report at several
    // instructions a byte, memchr's substring search picks bytes rare in
    // English, not in Chinese.
    let bytes = text.as_bytes();
    let find = |from: usize| {
        memchr::memchr_iter(b'[', &bytes[from..])
            .map(|i| from + i)
            .find(|&i| bytes[i..].starts_with(OPEN.as_bytes()))
    };
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = find(from) {
            let body = i + OPEN.len();
            let close = text[body..]
                .char_indices()
                .take(81)
                .find(|&(_, c)| c == ']' || c == '\n')
                .filter(|&(_, c)| c == ']');
            if let Some((k, _)) = close {
                from = body + k + 1;
                return Some(Span::new(i, from));
            }
            // No match here; the next may start inside this one (`[bookmark:[bookmark:x]`).
            from = i + 1;
        }
        None
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for span in artefacts(ctx.text) {
        out.push(
            RULE.diag(
                span,
                format!("文中残留Word书签标记「{}」", &ctx.text[span.range()]),
            )
            .with_fix(Fix::replace("删除该标记", Applicability::Safe, span, "")),
        );
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
            std::sync::LazyLock::new(|| regex::Regex::new(r"\[bookmark:[^\]\n]{0,80}\]").unwrap());
        let old: Vec<Span> = RE
            .find_iter(s)
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        assert_eq!(artefacts(s).collect::<Vec<_>>(), old, "{s:?}");
    }

    #[test]
    fn fixtures() {
        for s in corpus() {
            agree(s);
        }
        agree(&format!("[bookmark:{}]", "字".repeat(80)));
        agree(&format!("[bookmark:{}]", "字".repeat(81)));
        agree("[bookmark:[bookmark:_GoBack]]");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(&["[bookmark:", "[bookmark", "]", "\n", "_GoBack", "[", "字字字字字字字字字字字字字字字字字字字字"])) {
            agree(&s);
        }
    }
}
