//! Rebuild a ruled table's grid from its drawn cells, and put each glyph in
//! the cell that holds it.
//!
//! Every distinct left/right edge of a cell is a column boundary and every
//! distinct top/bottom edge a row boundary (as Word's own table grid is the
//! union of all its rows' cell edges). A cell that covers several grid slots
//! is a merged cell: its text goes in its top-left slot and the slots it
//! covers are left empty, which is what the .docx reader gives for Word's
//! `gridSpan` / `vMerge` cells.

use super::extract::{CellBox, Glyph, RuledTable};
use super::lines::{join_lines, text_lines};

/// Edges closer than this (in points) are the same edge: Word draws a cell
/// border once per cell, and adjacent cells' borders differ by fractions of a
/// point.
const SNAP: f64 = 2.0;

/// One table fragment as it appears on one page.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Rows of cell texts, every row as wide as the grid.
    pub rows: Vec<Vec<String>>,
    pub top: f64,
}

/// Build the grid of `table` and fill it with the glyphs inside it.
pub fn build(table: &RuledTable, glyphs: &[&Glyph]) -> Grid {
    let xs = boundaries(table.cells.iter().flat_map(|c| [c.x0, c.x1]));
    let ys = boundaries(table.cells.iter().flat_map(|c| [c.top, c.bottom]));
    let (ncols, nrows) = (xs.len().saturating_sub(1), ys.len().saturating_sub(1));
    let mut rows = vec![vec![String::new(); ncols]; nrows];
    for cell in &table.cells {
        let (c0, c1) = (slot(&xs, cell.x0), slot(&xs, cell.x1));
        let (r0, r1) = (slot(&ys, cell.top), slot(&ys, cell.bottom));
        if c1 <= c0 || r1 <= r0 {
            continue;
        }
        rows[r0][c0] = cell_text(cell, glyphs);
    }
    // A row of nothing is a double ruling or a spacer, not a table row.
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    Grid {
        rows,
        top: table.bbox.top,
    }
}

/// Sorted, de-duplicated edge positions.
fn boundaries(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::with_capacity(v.len());
    for x in v {
        match out.last() {
            Some(&last) if x - last <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

/// Index of the boundary nearest to `x`.
fn slot(bounds: &[f64], x: f64) -> usize {
    bounds
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// The text of one cell: its glyphs (by their centres) as lines, the lines
/// joined. A cell's line breaks are the writer's wrapping (a label too long
/// for the column, a group label printed one character a line, even `3`/`0`
/// of a number in a narrow column), so they are joined without a separator.
fn cell_text(cell: &CellBox, glyphs: &[&Glyph]) -> String {
    let inside: Vec<&Glyph> = glyphs
        .iter()
        .copied()
        .filter(|g| cell.contains(g.cx(), g.cy()))
        .collect();
    let lines = text_lines(&inside);
    join_lines(lines.iter().map(|l| l.text.as_str()))
}

/// True when a cell holds a count or an amount.
pub fn is_number(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(x0: f64, x1: f64, top: f64, bottom: f64) -> CellBox {
        CellBox {
            x0,
            x1,
            top,
            bottom,
        }
    }

    fn glyph(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.to_string(),
            x0: x,
            x1: x + 10.0,
            top: y,
            bottom: y + 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn merged_cells_keep_text_in_their_first_slot() {
        // A group label merged down two rows beside two item rows.
        let table = RuledTable {
            bbox: cell(0.0, 300.0, 0.0, 40.0),
            cells: vec![
                cell(0.0, 100.0, 0.0, 40.0),
                cell(100.0, 200.0, 0.0, 20.0),
                cell(200.0, 300.0, 0.0, 20.0),
                cell(100.0, 200.0, 20.0, 40.0),
                cell(200.0, 300.0, 20.0, 40.0),
            ],
        };
        // 无法 on one line and 提供 below it, inside the merged cell.
        let glyphs = [
            glyph("无", 10.0, 5.0),
            glyph("法", 20.0, 5.0),
            glyph("提", 10.0, 25.0),
            glyph("供", 20.0, 25.0),
            glyph("1.甲", 110.0, 5.0),
            glyph("7", 210.0, 5.0),
            glyph("2.乙", 110.0, 25.0),
            glyph("3", 210.0, 25.0),
            glyph("0", 220.0, 25.0),
        ];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let grid = build(&table, &refs);
        assert_eq!(
            grid.rows,
            vec![
                vec!["无法提供".to_string(), "1.甲".to_string(), "7".to_string()],
                vec![String::new(), "2.乙".to_string(), "30".to_string()],
            ]
        );
    }

    #[test]
    fn numbers() {
        assert!(is_number("3119"));
        assert!(is_number(" 96171.6 "));
        assert!(!is_number(""));
        assert!(!is_number("（一）"));
    }
}
