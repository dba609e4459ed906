//! Y005: the review of last year's problems dated to another year.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::pattern::Lite;
use crate::template::SECTION_IMPROVEMENTS;

pub static RULE: Rule = Rule {
    code: "Y005",
    name: "review-year",
    severity: Severity::Warning,
    fixable: true,
    check,
};

// regex-lite (crate::pattern): compiled in microseconds, run on a few sentences.
const REVIEW_PATTERN: &str = r"(\d{4})年度?[^。，；]{0,6}?存在(?:的)?(?:主要)?问题(?:的)?(?:及|和)?(?:整改|改进)(?:落实)?情况";
static REVIEW: Lite = Lite::new(REVIEW_PATTERN);
const ADDRESSED_PATTERN: &str =
    r"针对(\d{4})年[^。]{0,30}?(?:不足|问题)[^。]{0,20}?(?:实施了|采取了|进行了|开展了)";
static ADDRESSED: Lite = Lite::new(ADDRESSED_PATTERN);

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.year() else { return };
    let prev = year - 1;
    for t in ctx.texts() {
        if super::util::section_index(ctx.report, t.sentence) != Some(SECTION_IMPROVEMENTS) {
            continue;
        }
        // Every match of REVIEW contains 存在, every match of ADDRESSED 针对.
        let s = t.str();
        // Both need a year (年) and 问题 or 不足, REVIEW also 情况.
        let year_and = |w: &[&str]| s.contains('年') && w.iter().any(|w| t.contains(w));
        let group = (t.contains("存在") && year_and(&["问题"]) && t.contains("情况"))
            .then(|| REVIEW.first_group(s, 1))
            .flatten()
            .or_else(|| {
                (t.contains("针对") && year_and(&["问题", "不足"]))
                    .then(|| ADDRESSED.first_group(s, 1))
                    .flatten()
            });
        let Some((start, end)) = group else {
            continue;
        };
        let Some(y) = super::util::year(&s[start..end]) else {
            continue;
        };
        if y == prev {
            continue;
        }
        let span = t.compact.span(start, end);
        out.push(
            RULE.diag(
                span,
                format!("第五部分回顾上一年度问题的改进情况，年份应为{prev}年，此处写作{y}年"),
            )
            .with_primary_label(format!("应为{prev}年"))
            .with_fix(Fix::replace(
                format!("改为{prev}年"),
                Applicability::Unsafe,
                span,
                prev.to_string(),
            )),
        );
    }
}

/// The patterns under regex-lite find what they found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{line, same, same_on_corpus, slots};
    use proptest::prelude::*;

    const REVIEW_SLOTS: &[&[&str]] = &[
        &["", "针对", "（一）"],
        &["2023", "２０２３", "202"],
        &["年", "年度", ""],
        &["", "工作中", "，", "政务公开工作中"],
        &["存在", "存在的", ""],
        &["", "主要", "的"],
        &["问题", "不足", "问题的"],
        &["", "及", "和", "，我局"],
        &["整改", "改进", "", "采取了", "实施了"],
        &["", "落实"],
        &["情况", "措施", ""],
    ];
    const WORDS: &[&str] = &[
        "存在",
        "问题",
        "不足",
        "整改",
        "情况",
        "针对",
        "开展了",
        "的",
    ];

    #[test]
    fn fixtures() {
        same_on_corpus(REVIEW_PATTERN);
        same_on_corpus(ADDRESSED_PATTERN);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(WORDS), t in slots(REVIEW_SLOTS)) {
            for p in [REVIEW_PATTERN, ADDRESSED_PATTERN] {
                same(p, &s);
                same(p, &t);
            }
        }
    }
}
