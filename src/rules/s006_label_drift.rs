//! S006: a table row label that differs from the template.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::Row;
use crate::template::{TABLE2_ROWS, TABLE3_ROWS};

pub static RULE: Rule = Rule {
    code: "S006",
    name: "label-drift",
    severity: Severity::Warning,
    fixable: true,
    check,
};

/// `canonical` is made only for a drifted label (most labels are exact).
fn drift(ctx: &Context, row: &Row, canonical: impl FnOnce() -> String, out: &mut Vec<Diagnostic>) {
    if row.label.exact {
        return;
    }
    let canonical = canonical();
    let written = &ctx.text[row.label.span.range()];
    let mut d = RULE
        .diag(
            row.label.span,
            format!(
                "行标签「{}」与模板不一致，应为「{canonical}」",
                row.label.text
            ),
        )
        .with_primary_label(format!("应为「{canonical}」"));
    // Only a label on one line is replaced: a wrapped one may enclose other cells.
    if !written.contains('\n') {
        d = d.with_fix(Fix::replace(
            format!("改为「{canonical}」"),
            Applicability::Safe,
            row.label.span,
            canonical,
        ));
    }
    out.push(d);
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(t) = &ctx.report.active {
        for (i, row) in t.rows.iter().enumerate() {
            if let Some(row) = row {
                drift(ctx, row, || TABLE2_ROWS[i].text.to_string(), out);
            }
        }
    }
    if let Some(t) = &ctx.report.applications {
        for (i, row) in t.rows.iter().enumerate() {
            if let Some(row) = row {
                drift(ctx, row, || TABLE3_ROWS[i].label(), out);
            }
        }
    }
}
