//! Reading input: bytes on disk → decoded text with a line index.

pub mod decode;
pub mod docx;
pub mod line_index;
pub mod pdf;

pub use decode::{decode, DecodeError, Decoded, Encoding, LineEnding};
pub use line_index::LineIndex;

use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read: a report is tens of
/// kilobytes; anything near this is not a report.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The kind of document, from its extension (and its first bytes for zip
/// and PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
}

impl Format {
    /// Read from a binary document: never rewritten by `--fix`.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
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
    Decode(PathBuf, DecodeError),
    Docx(PathBuf, docx::DocxError),
    Pdf(PathBuf, pdf::PdfError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(p, e) => write!(f, "{}: cannot read: {e}", p.display()),
            LoadError::NotFound(p) => write!(f, "{}: no such file", p.display()),
            LoadError::IsDirectory(p) => write!(f, "{}: is a directory", p.display()),
            LoadError::TooLarge(p, n) => write!(
                f,
                "{}: file is {n} bytes, over the {} MiB limit for a report; refusing to read it",
                p.display(),
                MAX_FILE_BYTES / 1024 / 1024
            ),
            LoadError::Decode(p, e) => write!(f, "{}: {e}", p.display()),
            LoadError::Docx(p, e) => write!(f, "{}: {e}", p.display()),
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
        Some("docx") => Format::Docx,
        Some("pdf") => Format::Pdf,
        Some("md") | Some("markdown") => Format::Markdown,
        _ if docx::looks_like_zip(bytes) => Format::Docx,
        _ if pdf::looks_like_pdf(bytes) => Format::Pdf,
        _ => Format::Text,
    }
}

/// Read and decode a file from disk.
pub fn load(path: &Path) -> Result<SourceFile, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io(path.to_path_buf(), e),
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(path.to_path_buf(), meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
    from_bytes(path, &bytes)
}

/// Decode bytes already read (stdin, tests, the language server).
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<SourceFile, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(path.to_path_buf(), bytes.len() as u64));
    }
    let format = format_of(path, bytes);
    if format == Format::Docx {
        let text = docx::docx_to_text(bytes, &docx::DocxLimits::default())
            .map_err(|e| LoadError::Docx(path.to_path_buf(), e))?;
        return Ok(SourceFile {
            path: path.to_path_buf(),
            text,
            encoding: Encoding::Utf8,
            had_bom: false,
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
    let d = decode(bytes).map_err(|e| LoadError::Decode(path.to_path_buf(), e))?;
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
