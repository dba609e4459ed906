//! One open document: its text as a rope and the version the client gave it.
//!
//! A rope because clients send one small edit per keystroke and a report is
//! tens of kilobytes: an edit costs O(log n) instead of copying the text.

use ropey::Rope;
use tower_lsp::lsp_types::TextDocumentContentChangeEvent;

use super::position::{self, Clamped, PositionEncoding};

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
        }
    }

    /// Apply one content change. A range outside the document never panics:
    /// positions are clamped (a line past the end means the end of the text),
    /// and a warning for the log is returned so that a client that lost sync
    /// can be diagnosed.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        enc: PositionEncoding,
    ) -> Option<String> {
        let Some(range) = change.range else {
            self.rope = Rope::from_str(&change.text);
            return None;
        };
        let (span, clamped) = position::to_span(&self.rope, range, enc);
        let start = self.rope.byte_to_char(span.start);
        let end = self.rope.byte_to_char(span.end);
        self.rope.remove(start..end);
        self.rope.insert(start, &change.text);
        match clamped {
            Clamped::No => None,
            Clamped::PastEnd => {
                let (s, e) = (range.start, range.end);
                let at = format!("{}:{}-{}:{}", s.line, s.character, e.line, e.character);
                let lines = self.rope.len_lines();
                Some(crate::messages::LSP_EDIT_PAST_END.fill(&[&at, &lines]))
            }
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_and_clamping() {
        let mut d = Document::new("总计\r\n34\r\n", 1);
        assert!(d
            .apply(&change(1, 0, 1, 2, "35"), PositionEncoding::Utf16)
            .is_none());
        assert_eq!(d.text(), "总计\r\n35\r\n");
        let warn = d.apply(&change(7, 0, 9, 3, "尾"), PositionEncoding::Utf16);
        assert!(warn.is_some());
        assert_eq!(d.text(), "总计\r\n35\r\n尾");
        d.apply(
            &TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "新".into(),
            },
            PositionEncoding::Utf8,
        );
        assert_eq!(d.text(), "新");
    }
}
