//! Read a Word 97–2003 binary document (.doc, and the .wps files WPS Writer
//! saves in the same layout) into the text view the parser reads for .docx:
//! paragraphs as lines with a blank line after each; every table cell a line
//! starting with a tab; a blank line after each row and one more after the
//! table.
//!
//! The container is an OLE compound file (the `cfb` crate). Inside it, the
//! `WordDocument` stream starts with the FIB, which says where the piece
//! table (the CLX, in the `0Table` or `1Table` stream) is; the piece table
//! maps character positions to runs of 8-bit (cp1252) or UTF-16 text. Table
//! cells end with 0x07; a 0x07 whose paragraph properties carry `fTtp` ends a
//! row instead (see `papx`).

mod chpx;
mod fib;
mod papx;
#[cfg(test)]
mod tests;
mod walk;

use std::fmt;
use std::io::{Cursor, Read};

const MIB: u64 = 1024 * 1024;

/// Limits that keep a crafted file from costing unbounded memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLimits {
    /// Size of one stream read out of the compound file.
    pub max_stream_bytes: u64,
    /// Entries in the piece table; Word writes a few hundred at most.
    pub max_pieces: usize,
    /// Characters of main-document text; a report has tens of thousands.
    pub max_chars: u32,
    /// 512-byte pages of paragraph (and, separately, character) properties.
    pub max_papx_pages: usize,
}

impl Default for DocLimits {
    fn default() -> Self {
        DocLimits {
            max_stream_bytes: 64 * MIB,
            max_pieces: 100_000,
            max_chars: 16 * 1024 * 1024,
            max_papx_pages: 16_384,
        }
    }
}

/// Why a .doc could not be read. Messages are for the person holding the
/// file: what is wrong with it and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// Not an OLE compound file, or its directory is broken.
    NotOle(String),
    /// An OLE file holding a password-protected .docx (`EncryptedPackage`).
    EncryptedDocx,
    /// An OLE file without a `WordDocument` stream; says what it looks like.
    NotWord(&'static str),
    /// `fEncrypted` or `fObfuscated` is set in the FIB.
    Encrypted,
    /// A Word 6.0/95 (or older) FIB.
    OldWord,
    /// The Word structures are cut off or inconsistent.
    Damaged(String),
    /// A limit from [`DocLimits`] was hit.
    TooLarge(String),
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::messages as m;
        f.write_str(&match self {
            DocError::NotOle(why) => m::DOC_NOT_OLE.fill(&[why]),
            DocError::EncryptedDocx => m::DOC_ENCRYPTED_DOCX.text().to_string(),
            DocError::NotWord(what) => m::DOC_NOT_WORD.fill(&[what]),
            DocError::Encrypted => m::DOC_ENCRYPTED.text().to_string(),
            DocError::OldWord => m::DOC_OLD_WORD.text().to_string(),
            DocError::Damaged(why) => m::DOC_DAMAGED.fill(&[why]),
            DocError::TooLarge(what) => m::DOC_TOO_LARGE.fill(&[what]),
        })
    }
}

impl std::error::Error for DocError {}

/// An OLE2 compound file: a .doc, a .wps, an .xls, a password-protected .docx…
pub const OLE2_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when the bytes start like an OLE compound file.
pub fn looks_like_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE2_MAGIC)
}

/// Turn a .doc file's bytes into the flattened text view.
pub fn doc_to_text(bytes: &[u8], limits: &DocLimits) -> Result<String, DocError> {
    // The compound-file reader has not been proven panic-free on every
    // malformed file; one bad file must not take down the CLI or the server.
    std::panic::catch_unwind(|| read_doc(bytes, limits)).unwrap_or_else(|_| {
        Err(DocError::NotOle(
            "OLE 复合文件结构异常（读取时意外失败）".to_string(),
        ))
    })
}

/// [`doc_to_text`] without the panic guard, for the fuzz harness: there a
/// panic must surface, not turn into an error.
#[doc(hidden)]
pub fn doc_to_text_unguarded(bytes: &[u8], limits: &DocLimits) -> Result<String, DocError> {
    read_doc(bytes, limits)
}

fn read_doc(bytes: &[u8], limits: &DocLimits) -> Result<String, DocError> {
    if !looks_like_ole(bytes) {
        return Err(DocError::NotOle(not_ole(bytes).to_string()));
    }
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| DocError::NotOle(format!("OLE 复合文件已损坏或被截断（{e}）")))?;
    if !ole.is_stream("/WordDocument") {
        return Err(not_word(&ole));
    }
    let word = read_stream(&mut ole, "/WordDocument", limits)?;
    let fib = fib::Fib::parse(&word)?;
    let table_name = if fib.table_1 { "/1Table" } else { "/0Table" };
    if !ole.is_stream(table_name) {
        return Err(DocError::Damaged(format!("缺少 {} 流", &table_name[1..])));
    }
    let table = read_stream(&mut ole, table_name, limits)?;
    let pieces = fib::pieces(&fib, &word, &table, limits)?;
    let paras = papx::ParaRuns::read(&fib, &word, &table, limits)?;
    let unseen = chpx::Unseen::read(&fib, &word, &table, limits)?;
    walk::flatten(&word, &pieces, &paras, &unseen)
}

/// What a file named .doc that is not an OLE file most likely is: sites and
/// old tools save RTF and web pages under that name.
fn not_ole(bytes: &[u8]) -> &'static str {
    if bytes.is_empty() {
        return "文件是空的";
    }
    let head = &bytes[..bytes.len().min(1024)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.starts_with(b"{\\rtf") {
        "这是 RTF 文件，不是 .doc；请在 Word 或 WPS 中另存为 .docx"
    } else if lower.contains("<html") || lower.contains("mime-version") {
        "这是网页（HTML/MHT）文件，不是 .doc；请在 Word 或 WPS 中另存为 .docx"
    } else {
        "文件开头没有 OLE 复合文件的标志（已损坏，或不是 Word 文件）"
    }
}

/// What an OLE file without a Word stream most likely is.
fn not_word<F: Read + std::io::Seek>(ole: &cfb::CompoundFile<F>) -> DocError {
    if ole.is_stream("/EncryptedPackage") || ole.is_stream("/EncryptionInfo") {
        return DocError::EncryptedDocx;
    }
    let what = if ole.is_stream("/Workbook") || ole.is_stream("/Book") {
        "Excel 表格"
    } else if ole.is_stream("/PowerPoint Document") {
        "PowerPoint 演示文稿"
    } else if ole.is_stream("/CONTENTS") {
        "Microsoft Works 文档"
    } else {
        "其他程序的文件"
    };
    DocError::NotWord(what)
}

fn read_stream<F: Read + std::io::Seek>(
    ole: &mut cfb::CompoundFile<F>,
    path: &str,
    limits: &DocLimits,
) -> Result<Vec<u8>, DocError> {
    let name = &path[1..];
    let stream = ole
        .open_stream(path)
        .map_err(|e| DocError::Damaged(format!("无法打开 {name} 流：{e}")))?;
    if stream.len() > limits.max_stream_bytes {
        return Err(DocError::TooLarge(format!("{name} 流")));
    }
    let mut buf = Vec::with_capacity(stream.len() as usize);
    stream
        .take(limits.max_stream_bytes)
        .read_to_end(&mut buf)
        .map_err(|e| DocError::Damaged(format!("{name} 流读取失败：{e}")))?;
    Ok(buf)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn damaged(what: &str) -> DocError {
    DocError::Damaged(what.to_string())
}
