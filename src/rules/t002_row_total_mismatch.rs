//! T002: a table 三 row whose 总计 is not the sum of the six applicant columns.

use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::RelationKind;
use crate::template::TABLE3_ROWS;

pub static RULE: Rule = Rule {
    code: "T002",
    name: "row-total-mismatch",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::RowTotal)
    {
        if r.holds() != Some(false) {
            continue;
        }
        let row = r.row.unwrap_or(0);
        let message = format!(
            "表三「{}」行：总计为{}，但六类申请人之和为{}",
            TABLE3_ROWS[row].label(),
            r.lhs_sum().unwrap_or(0),
            r.rhs_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, r, message, "将总计改为"));
    }
}
