//! T001: the 勾稽关系 of table 三: 一 + 二 = 三（七）总计 + 四, in every column.

use super::util::row_totals_broken;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::relations::{Balance, Relation};
use crate::template::{T3Column, T3Row};

pub static RULE: Rule = Rule {
    code: "T001",
    name: "unbalanced-applications",
    severity: Severity::Error,
    fixable: true,
    check,
};

/// The rows of table 三 the balance adds up: 一 + 二 = 三（七）+ 四.
fn balance_row(row: T3Row) -> bool {
    matches!(
        row,
        T3Row::NewlyReceived | T3Row::CarriedOver | T3Row::OutcomeTotal | T3Row::CarriedForward
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let rels = ctx.relations();
    for r in rels {
        let Relation::Balance { column, balance } = r else {
            continue;
        };
        if balance.holds() != Some(false) {
            continue;
        }
        if *column == T3Column::Total && row_totals_broken(rels, balance_row) {
            continue; // T002 reports the row whose total is wrong
        }
        out.push(diagnostic(*column, balance));
    }
}

fn diagnostic(column: T3Column, b: &Balance) -> Diagnostic {
    let (l, rs) = (b.incoming().unwrap_or(0), b.outgoing().unwrap_or(0));
    let outcome = &b.outcome_total;
    let mut d = RULE
        .diag(
            outcome.cell.span,
            format!(
                "表三「{}」列勾稽关系不平衡：一+二＝{l}，三（七）总计+四＝{rs}",
                column.label()
            ),
        )
        .with_primary_label(format!("三（七）总计 {}", outcome.cell.int().unwrap_or(0)));
    for t in b
        .terms()
        .into_iter()
        .filter(|t| t.cell.span != outcome.cell.span)
    {
        d = d.with_label(t.cell.span, super::util::term_label(t));
    }
    let want = l - outcome.cell.int().unwrap_or(0);
    if want >= 0 {
        d = d.with_fix(Fix::replace(
            format!(
                "将「{}」（{}列）改为 {want}",
                T3Row::CarriedForward.spec().label(),
                column.label()
            ),
            Applicability::Unsafe,
            b.carried_forward.cell.span,
            want.to_string(),
        ));
    }
    d.with_note(format!("一＋二 应等于 三（七）总计＋四：{}", b.describe()))
}
