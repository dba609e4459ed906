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
    summary: "Table 三: （七）总计 differs from the sum of the outcome rows in a column",
    explanation: r#"## What it checks
In every column of table 三, `（七）总计` equals （一）予以公开 + （二）部分公开 + the eight rows of
（三）不予公开 + the three of （四）无法提供 + the five of （五）不予处理 + the three of （六）其他处理.

## Why it matters
（七）总计 is the number of applications concluded; the 勾稽关系 (T001) rests on it. A total
that is not the sum of the outcomes means an outcome is missing or double-counted.

## Example
（一）予以公开 30, （四）1 本机关不掌握 2, （四）2 没有现成信息 1, everything else 0, but
（七）总计 32.

## How to fix
Recount the outcomes; the offered fix (unsafe) sets （七）总计 to their sum.
"#,
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
