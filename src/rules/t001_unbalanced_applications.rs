//! T001: the 勾稽关系 of table 三: 一 + 二 = 三（七）总计 + 四, in every column.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::relations::{Relation, RelationKind};
use crate::template::{TABLE3_COLUMNS, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "T001",
    name: "unbalanced-applications",
    severity: Severity::Error,
    fixable: true,
    check,
};

/// Whether the 总计 column's balance is already explained by a broken row total.
pub fn row_totals_broken<'a>(rels: &[Relation<'a>], rows: &[usize]) -> bool {
    rels.iter().any(|r| {
        r.kind == RelationKind::RowTotal
            && r.row.is_some_and(|x| rows.contains(&x))
            && r.holds() == Some(false)
    })
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let rels = ctx.relations();
    for r in rels.iter().filter(|r| r.kind == RelationKind::Balance) {
        if r.holds() != Some(false) {
            continue;
        }
        let col = r.column.unwrap_or(0);
        if col == TABLE3_TOTAL_COLUMN && row_totals_broken(rels, &[0, 1, 23, 24]) {
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
