//! X001: this year's 上年结转 against last year's 结转下年度, per column.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_FORWARD, TABLE3_CARRIED_OVER, TABLE3_COLUMNS};

pub static RULE: Rule = Rule {
    code: "X001",
    name: "carry-over-across-years",
    severity: Severity::Error,
    summary: "Table 三 row 二 (上年结转) differs from row 四 of last year's report",
    explanation: r#"## What it checks
Given the same body's report for the previous year (`--previous FILE`, or found among the
files checked together), that this year's `二、上年结转政府信息公开申请数量` equals last year's
`四、结转下年度继续办理`, column by column.

## Why it matters
Applications carried forward at the end of one year are exactly those carried over at the
start of the next. A difference means applications were lost or invented between reports.

## Example
2023 report row 四 总计 2; 2024 report row 二 总计 0.

## How to fix
Correct this year's row 二 (or last year's report, if that was wrong).
"#,
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
