//! Hover: on a table number, where it sits and the sums it takes part in; on
//! a diagnostic's range, what the rule checks and why.

use crate::model::{Cell, Report, Row};
use crate::relations;
use crate::rules;
use crate::span::Span;
use crate::template::{
    T3Column, T3Group, T3Row, T4Group, T4Result, Table, TABLE2_ROWS, TABLE3_GROUPS,
    TABLE3_LEGAL_PERSONS,
};

use super::analysis::Analysis;

/// A table cell and where it sits, in the template's words.
pub struct CellAt<'a> {
    pub table: String,
    pub row: String,
    pub column: String,
    pub cell: &'a Cell,
}

/// The same test `relations::involving` uses, so that a hover finds a cell
/// exactly when it finds the cell's relations (an empty cell sits at its start).
fn hits(cell: &Cell, offset: usize) -> bool {
    cell.span.contains(offset) || cell.span.start == offset
}

fn table3_row_name(row: T3Row) -> String {
    let spec = row.spec();
    match spec.group {
        // Row 三 itself is a header: name the sub-group a numbered row sits in.
        Some(g) if g > 0 => format!("{} · {}", TABLE3_GROUPS[g], spec.label()),
        _ => spec.label(),
    }
}

fn table3_column_name(column: T3Column) -> String {
    match column {
        T3Column::NaturalPerson | T3Column::Total => column.label().to_string(),
        // The five columns under the 法人或其他组织 header.
        _ => format!("{TABLE3_LEGAL_PERSONS} · {}", column.label()),
    }
}

/// The cell of a table-三 row at `offset`, and its column.
fn table3_cell_at(row: &Row, offset: usize) -> Option<(T3Column, &Cell)> {
    T3Column::ALL
        .into_iter()
        .zip(&row.cells)
        .find(|(_, c)| hits(c, offset))
}

pub fn cell_at(report: &Report, offset: usize) -> Option<CellAt<'_>> {
    if let Some(t) = &report.applications {
        for (r, row) in T3Row::ALL.into_iter().zip(&t.rows) {
            let Some(row) = row else { continue };
            if let Some((c, cell)) = table3_cell_at(row, offset) {
                return Some(CellAt {
                    table: Table::Applications.label(),
                    row: table3_row_name(r),
                    column: table3_column_name(c),
                    cell,
                });
            }
        }
        if let Some(row) = &t.legacy_other {
            if let Some((c, cell)) = table3_cell_at(row, offset) {
                return Some(CellAt {
                    table: Table::Applications.label(),
                    row: format!("{}（2019年试行格式）", T3Group::OtherHandling.label()),
                    column: table3_column_name(c),
                    cell,
                });
            }
        }
    }
    if let Some(t) = &report.active {
        for (i, row) in t.rows.iter().enumerate() {
            let Some(row) = row else { continue };
            let spec = &TABLE2_ROWS[i];
            if let Some((c, cell)) = row.cells.iter().enumerate().find(|(_, c)| hits(c, offset)) {
                return Some(CellAt {
                    table: Table::Active.label(),
                    row: format!("{} · {}", spec.block, spec.text),
                    column: spec.columns.get(c).copied().unwrap_or("?").to_string(),
                    cell,
                });
            }
        }
    }
    if let Some(t) = &report.review {
        if let Some((i, cell)) = t.cells.iter().enumerate().find(|(_, c)| hits(c, offset)) {
            return Some(CellAt {
                table: Table::Review.label(),
                row: T4Group::of_cell(i).map_or("?", T4Group::label).to_string(),
                column: T4Result::of_cell(i).label().to_string(),
                cell,
            });
        }
    }
    None
}

/// The hover text at `offset` and the span it is about, or `None` when there
/// is nothing to say there.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<(String, Span)> {
    let report = &analysis.output.report;
    let mut parts = Vec::new();
    let mut span: Option<Span> = None;

    if let Some(at) = cell_at(report, offset) {
        let written = analysis
            .text
            .get(at.cell.span.range())
            .filter(|s| !s.is_empty())
            .unwrap_or("（空）");
        let mut s = format!(
            "**{}**\n\n{} · {}：**{}**",
            at.table, at.row, at.column, written
        );
        let rels = relations::relations(report);
        let involved = relations::involving(&rels, at.cell.span.start);
        if !involved.is_empty() {
            s.push_str("\n\n参与的勾稽关系：\n");
            for r in involved {
                s.push_str(&format!("\n- {}", r.describe()));
            }
        }
        parts.push(s);
        span = Some(at.cell.span);
    }

    for d in analysis
        .output
        .diagnostics
        .iter()
        .filter(|d| d.span.contains(offset) || (d.span.is_empty() && d.span.start == offset))
    {
        let mut s = format!("**{} {}**：{}", d.code, d.name, d.message);
        for note in &d.notes {
            s.push_str(&format!("\n\n注：{note}"));
        }
        if let Some(rule) = rules::find(d.code) {
            s.push_str(&format!(
                "\n\n*{}*\n\n{}",
                rule.summary(),
                rule.explanation()
            ));
        }
        parts.push(s);
        // On a cell the hover is about the cell; elsewhere about the finding.
        span = span.or(Some(d.span));
    }

    Some((parts.join("\n\n---\n\n"), span?))
}
