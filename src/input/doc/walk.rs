//! The walk over the main document's characters that writes the text view,
//! in the same layout as the .docx reader: body paragraphs as lines with a
//! blank line after each; a line per table cell starting with a tab, merged
//! cells padded so every row keeps the grid's width; a blank line after each
//! row and one more after the table.

use super::chpx::{Mark, Unseen};
use super::fib::Piece;
use super::papx::{ParaRuns, Props, RowDef};
use super::{u16_at, DocError};

/// The text view can outgrow the characters only through span padding;
/// a crafted table grid must not turn that into gigabytes.
const MAX_OUT_BYTES: usize = 64 * 1024 * 1024;

/// Cell edges closer than this (in twips, 1/1440 inch; 20 ≈ 0.35 mm) are one
/// grid line: rows drawn by hand rarely line up to the twip.
const EDGE_SLACK: i32 = 20;

pub(super) fn flatten(
    word: &[u8],
    pieces: &[Piece],
    paras: &ParaRuns,
    unseen: &Unseen,
) -> Result<String, DocError> {
    let cp1252 = cp1252_table();
    let mut w = Writer::new(paras, unseen);
    for piece in pieces {
        for k in 0..piece.chars {
            let (unit, fc) = if piece.compressed {
                let fc = piece.offset + k;
                (cp1252[word[fc as usize] as usize], fc)
            } else {
                let fc = piece.offset + 2 * k;
                (u16_at(word, fc as usize).unwrap_or(0), fc)
            };
            w.unit(unit, fc)?;
        }
    }
    w.end_table()?;
    Ok(w.out)
}

/// "Compressed" pieces hold cp1252 bytes.
fn cp1252_table() -> [u16; 256] {
    let mut table = [0u16; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        let byte = [b as u8];
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        *slot = s.encode_utf16().next().unwrap_or(0xFFFD);
    }
    table
}

struct Writer<'a> {
    paras: &'a ParaRuns,
    unseen: &'a Unseen,
    out: String,
    /// UTF-16 of the open paragraph.
    para: Vec<u16>,
    /// Open fields, true once past the separator (showing the result).
    fields: Vec<bool>,
    /// Paragraphs of the open cell.
    cell: Vec<String>,
    /// Finished cells of the open row.
    row: Vec<String>,
    /// Finished rows of the open table, with their layouts.
    table: Vec<(Vec<String>, Option<RowDef>)>,
}

impl<'a> Writer<'a> {
    fn new(paras: &'a ParaRuns, unseen: &'a Unseen) -> Self {
        Writer {
            paras,
            unseen,
            out: String::new(),
            para: Vec::new(),
            fields: Vec::new(),
            cell: Vec::new(),
            row: Vec::new(),
            table: Vec::new(),
        }
    }

    fn unit(&mut self, unit: u16, fc: u32) -> Result<(), DocError> {
        match unit {
            // Fields (HYPERLINK, PAGE, TOC…): begin, separator, end. The
            // code before the separator is dropped, the result kept.
            0x13 => self.fields.push(false),
            0x14 => {
                if let Some(showing) = self.fields.last_mut() {
                    *showing = true;
                }
            }
            0x15 => {
                self.fields.pop();
            }
            // Structure marks count even inside a field result (a TOC spans
            // paragraphs).
            0x0D => self.paragraph_end(fc)?,
            0x07 => self.cell_mark(fc)?,
            _ if self.fields.contains(&false) || self.unseen.contains(fc) => {}
            0x09 => self.para.push(u16::from(b'\t')),
            // Line, page and column breaks.
            0x0B | 0x0C | 0x0E => self.para.push(u16::from(b'\n')),
            // Non-breaking hyphen.
            0x1E => self.para.push(u16::from(b'-')),
            // Optional hyphen, picture and object anchors, note and comment
            // references: nothing a reader sees as text.
            0x00..=0x1F => {}
            // Symbol fonts map their glyphs into the private use area,
            // which means nothing as text; a real character is kept.
            0x28 => match self.unseen.at(fc) {
                Some(Mark::Symbol(0xE000..=0xF8FF)) => {}
                Some(Mark::Symbol(real)) => self.para.push(real),
                _ => self.para.push(unit),
            },
            _ => self.para.push(unit),
        }
        Ok(())
    }

    /// A paragraph mark without properties is a body paragraph.
    fn props(&self, fc: u32) -> &'a Props {
        static BODY: Props = Props {
            depth: 0,
            row_end: false,
            row: None,
        };
        self.paras.at(fc).unwrap_or(&BODY)
    }

    /// The open paragraph's text, cleaned as the .docx reader cleans it: in
    /// this view a line starting with a tab is a table cell, so a paragraph
    /// indented with tabs loses them.
    fn take_paragraph(&mut self) -> String {
        let text = String::from_utf16_lossy(&self.para);
        self.para.clear();
        // A field whose code never reached its separator is broken; it must
        // not hide the rest of the document.
        self.fields.retain(|&showing| showing);
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.trim_start_matches('\t'))
            .collect();
        lines.join("\n").trim_matches('\n').to_string()
    }

    fn paragraph_end(&mut self, fc: u32) -> Result<(), DocError> {
        let depth = self.props(fc).depth;
        let text = self.take_paragraph();
        if depth >= 1 {
            // A paragraph in a cell (or in a table nested in one, which
            // folds into the outer cell a paragraph per line).
            self.cell.push(text);
            return Ok(());
        }
        self.end_table()?;
        if text.is_empty() {
            // Empty paragraphs are spacing: one blank line each, not two.
            self.push_out("\n")
        } else {
            self.push_out(&text)?;
            self.push_out("\n\n")
        }
    }

    fn cell_mark(&mut self, fc: u32) -> Result<(), DocError> {
        let props = self.props(fc);
        if props.depth >= 2 {
            let text = self.take_paragraph();
            self.cell.push(text);
        } else if props.row_end {
            self.take_paragraph();
            self.end_cell_if_open();
            let cells = std::mem::take(&mut self.row);
            // A row deleted with change tracking on has a deleted row mark.
            if !cells.is_empty() && !self.unseen.contains(fc) {
                self.table.push((cells, props.row.clone()));
            }
        } else {
            let text = self.take_paragraph();
            self.cell.push(text);
            self.end_cell();
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        // Empty paragraphs inside a cell would read as the blank line that
        // ends a row.
        let paras: Vec<String> = self.cell.drain(..).filter(|p| !p.is_empty()).collect();
        self.row.push(paras.join("\n"));
    }

    fn end_cell_if_open(&mut self) {
        if self.cell.iter().any(|p| !p.is_empty()) {
            self.end_cell();
        }
        self.cell.clear();
    }

    /// Write the open table, if any. A row left without its row-end mark
    /// (a damaged file) is written as it stands.
    fn end_table(&mut self) -> Result<(), DocError> {
        self.end_cell_if_open();
        if !self.row.is_empty() {
            let cells = std::mem::take(&mut self.row);
            self.table.push((cells, None));
        }
        if self.table.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.table);
        let grid = grid_of(&rows);
        for (cells, def) in &rows {
            let mut lines = String::new();
            for (text, pad_after) in layout(cells, def.as_ref(), &grid) {
                lines.push('\t');
                lines.push_str(&text);
                lines.push('\n');
                for _ in 0..pad_after {
                    lines.push_str("\t\n");
                    if lines.len() > MAX_OUT_BYTES {
                        return Err(too_large());
                    }
                }
            }
            lines.push('\n');
            self.push_out(&lines)?;
        }
        self.push_out("\n")
    }

    fn push_out(&mut self, s: &str) -> Result<(), DocError> {
        self.out.push_str(s);
        if self.out.len() > MAX_OUT_BYTES {
            return Err(too_large());
        }
        Ok(())
    }
}

fn too_large() -> DocError {
    DocError::TooLarge("表格展开后的文本".to_string())
}

/// The table's grid lines: every row's cell edges, near-equal ones merged.
fn grid_of(rows: &[(Vec<String>, Option<RowDef>)]) -> Vec<i32> {
    let mut all: Vec<i32> = rows
        .iter()
        .filter_map(|(_, def)| def.as_ref())
        .flat_map(|def| def.edges.iter().map(|&e| i32::from(e)))
        .collect();
    all.sort_unstable();
    let mut grid: Vec<i32> = Vec::new();
    for e in all {
        if grid.last().is_none_or(|&last| e - last > EDGE_SLACK) {
            grid.push(e);
        }
    }
    grid
}

/// Each cell's text and how many empty cells follow it so that the row
/// keeps the grid's width; a leading empty cell per grid column the row
/// starts after. Covered cells (merged into the one above or to the left)
/// show nothing of their own.
fn layout(cells: &[String], def: Option<&RowDef>, grid: &[i32]) -> Vec<(String, usize)> {
    let Some(def) = def.filter(|d| d.edges.len() == cells.len() + 1) else {
        return cells.iter().map(|c| (c.clone(), 0)).collect();
    };
    // Grid lines strictly inside (a, b], with the slack on both ends.
    let between = |a: i32, b: i32| {
        grid.iter()
            .filter(|&&g| g > a + EDGE_SLACK && g <= b + EDGE_SLACK)
            .count()
    };
    let edge = |i: usize| i32::from(def.edges[i]);
    let mut out = Vec::with_capacity(cells.len() + 1);
    let first = grid.first().copied().unwrap_or(edge(0));
    for _ in 0..between(first, edge(0)) {
        out.push((String::new(), 0));
    }
    for (i, text) in cells.iter().enumerate() {
        let span = between(edge(i), edge(i + 1)).max(1);
        let text = if def.covered.get(i) == Some(&true) {
            String::new()
        } else {
            text.clone()
        };
        out.push((text, span - 1));
    }
    let last = grid.last().copied().unwrap_or(edge(cells.len()));
    if let Some(tail) = out.last_mut() {
        tail.1 += between(edge(cells.len()), last);
    }
    out
}
