//! Y004: next year's plans dated to the report year.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::pattern::Lite;
use crate::template::SECTION_IMPROVEMENTS;

pub static RULE: Rule = Rule {
    code: "Y004",
    name: "outlook-year",
    severity: Severity::Warning,
    fixable: true,
    check,
};

// regex-lite (crate::pattern): compiled in microseconds, run on a few sentences.
const OUTLOOK_PATTERN: &str = r"展望(\d{4})年";
static OUTLOOK: Lite = Lite::new(OUTLOOK_PATTERN);
// 将 only as "will": `我局将政务公开纳入考核` (将 = 把) tells of the past.
const PLAN_PATTERN: &str = r"(?:^|[，。；：])(\d{4})年度?[，,]?(?:我|本)[^，。；]{0,10}(?:将(?:继续|进一步|持续|着力|不断|全面|深入|重点|切实|坚持|围绕|聚焦|积极|大力|认真|加强|加大|完善|推动|推进)|计划|拟|准备)";
static PLAN: Lite = Lite::new(PLAN_PATTERN);

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.year() else { return };
    let next = year + 1;
    for t in ctx.texts() {
        let in_five =
            super::util::section_index(ctx.report, t.sentence) == Some(SECTION_IMPROVEMENTS);
        let mut found: Vec<(regex_lite::Match, Applicability)> = Vec::new();
        // The pattern needs 展望: a cheap test before the regex.
        if let Some(c) = t
            .contains("展望")
            .then(|| OUTLOOK.on(t.str()).captures(t.str()))
            .flatten()
        {
            found.push((c.get(1).expect("group"), Applicability::Safe));
        }
        // Every match of PLAN has a 年 and a 我 or 本.
        let s = t.str();
        if in_five && s.contains('年') && (s.contains('我') || s.contains('本')) {
            for c in PLAN.on(s).captures_iter(s) {
                found.push((c.get(1).expect("group"), Applicability::Unsafe));
            }
        }
        for (m, applicability) in found {
            let Some(y) = super::util::year(m.as_str()) else {
                continue;
            };
            if y >= next || y < year - 1 {
                continue;
            }
            let span = t.compact.span(m.start(), m.end());
            out.push(
                RULE.diag(
                    span,
                    format!("{year}年度报告中对下一年工作的展望应为{next}年，此处写作{y}年"),
                )
                .with_primary_label(format!("应为{next}年"))
                .with_fix(Fix::replace(
                    format!("改为{next}年"),
                    applicability,
                    span,
                    next.to_string(),
                )),
            );
        }
    }
}

/// The patterns under regex-lite find what they found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{line, same, same_on_corpus, slots};
    use proptest::prelude::*;

    const SLOTS: &[&[&str]] = &[
        &["", "。", "，", "展望", "；", "字"],
        &["2025", "２０２５", "202", "20251"],
        &["年", "年度", ""],
        &["，", ",", "", "。"],
        &["我局", "本单位", "我", "", "他们"],
        &["", "将", "也", "在新的一年里，", "一直"],
        &[
            "将继续",
            "将进一步",
            "将",
            "计划",
            "拟",
            "准备",
            "将加大",
            "将政务公开",
        ],
    ];
    const WORDS: &[&str] = &[
        "展望",
        "我局",
        "本机关",
        "将继续",
        "计划",
        "拟",
        "准备",
        "将",
    ];

    #[test]
    fn fixtures() {
        same_on_corpus(OUTLOOK_PATTERN);
        same_on_corpus(PLAN_PATTERN);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(WORDS), t in slots(SLOTS)) {
            for p in [OUTLOOK_PATTERN, PLAN_PATTERN] {
                same(p, &s);
                same(p, &t);
            }
        }
    }
}
