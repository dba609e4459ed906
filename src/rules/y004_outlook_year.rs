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
    fixable: true,
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
