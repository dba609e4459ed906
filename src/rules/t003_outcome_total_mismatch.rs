//! T003: （七）总计 is not the sum of the outcome rows.

use super::util::row_totals_broken;
use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::RelationKind;
use crate::template::{
    TABLE3_COLUMNS, TABLE3_OUTCOME_ROWS, TABLE3_OUTCOME_TOTAL, TABLE3_TOTAL_COLUMN,
};

pub static RULE: Rule = Rule {
    code: "T003",
    name: "outcome-total-mismatch",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let rels = ctx.relations();
    let rows: Vec<usize> = TABLE3_OUTCOME_ROWS.chain([TABLE3_OUTCOME_TOTAL]).collect();
    for r in rels.iter().filter(|r| r.kind == RelationKind::OutcomeTotal) {
        if r.holds() != Some(false) {
            continue;
        }
        let col = r.column.unwrap_or(0);
        if col == TABLE3_TOTAL_COLUMN && row_totals_broken(rels, &rows) {
            continue; // T002 reports the row whose total is wrong
        }
        let message = format!(
            "表三「{}」列：（七）总计为{}，但各项办理结果之和为{}",
            TABLE3_COLUMNS[col],
            r.lhs_sum().unwrap_or(0),
            r.rhs_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, r, message, "将（七）总计改为"));
    }
}
