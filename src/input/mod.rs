//! Reading input: bytes on disk → decoded text with a line index.

pub mod decode;
pub mod doc;
pub mod docx;
pub mod html;
pub mod line_index;
pub mod pdf;
pub mod sniff;

pub use decode::{decode, DecodeError, Decoded, Encoding, LineEnding};
pub use line_index::LineIndex;

use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read: a report is tens of
/// kilobytes; anything near this is not a report.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The kind of document, from its extension (and its first bytes for zip
/// OLE and PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    /// Word 97–2003 binary (.doc, and .wps from WPS Writer).
    Doc,
    /// A web page (.html, .htm, .shtml).
    Html,
    /// A PDF as published (text layer and ruled tables).
    Pdf,
}

impl Format {
    /// Only text files are rewritten by `--fix`: for the others the text
    /// view xxgk reads is not the document itself.
    pub fn is_rewritable(self) -> bool {
        matches!(self, Format::Text | Format::Markdown)
    }
}

/// A report as loaded: the text every span points into, and how it was stored.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub encoding: Encoding,
    pub had_bom: bool,
    pub line_ending: LineEnding,
    pub format: Format,
    /// Byte offset where each page's text starts (PDF only; empty otherwise).
    pub pages: Vec<usize>,
}

impl SourceFile {
    /// The 1-based page holding byte `offset`, when the source has pages.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        page_of(&self.pages, offset)
    }
}

/// Word places (第N段, 第N个表格…) of a .docx text view; empty for other formats.
pub fn word_places(format: Format, text: &str) -> Vec<(usize, docx::places::WordPlace)> {
    if format == Format::Docx {
        docx::places::places(text)
    } else {
        Vec::new()
    }
}

/// The 1-based page holding byte `offset` given each page's start offset.
pub fn page_of(pages: &[usize], offset: usize) -> Option<usize> {
    if pages.is_empty() {
        return None;
    }
    let n = pages.partition_point(|&start| start <= offset).max(1);
    // Pages without text of their own (a run of scanned pages written as
    // one marker) share a start: the finding belongs to the first of them.
    let start = pages[n - 1];
    Some(pages.partition_point(|&s| s < start) + 1)
}

#[derive(Debug)]
pub enum LoadError {
    Io(PathBuf, std::io::Error),
    NotFound(PathBuf),
    IsDirectory(PathBuf),
    TooLarge(PathBuf, u64),
    /// More than the limit came out of a device, a pipe or standard input,
    /// whose size is not known before reading.
    TooLargeStream(PathBuf),
    Decode(PathBuf, DecodeError),
    Docx(PathBuf, docx::DocxError),
    Doc(PathBuf, doc::DocError),
    Html(PathBuf, html::HtmlError),
    Pdf(PathBuf, pdf::PdfError),
}

use crate::messages as m;

impl std::fmt::Display for LoadError {
    // In the chosen language (crate::lang), from the catalogue.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(p, e) => f.write_str(&m::CANNOT_READ.fill(&[&p.display(), e])),
            LoadError::NotFound(p) => f.write_str(&m::NO_SUCH_FILE.fill(&[&p.display()])),
            LoadError::IsDirectory(p) => f.write_str(&m::IS_A_DIRECTORY.fill(&[&p.display()])),
            LoadError::TooLarge(p, n) => {
                let mib = MAX_FILE_BYTES / 1024 / 1024;
                f.write_str(&m::FILE_TOO_LARGE.fill(&[&p.display(), n, &mib]))
            }
            LoadError::TooLargeStream(p) => {
                let mib = MAX_FILE_BYTES / 1024 / 1024;
                f.write_str(&m::STREAM_TOO_LARGE.fill(&[&p.display(), &mib]))
            }
            LoadError::Decode(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Docx(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Doc(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Html(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Pdf(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

pub fn format_of(path: &Path, bytes: &[u8]) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        // An OLE file is read as Word binary whatever its name: that reader
        // also recognises a password-protected .docx and other OLE files.
        _ if doc::looks_like_ole(bytes) => Format::Doc,
        // A .docx renamed .doc is still a .docx.
        Some("doc" | "wps" | "wpt" | "dot") if docx::looks_like_zip(bytes) => Format::Docx,
        Some("doc" | "wps" | "wpt" | "dot") => Format::Doc,
        Some("docx") => Format::Docx,
        Some("pdf") => Format::Pdf,
        Some("md") | Some("markdown") => Format::Markdown,
        Some("html" | "htm" | "shtml" | "xhtml") => Format::Html,
        _ if docx::looks_like_zip(bytes) => Format::Docx,
        _ if html::looks_like_html(bytes) => Format::Html,
        _ if pdf::looks_like_pdf(bytes) => Format::Pdf,
        _ => Format::Text,
    }
}

/// Read and decode a file from disk.
pub fn load(path: &Path) -> Result<SourceFile, LoadError> {
    load_bytes(path, read_bytes(path)?)
}

/// [`load`] of bytes already read from `path` (with [`read_bytes`]): a
/// folder's file is read once, to see whether it is a report and to check it.
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
    match format_within_limit(path, &bytes)? {
        // A text file: its bytes become the text, without a copy when UTF-8.
        f @ (Format::Text | Format::Markdown) => text_file(path, decode::decode_owned(bytes), f),
        f => office_or_page(path, &bytes, f),
    }
}

/// The bytes of a file, at most [`MAX_FILE_BYTES`] of them. The limit applies
/// to what is read, not to what the file system claims: a device such as
/// `/dev/zero` has size 0 and never ends.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io(path.to_path_buf(), e),
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory(path.to_path_buf()));
    }
    if meta.is_file() && meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(path.to_path_buf(), meta.len()));
    }
    if is_fifo(&meta) {
        // Opening a pipe waits for a writer, for ever if none comes: say so.
        let note = crate::messages::FIFO_WAITING.fill(&[&path.display()]);
        eprintln!("{}", crate::messages::NOTE_LINE.fill(&[&note]));
    }
    let file = std::fs::File::open(path).map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
    // Room for the whole file and the read that finds its end, as
    // `std::fs::read` makes: one read, no growing (a device says 0).
    let room = if meta.is_file() { meta.len() + 1 } else { 0 };
    read_bounded_into(file, Vec::with_capacity(room as usize)).map_err(|e| match e {
        Bounded::Io(e) => LoadError::Io(path.to_path_buf(), e),
        Bounded::TooLarge => LoadError::TooLargeStream(path.to_path_buf()),
    })
}

#[cfg(unix)]
fn is_fifo(meta: &std::fs::Metadata) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type())
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

/// Why [`read_bounded`] stopped.
#[derive(Debug)]
pub enum Bounded {
    Io(std::io::Error),
    /// More than [`MAX_FILE_BYTES`].
    TooLarge,
}

/// Read to the end, but never more than [`MAX_FILE_BYTES`] (stdin, devices).
pub fn read_bounded(r: impl std::io::Read) -> Result<Vec<u8>, Bounded> {
    read_bounded_into(r, Vec::new())
}

/// [`read_bounded`] into `bytes` (empty, with the capacity it may need).
fn read_bounded_into(r: impl std::io::Read, mut bytes: Vec<u8>) -> Result<Vec<u8>, Bounded> {
    use std::io::Read;
    r.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Bounded::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Bounded::TooLarge);
    }
    Ok(bytes)
}

/// Decode bytes already read (stdin, tests, the language server). The path
/// names the file in errors and, by its extension, says what the bytes are
/// (their first bytes do too, for .docx, web pages and PDF).
///
/// ```
/// use std::path::Path;
/// use xxgk::input::{from_bytes, Encoding, Format};
///
/// // 「年度报告」 saved by an old Windows editor: GB18030, not UTF-8.
/// let gb = b"\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6\r\n";
/// let source = from_bytes(Path::new("报告.txt"), gb).unwrap();
/// assert_eq!(source.text, "年度报告\r\n");
/// assert_eq!((source.encoding, source.format), (Encoding::Gb18030, Format::Text));
///
/// // A .docx that is not one is an error naming the file, not a panic.
/// let err = from_bytes(Path::new("报告.docx"), b"PK\x03\x04broken").unwrap_err();
/// assert!(err.to_string().contains("报告.docx"), "{err}");
/// ```
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    match format_within_limit(path, bytes)? {
        f @ (Format::Text | Format::Markdown) => text_file(path, decode(bytes), f),
        f => office_or_page(path, bytes, f),
    }
}

/// A text file's decoded bytes as a source file.
fn text_file(
    path: &Path,
    decoded: Result<Decoded, DecodeError>,
    format: Format,
) -> Result<SourceFile, LoadError> {
    let d = decoded.map_err(|e| LoadError::Decode(path.to_path_buf(), e))?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text: d.text,
        encoding: d.encoding,
        had_bom: d.had_bom,
        line_ending: d.line_ending,
        format,
        pages: Vec::new(),
    })
}

/// The format of `bytes`, which must not be more than a report may be.
fn format_within_limit(path: &Path, bytes: &[u8]) -> Result<Format, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(path.to_path_buf(), bytes.len() as u64));
    }
    Ok(format_of(path, bytes))
}

/// A Word document, a web page or a PDF: its text view.
fn office_or_page(path: &Path, bytes: &[u8], format: Format) -> Result<SourceFile, LoadError> {
    if format == Format::Docx {
        let text = docx::docx_to_text(bytes, &docx::DocxLimits::default())
            .map_err(|e| LoadError::Docx(path.to_path_buf(), e))?;
        return Ok(office_text(path, text, format));
    }
    if format == Format::Doc {
        let text = doc::doc_to_text(bytes, &doc::DocLimits::default())
            .map_err(|e| LoadError::Doc(path.to_path_buf(), e))?;
        return Ok(office_text(path, text, format));
    }
    if format == Format::Html {
        let page = html::html_to_text(bytes).map_err(|e| LoadError::Html(path.to_path_buf(), e))?;
        // The view is UTF-8 whatever the page was; `encoding` says how the
        // page was stored (GB2312 and GBK are read as GB18030, their superset).
        let encoding = match page.encoding {
            e if e == encoding_rs::GBK || e == encoding_rs::GB18030 => Encoding::Gb18030,
            e if e == encoding_rs::UTF_16LE => Encoding::Utf16Le,
            e if e == encoding_rs::UTF_16BE => Encoding::Utf16Be,
            _ => Encoding::Utf8,
        };
        return Ok(SourceFile {
            path: path.to_path_buf(),
            text: page.text,
            encoding,
            had_bom: page.had_bom,
            line_ending: LineEnding::Lf,
            format,
            pages: Vec::new(),
        });
    }
    if format == Format::Pdf {
        let read = pdf::pdf_to_text(bytes).map_err(|e| LoadError::Pdf(path.to_path_buf(), e))?;
        return Ok(SourceFile {
            path: path.to_path_buf(),
            text: read.text,
            encoding: Encoding::Utf8,
            had_bom: false,
            line_ending: LineEnding::Lf,
            format,
            pages: read.pages,
        });
    }
    text_file(path, decode(bytes), format)
}

/// A text view built from a Word document: UTF-8, LF, never written back.
fn office_text(path: &Path, text: String, format: Format) -> SourceFile {
    SourceFile {
        path: path.to_path_buf(),
        text,
        encoding: Encoding::Utf8,
        had_bom: false,
        line_ending: LineEnding::Lf,
        format,
        pages: Vec::new(),
    }
}

#[cfg(test)]
mod page_tests {
    use super::page_of;

    #[test]
    fn pages_of_offsets() {
        assert_eq!(page_of(&[], 5), None);
        assert_eq!(page_of(&[0, 100], 0), Some(1));
        assert_eq!(page_of(&[0, 100], 99), Some(1));
        assert_eq!(page_of(&[0, 100], 100), Some(2));
        assert_eq!(page_of(&[0, 0, 40], 10), Some(1));
        assert_eq!(page_of(&[0, 0, 40], 40), Some(3));
    }
}
