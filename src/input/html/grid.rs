//! An HTML table as a grid: `colspan` and `rowspan` expanded the way the
//! .docx reader expands `gridSpan` and `vMerge`, so the parser sees the same
//! thing whichever way the report came. A merged cell's text stands in its
//! first slot; every other slot it covers, to the right or below, is an empty
//! cell.

use super::text::Lines;

/// The HTML standard clamps `colspan` to 1000 and `rowspan` to 65534.
pub(super) const MAX_COLSPAN: usize = 1000;
pub(super) const MAX_ROWSPAN: usize = 65534;
/// Columns beyond this are dropped: no report table is a thousand columns
/// wide, and the limit bounds the work a crafted table can cause per row.
pub(super) const MAX_COLUMNS: usize = 1024;

struct Cell {
    lines: Vec<String>,
    colspan: usize,
    /// 0: to the end of the row group.
    rowspan: usize,
}

pub(super) struct Grid {
    /// The rows rendered so far (see `render`).
    out: String,
    /// Per column, the first row index no longer covered by a cell above.
    busy: Vec<usize>,
    /// Index of the `<tr>` being read, counting rows that turn out empty.
    y: usize,
    row: Option<Vec<Cell>>,
    cell: Option<(Lines, usize, usize)>,
    pub caption: Lines,
    pub in_caption: usize,
}

impl Grid {
    pub fn new() -> Self {
        Grid {
            out: String::new(),
            busy: Vec::new(),
            y: 0,
            row: None,
            cell: None,
            caption: Lines::new(),
            in_caption: 0,
        }
    }

    /// Where text goes now: the open cell, the caption, or nowhere
    /// (whitespace between the tags of a table).
    pub fn target(&mut self) -> Option<&mut Lines> {
        if let Some((lines, _, _)) = self.cell.as_mut() {
            Some(lines)
        } else if self.in_caption > 0 {
            Some(&mut self.caption)
        } else {
            None
        }
    }

    /// A line break in the open cell or caption (`<br>`, `<p>`).
    pub fn end_line(&mut self) {
        if let Some(lines) = self.target() {
            lines.end_line();
        }
    }

    /// `<thead>`, `<tbody>`, `<tfoot>`: row spans do not reach across them.
    pub fn start_group(&mut self) {
        self.end_row();
        self.busy.clear();
    }

    pub fn start_row(&mut self) {
        self.end_row();
        self.row = Some(Vec::new());
    }

    pub fn start_cell(&mut self, colspan: Option<&str>, rowspan: Option<&str>) {
        self.end_cell();
        let colspan = colspan
            .and_then(parse_span)
            .map_or(1, |n| n.clamp(1, MAX_COLSPAN));
        let rowspan = rowspan
            .and_then(parse_span)
            .map_or(1, |n| n.min(MAX_ROWSPAN));
        self.cell = Some((Lines::new(), colspan, rowspan));
    }

    pub fn end_cell(&mut self) {
        let Some((mut lines, colspan, rowspan)) = self.cell.take() else {
            return;
        };
        // A cell outside any `<tr>` cannot happen after the HTML parser has
        // built the tree, which inserts the row; be safe anyway.
        self.row.get_or_insert_with(Vec::new).push(Cell {
            lines: lines.take(),
            colspan,
            rowspan,
        });
    }

    /// Place the row's cells around the slots that cells above still cover.
    pub fn end_row(&mut self) {
        self.end_cell();
        let Some(cells) = self.row.take() else {
            return;
        };
        let y = self.y;
        self.y += 1;
        let mut slots: Vec<Option<String>> = Vec::new();
        let mut x = 0;
        for cell in cells {
            while self.busy.get(x).is_some_and(|&b| b > y) {
                x += 1;
            }
            if x >= MAX_COLUMNS {
                break;
            }
            let span = cell.colspan.min(MAX_COLUMNS - x);
            let until = match cell.rowspan {
                0 => usize::MAX,
                n => y + n,
            };
            if self.busy.len() < x + span {
                self.busy.resize(x + span, 0);
            }
            self.busy[x..x + span].fill(until);
            if slots.len() < x + span {
                slots.resize(x + span, None);
            }
            slots[x] = Some(cell.lines.join("\n"));
            x += span;
        }
        // Slots covered from above after the row's last cell still belong to
        // the row, as Word's vMerge continuation cells do.
        let covered = self.busy.iter().rposition(|&b| b > y).map_or(0, |i| i + 1);
        if slots.len() < covered {
            slots.resize(covered, None);
        }
        if slots.is_empty() {
            return;
        }
        // A line per slot starting with a tab, and a blank line after the row.
        for slot in slots {
            self.out.push('\t');
            if let Some(text) = slot {
                self.out.push_str(&text);
            }
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    /// The table in the text view: its rows and one more blank line; empty
    /// when no row had a cell.
    pub fn render(mut self) -> String {
        self.end_row();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    /// How large the rendered table is so far: a crafted page must not
    /// expand past the limit of the text view.
    pub fn bytes(&self) -> usize {
        self.out.len()
    }
}

/// The HTML "rules for parsing non-negative integers": leading whitespace,
/// an optional `+`, digits; whatever follows the digits is ignored.
fn parse_span(s: &str) -> Option<usize> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let s = s.strip_prefix('+').unwrap_or(s);
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    // Saturate: "99999999999999999999" is as huge as it looks.
    Some(s[..digits].parse::<usize>().unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell as (text, colspan, rowspan).
    type C<'a> = (&'a str, &'a str, &'a str);

    /// Rows of cells; `None` for a row group boundary.
    fn grid(rows: &[Option<&[C]>]) -> String {
        let mut g = Grid::new();
        for row in rows {
            let Some(row) = row else {
                g.start_group();
                continue;
            };
            g.start_row();
            for (text, colspan, rowspan) in row.iter() {
                g.start_cell(Some(colspan), Some(rowspan));
                g.target().unwrap().push(text, false);
            }
        }
        g.render()
    }

    #[test]
    fn colspan_pads_to_the_right_and_rowspan_pads_below() {
        let text = grid(&[
            Some(&[
                ("三、本年度办理结果", "1", "3"),
                ("（一）予以公开", "2", "1"),
                ("30", "", ""),
            ]),
            Some(&[
                ("（三）不予公开", "1", "2"),
                ("1.属于国家秘密", "", ""),
                ("0", "", ""),
            ]),
            Some(&[("2.其他", "", ""), ("0", "", "")]),
        ]);
        assert_eq!(
            text,
            "\t三、本年度办理结果\n\t（一）予以公开\n\t\n\t30\n\n\
             \t\n\t（三）不予公开\n\t1.属于国家秘密\n\t0\n\n\
             \t\n\t\n\t2.其他\n\t0\n\n\n"
        );
    }

    #[test]
    fn a_rowspan_past_the_last_cell_still_pads_the_row() {
        let text = grid(&[
            Some(&[("a", "", ""), ("总计", "", "2")]),
            Some(&[("b", "", "")]),
        ]);
        assert_eq!(text, "\ta\n\t总计\n\n\tb\n\t\n\n\n");
    }

    #[test]
    fn rowspan_zero_reaches_the_end_of_its_row_group_only() {
        let text = grid(&[
            Some(&[("x", "", "0"), ("1", "", "")]),
            Some(&[("2", "", "")]),
            None,
            Some(&[("y", "", ""), ("3", "", "")]),
        ]);
        assert_eq!(text, "\tx\n\t1\n\n\t\n\t2\n\n\ty\n\t3\n\n\n");
    }

    #[test]
    fn spans_are_parsed_like_browsers_and_clamped() {
        assert_eq!(parse_span(" +3px"), Some(3));
        assert_eq!(parse_span("abc"), None);
        assert_eq!(parse_span("99999999999999999999999"), Some(usize::MAX));
        let text = grid(&[Some(&[("wide", "4000000000", "99999999")]), Some(&[])]);
        // Clamped to 1000 columns; the empty `<tr>` below is covered by it.
        assert_eq!(text.matches('\t').count(), 2 * MAX_COLSPAN);
        let text = grid(&[Some(&[("a", "0", "")]), Some(&[])]);
        assert_eq!(text, "\ta\n\n\n", "colspan 0 is 1; an empty row is dropped");
    }

    #[test]
    fn columns_past_the_limit_are_dropped() {
        let cells: Vec<(&str, &str, &str)> =
            vec![("c", "1000", ""), ("d", "1000", ""), ("e", "", "")];
        let text = grid(&[Some(&cells)]);
        assert_eq!(text.matches('\t').count(), MAX_COLUMNS);
        assert!(!text.contains('e'));
    }
}
