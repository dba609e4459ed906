//! T002: a table 三 row whose 总计 is not the sum of the six applicant columns.

use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::Relation;

pub static RULE: Rule = Rule {
    code: "T002",
    name: "row-total-mismatch",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx.relations() {
        let Relation::RowTotal { row, sum } = r else {
            continue;
        };
        if sum.holds() != Some(false) {
            continue;
        }
        let message = format!(
            "表三「{}」行：总计为{}，但六类申请人之和为{}",
            row.spec().label(),
            sum.total.value().unwrap_or(0),
            sum.parts_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, sum, message, "将总计改为"));
    }
}
