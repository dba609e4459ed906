//! S007: the 2019 trial form of table 二 in a report for 2021 or later.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S007",
    name: "superseded-active-table",
    severity: Severity::Warning,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(t) = &ctx.report.active else { return };
    if ctx.year().is_some_and(|y| y >= 2021) {
        if let Some(&first) = t.legacy_markers.first() {
            let mut d = RULE.diag(
                first,
                format!(
                    "{}年度报告的表二仍使用2019年试行格式的栏目「{}」",
                    ctx.year().unwrap_or_default(),
                    &ctx.text[first.range()]
                ),
            );
            for &m in &t.legacy_markers[1..] {
                d = d.with_label(m, "旧格式栏目");
            }
            out.push(d.with_note("自2021年度报告起应使用《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"));
        }
    }
}
