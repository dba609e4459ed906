//! Read a .docx straight into the "flattened Word text" view that the parser
//! already understands from reports saved as text: paragraphs as lines, a
//! blank line after each; every table cell a line starting with a tab; a blank
//! line after each table row and one more after the table.
//!
//! Only `word/document.xml` is read, and it is streamed: a report's tables are
//! all we need, and a streaming reader keeps memory bounded by the limits
//! below whatever the archive claims about itself.

mod flatten;
pub mod places;
#[cfg(test)]
mod tests;

use crate::messages as m;
use std::fmt;
use std::io::{self, Cursor, Read};

use flatten::flatten;

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
            DocxError::NotZip(why) => f.write_str(&m::DOCX_NOT_ZIP.fill(&[why])),
            DocxError::MissingDocumentXml => f.write_str(m::DOCX_NO_DOCUMENT.text()),
            DocxError::TooLarge { part, limit } => {
                let size = human_size(*limit);
                f.write_str(&match part.as_str() {
                    DOCUMENT_XML => m::DOCX_PART_TOO_LARGE.fill(&[&DOCUMENT_XML, &size]),
                    PART_ARCHIVE => m::DOCX_ARCHIVE_TOO_LARGE.fill(&[&size]),
                    PART_ENTRIES => m::DOCX_TOO_MANY_ENTRIES.fill(&[limit]),
                    PART_TEXT => m::DOCX_TEXT_TOO_LARGE.fill(&[&DOCUMENT_XML, &size]),
                    other => m::DOCX_OTHER_TOO_LARGE.fill(&[&other, &size]),
                })
            }
            DocxError::Xml(why) => f.write_str(&m::DOCX_BAD_XML.fill(&[&DOCUMENT_XML, why])),
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
        format!("{bytes} {}", crate::lang::current().pick("字节", "bytes"))
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
        } else if looks_like_zip(bytes) {
            // Starts like a zip but its directory (at the end) is unreadable:
            // a download or a copy that stopped short.
            DocxError::NotZip(format!(
                "the archive is truncated or damaged ({e}); copy or download it again"
            ))
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
