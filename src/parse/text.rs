//! Small text utilities shared by the parser and the rules: line splitting,
//! width folding, Chinese numerals, and a "compact" view of running text with
//! line breaks removed that still maps back to source offsets.

use crate::span::Span;

/// A line of the source: `span` excludes the line terminator.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
    /// `text` without the spaces around it: trimmed once here, asked for by
    /// the headings, the tables and the sentences alike (its span is worked
    /// out from where it lies in `text`).
    trimmed: &'a str,
}

impl<'a> Line<'a> {
    /// The line `text` that starts at byte `start` of the source.
    #[inline]
    pub fn new(text: &'a str, start: usize) -> Line<'a> {
        Line {
            text,
            span: Span::new(start, start + text.len()),
            trimmed: trim_span(text, start).0,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.trimmed.is_empty()
    }

    #[inline]
    pub fn trimmed(&self) -> (&'a str, Span) {
        // `trimmed` is a part of `text`: its offset in it is the distance
        // between the two.
        let at = self.span.start + (self.trimmed.as_ptr() as usize - self.text.as_ptr() as usize);
        (self.trimmed, Span::new(at, at + self.trimmed.len()))
    }
}

pub fn lines(text: &str) -> Vec<Line<'_>> {
    lines_and_starts(text).0
}

/// [`lines`], and where each line starts as [`crate::input::LineIndex`]
/// counts them: where the lines start, and the empty last line after a
/// final `\n` (or of an empty text). A lone `\r` ends a line there but not
/// here: the same for a text without one (as the engine hands the text to
/// the parser, `engine::lone_cr_as_lf`).
pub fn lines_and_starts(text: &str) -> (Vec<Line<'_>>, Vec<usize>) {
    let b = text.as_bytes();
    // The starts first, a push per `\n` (table cells make many short lines),
    // counted before (a vectorised count); then the lines between them, in
    // a plain loop (a line made in `each_byte`'s call was not inlined there).
    let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', b).count() + 1);
    starts.push(0);
    crate::swar::each_byte(b, b'\n', |i| starts.push(i + 1));
    let mut out = Vec::with_capacity(starts.len());
    out.extend(
        starts
            .windows(2)
            .map(|w| line_between(text, w[0], w[1] - 1)),
    );
    let last = starts[starts.len() - 1];
    if last < text.len() {
        out.push(line_between(text, last, text.len()));
    }
    (out, starts)
}

/// The line from byte `start` to `end` (its `\n`, or the end of the text),
/// a `\r` before `end` left out.
#[inline(always)]
fn line_between(text: &str, start: usize, end: usize) -> Line<'_> {
    let end = match end > start && text.as_bytes()[end - 1] == b'\r' {
        true => end - 1,
        false => end,
    };
    Line::new(&text[start..end], start)
}

/// Whitespace as clerks produce it: ASCII, ideographic space, no-break space.
pub fn is_space(c: char) -> bool {
    // The same as `c.is_whitespace() || c == '\u{feff}'` (U+3000 and U+00A0
    // are whitespace), told at once for ASCII and for CJK text: no character
    // above U+3000 is whitespace.
    match c {
        '\t'..='\r' | ' ' => true,
        _ if c < '\u{80}' => false,
        _ if c > '\u{3000}' => c == '\u{feff}',
        _ => c.is_whitespace(),
    }
}

/// The length in bytes of the [`is_space`] character at byte `i` of `b`, 0
/// when there is none: the UTF-8 of each space, tested on the bytes without
/// decoding (every space starts with one of a few bytes that no CJK
/// ideograph starts with). `i` is on a character boundary.
#[inline]
pub fn space_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => space_len_multibyte(b, i),
        _ => 0,
    }
}

/// [`space_len`] for a character of two or three bytes.
fn space_len_multibyte(b: &[u8], i: usize) -> usize {
    let tail = |n: usize| b.get(i + 1..i + 1 + n);
    match b[i] {
        // U+0085, U+00A0
        0xC2 if matches!(tail(1), Some([0x85 | 0xA0])) => 2,
        // U+1680
        0xE1 if tail(2) == Some(&[0x9A, 0x80]) => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        0xE2 if matches!(
            tail(2),
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F])
        ) =>
        {
            3
        }
        // U+3000
        0xE3 if tail(2) == Some(&[0x80, 0x80]) => 3,
        // U+FEFF
        0xEF if tail(2) == Some(&[0xBB, 0xBF]) => 3,
        _ => 0,
    }
}

/// The length in bytes of the UTF-8 character whose first byte is `b`.
#[inline]
pub fn utf8_width(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The length in bytes of the [`is_space`] character that ends just before
/// byte `end` of `b`, 0 when there is none.
#[inline]
fn space_len_before(b: &[u8], end: usize) -> usize {
    match end {
        0 => 0,
        _ if b[end - 1] < 0x80 => space_len(b, end - 1),
        // A space's first byte is a lead byte: found there, it starts the
        // character that ends at `end`.
        _ if end >= 2 && space_len(b, end - 2) == 2 => 2,
        _ if end >= 3 && space_len(b, end - 3) == 3 => 3,
        _ => 0,
    }
}

/// Trim a slice that starts at byte `base`; returns the trimmed text and its span.
#[inline]
pub fn trim_span(s: &str, base: usize) -> (&str, Span) {
    let (start, end) = trim_bounds(s.as_bytes());
    (&s[start..end], Span::new(base + start, base + end))
}

/// Where the text of `b` without the spaces around it starts and ends.
#[inline(always)]
fn trim_bounds(b: &[u8]) -> (usize, usize) {
    // Tabs and spaces first, without a call (a line of a Word table starts
    // with a tab); then most lines and sentences neither go on with a
    // space's first byte nor end with a space's last byte: nothing more to
    // trim, nothing to decode.
    let mut start = 0;
    while start < b.len() && matches!(b[start], b'\t' | b' ') {
        start += 1;
    }
    match b.get(start) {
        None => (b.len(), b.len()),
        Some(&c) if !may_start_space(c) && !may_end_space(b[b.len() - 1]) => (start, b.len()),
        _ => trim_bounds_from(b, start),
    }
}

/// A byte a space's UTF-8 may start with.
#[inline(always)]
fn may_start_space(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
}

/// A byte a space's UTF-8 may end with.
#[inline(always)]
fn may_end_space(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF | 0xBF)
}

/// [`trim_bounds`] the whole way, from byte `start` (after spaces only).
fn trim_bounds_from(b: &[u8], mut start: usize) -> (usize, usize) {
    while start < b.len() {
        match space_len(b, start) {
            0 => break,
            n => start += n,
        }
    }
    let mut end = b.len();
    while end > start {
        match space_len_before(b, end) {
            0 => break,
            n => end -= n,
        }
    }
    (start, end)
}

/// Fold full-width ASCII (`１２３（）．`) to half-width.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'Ｏ' | 'O' | 'o' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of a Chinese numeral such as `三十四`, `十`, `一百零五`, `二〇二四` (digit by digit).
pub fn chinese_number(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let has_unit = s
        .chars()
        .any(|c| matches!(c, '十' | '百' | '千' | '万' | '拾' | '佰' | '仟'));
    if !has_unit {
        // Digit-by-digit form (二〇二四).
        let mut v: u64 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(chinese_digit(c)? as u64)?;
        }
        return Some(v);
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d as u64);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        if unit == 10_000 {
            section += digit.take().unwrap_or(0);
            total += section.max(1) * unit;
            section = 0;
        } else {
            section += digit.take().unwrap_or(1) * unit;
        }
    }
    Some(total + section + digit.unwrap_or(0))
}

/// Parse a number written with ASCII or full-width digits, or as a Chinese numeral.
pub fn parse_count(s: &str) -> Option<u64> {
    let folded: String = s.chars().map(fold_width).collect();
    if !folded.is_empty() && folded.chars().all(|c| c.is_ascii_digit()) {
        return folded.parse().ok();
    }
    chinese_number(s)
}

/// Running text with line breaks (and the spaces PDF extraction puts next to
/// digits) removed, so that patterns like `受理申请34件` match across wraps;
/// `offset` maps a byte of the compact text back to the source.
#[derive(Debug, Clone)]
pub struct Compact {
    pub text: String,
    /// Runs of text copied unchanged from the source: (compact offset, source
    /// offset), ascending; a run ends wherever a character was dropped.
    /// Without one at compact offset 0, the text starts with a run from
    /// `start` (most sentences have no space: no vector allocated for them).
    runs: Vec<(usize, usize)>,
    start: usize,
    end: usize,
}

impl Compact {
    pub fn new(src: &str, span: Span) -> Compact {
        let slice = &src[span.range()];
        let bytes = slice.as_bytes();
        let mut text = String::with_capacity(slice.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut flush = |text: &mut String, from: usize, to: usize| {
            if from < to {
                // The run from the span's start is implied.
                if from > 0 || !text.is_empty() {
                    runs.push((text.len(), span.start + from));
                }
                text.push_str(&slice[from..to]);
            }
        };
        // Start of the run of kept characters being read.
        let mut run_start = 0;
        // Character by character on the bytes, without decoding: a space is
        // told by its first bytes, and the other characters (most of them)
        // are kept as they are.
        let mut i = 0;
        while i < bytes.len() {
            // CJK ideographs (most characters) start with E4 to E9: no space.
            if (0xE4..=0xE9).contains(&bytes[i]) {
                i += 3;
                continue;
            }
            let len = space_len(bytes, i);
            if len == 0 {
                i += utf8_width(bytes[i]);
                continue;
            }
            // A whole run of spaces: the same characters around every space in it.
            let mut j = i + len;
            while j < bytes.len() {
                match space_len(bytes, j) {
                    0 => break,
                    n => j += n,
                }
            }
            // Keep a space only between two ASCII letters/digits that are not
            // both digits (`www. gov`), drop it elsewhere (`2024 年`, `34 件`).
            let prev = slice[..i].chars().next_back();
            let next = slice[j..].chars().next();
            let keep = matches!((prev, next), (Some(p), Some(n)) if p.is_ascii_alphabetic() && n.is_ascii_alphanumeric());
            if keep {
                // Line breaks are dropped all the same.
                for k in (i..j).filter(|&k| matches!(bytes[k], b'\n' | b'\r')) {
                    flush(&mut text, run_start, k);
                    run_start = k + 1;
                }
            } else {
                flush(&mut text, run_start, i);
                run_start = j;
            }
            i = j;
        }
        flush(&mut text, run_start, slice.len());
        Compact {
            text,
            runs,
            start: span.start,
            end: span.end,
        }
    }

    /// The same compact text after an edit before it moved its sentence by
    /// `delta` bytes in the source.
    pub fn shift(&mut self, delta: isize) {
        for run in &mut self.runs {
            run.1 = run.1.wrapping_add_signed(delta);
        }
        self.start = self.start.wrapping_add_signed(delta);
        self.end = self.end.wrapping_add_signed(delta);
    }

    /// Source offset of compact byte `i` (the start of the character it falls
    /// in; the end of the span for `i == len`).
    pub fn offset(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.end;
        }
        let mut i = i;
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        let (c, s) = match self.runs.partition_point(|&(c, _)| c <= i) {
            0 => (0, self.start),
            k => self.runs[k - 1],
        };
        s + (i - c)
    }

    /// Source span of a compact byte range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.offset(start);
        let e = if end == 0 {
            s
        } else {
            // End just after the last character of the range.
            let last = self.offset(end - 1);
            let ch_len = self.text[..end]
                .chars()
                .next_back()
                .map(char::len_utf8)
                .unwrap_or(0);
            last + ch_len
        };
        Span::new(s, e.max(s))
    }
}

/// `count` strings of up to 11 of `pieces` each, the same every run (a
/// xorshift): what the fast readers here are held against their references on.
#[cfg(test)]
pub(crate) fn random_texts<'p>(
    pieces: &'p [&'p str],
    count: usize,
) -> impl Iterator<Item = String> + 'p {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    (0..count).map(move |_| {
        let mut s = String::new();
        for _ in 0..(seed % 12) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        s
    })
}

/// `count` texts of one piece from each of `slots` in turn, picked by an
/// xorshift from `seed`: inputs shaped like what a pattern reads, to hold
/// a hand-written reader to the pattern (tests only).
#[cfg(test)]
pub(crate) fn slot_texts<'p>(
    slots: &'p [&'p [&'p str]],
    count: usize,
    mut seed: u64,
) -> impl Iterator<Item = String> + 'p {
    (0..count).map(move |_| {
        let mut t = String::new();
        for slot in slots {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push_str(slot[(seed % slot.len() as u64) as usize]);
        }
        t
    })
}

/// `odd` texts, then every seed report with LF and with CRLF line ends:
/// what line readers are held to their references on (tests only).
#[cfg(test)]
pub(crate) fn odd_and_seed_texts(odd: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = odd.iter().map(|t| t.to_string()).collect();
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    for entry in std::fs::read_dir(seeds).expect("fixtures/seeds") {
        if let Ok(text) = std::fs::read_to_string(entry.expect("entry").path()) {
            texts.push(text.replace('\n', "\r\n"));
            texts.push(text);
        }
    }
    assert!(texts.len() >= odd.len() + 10, "the seeds are read");
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_lines_split_one_newline_at_a_time() {
        // The split as it was (a line made at each `\n`), as the oracle.
        let old = |text: &str| -> Vec<(Span, Span)> {
            let mut out = Vec::new();
            let mut push = |end: usize, start: usize| {
                let t = &text[start..end];
                let t = t.strip_suffix('\r').unwrap_or(t);
                out.push((Span::new(start, start + t.len()), trim_span(t, start).1));
            };
            let mut start = 0;
            for (i, _) in text.match_indices('\n') {
                push(i, start);
                start = i + 1;
            }
            if start < text.len() {
                push(text.len(), start);
            }
            out
        };
        let texts = odd_and_seed_texts(&["", "\n", "x", "a\r\n", "\r\n\r", "一\n\n 二　\r\n三"]);
        for text in &texts {
            let new: Vec<_> = lines(text)
                .iter()
                .map(|l| (l.span, l.trimmed().1))
                .collect();
            assert_eq!(new, old(text), "{text:?}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("三十四"), Some(34));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("二〇二四"), Some(2024));
        assert_eq!(parse_count("３４"), Some(34));
        assert_eq!(parse_count("件"), None);
    }

    #[test]
    fn compact_maps_back() {
        let src = "前文受理申请 34\n件。";
        let c = Compact::new(src, Span::new(0, src.len()));
        assert_eq!(c.text, "前文受理申请34件。");
        let i = c.text.find("34").unwrap();
        let sp = c.span(i, i + 2);
        assert_eq!(&src[sp.range()], "34");
    }

    #[test]
    fn spaces_are_whitespace_and_the_bom() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}';
            assert_eq!(is_space(c), want, "{c:?}");
        }
    }

    #[test]
    fn space_bytes_are_the_spaces() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = if is_space(c) { c.len_utf8() } else { 0 };
            for (s, at, last) in [
                (format!("{c}"), 0, true),
                (format!("{c}x"), 0, false),
                (format!("a{c}"), 1, true),
            ] {
                assert_eq!(space_len(s.as_bytes(), at), want, "{c:?} in {s:?}");
                assert_eq!(utf8_width(s.as_bytes()[at]), c.len_utf8(), "{c:?}");
                if last {
                    assert_eq!(space_len_before(s.as_bytes(), s.len()), want, "{c:?}");
                }
                assert_eq!(trim_span(&s, 0).0, reference_trim(&s), "{c:?} in {s:?}");
            }
        }
    }

    /// `trim_span` and `Compact::new` as they were, char by char: the reference.
    fn reference_trim(s: &str) -> &str {
        s.trim_start_matches(is_space).trim_end_matches(is_space)
    }

    fn reference_compact(slice: &str) -> (String, Vec<usize>) {
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        let (mut text, mut map) = (String::new(), Vec::new());
        for (k, &(i, c)) in chars.iter().enumerate() {
            let keep = if c == '\n' || c == '\r' {
                false
            } else if is_space(c) {
                let prev = chars[..k].iter().rev().map(|x| x.1).find(|&d| !is_space(d));
                let next = chars[k..].iter().map(|x| x.1).find(|&d| !is_space(d));
                matches!((prev, next), (Some(p), Some(n)) if p.is_ascii_alphabetic() && n.is_ascii_alphanumeric())
            } else {
                true
            };
            if keep {
                text.push(c);
                map.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
        }
        (text, map)
    }

    #[test]
    fn byte_scans_match_the_char_by_char_reading() {
        // Full-width digits, CRLF, PDF spacing, the rarer spaces, CJK text.
        let pieces = [
            "受理",
            "申请",
            " ",
            "  ",
            "\r\n",
            "\n",
            "\r",
            "\t",
            "\u{3000}",
            "\u{a0}",
            "\u{85}",
            "\u{2003}",
            "\u{feff}",
            "\u{1680}",
            "\u{205f}",
            "3",
            "４",
            "２０２４",
            "年",
            "www",
            ".",
            "gov",
            "a",
            "Z",
            "件",
            "。",
            "\u{e3}",
            "。）",
            "😀",
            "",
        ];
        for s in random_texts(&pieces, 4000) {
            let src = format!("前{s}后");
            let span = Span::new("前".len(), src.len() - "后".len());
            let (t, sp) = trim_span(&src[span.range()], span.start);
            assert_eq!(t, reference_trim(&src[span.range()]), "{s:?}");
            assert_eq!(&src[sp.range()], t, "{s:?}");
            let c = Compact::new(&src, span);
            let (text, map) = reference_compact(&s);
            assert_eq!(c.text, text, "{s:?}");
            for (k, &at) in map.iter().enumerate() {
                if c.text.is_char_boundary(k) {
                    assert_eq!(c.offset(k), span.start + at, "{s:?} @{k}");
                }
            }
            assert_eq!(c.offset(c.text.len()), span.end);
            // Moved by an edit before it: every offset moves with it.
            let mut moved = c.clone();
            moved.shift(3);
            for k in (0..=c.text.len()).filter(|&k| c.text.is_char_boundary(k)) {
                assert_eq!(moved.offset(k), c.offset(k) + 3, "{s:?} @{k}");
            }
        }
    }

    #[test]
    fn lines_are_trimmed_once() {
        let src = "\u{3000} 一、总体\t\r\n\u{feff}\u{a0}\n\t12\u{2003}";
        for l in lines(src) {
            let (t, sp) = l.trimmed();
            assert_eq!(t, reference_trim(l.text));
            assert_eq!(&src[sp.range()], t);
            assert_eq!(l.is_blank(), l.text.chars().all(is_space));
        }
    }

    #[test]
    fn lines_are_the_split_lines_trimmed() {
        let pieces = [
            "\n",
            "\r\n",
            "\r",
            "一、总体",
            "34",
            "\t",
            " ",
            "\u{3000}",
            "\u{a0}",
            "\u{feff}",
            "",
        ];
        for s in random_texts(&pieces, 3000) {
            let want: Vec<&str> = match s.is_empty() {
                true => vec![],
                false => s.strip_suffix('\n').unwrap_or(&s).split('\n').collect(),
            };
            let got = lines(&s);
            assert_eq!(got.len(), want.len(), "{s:?}");
            for (l, w) in got.iter().zip(want) {
                let w = w.strip_suffix('\r').unwrap_or(w);
                assert_eq!(l.text, w, "{s:?}");
                assert_eq!(&s[l.span.range()], w, "{s:?}");
                let (t, sp) = l.trimmed();
                assert_eq!(t, reference_trim(w), "{s:?}");
                assert_eq!(&s[sp.range()], t, "{s:?}");
                assert_eq!(l.is_blank(), t.is_empty());
            }
        }
    }

    #[test]
    fn lines_strip_cr() {
        let ls = lines("a\r\nb\n\nc");
        assert_eq!(
            ls.iter().map(|l| l.text).collect::<Vec<_>>(),
            ["a", "b", "", "c"]
        );
    }
}
