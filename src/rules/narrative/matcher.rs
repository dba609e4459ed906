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
    let mut starts = Starts::of(pattern);
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
            let digits = run_of(tail, |c| numeral_class(c) == Some(class));
            for len in longest_first(digits).filter(|&len| len > 0) {
                *count = Some(at..at + len);
                if let Some(e) = run(rest, s, at + len, count) {
                    return Some(e);
                }
            }
            *count = None;
            None
        }
        Piece::Space => longest_first(run_of(tail, char::is_whitespace))
            .find_map(|len| run(rest, s, at + len, count)),
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

/// The longest prefix of `s` whose characters all satisfy `keep`.
fn run_of(s: &str, keep: impl Fn(char) -> bool) -> &str {
    let len = s
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..len]
}

/// The byte lengths of the prefixes of `run`, longest first, the empty one last.
fn longest_first(run: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(run.len()).chain(run.char_indices().rev().map(|(i, _)| i))
}

/// Up to this many different last bytes of first characters are searched
/// with `memchr3`, three at a time; with more, every character is tested.
const SEARCHED_BYTES: usize = 9;

/// Where a match may start: at a character that begins one of the first
/// words of a sequence, or anywhere when a sequence does not begin with a
/// word. The places are found with `memchr3` on the last UTF-8 byte of those
/// characters; each byte's next place is remembered, so a sentence is
/// searched once however many places fail (linear, as a regex is).
struct Starts<'p> {
    pattern: Pattern<'p>,
    /// The distinct last bytes of the first characters, three to a search.
    bytes: [[u8; 3]; SEARCHED_BYTES / 3],
    searches: usize,
    /// The next place of each search at or after the last `next`, once searched.
    found: [Option<Option<usize>>; SEARCHED_BYTES / 3],
    /// Test every character (a sequence starts with no word, or too many bytes).
    every: bool,
}

impl<'p> Starts<'p> {
    fn of(pattern: Pattern<'p>) -> Self {
        let mut last = [0u8; SEARCHED_BYTES];
        let (mut n, mut every) = (0, false);
        for seq in pattern {
            let Some(Piece::Word(words)) = seq.first() else {
                every = true;
                continue;
            };
            for c in words.iter().filter_map(|w| w.chars().next()) {
                let mut buf = [0; 4];
                let b = *c.encode_utf8(&mut buf).as_bytes().last().expect("a byte");
                if !last[..n].contains(&b) {
                    every |= n == SEARCHED_BYTES;
                    if n < SEARCHED_BYTES {
                        last[n] = b;
                        n += 1;
                    }
                }
            }
        }
        // Fill the last search's free slots with a byte it already has.
        let searches = n.div_ceil(3);
        for i in n..searches * 3 {
            last[i] = last[i - 1];
        }
        let mut bytes = [[0; 3]; SEARCHED_BYTES / 3];
        for (k, group) in bytes.iter_mut().enumerate().take(searches) {
            group.copy_from_slice(&last[k * 3..k * 3 + 3]);
        }
        Starts {
            pattern,
            bytes,
            searches,
            found: [None; SEARCHED_BYTES / 3],
            every,
        }
    }

    /// The first place at or after `from` where a match may start.
    fn next(&mut self, s: &str, from: usize) -> Option<usize> {
        if from > s.len() {
            return None;
        }
        if self.every {
            return Some(from);
        }
        let mut at = from;
        loop {
            let i = self.nearest(s.as_bytes(), at)?;
            // `i` holds a last byte of a first character: of the character
            // that ends there?
            let start = (i.saturating_sub(3)..=i)
                .rev()
                .find(|&k| s.is_char_boundary(k))
                .expect("a boundary");
            let c = s[start..].chars().next().expect("a character");
            if start + c.len_utf8() == i + 1 && start >= from && self.begins(c) {
                return Some(start);
            }
            at = i + 1;
        }
    }

    /// The nearest place at or after `at` of any searched byte.
    fn nearest(&mut self, hay: &[u8], at: usize) -> Option<usize> {
        let mut nearest: Option<usize> = None;
        for (b, found) in self.bytes.iter().zip(&mut self.found).take(self.searches) {
            if found.is_none_or(|f| f.is_some_and(|i| i < at)) {
                *found = Some(memchr::memchr3(b[0], b[1], b[2], &hay[at..]).map(|p| at + p));
            }
            if let Some(Some(i)) = *found {
                nearest = Some(nearest.map_or(i, |n| n.min(i)));
            }
        }
        nearest
    }

    /// Whether a first word begins with `c`.
    fn begins(&self, c: char) -> bool {
        self.pattern.iter().any(|seq| match seq.first() {
            Some(Piece::Word(words)) => words.iter().any(|w| w.starts_with(c)),
            _ => true,
        })
    }
}
