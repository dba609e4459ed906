//! S008: the 2019 trial form of table 三 (one （六）其他处理 row) in a report for 2021 or later.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S008",
    name: "superseded-applications-table",
    severity: Severity::Warning,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(t) = &ctx.report.applications else {
        return;
    };
    let (Some(row), Some(year)) = (&t.legacy_other, ctx.year()) else {
        return;
    };
    if year >= 2021 {
        out.push(
            RULE.diag(row.label.span, format!("{year}年度报告的表三仍使用2019年试行格式：「（六）其他处理」应分为三行"))
                .with_note("2021年格式：1.申请人无正当理由逾期不补正… 2.申请人逾期未按收费通知要求缴纳费用… 3.其他"),
        );
    }
}
