//! F003: fee notices counted in table 三 while the text says fees never arose.

use super::{fees, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_FEE_UNPAID, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "F003",
    name: "unpaid-fee-vs-text",
    severity: Severity::Error,
    fixable: false,
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
