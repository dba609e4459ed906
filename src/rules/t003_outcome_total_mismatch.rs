//! T003: （七）总计 is not the sum of the outcome rows.

use super::util::row_totals_broken;
use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::Relation;
use crate::template::{T3Column, T3Row};

pub static RULE: Rule = Rule {
    code: "T003",
    name: "outcome-total-mismatch",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let rels = ctx.relations();
    for r in rels {
        let Relation::OutcomeTotal { column, sum } = r else {
            continue;
        };
        if sum.holds() != Some(false) {
            continue;
        }
        let summed = |row: T3Row| row.is_outcome() || row == T3Row::OutcomeTotal;
        if *column == T3Column::Total && row_totals_broken(rels, summed) {
            continue; // T002 reports the row whose total is wrong
        }
        let message = format!(
            "表三「{}」列：（七）总计为{}，但各项办理结果之和为{}",
            column.label(),
            sum.total.value().unwrap_or(0),
            sum.parts_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, sum, message, "将（七）总计改为"));
    }
}
