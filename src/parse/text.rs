//! Small text utilities shared by the parser and the rules: line splitting,
//! width folding, Chinese numerals, and a "compact" view of running text with
//! line breaks removed that still maps back to source offsets.

use crate::span::Span;

/// A line of the source: `span` excludes the line terminator.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.chars().all(is_space)
    }

    pub fn trimmed(&self) -> (&'a str, Span) {
        trim_span(self.text, self.span.start)
    }
}

pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let mut end = i;
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(Line {
            text: &text[start..end],
            span: Span::new(start, end),
        });
        start = i + 1;
    }
    if start < text.len() {
        let mut end = text.len();
        if text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(Line {
            text: &text[start..end],
            span: Span::new(start, end),
        });
    }
    out
}

/// Whitespace as clerks produce it: ASCII, ideographic space, no-break space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Trim a slice that starts at byte `base`; returns the trimmed text and its span.
pub fn trim_span(s: &str, base: usize) -> (&str, Span) {
    let start = s.len() - s.trim_start_matches(is_space).len();
    let rest = &s[start..];
    let t = rest.trim_end_matches(is_space);
    (t, Span::new(base + start, base + start + t.len()))
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
    runs: Vec<(usize, usize)>,
    end: usize,
}

impl Compact {
    pub fn new(src: &str, span: Span) -> Compact {
        let slice = &src[span.range()];
        let mut text = String::with_capacity(slice.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut flush = |text: &mut String, from: usize, to: usize| {
            if from < to {
                runs.push((text.len(), span.start + from));
                text.push_str(&slice[from..to]);
            }
        };
        // Start of the run of kept characters being read.
        let mut run_start = 0;
        // The nearest non-space characters around a run of spaces, tracked as
        // we go (a rescan per space is quadratic on a long run of spaces).
        let mut prev: Option<char> = None;
        let mut next_after_run: Option<(usize, Option<char>)> = None;
        for (i, c) in slice.char_indices() {
            let keep = if c == '\n' || c == '\r' {
                false
            } else if is_space(c) {
                // Keep a space only between two ASCII letters/digits that are not
                // both digits (`www. gov`), drop it elsewhere (`2024 年`, `34 件`).
                let next = match next_after_run {
                    Some((j, n)) if j > i => n,
                    _ => {
                        let after = i + c.len_utf8();
                        let (j, n) = slice[after..]
                            .char_indices()
                            .find(|&(_, d)| !is_space(d))
                            .map_or((slice.len(), None), |(k, d)| (after + k, Some(d)));
                        next_after_run = Some((j, n));
                        n
                    }
                };
                matches!((prev, next), (Some(p), Some(n)) if p.is_ascii_alphabetic() && n.is_ascii_alphanumeric())
            } else {
                prev = Some(c);
                true
            };
            if !keep {
                flush(&mut text, run_start, i);
                run_start = i + c.len_utf8();
            }
        }
        flush(&mut text, run_start, slice.len());
        Compact {
            text,
            runs,
            end: span.end,
        }
    }

    /// The same compact text after an edit before it moved its sentence by
    /// `delta` bytes in the source.
    pub fn shift(&mut self, delta: isize) {
        for run in &mut self.runs {
            run.1 = run.1.wrapping_add_signed(delta);
        }
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
        let (c, s) = self.runs[self.runs.partition_point(|&(c, _)| c <= i) - 1];
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn lines_strip_cr() {
        let ls = lines("a\r\nb\n\nc");
        assert_eq!(
            ls.iter().map(|l| l.text).collect::<Vec<_>>(),
            ["a", "b", "", "c"]
        );
    }
}
