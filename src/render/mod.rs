//! Diagnostics → text for people and machines. The only place that turns byte
//! spans into lines and columns for the CLI.

pub mod full;
pub mod github;
pub mod json;
pub mod json_lines;
pub mod sarif;

use crate::diagnostic::Diagnostic;
use crate::input::LineIndex;

/// One checked file and what was found in it.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
    /// Where each page's text starts, for a PDF; empty otherwise.
    pub pages: &'a [usize],
}

impl FileReport<'_> {
    /// The 1-based PDF page of a byte offset, when the file has pages.
    pub fn page(&self, offset: usize) -> Option<usize> {
        crate::input::page_of(self.pages, offset)
    }
}

/// 1-based line and character column of a byte offset.
pub fn position(text: &str, index: &LineIndex, offset: usize) -> (usize, usize) {
    let p = index.char_pos(text, offset);
    (p.line + 1, p.col + 1)
}

/// `path:line:col: CODE message`, one per line.
pub fn concise(file: &FileReport, out: &mut String) {
    for d in file.diagnostics {
        let (line, col) = position(file.text, file.index, d.span.start);
        let page = file
            .page(d.span.start)
            .map(|n| format!("第{n}页 "))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}:{}: {} [{}] {page}{}\n",
            file.path, line, col, d.code, d.severity, d.message
        ));
    }
}
