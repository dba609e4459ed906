//! S005: sections 二, 三, 四 without their statistical table.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S005",
    name: "missing-table",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let tables = [
        (2u8, r.active.is_some(), "表二（主动公开政府信息情况）"),
        (
            3,
            r.applications.is_some(),
            "表三（收到和处理政府信息公开申请情况）",
        ),
        (4, r.review.is_some(), "表四（行政复议、行政诉讼情况）"),
    ];
    for (index, present, name) in tables {
        // Table words without a table read: E001 says it could not be read.
        if present || super::util::unread_table_words(ctx.text, r, index) {
            continue;
        }
        if let Some(s) = r.section(index) {
            let spec = &SECTIONS[index as usize - 1];
            out.push(RULE.diag(
                s.heading_span,
                format!("第{}部分中没有找到{name}", spec.numeral),
            ));
        }
    }
}
