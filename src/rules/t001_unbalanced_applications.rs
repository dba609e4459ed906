//! T001: the 勾稽关系 of table 三: 一 + 二 = 三（七）总计 + 四, in every column.

use super::util::row_totals_broken;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::relations::RelationKind;
use crate::template::{T3Row, TABLE3_COLUMNS, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "T001",
    name: "unbalanced-applications",
    severity: Severity::Error,
    fixable: true,
    check,
};

/// The rows of table 三 the balance adds up: 一 + 二 = 三（七）+ 四.
const BALANCE_ROWS: [usize; 4] = [
    T3Row::NewlyReceived.index(),
    T3Row::CarriedOver.index(),
    T3Row::OutcomeTotal.index(),
    T3Row::CarriedForward.index(),
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let rels = ctx.relations();
    for r in rels.iter().filter(|r| r.kind == RelationKind::Balance) {
        if r.holds() != Some(false) {
            continue;
        }
        let col = r.column.unwrap_or(0);
        if col == TABLE3_TOTAL_COLUMN && row_totals_broken(rels, &BALANCE_ROWS) {
            continue; // T002 reports the row whose total is wrong
        }
        let (l, rs) = (r.lhs_sum().unwrap_or(0), r.rhs_sum().unwrap_or(0));
        let outcome = &r.rhs[0];
        let mut d = RULE
            .diag(
                outcome.cell.span,
                format!(
                    "表三「{}」列勾稽关系不平衡：一+二＝{l}，三（七）总计+四＝{rs}",
                    TABLE3_COLUMNS[col]
                ),
            )
            .with_primary_label(format!("三（七）总计 {}", outcome.cell.int().unwrap_or(0)));
        for t in r.cells().filter(|t| t.cell.span != outcome.cell.span) {
            d = d.with_label(
                t.cell.span,
                format!("{} {}", t.short, t.cell.int().unwrap_or(0)),
            );
        }
        let forward = r.rhs[1].cell;
        let want = l - outcome.cell.int().unwrap_or(0);
        if want >= 0 && r.rhs.len() == 2 {
            d = d.with_fix(Fix::replace(
                format!(
                    "将「四、结转下年度继续办理」（{}列）改为 {want}",
                    TABLE3_COLUMNS[col]
                ),
                Applicability::Unsafe,
                forward.span,
                want.to_string(),
            ));
        }
        out.push(d.with_note(format!("一＋二 应等于 三（七）总计＋四：{}", r.describe())));
    }
}
