//! Read a PDF report straight into the flattened text view the parser reads
//! for .docx (see `super::docx`): paragraphs as lines with a blank line after
//! each; table cells as lines starting with a tab, a blank line after each
//! row and one more after each table.
//!
//! - `extract`: the PDF is opened by the `pdfplumber` crate; glyphs, ruled
//!   table cells and image areas per page.
//! - `lines`: glyphs → lines by position.
//! - `grid`: a ruled table's cells → a grid with merged cells like Word's.
//! - `layout`: pages → text, with page furniture dropped and tables joined
//!   across page breaks.
//!
//! A page with no text layer (a scan) or with a picture large enough to be
//! a table printed as an image is written as one marker line, which rule
//! E003 reports; nothing is guessed from the picture (no OCR).

mod borderless;
mod extract;
mod grid;
mod layout;
mod lines;

use std::fmt;

/// A readable PDF: its text view and the byte offset where each page's text
/// starts (`pages[0]` is page 1).
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    pub text: String,
    pub pages: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Encrypted with a password that is not empty.
    Encrypted,
    /// Not a PDF, or too damaged to be read.
    Damaged(String),
    /// A limit on pages or objects was hit (a hostile or absurd file).
    TooLarge(String),
}

impl PdfError {
    fn from_pdfplumber(e: pdfplumber::PdfError) -> Self {
        match e {
            pdfplumber::PdfError::PasswordRequired | pdfplumber::PdfError::InvalidPassword => {
                PdfError::Encrypted
            }
            pdfplumber::PdfError::ResourceLimitExceeded {
                limit_name,
                limit_value,
                ..
            } => PdfError::TooLarge(format!("{limit_name} = {limit_value}")),
            other => PdfError::Damaged(other.to_string()),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::messages as m;
        f.write_str(&match self {
            PdfError::Encrypted => m::PDF_ENCRYPTED.text().to_string(),
            PdfError::Damaged(why) => m::PDF_DAMAGED.fill(&[why]),
            PdfError::TooLarge(limit) => m::PDF_TOO_LARGE.fill(&[limit]),
        })
    }
}

impl std::error::Error for PdfError {}

/// True when the bytes start like a PDF (`%PDF-`, perhaps after blank
/// bytes). Readers accept junk before the header too, but a text report that
/// quotes `%PDF-` must not be taken for one.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0)
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"%PDF-")
}

/// The line written for a run of pages that have no text layer.
pub fn no_text_marker(first: usize, last: usize) -> String {
    let pages = pages_of(first, last);
    format!("{NO_TEXT_PREFIX}{pages}没有文字层（扫描件或图片），无法读取]")
}

/// The line written for a run of pages whose text is there but cannot be
/// decoded (a font without a usable ToUnicode map): rule E003 reports it.
pub fn undecodable_marker(first: usize, last: usize, font: &str) -> String {
    format!(
        "{NO_TEXT_PREFIX}{}的文字无法解码：字体 {font} 没有可用的 Unicode 映射（ToUnicode），\
         读出的只是字形编号，内容无法读取]",
        pages_of(first, last)
    )
}

fn pages_of(first: usize, last: usize) -> String {
    if first == last {
        format!("第{first}页")
    } else {
        format!("第{first}–{last}页")
    }
}

/// The line written for a page with text and a large picture.
pub fn image_marker(page: usize) -> String {
    format!("{IMAGE_PREFIX}第{page}页有一幅大图片，其中的内容（可能是表格）无法读取]")
}

/// Start of the marker lines; rule E003 looks for these.
pub const NO_TEXT_PREFIX: &str = "[xxgk-pdf: ";
pub const IMAGE_PREFIX: &str = "[xxgk-pdf-image: ";

const PARSER_STACK: usize = 64 * 1024 * 1024;

/// Turn a PDF's bytes into the text view.
pub fn pdf_to_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    // The PDF parser has not been proven panic-free on every malformed file;
    // one bad file must not take down the CLI or the language server. It runs
    // on its own thread with a roomy stack: the parser and the content
    // interpreter recurse, and a crafted file must not overflow the caller's.
    let guarded = || {
        std::panic::catch_unwind(|| read_pdf(bytes)).unwrap_or_else(|_| {
            Err(PdfError::Damaged(
                "reading it failed unexpectedly".to_string(),
            ))
        })
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .stack_size(PARSER_STACK)
            .spawn_scoped(scope, guarded)
        {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(PdfError::Damaged(
                    "reading it failed unexpectedly".to_string(),
                ))
            }),
            Err(_) => guarded(),
        }
    })
}

/// Deeper nesting of arrays and dictionaries than this is no real PDF
/// (they nest a handful of levels); the parser below recurses on it.
const MAX_NESTING: usize = 256;

/// The deepest nesting of `[` and `<<` in the file's objects, skipping
/// literal strings and stream data (whose bytes are not syntax).
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'(' => i = skip_string(bytes, i),
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                i = find(bytes, i, b"endstream").unwrap_or(bytes.len());
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// The same bound inside content streams (pages and forms), which are
/// compressed and so invisible to the scan of the file's bytes. Images are
/// skipped: their data is not syntax. A stream that does not decompress is
/// left to the reader to report.
fn check_content_nesting(bytes: &[u8]) -> Result<(), PdfError> {
    use pdfplumber::PdfBackend;
    let Ok(doc) = pdfplumber::LopdfBackend::open(bytes) else {
        return Ok(());
    };
    for object in doc.inner().objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let subtype = stream.dict.get(b"Subtype").and_then(|o| o.as_name());
        if matches!(subtype, Ok(b"Image")) {
            continue;
        }
        // lopdf gives an error, not the bytes, for a stream without a filter.
        let decompressed = stream.decompressed_content();
        let content = decompressed.as_deref().unwrap_or(&stream.content);
        if nesting_depth(content) > MAX_NESTING {
            return Err(PdfError::Damaged(format!(
                "a content stream nests more than {MAX_NESTING} levels deep"
            )));
        }
    }
    Ok(())
}

/// Index of the `)` that closes the literal string opened at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let (mut depth, mut i) = (0usize, start);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    if nesting_depth(bytes) > MAX_NESTING {
        return Err(PdfError::Damaged(format!(
            "objects nested more than {MAX_NESTING} levels deep"
        )));
    }
    check_content_nesting(bytes)?;
    let pdf = extract::open(bytes)?;
    let mut pages = Vec::with_capacity(pdf.page_count());
    for i in 0..pdf.page_count() {
        let content = extract::page(&pdf, i)?;
        pages.push(layout::blocks_of(&content));
    }
    if pages.is_empty() {
        return Err(PdfError::Damaged("the PDF has no pages".to_string()));
    }
    layout::drop_furniture(&mut pages);
    layout::drop_after_site_footer(&mut pages);
    let mut writer = layout::Writer::new();
    for (i, p) in pages.iter().enumerate() {
        writer.page(i + 1, p);
    }
    let (text, pages) = writer.finish();
    Ok(PdfText { text, pages })
}
