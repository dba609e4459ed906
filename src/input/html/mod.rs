//! Read a report published as a web page (`.html`, `.htm`, `.shtml`, as a
//! site serves it or a browser saves it) into the same text view the .docx
//! reader writes: paragraphs as lines with a blank line after each; every
//! table cell a line starting with a tab, a blank line after each row and one
//! more after each table; merged cells padded with empty cells as Word's are.
//!
//! The page is decoded (`charset`), parsed by html5ever (through `scraper`)
//! exactly as a browser builds its tree, walked into pieces (`walk`, with
//! `text` and `grid`), and cut down to the report itself (`article`).

mod article;
mod charset;
mod grid;
mod prescan;
#[cfg(test)]
mod tests;
mod text;
mod walk;

use std::fmt;

use scraper::Html;

/// The text view is refused beyond this size, as the .docx reader's is: only
/// crafted `colspan`/`rowspan` make a page expand that far.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// A report page has a few thousand tags; even a Word "save as web page"
/// export stays far below this. Beyond it the page is refused before it is
/// parsed, so that a crafted file cannot make the tree take gigabytes.
pub const MAX_TAGS: usize = 200_000;

/// Real pages nest a few dozen levels deep; parsing time grows with tags
/// times depth, so a deeper page is refused before it is parsed.
pub const MAX_DEPTH: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlError {
    /// Not a web page at all (a PDF, a Word file, plain text, binary).
    NotHtml(String),
    /// No encoding the page allows decodes its bytes.
    Undecodable { charset: String, offset: usize },
    /// More tags than [`MAX_TAGS`].
    TooManyTags { limit: usize },
    /// Elements nested deeper than [`MAX_DEPTH`].
    TooDeep { limit: usize },
    /// The text view grows past [`MAX_TEXT_BYTES`].
    TooLarge { limit: usize },
    /// The page shows no text at all.
    NoText,
    /// The page has text, but not a report's headings or tables.
    NoReport,
}

impl fmt::Display for HtmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::messages as m;
        f.write_str(&match self {
            HtmlError::NotHtml(why) => m::HTML_NOT_HTML.fill(&[why]),
            HtmlError::Undecodable { charset, offset } => {
                m::HTML_UNDECODABLE.fill(&[charset, offset])
            }
            HtmlError::TooManyTags { limit } => m::HTML_TOO_MANY_TAGS.fill(&[limit]),
            HtmlError::TooDeep { limit } => m::HTML_TOO_DEEP.fill(&[limit]),
            HtmlError::TooLarge { limit } => m::HTML_TOO_LARGE.fill(&[&(limit / 1024 / 1024)]),
            HtmlError::NoText => m::HTML_NO_TEXT.text().to_string(),
            HtmlError::NoReport => m::HTML_NO_REPORT.text().to_string(),
        })
    }
}

impl std::error::Error for HtmlError {}

/// The report's text view and how the page was stored.
#[derive(Debug, Clone)]
pub struct HtmlText {
    pub text: String,
    pub encoding: &'static encoding_rs::Encoding,
    pub had_bom: bool,
    /// False when the encoding was inferred from the bytes rather than read
    /// from a BOM or a declaration.
    pub declared: bool,
}

/// True when the bytes start like a web page: `<!DOCTYPE html`, `<html`,
/// possibly after a BOM, an XML declaration, and the `<!-- saved from
/// url=… -->` comment that browsers write when saving a page.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A few prologue items at most; each step consumes input.
    for _ in 0..8 {
        rest = rest.trim_ascii_start();
        if starts_with_ignore_case(rest, b"<!doctype html")
            || starts_with_ignore_case(rest, b"<html")
        {
            let tail = rest
                .get(if rest[1] == b'!' { 14 } else { 5 }..)
                .unwrap_or(&[]);
            return tail
                .first()
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>');
        }
        let end = if rest.starts_with(b"<!--") {
            find(rest, b"-->").map(|i| i + 3)
        } else if rest.starts_with(b"<?xml") {
            find(rest, b"?>").map(|i| i + 2)
        } else {
            None
        };
        match end {
            Some(i) => rest = &rest[i..],
            None => return false,
        }
    }
    false
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What a file that is not a web page is, from its first bytes.
fn not_html(bytes: &[u8]) -> Option<String> {
    let kind = if bytes.starts_with(b"%PDF") {
        "这是 PDF 文件"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "这是 zip 压缩文件（.docx？）"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "这是旧版 Word（.doc）或 WPS 文件"
    } else {
        return None;
    };
    Some(kind.to_string())
}

/// Turn a web page's bytes into the text view of the report it holds.
pub fn html_to_text(bytes: &[u8]) -> Result<HtmlText, HtmlError> {
    if let Some(why) = not_html(bytes) {
        return Err(HtmlError::NotHtml(why));
    }
    let decoded = charset::decode(bytes)?;
    let text = &decoded.text;
    if let Some(at) = text.find('\0') {
        return Err(HtmlError::NotHtml(format!("第 {at} 字节处是二进制内容")));
    }
    if !has_markup(text) {
        return Err(HtmlError::NotHtml(
            "没有任何 HTML 标记；若是文字稿，请改用 .txt 扩展名".to_string(),
        ));
    }
    prescan::check(text, MAX_TAGS, MAX_DEPTH).map_err(|e| match e {
        prescan::Excess::Tags(limit) => HtmlError::TooManyTags { limit },
        prescan::Excess::Depth(limit) => HtmlError::TooDeep { limit },
    })?;
    let html = Html::parse_document(text);
    let walked = walk::walk(&html, MAX_TEXT_BYTES)?;
    let text = article::report_text(&html, &walked)?;
    Ok(HtmlText {
        text,
        encoding: decoded.encoding,
        had_bom: decoded.had_bom,
        declared: decoded.declared,
    })
}

/// A start tag, an end tag, a comment or a doctype somewhere in the text.
fn has_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}
