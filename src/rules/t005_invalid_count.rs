//! T005: a count cell that is blank, a dash, text, negative or fractional.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cell, CellValue, Row};
use crate::template::{
    t4_cell, T3Group, T3Row, T4Group, T4Result, TABLE2_ADMIN_FEES, TABLE2_ROWS, TABLE3_COLUMNS,
    TABLE4_RESULTS,
};

pub static RULE: Rule = Rule {
    code: "T005",
    name: "invalid-count",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn problem(v: &CellValue, decimal_ok: bool) -> Option<&'static str> {
    match v {
        CellValue::Int(n) if *n < 0 => Some("负数"),
        CellValue::Int(_) => None,
        CellValue::Decimal(d) if *d < 0.0 => Some("负数"),
        CellValue::Decimal(_) if decimal_ok => None,
        CellValue::Decimal(_) => Some("小数"),
        CellValue::Blank => Some("空白"),
        CellValue::Dash(_) => Some("横线或斜线"),
        CellValue::Text(_) => Some("文字"),
    }
}

fn describe(cell: &Cell, why: &str) -> String {
    match &cell.value {
        CellValue::Blank => why.to_string(),
        v => format!(
            "{why}「{}」",
            match v {
                CellValue::Int(n) => n.to_string(),
                CellValue::Decimal(d) => d.to_string(),
                CellValue::Dash(s) | CellValue::Text(s) => s.clone(),
                CellValue::Blank => String::new(),
            }
        ),
    }
}

/// One diagnostic per row, labelling each bad cell.
fn row_check(
    table: &str,
    label: &str,
    row: &Row,
    columns: &[&str],
    decimal_ok: &dyn Fn(usize) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let bad: Vec<(usize, &Cell, &str)> = row
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| problem(&c.value, decimal_ok(i)).map(|w| (i, c, w)))
        .collect();
    let Some(&(_, first, why)) = bad.first() else {
        return;
    };
    let mut d = RULE.diag(
        first.span,
        format!(
            "{table}「{label}」行有{}个单元格不是有效数字（{}）",
            bad.len(),
            describe(first, why)
        ),
    );
    d.primary_label = format!(
        "{}：{}",
        columns.get(bad[0].0).unwrap_or(&""),
        describe(first, why)
    );
    for &(i, c, w) in &bad[1..] {
        d = d.with_label(
            c.span,
            format!("{}：{}", columns.get(i).unwrap_or(&""), describe(c, w)),
        );
    }
    out.push(d.with_note("没有发生的数量应填写 0，不应留空或填写“/”“—”"));
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if let Some(t) = &r.active {
        for (i, row) in t.rows.iter().enumerate() {
            let Some(row) = row else { continue };
            let fees = crate::template::TABLE2_OFFSETS[i] == TABLE2_ADMIN_FEES;
            row_check(
                "表二",
                TABLE2_ROWS[i].text,
                row,
                TABLE2_ROWS[i].columns,
                &|_| fees,
                out,
            );
        }
    }
    if let Some(t) = &r.applications {
        for (key, row) in T3Row::ALL.into_iter().zip(&t.rows) {
            if let Some(row) = row {
                row_check(
                    "表三",
                    &key.spec().label(),
                    row,
                    &TABLE3_COLUMNS,
                    &|_| false,
                    out,
                );
            }
        }
        if let Some(row) = &t.legacy_other {
            row_check(
                "表三",
                T3Group::OtherHandling.label(),
                row,
                &TABLE3_COLUMNS,
                &|_| false,
                out,
            );
        }
    }
    if let Some(t) = &r.review {
        if t.cells.len() == crate::template::TABLE4_LEN {
            for group in T4Group::ALL {
                let row = Row {
                    label: crate::model::RowLabel {
                        text: group.label().to_string(),
                        span: t.span,
                        exact: true,
                    },
                    cells: T4Result::ALL
                        .map(|r| t.cells[t4_cell(group, r)].clone())
                        .to_vec(),
                };
                row_check(
                    "表四",
                    group.label(),
                    &row,
                    &TABLE4_RESULTS,
                    &|_| false,
                    out,
                );
            }
        }
    }
}
