//! Y003: a sentence reporting this year's work under another year.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::pattern::Lite;

pub static RULE: Rule = Rule {
    code: "Y003",
    name: "stale-year",
    severity: Severity::Warning,
    fixable: true,
    check,
};

/// A sentence opening with a year and a comma, after optional list numbering.
/// (regex-lite, crate::pattern: compiled in microseconds, run on sentence heads.)
const OPENING_PATTERN: &str = r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[、．])?(\d{4})年度?[，,]";
static OPENING: Lite = Lite::new(OPENING_PATTERN);

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.year() else { return };
    let texts = ctx.texts();
    for (i, t) in texts.iter().enumerate() {
        if !matches!(
            super::util::section_index(ctx.report, t.sentence),
            Some(1..=4)
        ) {
            continue;
        }
        // A match's 年 starts within 34 bytes: a numbering of at most 18 and
        // four digits of at most 4 bytes each.
        // 年 is E5 B9 B4 (compared byte by byte: a slice comparison per
        // place called memcmp); most sentences have none at all.
        let head = &t.str().as_bytes()[..t.str().len().min(37)];
        if !t.chars.may_contain("年") || !head.windows(3).any(|w| w == [0xe5, 0xb9, 0xb4]) {
            continue;
        }
        let Some(c) = OPENING.on(t.str()).captures(t.str()) else {
            continue;
        };
        let m = c.get(1).expect("group 1");
        let Some(y) = super::util::year(m.as_str()) else {
            continue;
        };
        // A later year opens a plan (`2025年，我局将…`), not stale text.
        if y >= year || !(1990..=2100).contains(&y) || compares(texts, i, year) {
            continue;
        }
        let span = t.compact.span(m.start(), m.end());
        out.push(
            RULE.diag(span, format!("{year}年度报告中的工作情况写成了{y}年"))
                .with_primary_label(format!("应为{year}年？"))
                .with_fix(Fix::replace(
                    format!("改为{year}年"),
                    Applicability::Unsafe,
                    span,
                    year.to_string(),
                )),
        );
    }
}

/// The sentence, or one next to it in the same section, compares with the
/// report year or says it is about the past (`2023年，收到申请20件；2024年，34件`,
/// `较上年`): the earlier year is meant.
fn compares(texts: &[super::util::Text], i: usize, year: i32) -> bool {
    let this = format!("{year}年");
    let section = texts[i].sentence.section;
    let near = texts[i.saturating_sub(1)..(i + 2).min(texts.len())]
        .iter()
        .filter(|t| t.sentence.section == section);
    let words = ["上年", "去年", "同比", "相比", "较", "对比", "以来"];
    texts[i].contains(&this)
        || words.iter().any(|w| texts[i].contains(w))
        || near.into_iter().any(|t| t.contains(&this))
}

/// The pattern under regex-lite finds what it found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{line, same, same_on_corpus, slots};
    use proptest::prelude::*;

    const SLOTS: &[&[&str]] = &[
        &[
            "",
            "（一）",
            "(2)",
            "（十二）",
            "（1234）",
            "三、",
            "十一.",
            "1、",
            "12．",
            "123、",
            "（３）",
        ],
        &["2024", "２０２３", "202", "20231", "二〇二三"],
        &["年", "年度", "年 ", ""],
        &["，", ",", "", "我局"],
    ];

    #[test]
    fn fixtures() {
        same_on_corpus(OPENING_PATTERN);
        assert_eq!("年".as_bytes(), [0xe5, 0xb9, 0xb4]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(&["我局", "（", "）", "、"]), t in slots(SLOTS)) {
            same(OPENING_PATTERN, &s);
            same(OPENING_PATTERN, &t);
        }
    }
}
