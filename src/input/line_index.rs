//! Byte offset → line/column in characters (for humans and JSON). Built once
//! per text; lookups are a binary search. LSP units (UTF-16 code units) are
//! the language server's business alone: `lsp::position`.

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    len: usize,
}

/// A 0-based line and a 0-based column in some unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // A line ends at `\n`, and at a lone `\r` as in the language server's
        // ropes (ropey's `cr_lines`), so the CLI and an editor agree on lines.
        let bytes = text.as_bytes();
        // Counted first (a vectorised count) so that the starts are not
        // copied as they grow; a lone `\r` may add one growth.
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            // No CR (most texts): one byte to look for, found a word at a
            // time (`memchr` called per line costs more on short lines).
            crate::swar::each_byte(bytes, b'\n', |i| starts.push(i + 1));
        } else {
            starts.extend(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| i + 1),
            );
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The index of a text of `len` bytes whose line starts are known
    /// already (the parser's lines, [`crate::parse::text::lines_and_starts`]):
    /// not looked for again in every report with findings.
    pub fn from_starts(starts: Vec<usize>, len: usize) -> Self {
        debug_assert!(starts.first() == Some(&0) && starts.iter().all(|&s| s <= len));
        LineIndex { starts, len }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// End of the line's content (before `\r\n` / `\n`).
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        let mut end = next;
        if end > self.line_start(line) && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > self.line_start(line) && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }

    /// Line and column counted in characters (what `--format json` reports, 0-based here).
    pub fn char_pos(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let col = text[self.starts[line]..offset].chars().count();
        LineCol { line, col }
    }
}

pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_language_servers_lines() {
        // A lone CR ends a line in both; CRLF is one break.
        for text in ["a\rb\nc", "一\r\n二\r三\n\r", "\r\r\n\n", "x"] {
            let idx = LineIndex::new(text);
            let rope = ropey::Rope::from_str(text);
            assert_eq!(idx.line_count(), rope.len_lines(), "{text:?}");
            for (offset, _) in text.char_indices() {
                assert_eq!(
                    idx.line_of(offset),
                    rope.byte_to_line(offset),
                    "{text:?} @{offset}"
                );
            }
        }
        let idx = LineIndex::new("ab\rcd");
        assert_eq!(idx.line_end("ab\rcd", 0), 2);
    }

    #[test]
    fn lf_only_texts_take_the_short_way_to_the_same_lines() {
        for text in ["一\n二\n\n三", "\n", "\n\nx\n", "一、总体\n", ""] {
            let idx = LineIndex::new(text);
            let rope = ropey::Rope::from_str(text);
            assert_eq!(idx.line_count(), rope.len_lines(), "{text:?}");
            for (offset, _) in text.char_indices() {
                assert_eq!(idx.line_of(offset), rope.byte_to_line(offset), "{text:?}");
            }
        }
    }

    #[test]
    fn the_parsers_lines_give_the_same_starts() {
        // `LineIndex::new` as the oracle for the index built from the lines
        // the parser split (after a lone `\r` reads as `\n`, as the engine
        // hands the text on), over odd texts and every seed.
        let texts = crate::parse::text::odd_and_seed_texts(&[
            "",
            "\n",
            "x",
            "a\n",
            "一\r\n二\r三\n\r",
            "\r\r\n\n",
            "a\rb",
        ]);
        for text in &texts {
            let normal = crate::engine::lone_cr_as_lf(text);
            let parsed = normal.as_deref().unwrap_or(text);
            let (_, starts) = crate::parse::text::lines_and_starts(parsed);
            let idx = LineIndex::from_starts(starts, parsed.len());
            assert_eq!(idx.starts, LineIndex::new(text).starts, "{text:?}");
        }
    }

    #[test]
    fn cjk_emoji_crlf() {
        let text = "一、总体\r\n😀a二\n";
        let idx = LineIndex::new(text);
        let b = text.find('二').unwrap();
        assert_eq!(idx.char_pos(text, b), LineCol { line: 1, col: 2 });
        assert_eq!(idx.line_count(), 3);
    }

    #[test]
    fn a_lone_cr_is_a_line_break() {
        let text = "一、总体\r二、主动";
        let idx = LineIndex::new(text);
        let b = text.find('二').unwrap();
        assert_eq!(idx.char_pos(text, b), LineCol { line: 1, col: 0 });
        assert_eq!(idx.line_end(text, 0), text.find('\r').unwrap());
    }
}
