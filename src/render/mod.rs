//! Diagnostics → text for people and machines. The only place that turns byte
//! spans into lines and columns for the CLI.

pub mod full;
pub mod github;
pub mod html;
pub mod json;
pub mod json_lines;
pub mod office;
pub mod sarif;
pub mod xlsx;

use crate::diagnostic::Diagnostic;
use crate::input::LineIndex;
use std::borrow::Cow;

/// A control character other than tab and line breaks: printed raw, ESC
/// and friends drive the terminal (issue 11: a .docx could clear the screen
/// or set the window title through a snippet or an error message).
fn is_hostile(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with each hostile control character replaced by a visible stand-in
/// of the same UTF-8 length (`?` for one byte, `¿` for two), so every span
/// into it stays valid.
pub fn printable_text(text: &str) -> Cow<'_, str> {
    if !text.contains(is_hostile) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match (is_hostile(c), c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '?',
                (true, _) => '¿',
            })
            .collect(),
    )
}

/// A message with each control character but tab and newline written as an
/// escape (`\u{1b}`): for error messages, paths and diagnostic messages.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !matches!(c, '\t' | '\n');
    if !s.contains(escaped) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if escaped(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// JSON text with DEL and the C1 controls (U+007F–U+009F; U+009B is a CSI to
/// some terminals) written as `\u00XX` escapes. serde_json leaves them raw,
/// and JSON is printed to terminals too. They can only stand inside strings,
/// so the escaped document decodes to the same values.
pub fn escape_c1_in_json(json: String) -> String {
    let raw = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    // In UTF-8, U+007F is the byte 7F and U+0080–U+009F start with C2: a
    // text with neither byte (nearly every one) needs no character scan.
    if memchr::memchr2(0x7f, 0xc2, json.as_bytes()).is_none() || !json.contains(raw) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A diagnostic whose texts are safe to print on a terminal.
pub fn printable_diagnostic(d: &Diagnostic) -> Diagnostic {
    let esc = |s: &str| escape_controls(s).into_owned();
    let mut d = d.clone();
    d.message = esc(&d.message);
    d.primary_label = esc(&d.primary_label);
    for l in &mut d.labels {
        l.message = esc(&l.message);
    }
    for n in &mut d.notes {
        *n = esc(n);
    }
    if let Some(f) = &mut d.fix {
        f.title = esc(&f.title);
        for e in &mut f.edits {
            e.replacement = printable_text(&e.replacement).into_owned();
        }
    }
    d
}

/// One checked file and what was found in it.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
    /// Where each page's text starts, for a PDF; empty otherwise.
    pub pages: &'a [usize],
    /// The issuing body and report year read from the report, when found.
    pub issuer: Option<&'a str>,
    pub year: Option<i32>,
    /// Whether `--fix` may rewrite the file: a safe fix is promised only then.
    pub rewritable: bool,
    /// For a .docx, the Word place (第N段, 第N个表格…) where each part of the view starts.
    pub word: &'a [(usize, crate::input::docx::places::WordPlace)],
}

impl FileReport<'_> {
    /// The 1-based PDF page of a byte offset, when the file has pages.
    pub fn page(&self, offset: usize) -> Option<usize> {
        crate::input::page_of(self.pages, offset)
    }

    /// Where a byte offset is in Word's terms (`第3个表格 第2行 第7列`), for a .docx.
    pub fn word_place(&self, offset: usize) -> Option<String> {
        crate::input::docx::places::place_of(self.word, offset).map(|p| p.describe())
    }

    /// `第N页 ` or a Word place and a space, to put before a message; empty for text.
    pub fn where_prefix(&self, offset: usize) -> String {
        self.page(offset)
            .map(|n| format!("第{n}页 "))
            .or_else(|| self.word_place(offset).map(|w| format!("{w} ")))
            .unwrap_or_default()
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
        let page = file.where_prefix(d.span.start);
        out.push_str(&format!(
            "{}:{}:{}: {} [{}] {page}{}\n",
            file.path, line, col, d.code, d.severity, d.message
        ));
    }
}

#[cfg(test)]
mod c1_tests {
    #[test]
    fn c1_controls_in_json_are_escaped_and_decode_the_same() {
        let value = serde_json::json!({"message": "a\u{9b}2Jb\u{7f}"});
        let raw = serde_json::to_string(&value).unwrap();
        assert!(raw.contains('\u{9b}'), "serde_json leaves C1 raw: {raw:?}");
        let escaped = super::escape_c1_in_json(raw);
        assert!(!escaped.contains(|c: char| ('\u{7f}'..='\u{9f}').contains(&c)));
        assert!(escaped.contains("\\u009b"), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }
}
