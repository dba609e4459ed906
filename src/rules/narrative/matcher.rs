//! A matcher for the narrative patterns, written as data instead of regular
//! expressions: nothing is compiled, a pattern is a few static slices.
//!
//! Semantics are those of a leftmost-first regex (the `regex` crate's, and
//! the patterns the N rules had until issue 15): the match that starts
//! leftmost wins; at that start, alternatives are tried in their order, a
//! gap takes as few characters as it can and a number as many. Matches do not
//! overlap: the next search starts where the last match ended. The
//! differential test in `super::tests` holds this against the old regexes.

use std::ops::Range;

/// One step of a pattern.
#[derive(Clone, Copy, Debug)]
pub enum Piece<'a> {
    /// One of these words, tried in order (`(?:收到|受理)`).
    Word(&'a [&'a str]),
    /// One of these words, tried in order, else nothing (`(?:的)?`).
    Opt(&'a [&'a str]),
    /// Up to `.0` characters, none of them in `.1`, as few as the rest of
    /// the pattern allows (`[^。；，]{0,8}?`).
    Gap(usize, &'a str),
    /// The count: a run of ASCII or full-width digits, or of Chinese
    /// numerals, as long as the rest allows (`util::NUM`).
    Count,
    /// Whitespace, as much as the rest allows (`\s*`).
    Space,
    /// One of these marks, or the end of the sentence (`(?:[。；，、]|$)`).
    MarkOrEnd(&'a str),
}

/// Pieces matched one after the other.
pub type Sequence<'a> = &'a [Piece<'a>];

/// Alternative sequences, tried in order at each start.
pub type Pattern<'a> = &'a [Sequence<'a>];

/// A match: its byte range in the sentence and that of its count, if the
/// pattern has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    pub count: Option<Range<usize>>,
}

/// Every match of `pattern` in `s`, left to right, not overlapping.
pub fn find_iter<'s>(pattern: Pattern<'s>, s: &'s str) -> impl Iterator<Item = Hit> + 's {
    let mut starts = Starts::new(pattern, s);
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = starts.next(s, from) {
            if let Some(hit) = match_at(pattern, s, at) {
                // The next search starts where this match ended, as a regex
                // iterator's does (no N pattern matches the empty string).
                from = if hit.range.end > at {
                    hit.range.end
                } else {
                    after_char(s, at)
                };
                return Some(hit);
            }
            from = after_char(s, at);
        }
        from = s.len() + 1;
        None
    })
}

/// The place after the character at `at` (past the end at the end).
fn after_char(s: &str, at: usize) -> usize {
    at + s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The match starting at `at`, the first alternative that matches.
fn match_at(pattern: Pattern, s: &str, at: usize) -> Option<Hit> {
    pattern.iter().find_map(|seq| {
        let mut count = None;
        let end = run(seq, s, at, &mut count)?;
        Some(Hit {
            range: at..end,
            count,
        })
    })
}

/// Match `seq` at `at`, backtracking in priority order: the end of the first
/// way that matches. `count` holds the count's range on that way.
fn run(seq: &[Piece], s: &str, at: usize, count: &mut Option<Range<usize>>) -> Option<usize> {
    let Some((piece, rest)) = seq.split_first() else {
        return Some(at);
    };
    let tail = &s[at..];
    match *piece {
        Piece::Word(words) => words
            .iter()
            .filter(|w| tail.starts_with(**w))
            .find_map(|w| run(rest, s, at + w.len(), count)),
        Piece::Opt(words) => words
            .iter()
            .filter(|w| tail.starts_with(**w))
            .find_map(|w| run(rest, s, at + w.len(), count))
            .or_else(|| run(rest, s, at, count)),
        Piece::Gap(max, stop) => {
            let mut end = at;
            let mut chars = tail.chars();
            for taken in 0..=max {
                if let Some(e) = run(rest, s, end, count) {
                    return Some(e);
                }
                match chars.next() {
                    Some(c) if taken < max && !stop.contains(c) => end += c.len_utf8(),
                    _ => break,
                }
            }
            None
        }
        Piece::Count => {
            let class = tail.chars().next().and_then(numeral_class)?;
            let ends = run_ends(tail, |c| numeral_class(c) == Some(class));
            for len in ends.into_iter().rev() {
                *count = Some(at..at + len);
                if let Some(e) = run(rest, s, at + len, count) {
                    return Some(e);
                }
            }
            *count = None;
            None
        }
        Piece::Space => {
            let mut ends = run_ends(tail, char::is_whitespace);
            ends.insert(0, 0);
            ends.into_iter()
                .rev()
                .find_map(|len| run(rest, s, at + len, count))
        }
        Piece::MarkOrEnd(marks) => match tail.chars().next() {
            Some(c) if marks.contains(c) => run(rest, s, at + c.len_utf8(), count),
            Some(_) => None,
            None => run(rest, s, at, count),
        },
    }
}

/// The two kinds of numerals a count is written in; a count is a run of one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numerals {
    Digits,
    Chinese,
}

fn numeral_class(c: char) -> Option<Numerals> {
    match c {
        '0'..='9' | '０'..='９' => Some(Numerals::Digits),
        '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
        | '十' | '百' | '千' => Some(Numerals::Chinese),
        _ => None,
    }
}

/// The byte lengths of the non-empty prefixes of `s` whose characters all
/// satisfy `keep`, shortest first.
fn run_ends(s: &str, keep: impl Fn(char) -> bool) -> Vec<usize> {
    s.char_indices()
        .take_while(|&(_, c)| keep(c))
        .map(|(i, c)| i + c.len_utf8())
        .collect()
}

/// Where a match may start: the next place one of the first words of a
/// sequence occurs. Each word's next place is remembered, so a sentence is
/// searched once per word however many places fail (linear, as a regex is).
struct Starts<'p> {
    /// (word, where it next occurs at or after the last search, if it does).
    words: Vec<(&'p str, Option<usize>)>,
    /// Whether some sequence does not start with a word: every place is a start.
    anywhere: bool,
}

impl<'p> Starts<'p> {
    fn new(pattern: Pattern<'p>, s: &str) -> Self {
        let mut words = Vec::new();
        let mut anywhere = false;
        for seq in pattern {
            match seq.first() {
                Some(Piece::Word(ws)) => words.extend(ws.iter().map(|w| (*w, s.find(*w)))),
                _ => anywhere = true,
            }
        }
        Starts { words, anywhere }
    }

    fn next(&mut self, s: &str, from: usize) -> Option<usize> {
        if from > s.len() {
            return None;
        }
        if self.anywhere {
            return Some(from);
        }
        let mut first: Option<usize> = None;
        for (w, next) in &mut self.words {
            if next.is_some_and(|n| n < from) {
                *next = s[from..].find(*w).map(|i| from + i);
            }
            if let Some(n) = *next {
                first = Some(first.map_or(n, |f| f.min(n)));
            }
        }
        first
    }
}
