//! LSP positions ↔ byte offsets, on a rope.
//!
//! Everything inside xxgk is a byte offset into one `&str`; the protocol speaks
//! line + column, where the column is counted in the encoding negotiated at
//! `initialize` (UTF-16 code units by default, bytes when the client offers
//! `utf-8`). Lines end at `\n`, `\r\n` or a lone `\r` (LSP 3.17 §Text
//! Documents), which is why the rope is built with ropey's `cr_lines` and
//! without `unicode_lines`: U+2028 and friends are not line breaks to a client.
//!
//! Both directions work on the same [`Rope`] type so that the text a lint ran
//! on and the text an edit applies to are measured identically.

use ropey::Rope;
use tower_lsp::lsp_types::{Position, PositionEncodingKind, Range};

use crate::span::Span;

/// The column unit negotiated with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    #[default]
    Utf16,
    Utf8,
}

impl PositionEncoding {
    /// Pick the encoding from the client's `general.positionEncodings`: UTF-8
    /// when offered (no conversion needed for our byte spans), else the
    /// mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }
}

/// Where a position fell outside the document, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clamped {
    /// The position was inside the document (a column past a line's end is
    /// not clamping: the protocol defines it as the line's end).
    No,
    /// The line was past the last line; the offset is the end of the document.
    PastEnd,
}

/// Char index of the end of `line`'s content, before its terminator.
fn line_content_end_char(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_char(line);
    let end = if line + 1 < rope.len_lines() {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    let mut content_end = end;
    if content_end > start && rope.char(content_end - 1) == '\n' {
        content_end -= 1;
    }
    if content_end > start && rope.char(content_end - 1) == '\r' {
        content_end -= 1;
    }
    content_end
}

/// The byte offset of an LSP position. A column past the end of its line
/// means the line's end; a line past the last line means the document's end
/// (reported as [`Clamped::PastEnd`] so the caller can log it).
pub fn to_offset(rope: &Rope, pos: Position, enc: PositionEncoding) -> (usize, Clamped) {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return (rope.len_bytes(), Clamped::PastEnd);
    }
    let start_char = rope.line_to_char(line);
    let end_char = line_content_end_char(rope, line);
    let col = pos.character as usize;
    let char_idx = match enc {
        PositionEncoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(start_char);
            let end_cu = rope.char_to_utf16_cu(end_char);
            let cu = (start_cu + col).min(end_cu);
            // Inside a surrogate pair ropey rounds down to the char's start,
            // which is where a client that split the pair meant to be.
            rope.utf16_cu_to_char(cu)
        }
        PositionEncoding::Utf8 => {
            let start_byte = rope.char_to_byte(start_char);
            let end_byte = rope.char_to_byte(end_char);
            // byte_to_char rounds a byte inside a character down to it.
            rope.byte_to_char((start_byte + col).min(end_byte))
        }
    };
    (rope.char_to_byte(char_idx), Clamped::No)
}

/// The LSP position of a byte offset (clamped to the text; an offset inside a
/// character counts as that character's start).
pub fn to_position(rope: &Rope, offset: usize, enc: PositionEncoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let start_char = rope.line_to_char(line);
    let col = match enc {
        PositionEncoding::Utf16 => {
            rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(start_char)
        }
        PositionEncoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(start_char),
    };
    Position::new(line as u32, col as u32)
}

pub fn to_range(rope: &Rope, span: Span, enc: PositionEncoding) -> Range {
    Range::new(
        to_position(rope, span.start, enc),
        to_position(rope, span.end, enc),
    )
}

/// Byte span of an LSP range; a reversed range is read as the same range the
/// right way round.
pub fn to_span(rope: &Rope, range: Range, enc: PositionEncoding) -> (Span, Clamped) {
    let (a, ca) = to_offset(rope, range.start, enc);
    let (b, cb) = to_offset(rope, range.end, enc);
    let clamped = if ca == Clamped::PastEnd || cb == Clamped::PastEnd {
        Clamped::PastEnd
    } else {
        Clamped::No
    };
    (Span::new(a.min(b), a.max(b)), clamped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_cr_is_a_line_break() {
        // As `input::LineIndex` counts it (issue 12: line 1 col 0 at both layers).
        let text = "一、总体\r二、主动";
        let at = text.find('二').unwrap();
        let rope = Rope::from_str(text);
        for enc in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            assert_eq!(to_position(&rope, at, enc), Position::new(1, 0));
        }
    }

    #[test]
    fn cjk_emoji_crlf_both_encodings() {
        let rope = Rope::from_str("一、总体\r\n😀a二\rb\n");
        let er = "一、总体\r\n😀a二\rb\n".find('二').unwrap();
        assert_eq!(
            to_position(&rope, er, PositionEncoding::Utf16),
            Position::new(1, 3)
        );
        assert_eq!(
            to_position(&rope, er, PositionEncoding::Utf8),
            Position::new(1, 5)
        );
        assert_eq!(
            to_offset(&rope, Position::new(1, 3), PositionEncoding::Utf16),
            (er, Clamped::No)
        );
        assert_eq!(
            to_offset(&rope, Position::new(1, 5), PositionEncoding::Utf8),
            (er, Clamped::No)
        );
        // A lone CR ends a line.
        assert_eq!(
            to_offset(&rope, Position::new(2, 0), PositionEncoding::Utf16).0,
            er + '二'.len_utf8() + 1
        );
        // Past the end of line 0 is the end of its content, before "\r\n".
        assert_eq!(
            to_offset(&rope, Position::new(0, 99), PositionEncoding::Utf16).0,
            12
        );
        // Inside the emoji's surrogate pair: its start.
        assert_eq!(
            to_offset(&rope, Position::new(1, 1), PositionEncoding::Utf16).0,
            14
        );
        assert_eq!(
            to_offset(&rope, Position::new(9, 0), PositionEncoding::Utf16),
            (rope.len_bytes(), Clamped::PastEnd)
        );
    }

    #[test]
    fn unicode_line_separator_is_not_a_line_break() {
        let rope = Rope::from_str("a\u{2028}b\nc");
        assert_eq!(rope.len_lines(), 2);
        assert_eq!(
            to_position(&rope, 4, PositionEncoding::Utf16),
            Position::new(0, 2)
        );
    }
}
