//! A matcher for the narrative patterns, written as data instead of regular
//! expressions: nothing is compiled, a pattern is a few static slices.
//!
//! Semantics are those of a leftmost-first regex (the `regex` crate's, and
//! the patterns the N rules had until issue 15): the match that starts
//! leftmost wins; at that start, alternatives are tried in their order, a
//! gap takes as few characters as it can and a number as many. Matches do not
//! overlap: the next search starts where the last match ended. The
//! differential test in `super::tests` holds this against the old regexes.

use crate::rules::util::CharSet;
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

/// Alternative sequences, tried in order at each start, with the first
/// characters a match can start with (worked out when the pattern is built:
/// at compile time for a `static`).
#[derive(Clone, Copy, Debug)]
pub struct Pattern<'a> {
    pub seqs: &'a [Sequence<'a>],
    firsts: Firsts,
}

impl<'a> Pattern<'a> {
    pub const fn new(seqs: &'a [Sequence<'a>]) -> Self {
        Pattern {
            seqs,
            firsts: Firsts::of(seqs),
        }
    }

    /// False when no match can be in a text with the characters `chars`:
    /// every sequence has a `Word` none of whose words the text may contain
    /// (a `Word` is matched by one of its words, the other pieces can match
    /// without a given character), or there is no sequence. `find_iter`
    /// finds nothing where this is false.
    pub fn may_match(&self, chars: &CharSet) -> bool {
        self.seqs.iter().any(|seq| {
            seq.iter().all(|piece| match piece {
                Piece::Word(words) => words.iter().any(|w| chars.may_contain(w)),
                _ => true,
            })
        })
    }
}

/// A match: its byte range in the sentence and that of its count, if the
/// pattern has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    pub count: Option<Range<usize>>,
}

/// Every match of `pattern` in `s`, left to right, not overlapping.
pub fn find_iter<'s>(pattern: Pattern<'s>, s: &'s str) -> impl Iterator<Item = Hit> + 's {
    let mut starts = Starts {
        firsts: pattern.firsts,
        found: [None; SEARCHES],
    };
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
    pattern.seqs.iter().find_map(|seq| {
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
            .filter(|w| begins_with(tail, w))
            .find_map(|w| run(rest, s, at + w.len(), count)),
        Piece::Opt(words) => words
            .iter()
            .filter(|w| begins_with(tail, w))
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
                    Some(c) if taken < max && !one_of(stop, c) => end += c.len_utf8(),
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
            Some(c) if one_of(marks, c) => run(rest, s, at + c.len_utf8(), count),
            Some(_) => None,
            None => run(rest, s, at, count),
        },
    }
}

/// `marks.contains(c)` for a few marks: comparing their characters costs less
/// than the substring search `str::contains` sets up for each.
fn one_of(marks: &str, c: char) -> bool {
    marks.chars().any(|m| m == c)
}

/// `tail.starts_with(word)`, byte by byte: most tries fail at the second
/// byte, sooner than a call to `memcmp` returns.
fn begins_with(tail: &str, word: &str) -> bool {
    let (tail, word) = (tail.as_bytes(), word.as_bytes());
    tail.len() >= word.len() && tail.iter().zip(word).all(|(a, b)| a == b)
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

/// Up to this many different first characters are searched for (with
/// `memchr3` on their last UTF-8 bytes, three at a time); with more, every
/// place is tried.
const FIRSTS: usize = 9;
const SEARCHES: usize = FIRSTS / 3;

/// The characters a match can start with: the first character of every
/// first word of a sequence, or any character when a sequence does not
/// start with a word (`every`).
#[derive(Clone, Copy, Debug)]
struct Firsts {
    /// The characters, UTF-8, and their lengths in bytes.
    chars: [[u8; 4]; FIRSTS],
    lens: [usize; FIRSTS],
    n: usize,
    /// The distinct last bytes of the characters, three to a search.
    bytes: [[u8; 3]; SEARCHES],
    searches: usize,
    every: bool,
}

impl Firsts {
    const fn of(seqs: &[Sequence]) -> Firsts {
        let mut f = Firsts {
            chars: [[0; 4]; FIRSTS],
            lens: [0; FIRSTS],
            n: 0,
            bytes: [[0; 3]; SEARCHES],
            searches: 0,
            every: false,
        };
        let mut i = 0;
        while i < seqs.len() {
            match seqs[i].first() {
                Some(Piece::Word(words)) => {
                    let mut j = 0;
                    while j < words.len() {
                        f.add(words[j].as_bytes());
                        j += 1;
                    }
                }
                _ => f.every = true,
            }
            i += 1;
        }
        f.group_last_bytes();
        f
    }

    /// Add the first character of `word` (every place, for an empty word or
    /// one character too many).
    const fn add(&mut self, word: &[u8]) {
        if word.is_empty() {
            self.every = true;
            return;
        }
        let len = match word[0] {
            0..0x80 => 1,
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        let mut k = 0;
        while k < self.n {
            if self.lens[k] == len && same(&self.chars[k], word, len) {
                return;
            }
            k += 1;
        }
        if self.n == FIRSTS {
            self.every = true;
            return;
        }
        let mut b = 0;
        while b < len {
            self.chars[self.n][b] = word[b];
            b += 1;
        }
        self.lens[self.n] = len;
        self.n += 1;
    }

    /// Fill `bytes` with the distinct last bytes, a search's free slots with
    /// a byte it already has.
    const fn group_last_bytes(&mut self) {
        let mut last = [0u8; FIRSTS];
        let mut n = 0;
        let mut k = 0;
        while k < self.n {
            let b = self.chars[k][self.lens[k] - 1];
            let mut seen = false;
            let mut m = 0;
            while m < n {
                seen = seen || last[m] == b;
                m += 1;
            }
            if !seen {
                last[n] = b;
                n += 1;
            }
            k += 1;
        }
        self.searches = n.div_ceil(3);
        let mut slot = 0;
        while slot < self.searches * 3 {
            self.bytes[slot / 3][slot % 3] = last[if slot < n { slot } else { n - 1 }];
            slot += 1;
        }
    }

    /// Where the first character that ends at byte `i` starts, if one does.
    fn start_ending_at(&self, hay: &[u8], i: usize) -> Option<usize> {
        (0..self.n).find_map(|k| {
            let (c, len) = (&self.chars[k], self.lens[k]);
            let start = (i + 1).checked_sub(len)?;
            (c[len - 1] == hay[i] && hay[start..i].iter().zip(c).all(|(a, b)| a == b))
                .then_some(start)
        })
    }
}

const fn same(a: &[u8; 4], b: &[u8], len: usize) -> bool {
    let mut i = 0;
    while i < len {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Where a match may start, found with `memchr3`; each search's next place
/// is remembered, so a sentence is searched once however many places fail
/// (linear, as a regex is).
struct Starts {
    firsts: Firsts,
    /// The next place of each search at or after the last `next`, once searched.
    found: [Option<Option<usize>>; SEARCHES],
}

impl Starts {
    /// The first place at or after `from` where a match may start.
    fn next(&mut self, s: &str, from: usize) -> Option<usize> {
        if from > s.len() {
            return None;
        }
        if self.firsts.every {
            return Some(from);
        }
        let hay = s.as_bytes();
        let mut at = from;
        loop {
            let i = self.nearest(hay, at)?;
            // `i` holds the last byte of a first character, or a byte like it.
            match self.firsts.start_ending_at(hay, i) {
                Some(start) if start >= from => return Some(start),
                _ => at = i + 1,
            }
        }
    }

    /// The nearest place at or after `at` of any searched byte.
    fn nearest(&mut self, hay: &[u8], at: usize) -> Option<usize> {
        let mut nearest: Option<usize> = None;
        let searches = self.firsts.bytes.iter().take(self.firsts.searches);
        for (b, found) in searches.zip(&mut self.found) {
            if found.is_none_or(|f| f.is_some_and(|i| i < at)) {
                *found = Some(memchr::memchr3(b[0], b[1], b[2], &hay[at..]).map(|p| at + p));
            }
            if let Some(Some(i)) = *found {
                nearest = Some(nearest.map_or(i, |n| n.min(i)));
            }
        }
        nearest
    }
}
