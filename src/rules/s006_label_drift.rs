//! S006: a table row label that differs from the template.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::Row;
use crate::template::{TABLE2_ROWS, TABLE3_ROWS};

pub static RULE: Rule = Rule {
    code: "S006",
    name: "label-drift",
    severity: Severity::Warning,
    summary: "A table row label differs from the template's wording",
    explanation: r#"## What it checks
That the row labels of tables 二 and 三 use the template's wording. Differences of spacing,
full/half-width punctuation and numbering style (`1.`/`1、`) are ignored; shortened labels
and misspellings are reported with the canonical label.

## Why it matters
The labels are defined by the national format (国办公开办函〔2021〕30号); a shortened label
can change the meaning. `规范性文件` is wider than `行政规范性文件`, the category 第二十条第（一）项
asks for; a misspelling such as `其他法律行政止公开` makes the table look careless.

## Example
`规范性文件` in table 二 should be `行政规范性文件`.

## How to fix
Use the template's label. `xxgk check --fix` replaces it when the label sits on one line.
"#,
    check,
};

fn drift(ctx: &Context, row: &Row, canonical: String, out: &mut Vec<Diagnostic>) {
    if row.label.exact {
        return;
    }
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
                drift(ctx, row, TABLE2_ROWS[i].text.to_string(), out);
            }
        }
    }
    if let Some(t) = &ctx.report.applications {
        for (i, row) in t.rows.iter().enumerate() {
            if let Some(row) = row {
                drift(ctx, row, TABLE3_ROWS[i].label(), out);
            }
        }
    }
}
