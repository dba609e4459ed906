//! X001: this year's 上年结转 against last year's 结转下年度, per column.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_FORWARD, TABLE3_CARRIED_OVER, TABLE3_COLUMNS};

pub static RULE: Rule = Rule {
    code: "X001",
    name: "carry-over-across-years",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((prev, year)) = super::util::previous_year(ctx) else {
        return;
    };
    for (col, name) in TABLE3_COLUMNS.iter().enumerate() {
        let (Some(cur), Some(last)) = (
            ctx.report.app_cell(TABLE3_CARRIED_OVER, col),
            prev.report.app_int(TABLE3_CARRIED_FORWARD, col),
        ) else {
            continue;
        };
        let Some(now) = cur.int() else { continue };
        if now != last {
            out.push(
                RULE.diag(
                    cur.span,
                    format!(
                        "上年结转（{name}）为{now}，但{}年度报告的「结转下年度继续办理」为{last}",
                        year - 1
                    ),
                )
                .with_primary_label(format!("应为 {last}")),
            );
        }
    }
}
