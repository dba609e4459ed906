//! Read a .docx straight into the "flattened Word text" view that the parser
//! already understands from reports saved as text: paragraphs as lines, a
//! blank line after each; every table cell a line starting with a tab; a blank
//! line after each table row and one more after the table.
//!
//! Only `word/document.xml` is read, and it is streamed: a report's tables are
//! all we need, and a streaming reader keeps memory bounded by the limits
//! below whatever the archive claims about itself.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

const MIB: u64 = 1024 * 1024;

const DOCUMENT_XML: &str = "word/document.xml";

// `DocxError::TooLarge::part` values other than `DOCUMENT_XML`; `Display`
// keys its wording on them.
const PART_ARCHIVE: &str = "the .docx file";
const PART_ENTRIES: &str = "zip entries";
const PART_TEXT: &str = "the text of word/document.xml";

/// Word tables have at most 63 columns; anything far beyond that is a crafted
/// file trying to make a few bytes of XML expand into millions of empty cells.
const MAX_GRID_SPAN: usize = 1024;

/// An OLE2 compound file: what an old .doc or a password-protected .docx is.
const OLE2_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Limits that protect against zip bombs and huge parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxLimits {
    /// Size of the .docx file itself.
    pub max_archive_bytes: u64,
    /// Uncompressed size of `word/document.xml`; also caps the text produced.
    pub max_document_xml_bytes: u64,
    /// Number of entries in the zip's central directory.
    pub max_entries: usize,
}

impl Default for DocxLimits {
    fn default() -> Self {
        // A real report is a few hundred KiB zipped and a few MiB of XML;
        // these leave two orders of magnitude of headroom.
        DocxLimits {
            max_archive_bytes: 50 * MIB,
            max_document_xml_bytes: 64 * MIB,
            max_entries: 10_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// The bytes are not a zip archive the reader can use.
    NotZip(String),
    /// The archive has no `word/document.xml`.
    MissingDocumentXml,
    /// A limit from [`DocxLimits`] was hit; `part` says which.
    TooLarge { part: String, limit: u64 },
    /// `word/document.xml` is not well-formed XML.
    Xml(String),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NotZip(why) => write!(f, "not a .docx (zip) file: {why}"),
            DocxError::MissingDocumentXml => {
                f.write_str("the .docx has no word/document.xml; it is not a Word document")
            }
            DocxError::TooLarge { part, limit } => match part.as_str() {
                DOCUMENT_XML => write!(
                    f,
                    "{DOCUMENT_XML} is larger than {} when uncompressed (zip bomb?)",
                    human_size(*limit)
                ),
                PART_ARCHIVE => write!(f, "the .docx file is larger than {}", human_size(*limit)),
                PART_ENTRIES => {
                    write!(f, "the .docx has more than {limit} zip entries (zip bomb?)")
                }
                PART_TEXT => write!(
                    f,
                    "the text of {DOCUMENT_XML} grows past {} (crafted table spans?)",
                    human_size(*limit)
                ),
                other => write!(f, "{other} is larger than {}", human_size(*limit)),
            },
            DocxError::Xml(why) => write!(f, "{DOCUMENT_XML} is not well-formed XML: {why}"),
        }
    }
}

impl std::error::Error for DocxError {}

fn human_size(bytes: u64) -> String {
    // `checked_rem` rather than `%`: clippy asks for `is_multiple_of`, which
    // is newer than the crate's minimum Rust version.
    let whole = |unit: u64| bytes >= unit && bytes.checked_rem(unit) == Some(0);
    if whole(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if whole(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// True when the bytes start like a zip archive (PK\x03\x04).
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Turn a .docx file's bytes into the flattened text view.
pub fn docx_to_text(bytes: &[u8], limits: &DocxLimits) -> Result<String, DocxError> {
    // The zip reader has not been proven panic-free on every malformed
    // archive; one bad file must not take down the CLI or the language server.
    std::panic::catch_unwind(|| read_docx(bytes, limits)).unwrap_or_else(|_| {
        Err(DocxError::NotZip(
            "the archive is malformed (reading it failed unexpectedly)".to_string(),
        ))
    })
}

fn read_docx(bytes: &[u8], limits: &DocxLimits) -> Result<String, DocxError> {
    if bytes.len() as u64 > limits.max_archive_bytes {
        return Err(too_large(PART_ARCHIVE, limits.max_archive_bytes));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(OLE2_MAGIC) {
            DocxError::NotZip(
                "this is an old .doc or a password-protected Word file; \
                 save it as .docx without a password"
                    .to_string(),
            )
        } else {
            DocxError::NotZip(e.to_string())
        }
    })?;
    if archive.len() > limits.max_entries {
        return Err(too_large(PART_ENTRIES, limits.max_entries as u64));
    }
    let index = document_xml_index(&archive).ok_or(DocxError::MissingDocumentXml)?;
    let file = archive
        .by_index(index)
        .map_err(|e| DocxError::NotZip(format!("cannot open {DOCUMENT_XML}: {e}")))?;
    let limit = limits.max_document_xml_bytes;
    if file.size() > limit {
        return Err(too_large(DOCUMENT_XML, limit));
    }
    // The declared size is only a claim: count what actually comes out of the
    // decompressor, and read one byte past the limit so that "exactly at the
    // limit" and "over it" can be told apart.
    let counted = Counted {
        inner: file.take(limit.saturating_add(1)),
        count: 0,
    };
    flatten(counted, limit)
}

fn too_large(part: &str, limit: u64) -> DocxError {
    DocxError::TooLarge {
        part: part.to_string(),
        limit,
    }
}

/// Zip tools on Windows sometimes store `word\document.xml` or change case;
/// Word itself still opens such files, so accept them too.
fn document_xml_index<R: Read + io::Seek>(archive: &zip::ZipArchive<R>) -> Option<usize> {
    if let Some(i) = archive.index_for_name(DOCUMENT_XML) {
        return Some(i);
    }
    let name = archive
        .file_names()
        .find(|n| n.replace('\\', "/").eq_ignore_ascii_case(DOCUMENT_XML))?
        .to_owned();
    archive.index_for_name(&name)
}

struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

fn flatten<R: Read>(input: Counted<R>, limit: u64) -> Result<String, DocxError> {
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
        if let Some(table) = self.tables.last_mut() {
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
        let open_cell = self.tables[..depth]
            .iter_mut()
            .rev()
            .find_map(|t| t.cell.as_mut());
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
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn docx_with(document_xml: &str) -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("word/document.xml", document_xml.as_bytes()),
        ])
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
        )
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    fn p(text: &str) -> String {
        format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(text)
        )
    }

    fn text_of(body: &str) -> String {
        docx_to_text(&docx_with(&document(body)), &DocxLimits::default()).unwrap()
    }

    /// One table cell as Word writes it.
    #[derive(Clone)]
    struct C {
        paras: Vec<&'static str>,
        span: usize,
        vmerge: Option<&'static str>,
    }

    fn c(text: &'static str) -> C {
        C {
            paras: vec![text],
            span: 1,
            vmerge: None,
        }
    }

    fn span(text: &'static str, n: usize) -> C {
        C { span: n, ..c(text) }
    }

    fn restart(text: &'static str) -> C {
        C {
            vmerge: Some("restart"),
            ..c(text)
        }
    }

    fn cont() -> C {
        // Word writes a covered cell as `<w:vMerge/>` and one empty paragraph.
        C {
            paras: vec![""],
            span: 1,
            vmerge: Some(""),
        }
    }

    fn numbers(values: [&'static str; 7]) -> Vec<C> {
        values.into_iter().map(c).collect()
    }

    fn table(rows: &[Vec<C>]) -> String {
        let mut xml = String::from(
            r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>"#,
        );
        for row in rows {
            xml.push_str(r#"<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>"#);
            for cell in row {
                xml.push_str(r#"<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>"#);
                if cell.span > 1 {
                    xml.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
                }
                match cell.vmerge {
                    Some("") => xml.push_str("<w:vMerge/>"),
                    Some(v) => xml.push_str(&format!(r#"<w:vMerge w:val="{v}"/>"#)),
                    None => {}
                }
                xml.push_str("</w:tcPr>");
                for para in &cell.paras {
                    if para.is_empty() {
                        xml.push_str(r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>"#);
                    } else {
                        xml.push_str(&p(para));
                    }
                }
                xml.push_str("</w:tc>");
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl>");
        xml
    }

    #[test]
    fn paragraphs_become_lines_with_a_blank_line_after_each() {
        let body = [
            p("一、总体情况"),
            // Runs split mid-word and a tab-stop definition, as Word writes them.
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>2024年，山亭区</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">政府 </w:t></w:r><w:r><w:t>坚持&lt;依法&gt;公开。</w:t></w:r></w:p>"#.to_string(),
            p("二、主动公开政府信息情况"),
        ]
        .concat();
        assert_eq!(
            text_of(&body),
            "一、总体情况\n\n2024年，山亭区政府 坚持<依法>公开。\n\n二、主动公开政府信息情况\n\n"
        );
    }

    #[test]
    fn empty_paragraphs_are_one_blank_line() {
        let body = [
            p("甲"),
            "<w:p/>".to_string(),
            "<w:p><w:r></w:r></w:p>".to_string(),
            p("乙"),
        ]
        .concat();
        assert_eq!(text_of(&body), "甲\n\n\n\n乙\n\n");
    }

    #[test]
    fn tab_break_and_hyphen_inside_a_paragraph() {
        let body = r#"<w:p><w:r><w:t>电话</w:t><w:tab/><w:t>0632-8808199</w:t><w:br/><w:t>邮编</w:t><w:noBreakHyphen/><w:t>277200</w:t><w:cr/><w:t>完</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "电话\t0632-8808199\n邮编-277200\n完\n\n");
    }

    #[test]
    fn leading_tabs_are_dropped_so_prose_never_reads_as_a_cell() {
        let body = r#"<w:p><w:r><w:tab/><w:t>缩进的段落</w:t><w:br/><w:tab/><w:t>第二行</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "缩进的段落\n第二行\n\n");
    }

    #[test]
    fn page_break_before_a_heading_adds_no_empty_line() {
        let body = r#"<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "三、收到和处理政府信息公开申请情况\n\n");
    }

    #[test]
    fn deleted_text_field_codes_and_hidden_runs_are_skipped() {
        let body = r#"<w:p>
            <w:r><w:t>收取信息处理费</w:t></w:r>
            <w:del w:id="1" w:author="a"><w:r><w:delText>2950</w:delText></w:r></w:del>
            <w:ins w:id="2" w:author="a"><w:r><w:t>0</w:t></w:r></w:ins>
            <w:r><w:t>元</w:t></w:r>
            <w:moveFrom w:id="3" w:author="a"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r>
            <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r>
            <w:r><w:t>，第3页</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>
            <w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>。</w:t></w:r>
            <w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>
        </w:p>"#;
        assert_eq!(text_of(body), "收取信息处理费0元，第3页。\n\n");
    }

    #[test]
    fn ruby_text_and_symbol_font_glyphs_are_not_text() {
        let body = r#"<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:sym w:font="SimSun" w:char="2611"/></w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhèng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>政</w:t></w:r></w:rubyBase></w:ruby><w:r><w:t>务</w:t></w:r></w:p>"#;
        assert_eq!(text_of(body), "\u{2611}政务\n\n");
    }

    #[test]
    fn a_text_box_is_read_once_not_twice() {
        let body = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>
            <mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><v:textbox xmlns:v="y"><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>
        </mc:AlternateContent></w:r></w:p>"#;
        assert_eq!(text_of(body), "文本框\n\n正文\n\n");
    }

    #[test]
    fn table_with_grid_span_and_vertical_merge() {
        let rows = vec![
            vec![span("信息内容", 2), c("本年制发件数")],
            vec![restart("规章"), c("0"), c("0")],
            vec![cont(), c(""), c("7")],
        ];
        let body = [p("前"), table(&rows), p("后")].concat();
        assert_eq!(
            text_of(&body),
            "前\n\n\
             \t信息内容\n\t\n\t本年制发件数\n\n\
             \t规章\n\t0\n\t0\n\n\
             \t\n\t\n\t7\n\n\
             \n\
             后\n\n"
        );
    }

    #[test]
    fn cell_paragraphs_continue_on_untabbed_lines() {
        let cell = C {
            paras: vec!["", "5.要求行政机关确认或重新", "出具已获取信息", ""],
            span: 1,
            vmerge: None,
        };
        let split = C {
            paras: vec!["结果", "", "维持"],
            span: 1,
            vmerge: None,
        };
        let rows = vec![vec![cell, split, c("0")]];
        // Blank paragraphs around the text are dropped (kept, they would end the
        // row); a blank one inside is kept, as in the seeds' table 四 header.
        assert_eq!(
            text_of(&table(&rows)),
            "\t5.要求行政机关确认或重新\n出具已获取信息\n\t结果\n\n维持\n\t0\n\n\n"
        );
    }

    #[test]
    fn grid_before_after_and_legacy_hmerge_keep_the_column_count() {
        let body = r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="2"/></w:trPr>
            <w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc/><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        assert_eq!(
            text_of(body),
            "\t\n\t甲\n\t\n\t\n\n\t乙\n\t\n\t\n\t丙\n\n\n"
        );
    }

    #[test]
    fn deleted_rows_are_dropped() {
        let body = r#"<w:tbl>
            <w:tr><w:tc><w:p><w:r><w:t>留</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr><w:tc><w:p><w:del w:id="8" w:author="a"><w:r><w:delText>删</w:delText></w:r></w:del></w:p></w:tc></w:tr>
            </w:tbl>"#;
        assert_eq!(text_of(body), "\t留\n\n\n");
    }

    #[test]
    fn nested_tables_fold_into_their_cell() {
        let inner = table(&[vec![c("内1"), c("")], vec![c("内2"), c("内3")]]);
        let body = format!(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>{inner}<w:p/></w:tc><w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
        );
        assert_eq!(text_of(&body), "\t外\n内1\n内2\n内3\n\t右\n\n\n");
    }

    #[test]
    fn huge_grid_spans_are_clamped() {
        let body = r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#;
        let text = text_of(body);
        assert_eq!(text.lines().count(), MAX_GRID_SPAN + 2);
        // And spans that would outgrow the XML itself are refused.
        let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>"#;
        let body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell.repeat(200));
        let limits = DocxLimits {
            max_document_xml_bytes: 100_000,
            ..DocxLimits::default()
        };
        match docx_to_text(&docx_with(&document(&body)), &limits) {
            Err(DocxError::TooLarge {
                part,
                limit: 100_000,
            }) => assert_eq!(part, PART_TEXT),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    /// Table 三 of seed 002 as Word holds it: the rows below mirror the seed's
    /// merged label columns (3 grid columns) and 7 value columns.
    fn table_three_rows() -> Vec<Vec<C>> {
        let corner = C {
            paras: vec![
                "（本列数据的勾稽关系为：第一项加第二项之和，",
                "等于第三项加第四项之和）",
            ],
            span: 3,
            vmerge: Some("restart"),
        };
        let corner_cont = C { span: 3, ..cont() };
        let zeros = ["0"; 7];
        let with = |mut head: Vec<C>, values: [&'static str; 7]| {
            head.extend(numbers(values));
            head
        };
        vec![
            vec![corner, span("申请人情况", 7)],
            vec![
                corner_cont.clone(),
                restart("自然人"),
                span("法人或其他组织", 5),
                restart("总计"),
            ],
            vec![
                corner_cont,
                cont(),
                c("商业企业"),
                c("科研机构"),
                c("社会公益组织"),
                c("法律服务机构"),
                c("其他"),
                cont(),
            ],
            with(
                vec![span("一、本年新收政府信息公开申请数量", 3)],
                ["34", "0", "0", "0", "0", "0", "34"],
            ),
            with(vec![span("二、上年结转政府信息公开申请数量", 3)], zeros),
            with(
                vec![restart("三、本年度办理结果"), span("（一）予以公开", 2)],
                ["30", "0", "0", "0", "0", "0", "30"],
            ),
            with(
                vec![
                    cont(),
                    span(
                        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                        2,
                    ),
                ],
                zeros,
            ),
            with(
                vec![cont(), restart("（三）不予公开"), c("1.属于国家秘密")],
                zeros,
            ),
            with(vec![cont(), cont(), c("2.其他法律行政法规禁止公开")], zeros),
            with(
                vec![cont(), restart("（五）不予处理"), c("1.信访举报投诉类申请")],
                zeros,
            ),
            with(
                vec![
                    cont(),
                    cont(),
                    C {
                        paras: vec!["5.要求行政机关确认或重新", "出具已获取信息"],
                        span: 1,
                        vmerge: None,
                    },
                ],
                zeros,
            ),
            with(
                vec![cont(), span("（七）总计", 2)],
                ["33", "0", "0", "0", "0", "0", "33"],
            ),
            with(
                vec![span("四、结转下年度继续办理", 3)],
                ["1", "0", "0", "0", "0", "0", "1"],
            ),
        ]
    }

    /// Those rows exactly as they appear in seed 002 (rows in between omitted).
    const SEED_002_TABLE_THREE: &str = concat!(
        "\t（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）\n\t申请人情况\n\n",
        "\t\n\t自然人\n\t法人或其他组织\n\t总计\n\n",
        "\t\n\t\n\t商业企业\n\t科研机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t\n\n",
        "\t一、本年新收政府信息公开申请数量\n\t34\n\t0\n\t0\n\t0\n\t0\n\t0\n\t34\n\n",
        "\t二、上年结转政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
        "\t三、本年度办理结果\n\t（一）予以公开\n\t30\n\t0\n\t0\n\t0\n\t0\n\t0\n\t30\n\n",
        "\t\n\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
        "\t\n\t（三）不予公开\n\t1.属于国家秘密\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
        "\t\n\t\n\t2.其他法律行政法规禁止公开\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
        "\t\n\t（五）不予处理\n\t1.信访举报投诉类申请\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
        "\t\n\t\n\t5.要求行政机关确认或重新\n出具已获取信息\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
        "\t\n\t（七）总计\n\t33\n\t0\n\t0\n\t0\n\t0\n\t0\n\t33\n\n",
        "\t四、结转下年度继续办理\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\n",
        "\n",
    );

    /// Split a flattened table into rows of cells (a cell's untabbed
    /// continuation lines stay with it).
    fn cells_of(flat: &str) -> Vec<Vec<String>> {
        let body = flat
            .strip_suffix("\n\n\n")
            .expect("a table ends with two blank lines");
        body.split("\n\n")
            .map(|row| {
                let mut cells: Vec<String> = Vec::new();
                for line in row.split('\n') {
                    match (line.strip_prefix('\t'), cells.last_mut()) {
                        (Some(cell), _) => cells.push(cell.to_string()),
                        (None, Some(last)) => {
                            last.push('\n');
                            last.push_str(line);
                        }
                        (None, None) => panic!("row starts without a tab: {line:?}"),
                    }
                }
                cells
            })
            .collect()
    }

    fn render(rows: &[Vec<(String, usize)>]) -> String {
        let mut out = String::new();
        for row in rows {
            for (text, span) in row {
                out.push_str(&format!("\t{text}\n"));
                out.push_str(&"\t\n".repeat(span - 1));
            }
            out.push('\n');
        }
        out.push('\n');
        out
    }

    #[test]
    fn table_three_matches_the_seed_layout() {
        let rows = table_three_rows();
        let seed = cells_of(SEED_002_TABLE_THREE);
        assert_eq!(seed.len(), rows.len());
        let mut unpadded = Vec::new();
        let mut padded = Vec::new();
        for (seed_row, row) in seed.iter().zip(&rows) {
            assert_eq!(seed_row.len(), row.len(), "{seed_row:?}");
            unpadded.push(seed_row.iter().map(|t| (t.clone(), 1)).collect::<Vec<_>>());
            padded.push(
                seed_row
                    .iter()
                    .zip(row)
                    .map(|(t, c)| (t.clone(), c.span))
                    .collect::<Vec<_>>(),
            );
        }
        // The row/cell reading of the seed is faithful...
        assert_eq!(render(&unpadded), SEED_002_TABLE_THREE);
        // ...and the .docx gives the seed's layout, except that a horizontally
        // merged cell is followed by empty cells for the grid columns it covers
        // (the seeds' converter emitted it once), so every row has 10 cells.
        let text = text_of(&[p("三、收到和处理政府信息公开申请情况"), table(&rows)].concat());
        assert_eq!(
            text,
            format!("三、收到和处理政府信息公开申请情况\n\n{}", render(&padded))
        );
        assert!(
            cells_of(&text["三、收到和处理政府信息公开申请情况\n\n".len()..])
                .iter()
                .all(|row| row.len() == 10)
        );
        // Rows without a horizontal merge are byte-for-byte the seed's.
        for (row, seed_row) in rows.iter().zip(SEED_002_TABLE_THREE.split("\n\n")) {
            if row.iter().all(|c| c.span == 1) {
                assert!(
                    text.contains(&format!("\n\n{seed_row}\n\n")),
                    "{seed_row:?}"
                );
            }
        }
    }

    #[test]
    fn missing_document_xml() {
        let bytes = zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes())]);
        let err = docx_to_text(&bytes, &DocxLimits::default()).unwrap_err();
        assert_eq!(err, DocxError::MissingDocumentXml);
        assert_eq!(
            err.to_string(),
            "the .docx has no word/document.xml; it is not a Word document"
        );
    }

    #[test]
    fn a_windows_style_entry_name_is_still_found() {
        let xml = document(&p("正文"));
        let bytes = zip_of(&[("Word\\Document.xml", xml.as_bytes())]);
        assert_eq!(
            docx_to_text(&bytes, &DocxLimits::default()).unwrap(),
            "正文\n\n"
        );
    }

    #[test]
    fn not_a_zip() {
        let limits = DocxLimits::default();
        for bytes in [
            &b""[..],
            b"plain text report",
            "一、总体情况".as_bytes(),
            b"PK\x03\x04truncated",
        ] {
            let err = docx_to_text(bytes, &limits).unwrap_err();
            assert!(matches!(err, DocxError::NotZip(_)), "{err:?}");
            assert!(
                err.to_string().starts_with("not a .docx (zip) file: "),
                "{err}"
            );
        }
        let mut ole = OLE2_MAGIC.to_vec();
        ole.resize(4096, 0);
        let err = docx_to_text(&ole, &limits).unwrap_err().to_string();
        assert!(err.contains("password-protected"), "{err}");
    }

    #[test]
    fn looks_like_zip_checks_the_local_header_signature() {
        assert!(looks_like_zip(&docx_with(&document(""))));
        assert!(looks_like_zip(b"PK\x03\x04"));
        assert!(!looks_like_zip(b"PK\x05\x06"));
        assert!(!looks_like_zip(b"PK"));
        assert!(!looks_like_zip(b""));
        assert!(!looks_like_zip(OLE2_MAGIC));
    }

    #[test]
    fn zip_bomb_is_refused_by_its_declared_size() {
        // 70 MiB of zeros deflate to about 70 KiB.
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        w.start_file("word/document.xml", options).unwrap();
        let chunk = vec![0u8; MIB as usize];
        for _ in 0..70 {
            w.write_all(&chunk).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        assert!(bytes.len() < 1024 * 1024);
        let err = docx_to_text(&bytes, &DocxLimits::default()).unwrap_err();
        assert_eq!(
            err,
            DocxError::TooLarge {
                part: DOCUMENT_XML.to_string(),
                limit: 64 * MIB
            }
        );
        assert_eq!(
            err.to_string(),
            "word/document.xml is larger than 64 MiB when uncompressed (zip bomb?)"
        );
    }

    /// Rewrite the uncompressed size recorded for every entry, in the local
    /// headers and the central directory alike.
    fn lie_about_sizes(bytes: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 30 <= bytes.len() {
            let field = match &bytes[i..i + 4] {
                b"PK\x03\x04" => Some(i + 22),
                b"PK\x01\x02" => Some(i + 24),
                _ => None,
            };
            if let Some(at) = field {
                bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    #[test]
    fn zip_bomb_is_refused_when_its_declared_size_lies() {
        let xml = document(&p("数").repeat(2000));
        let mut bytes = docx_with(&xml);
        lie_about_sizes(&mut bytes, 100);
        let limits = DocxLimits {
            max_document_xml_bytes: 10_000,
            ..DocxLimits::default()
        };
        let err = docx_to_text(&bytes, &limits).unwrap_err();
        assert_eq!(
            err,
            DocxError::TooLarge {
                part: DOCUMENT_XML.to_string(),
                limit: 10_000
            }
        );
        assert_eq!(
            err.to_string(),
            "word/document.xml is larger than 10000 bytes when uncompressed (zip bomb?)"
        );
        // Exactly at the limit is allowed.
        let limits = DocxLimits {
            max_document_xml_bytes: xml.len() as u64,
            ..limits
        };
        assert!(docx_to_text(&bytes, &limits).is_ok());
    }

    #[test]
    fn archive_size_and_entry_count_limits() {
        let bytes = docx_with(&document(&p("正文")));
        let limits = DocxLimits {
            max_archive_bytes: 100,
            ..DocxLimits::default()
        };
        let err = docx_to_text(&bytes, &limits).unwrap_err();
        assert_eq!(
            err,
            DocxError::TooLarge {
                part: PART_ARCHIVE.to_string(),
                limit: 100
            }
        );
        assert_eq!(err.to_string(), "the .docx file is larger than 100 bytes");

        let limits = DocxLimits {
            max_entries: 1,
            ..DocxLimits::default()
        };
        let err = docx_to_text(&bytes, &limits).unwrap_err();
        assert_eq!(
            err,
            DocxError::TooLarge {
                part: PART_ENTRIES.to_string(),
                limit: 1
            }
        );
        assert_eq!(
            err.to_string(),
            "the .docx has more than 1 zip entries (zip bomb?)"
        );
    }

    #[test]
    fn defaults() {
        let d = DocxLimits::default();
        assert_eq!(d.max_archive_bytes, 50 * 1024 * 1024);
        assert_eq!(d.max_document_xml_bytes, 64 * 1024 * 1024);
        assert_eq!(d.max_entries, 10_000);
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let limits = DocxLimits::default();
        for xml in [
            "<w:document><w:body><w:p><w:r><w:t>未闭合</w:r></w:p></w:body></w:document>",
            "<w:document><w:body><w:p><w:r><w:t>截断",
            "<w:document><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p></w:body></w:document></extra>",
            "<w:document <<>>",
        ] {
            let err = docx_to_text(&docx_with(xml), &limits).unwrap_err();
            assert!(matches!(err, DocxError::Xml(_)), "{xml}: {err:?}");
            assert!(err
                .to_string()
                .starts_with("word/document.xml is not well-formed XML: "));
        }
        // Not UTF-8: refused rather than guessed at.
        let bytes = zip_of(&[(
            "word/document.xml",
            b"<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>",
        )]);
        let err = docx_to_text(&bytes, &limits).unwrap_err();
        assert!(matches!(err, DocxError::Xml(_)), "{err:?}");
        // An unknown entity is kept as written rather than failing the file.
        let xml = document("<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p>");
        assert_eq!(
            docx_to_text(&docx_with(&xml), &limits).unwrap(),
            "a&nbsp;b\n\n"
        );
    }

    #[test]
    fn corrupted_archives_never_panic() {
        let rows = table_three_rows();
        let good = docx_with(&document(&[p("正文"), table(&rows)].concat()));
        let limits = DocxLimits::default();
        assert!(docx_to_text(&good, &limits).is_ok());
        for cut in (0..good.len()).step_by(7) {
            let _ = docx_to_text(&good[..cut], &limits);
        }
        // A fixed xorshift stream, so a failure reproduces.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2000 {
            let mut bad = good.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() % bad.len() as u64) as usize;
                bad[at] = next() as u8;
            }
            let _ = docx_to_text(&bad, &limits);
        }
    }
}
