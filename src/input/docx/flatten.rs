//! The streaming walk over `word/document.xml` that writes the text view:
//! paragraphs, runs, tabs and breaks; tables with merged cells padded so every
//! row keeps the grid's width.

use std::borrow::Cow;
use std::io::{BufReader, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{too_large, Counted, DocxError, DOCUMENT_XML, MAX_GRID_SPAN, PART_TEXT};

pub(super) fn flatten<R: Read>(input: Counted<R>, limit: u64) -> Result<String, DocxError> {
    let mut reader = Reader::from_reader(BufReader::new(input));
    let mut flat = Flattener::new(limit);
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf);
        // Checked before the event is looked at: a part cut off at the limit
        // also ends in a syntax error, and the size is the real cause.
        if reader.get_ref().get_ref().count > limit {
            return Err(too_large(DOCUMENT_XML, limit));
        }
        match event {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => flat.start(&e),
            Ok(Event::Empty(e)) => flat.empty(&e)?,
            Ok(Event::End(_)) => flat.end()?,
            Ok(Event::Text(t)) => {
                let raw = reader.decoder().decode(&t).map_err(|e| {
                    DocxError::Xml(format!("{e} (at byte {})", reader.buffer_position()))
                })?;
                // Word writes only the predefined entities; an unknown one
                // (from a hand-made file) is kept as written, not fatal.
                let text = quick_xml::escape::unescape(&raw).unwrap_or(Cow::Borrowed(&raw));
                flat.text(&text);
            }
            Ok(Event::CData(t)) => {
                let text = t.decode().map_err(|e| {
                    DocxError::Xml(format!("{e} (at byte {})", reader.buffer_position()))
                })?;
                flat.text(&text);
            }
            Ok(_) => {}
            Err(quick_xml::Error::Io(e)) => {
                return Err(DocxError::NotZip(format!(
                    "cannot decompress {DOCUMENT_XML}: {e}"
                )))
            }
            Err(e) => {
                return Err(DocxError::Xml(format!(
                    "{e} (at byte {})",
                    reader.error_position()
                )))
            }
        }
        buf.clear();
    }
    if !flat.stack.is_empty() {
        return Err(DocxError::Xml(
            "the document ends before its elements are closed".to_string(),
        ));
    }
    Ok(flat.out)
}

/// The WordprocessingML elements that matter, by local name. Prefixes are
/// ignored: Word always writes `w:`, and the same local names under `m:`
/// (equations) or `a:` (DrawingML) are text the reader sees too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    R,
    T,
    Tab,
    PTab,
    Br,
    Cr,
    NoBreakHyphen,
    Sym,
    Tbl,
    Tr,
    Tc,
    TcPr,
    TrPr,
    RPr,
    GridSpan,
    VMerge,
    HMerge,
    GridBefore,
    GridAfter,
    Vanish,
    Del,
    /// Everything whose content a reader of the document does not see.
    Hidden,
    Other,
}

fn tag_of(local_name: &[u8]) -> Tag {
    match local_name {
        b"p" => Tag::P,
        b"r" => Tag::R,
        b"t" => Tag::T,
        b"tab" => Tag::Tab,
        b"ptab" => Tag::PTab,
        b"br" => Tag::Br,
        b"cr" => Tag::Cr,
        b"noBreakHyphen" => Tag::NoBreakHyphen,
        b"sym" => Tag::Sym,
        b"tbl" => Tag::Tbl,
        b"tr" => Tag::Tr,
        b"tc" => Tag::Tc,
        b"tcPr" => Tag::TcPr,
        b"trPr" => Tag::TrPr,
        b"rPr" => Tag::RPr,
        b"gridSpan" => Tag::GridSpan,
        b"vMerge" => Tag::VMerge,
        b"hMerge" => Tag::HMerge,
        b"gridBefore" => Tag::GridBefore,
        b"gridAfter" => Tag::GridAfter,
        b"vanish" => Tag::Vanish,
        b"del" => Tag::Del,
        // Tracked deletions and moves-away; field instructions; the
        // fallback copy of a text box (its `mc:Choice` twin is read instead);
        // ruby text (pinyin above the characters).
        b"moveFrom" | b"delText" | b"delInstrText" | b"instrText" | b"Fallback" | b"rt" => {
            Tag::Hidden
        }
        _ => Tag::Other,
    }
}

#[derive(Default)]
struct Cell {
    paras: Vec<String>,
    span: usize,
    /// Covered by the cell above (`vMerge`) or to the left (legacy `hMerge`).
    continuation: bool,
}

#[derive(Default)]
struct Row {
    cells: Vec<(String, usize)>,
    deleted: bool,
    grid_before: usize,
    grid_after: usize,
}

#[derive(Default)]
struct Table {
    row: Option<Row>,
    cell: Option<Cell>,
    wrote_rows: bool,
}

struct Flattener {
    out: String,
    /// The text can never legitimately outgrow the XML it came from; only
    /// crafted spans can make it, so the XML limit caps it too.
    cap: u64,
    stack: Vec<Tag>,
    /// Depth of the element whose subtree is being skipped.
    skip_from: Option<usize>,
    /// Open paragraphs: more than one when a text box sits inside a paragraph.
    paras: Vec<String>,
    /// Open runs, true when hidden (`w:vanish`).
    runs: Vec<bool>,
    tables: Vec<Table>,
    /// Indexes into `tables` of the tables with an open cell, ascending: the
    /// innermost open cell is found without scanning every open table, which
    /// made deeply nested tables quadratic.
    open_cells: Vec<usize>,
}

impl Flattener {
    fn new(cap: u64) -> Self {
        Flattener {
            out: String::new(),
            cap,
            stack: Vec::new(),
            skip_from: None,
            paras: Vec::new(),
            runs: Vec::new(),
            tables: Vec::new(),
            open_cells: Vec::new(),
        }
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn grandparent(&self) -> Option<Tag> {
        self.stack.len().checked_sub(2).map(|i| self.stack[i])
    }

    fn start(&mut self, e: &BytesStart) {
        let tag = tag_of(e.local_name().as_ref());
        if self.skip_from.is_some() {
            self.stack.push(tag);
            return;
        }
        self.element(tag, e);
        self.stack.push(tag);
        match tag {
            Tag::Hidden | Tag::Del => self.skip_from = Some(self.stack.len()),
            Tag::P => self.paras.push(String::new()),
            Tag::R => self.runs.push(false),
            Tag::Tbl => self.tables.push(Table::default()),
            Tag::Tr => {
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(Row::default());
                }
            }
            Tag::Tc => self.start_cell(),
            _ => {}
        }
    }

    fn empty(&mut self, e: &BytesStart) -> Result<(), DocxError> {
        if self.skip_from.is_some() {
            return Ok(());
        }
        let tag = tag_of(e.local_name().as_ref());
        self.element(tag, e);
        match tag {
            Tag::P => self.deliver_paragraph(String::new())?,
            Tag::Tc => {
                self.start_cell();
                self.end_cell()?;
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), DocxError> {
        let Some(tag) = self.stack.pop() else {
            return Ok(());
        };
        if let Some(depth) = self.skip_from {
            if self.stack.len() < depth {
                self.skip_from = None;
            }
            return Ok(());
        }
        match tag {
            Tag::P => {
                let text = self.paras.pop().unwrap_or_default();
                self.deliver_paragraph(text)?;
            }
            Tag::R => {
                self.runs.pop();
            }
            Tag::Tc => self.end_cell()?,
            Tag::Tr => self.end_row()?,
            Tag::Tbl => {
                let table = self.tables.pop().unwrap_or_default();
                if self.open_cells.last() == Some(&self.tables.len()) {
                    self.open_cells.pop();
                }
                if self.tables.is_empty() && table.wrote_rows {
                    self.push_out("\n")?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// What an element means where it stands, whether written `<x/>` or
    /// `<x>…</x>`. Called before the element is pushed on the stack.
    fn element(&mut self, tag: Tag, e: &BytesStart) {
        let parent = self.parent();
        match tag {
            // A `w:tab` outside a run is a tab-stop definition in `w:tabs`.
            Tag::Tab | Tag::PTab if parent == Some(Tag::R) => self.run_text("\t"),
            Tag::Br | Tag::Cr if parent == Some(Tag::R) => self.run_text("\n"),
            Tag::NoBreakHyphen if parent == Some(Tag::R) => self.run_text("-"),
            Tag::Sym if parent == Some(Tag::R) => {
                // Symbol fonts map their glyphs into the private use area,
                // which means nothing as text; a real code point is kept.
                let ch = attr(e, b"char")
                    .and_then(|v| u32::from_str_radix(v.trim(), 16).ok())
                    .filter(|c| !(0xE000..=0xF8FF).contains(c))
                    .and_then(char::from_u32);
                if let Some(ch) = ch {
                    self.run_text(ch.encode_utf8(&mut [0; 4]));
                }
            }
            Tag::GridSpan if parent == Some(Tag::TcPr) => {
                let span = number(e).clamp(1, MAX_GRID_SPAN);
                if let Some(cell) = self.current_cell() {
                    cell.span = span;
                }
            }
            Tag::VMerge | Tag::HMerge if parent == Some(Tag::TcPr) => {
                // No `w:val` means "continue"; only "restart" opens a merge.
                let restart = attr(e, b"val").is_some_and(|v| v == "restart");
                if let Some(cell) = self.current_cell() {
                    cell.continuation = !restart;
                }
            }
            Tag::GridBefore | Tag::GridAfter if parent == Some(Tag::TrPr) => {
                let n = number(e).min(MAX_GRID_SPAN);
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    if tag == Tag::GridBefore {
                        row.grid_before = n;
                    } else {
                        row.grid_after = n;
                    }
                }
            }
            // A row deleted with change tracking on.
            Tag::Del if parent == Some(Tag::TrPr) => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.deleted = true;
                }
            }
            // Only a run's own properties hide it; `w:vanish` elsewhere hides
            // a paragraph mark or is the old formatting in `w:rPrChange`.
            Tag::Vanish if parent == Some(Tag::RPr) && self.grandparent() == Some(Tag::R) => {
                let off =
                    attr(e, b"val").is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
                if let Some(hidden) = self.runs.last_mut() {
                    *hidden = !off;
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip_from.is_some()
            || self.parent() != Some(Tag::T)
            || self.grandparent() != Some(Tag::R)
        {
            return;
        }
        // A raw line break inside `w:t` is shown by Word as a space, and here
        // it would break a cell in two.
        if text.contains(['\n', '\r']) {
            self.run_text(&text.replace("\r\n", " ").replace(['\n', '\r'], " "));
        } else {
            self.run_text(text);
        }
    }

    fn run_text(&mut self, text: &str) {
        if self.runs.last() == Some(&true) {
            return;
        }
        if let Some(para) = self.paras.last_mut() {
            para.push_str(text);
        }
    }

    fn current_cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut().and_then(|t| t.cell.as_mut())
    }

    fn start_cell(&mut self) {
        let index = self.tables.len().wrapping_sub(1);
        if let Some(table) = self.tables.last_mut() {
            if table.cell.is_none() {
                self.open_cells.push(index);
            }
            table.cell = Some(Cell {
                span: 1,
                ..Cell::default()
            });
        }
    }

    fn end_cell(&mut self) -> Result<(), DocxError> {
        let depth = self.tables.len();
        let Some(table) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(cell) = table.cell.take() else {
            return Ok(());
        };
        if self.open_cells.last() == Some(&(depth - 1)) {
            self.open_cells.pop();
        }
        // A covered cell shows nothing of its own, whatever it contains.
        let text = if cell.continuation {
            String::new()
        } else {
            // Trailing empty paragraphs are routine in Word cells; kept, they
            // would read as the blank line that ends a row.
            cell.paras.join("\n").trim_matches('\n').to_string()
        };
        if depth == 1 {
            table
                .row
                .get_or_insert_with(Row::default)
                .cells
                .push((text, cell.span));
            Ok(())
        } else {
            // A nested table folds into the cell that holds it, one line per
            // non-empty cell, so the outer row keeps its column count.
            if text.is_empty() {
                return Ok(());
            }
            self.deliver_to(text, depth - 1)
        }
    }

    fn end_row(&mut self) -> Result<(), DocxError> {
        if self.tables.len() != 1 {
            return Ok(());
        }
        let Some(row) = self.tables[0].row.take() else {
            return Ok(());
        };
        if row.deleted || row.cells.is_empty() {
            return Ok(());
        }
        let mut lines = String::new();
        lines.push_str(&"\t\n".repeat(row.grid_before));
        for (text, span) in &row.cells {
            lines.push('\t');
            lines.push_str(text);
            lines.push('\n');
            lines.push_str(&"\t\n".repeat(span.saturating_sub(1)));
            if lines.len() as u64 > self.cap {
                return Err(too_large(PART_TEXT, self.cap));
            }
        }
        lines.push_str(&"\t\n".repeat(row.grid_after));
        lines.push('\n');
        self.tables[0].wrote_rows = true;
        self.push_out(&lines)
    }

    fn deliver_paragraph(&mut self, text: String) -> Result<(), DocxError> {
        // In this view a line that starts with a tab is a table cell, so a
        // paragraph indented with tabs must lose them.
        let mut clean = String::with_capacity(text.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                clean.push('\n');
            }
            clean.push_str(line.trim_start_matches('\t'));
        }
        let clean = clean.trim_matches('\n');
        self.deliver_to(clean.to_string(), self.tables.len())
    }

    /// Give a finished paragraph to the innermost open cell among the first
    /// `depth` tables, or to the body when there is none.
    fn deliver_to(&mut self, text: String, depth: usize) -> Result<(), DocxError> {
        // `open_cells` is ascending: the last index below `depth` is the
        // innermost open cell among those tables.
        let k = self.open_cells.partition_point(|&i| i < depth);
        let open_cell = k
            .checked_sub(1)
            .and_then(|k| self.tables[self.open_cells[k]].cell.as_mut());
        if let Some(cell) = open_cell {
            cell.paras.push(text);
            return Ok(());
        }
        if text.is_empty() {
            // Empty paragraphs are spacing: one blank line each, not two.
            self.push_out("\n")
        } else {
            self.push_out(&text)?;
            self.push_out("\n\n")
        }
    }

    fn push_out(&mut self, s: &str) -> Result<(), DocxError> {
        self.out.push_str(s);
        if self.out.len() as u64 > self.cap {
            return Err(too_large(PART_TEXT, self.cap));
        }
        Ok(())
    }
}

/// The value of the attribute with this local name (`w:val` → `b"val"`).
fn attr(e: &BytesStart, local_name: &[u8]) -> Option<String> {
    for a in e.attributes() {
        // A malformed attribute list ends the search: a property is lost,
        // the text is not.
        let Ok(a) = a else {
            return None;
        };
        if a.key.local_name().as_ref() == local_name {
            return Some(match a.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
            });
        }
    }
    None
}

/// `w:val` as a count; anything unreadable counts as 0.
fn number(e: &BytesStart) -> usize {
    attr(e, b"val")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn flat(xml: &str) -> Result<String, DocxError> {
        let input = Counted {
            inner: xml.as_bytes(),
            count: 0,
        };
        flatten(input, 64 * 1024 * 1024)
    }

    /// Issue 11: every paragraph used to scan every open table for a cell, so
    /// a few KiB of nested `<w:tbl>` with empty paragraphs took minutes.
    #[test]
    fn deeply_nested_tables_with_many_paragraphs_are_linear() {
        let n = 20_000;
        let xml = format!(
            "<w:document><w:body>{}{}{}</w:body></w:document>",
            "<w:tbl>".repeat(n),
            "<w:p/>".repeat(n),
            "</w:tbl>".repeat(n)
        );
        let start = Instant::now();
        let out = flat(&xml).unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "took {:?}",
            start.elapsed()
        );
        // Outside any cell, each empty paragraph is one blank line.
        assert_eq!(out, "\n".repeat(n));
    }

    #[test]
    fn a_paragraph_goes_to_the_innermost_open_cell() {
        let xml = "<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>\
                   <w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
                   <w:tbl><w:p><w:r><w:t>无格</w:t></w:r></w:p></w:tbl>\
                   </w:tc></w:tr></w:tbl></w:body></w:document>";
        assert_eq!(flat(xml).unwrap(), "\t外\n内\n无格\n\n\n");
    }
}
