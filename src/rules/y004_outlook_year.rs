//! Y004: next year's plans dated to the report year.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::template::SECTION_IMPROVEMENTS;
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "Y004",
    name: "outlook-year",
    severity: Severity::Warning,
    summary: "Plans for the next year are dated to the report year (展望Y年 in the report for Y)",
    explanation: r#"## What it checks
Statements of next year's plans — `展望2025年`, or in section 五 `2025年，我局将…` — that
name the report year (or an earlier one) instead of the next year. The report for year Y is
published in Y+1 and plans for Y+1. `将` counts as a plan only before a verb of intent
(`将继续`, `将进一步`…): `2024年，我局将政务公开纳入考核` tells of the past.

## Why it matters
Section 五 reports the year's problems and the improvements planned for the next year. A plan
dated to the year already over was copied from last year's report, or the year was never
updated.

## Example
`展望2024年，为进一步提升政府信息公开与政务公开工作的成效，我单位将…` in the 2024 report:
should be 2025.

## How to fix
Write the next year. `展望Y年` is fixed by `xxgk check --fix`; other phrasings are offered
as an unsafe fix.
"#,
    check,
};

static OUTLOOK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"展望(\d{4})年").unwrap());
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    // 将 only as "will": `我局将政务公开纳入考核` (将 = 把) tells of the past.
    Regex::new(r"(?:^|[，。；：])(\d{4})年度?[，,]?(?:我|本)[^，。；]{0,10}(?:将(?:继续|进一步|持续|着力|不断|全面|深入|重点|切实|坚持|围绕|聚焦|积极|大力|认真|加强|加大|完善|推动|推进)|计划|拟|准备)")
        .unwrap()
});

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.year() else { return };
    let next = year + 1;
    for t in ctx.texts() {
        let in_five =
            super::util::section_index(ctx.report, t.sentence) == Some(SECTION_IMPROVEMENTS);
        let mut found: Vec<(regex::Match, Applicability)> = Vec::new();
        // The pattern needs 展望: a cheap test before the regex.
        if let Some(c) = t
            .str()
            .contains("展望")
            .then(|| OUTLOOK.captures(t.str()))
            .flatten()
        {
            found.push((c.get(1).expect("group"), Applicability::Safe));
        }
        if in_five {
            for c in PLAN.captures_iter(t.str()) {
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
            let span = t.span(m);
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
