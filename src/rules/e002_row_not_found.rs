//! E002: a template row that the table does not have.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE2_ROWS, TABLE3_OTHER_SUBROWS, TABLE3_ROWS};

pub static RULE: Rule = Rule {
    code: "E002",
    name: "row-not-found",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if let Some(t) = &r.active {
        for (i, row) in t.rows.iter().enumerate() {
            if row.is_none() && !t.problems.iter().any(|p| p.row == Some(i)) {
                out.push(RULE.diag(
                    t.span,
                    format!("表二中找不到「{}」这一行", TABLE2_ROWS[i].text),
                ));
            }
        }
    }
    if let Some(t) = &r.applications {
        for (i, row) in t.rows.iter().enumerate() {
            let legacy_gap = t.legacy_other.is_some() && TABLE3_OTHER_SUBROWS.contains(&i);
            if row.is_none() && !legacy_gap && !t.problems.iter().any(|p| p.row == Some(i)) {
                out.push(RULE.diag(
                    t.span,
                    format!("表三中找不到「{}」这一行", TABLE3_ROWS[i].label()),
                ));
            }
        }
    }
}
