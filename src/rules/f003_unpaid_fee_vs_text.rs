//! F003: fee notices counted in table 三 while the text says fees never arose.

use super::{fees, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_FEE_UNPAID, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "F003",
    name: "unpaid-fee-vs-text",
    severity: Severity::Error,
    summary:
        "Table 三 row （六）2 (fee notice unpaid) is non-zero but the text says fees never arose",
    explanation: r#"## What it checks
Table 三 row `（六）2.申请人逾期未按收费通知要求缴纳费用…` counts applications abandoned after a
fee notice. If it is non-zero, fee notices were sent; the text cannot then say that no fee
ever arose (`未达到收费标准`, `不涉及信息处理费`, `未发出收费通知`).

## Why it matters
国办函〔2020〕109号: an applicant who does not pay within 20 working days of the notice is taken
to have abandoned the application. The row and the text describe the same notices.

## Example
（六）2 总计 3, and section 六: `本年度申请未达到收费标准，故未收取信息处理费`.

## How to fix
Say that fee notices were sent and not paid (no fee was collected), or correct the row.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(cell) = ctx.report.app_cell(TABLE3_FEE_UNPAID, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let Some(n) = cell.int().filter(|n| *n > 0) else {
        return;
    };
    for span in fees::never_arose(ctx) {
        out.push(
            RULE.diag(span, format!("正文称未产生收费，但表三「（六）2.申请人逾期未按收费通知要求缴纳费用」为{n}，说明发出过收费通知"))
                .with_label(cell.span, format!("（六）2 总计 {n}")),
        );
    }
}
