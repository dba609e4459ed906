//! Where a byte of the .docx text view is in Word's terms (第N段, 第N个表格 第R行
//! 第C列), read back from the view's shape (see flatten.rs): a body paragraph is
//! its lines then a blank line; a table row is one line per grid column, each
//! starting with a tab (a cell's later paragraphs follow on lines without one),
//! then a blank line; a table ends with a second blank line.

/// A place a Word user can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordPlace {
    /// The N-th non-empty paragraph outside tables (Word's own count skips empty ones).
    Paragraph(usize),
    /// Table, row and grid column, 1-based.
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
}

impl WordPlace {
    pub fn describe(&self) -> String {
        match self {
            WordPlace::Paragraph(n) => format!("第{n}段"),
            WordPlace::Cell { table, row, col } => {
                format!("第{table}个表格 第{row}行 第{col}列")
            }
        }
    }
}

/// Each place with the byte offset where it starts, ascending.
pub fn places(text: &str) -> Vec<(usize, WordPlace)> {
    let mut out = Vec::new();
    let (mut paragraphs, mut tables) = (0, 0);
    // Inside a row: its table, row and the column of the last cell line.
    let mut cell: Option<(usize, usize, usize)> = None;
    // Blank lines since the last row of the current table (two end the table).
    let mut blanks_after_row: Option<usize> = None;
    let mut in_paragraph = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.is_empty() {
            in_paragraph = false;
            if cell.take().is_some() {
                blanks_after_row = Some(1);
            } else if let Some(b) = blanks_after_row.as_mut() {
                *b += 1;
            }
            continue;
        }
        if body.starts_with('\t') {
            let (t, r, c) = match (cell, blanks_after_row) {
                (Some((t, r, c)), _) => (t, r, c + 1),
                // A new row of the same table after one blank line.
                (None, Some(1)) => {
                    let (t, r) = last_row(&out).unwrap_or((tables, 0));
                    (t, r + 1, 1)
                }
                _ => {
                    tables += 1;
                    (tables, 1, 1)
                }
            };
            cell = Some((t, r, c));
            blanks_after_row = None;
            in_paragraph = false;
            out.push((
                start,
                WordPlace::Cell {
                    table: t,
                    row: r,
                    col: c,
                },
            ));
            continue;
        }
        if cell.is_some() {
            continue; // a cell's later paragraph: the same cell
        }
        blanks_after_row = None;
        if !in_paragraph {
            paragraphs += 1;
            in_paragraph = true;
            out.push((start, WordPlace::Paragraph(paragraphs)));
        }
    }
    out
}

fn last_row(out: &[(usize, WordPlace)]) -> Option<(usize, usize)> {
    out.iter().rev().find_map(|(_, p)| match p {
        WordPlace::Cell { table, row, .. } => Some((*table, *row)),
        WordPlace::Paragraph(_) => None,
    })
}

/// The place holding byte `offset`, if the view has places.
pub fn place_of(places: &[(usize, WordPlace)], offset: usize) -> Option<WordPlace> {
    let n = places.partition_point(|(start, _)| *start <= offset);
    places.get(n.checked_sub(1)?).map(|(_, p)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_table_cells() {
        let text =
            "标题\n\n\n正文一\n续行\n\n\t表头\n\t\n\n\t一\n\t34\n第二段\n\n\n\n正文二\n\n\tA\n\n";
        let at = |s: &str| {
            place_of(&places(text), text.find(s).unwrap())
                .unwrap()
                .describe()
        };
        assert_eq!(at("标题"), "第1段");
        assert_eq!(at("续行"), "第2段");
        assert_eq!(at("表头"), "第1个表格 第1行 第1列");
        assert_eq!(at("34"), "第1个表格 第2行 第2列");
        assert_eq!(at("第二段"), "第1个表格 第2行 第2列");
        assert_eq!(at("正文二"), "第3段");
        assert_eq!(at("\tA"), "第2个表格 第1行 第1列");
    }
}
