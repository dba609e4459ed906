//! T005: a count cell that is blank, a dash, text, negative or fractional.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{ActiveTable, ApplicationsTable, Cell, CellValue, ReviewTable};
use crate::template::{
    t4_cell, T3Group, T3Row, T4Group, T4Result, TABLE2_ADMIN_FEES, TABLE2_OFFSETS, TABLE2_ROWS,
    TABLE3_COLUMNS, TABLE4_LEN, TABLE4_RESULTS,
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

/// One diagnostic per row, labelling each bad cell. `decimal_ok`: the row is
/// an amount (万元), not a count. `label` is made only for a row with a bad
/// cell (nearly every row has none).
fn row_check<L: AsRef<str>>(
    table: &str,
    label: impl FnOnce() -> L,
    cells: &[Cell],
    columns: &[&str],
    decimal_ok: bool,
    out: &mut Vec<Diagnostic>,
) {
    if !cells
        .iter()
        .any(|c| problem(&c.value, decimal_ok).is_some())
    {
        return;
    }
    let bad: Vec<(usize, &Cell, &str)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| problem(&c.value, decimal_ok).map(|w| (i, c, w)))
        .collect();
    let (label, &(_, first, why)) = (label(), &bad[0]);
    let label = label.as_ref();
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
        active(t, out);
    }
    if let Some(t) = &r.applications {
        applications(t, out);
    }
    if let Some(t) = &r.review {
        review(t, out);
    }
}

/// Table 二: counts, and the 行政事业性收费 amount (万元, may have decimals).
fn active(t: &ActiveTable, out: &mut Vec<Diagnostic>) {
    for (i, row) in t.rows.iter().enumerate() {
        let Some(row) = row else { continue };
        let (spec, fees) = (&TABLE2_ROWS[i], TABLE2_OFFSETS[i] == TABLE2_ADMIN_FEES);
        row_check("表二", || spec.text, &row.cells, spec.columns, fees, out);
    }
}

/// Table 三: every row read, and the 2019 form's single （六） row.
fn applications(t: &ApplicationsTable, out: &mut Vec<Diagnostic>) {
    for (key, row) in T3Row::ALL.into_iter().zip(&t.rows) {
        if let Some(row) = row {
            let label = || key.spec().label();
            row_check("表三", label, &row.cells, &TABLE3_COLUMNS, false, out);
        }
    }
    if let Some(row) = &t.legacy_other {
        let label = T3Group::OtherHandling.label();
        row_check("表三", || label, &row.cells, &TABLE3_COLUMNS, false, out);
    }
}

/// Table 四, group by group (each group's five results are consecutive cells).
fn review(t: &ReviewTable, out: &mut Vec<Diagnostic>) {
    if t.cells.len() != TABLE4_LEN {
        return;
    }
    for group in T4Group::ALL {
        let cells = &t.cells[t4_cell(group, T4Result::Upheld)..=t4_cell(group, T4Result::Total)];
        row_check("表四", || group.label(), cells, &TABLE4_RESULTS, false, out);
    }
}
