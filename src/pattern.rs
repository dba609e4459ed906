//! Patterns that compile in microseconds. `regex` builds automata for a
//! pattern before its first search, and a report's Chinese patterns (bounded
//! gaps of negated Unicode classes, Unicode `\d`) cost it 1–9 M instructions
//! each: most of a single `xxgk check`. `regex-lite` compiles the same syntax
//! 20–50× faster and searches by backtracking, which is cheap on the short
//! sentences these patterns run on (each behind a literal pre-filter).
//!
//! Its `\d` and `\s` are ASCII only; [`lite`] writes regex's Unicode classes
//! out instead, so that a pattern means what it meant under `regex`
//! (full-width `２０２４` is `\d`, U+3000 is `\s`). The tests check each
//! pattern against `regex` as the oracle.

use crate::per_thread::PerThread;
use std::sync::LazyLock;

/// Unicode decimal digits (General_Category Nd): `regex`'s `\d`.
const DIGITS: &[(char, char)] = &[
    ('0', '9'),
    ('\u{660}', '\u{669}'),
    ('\u{6F0}', '\u{6F9}'),
    ('\u{7C0}', '\u{7C9}'),
    ('\u{966}', '\u{96F}'),
    ('\u{9E6}', '\u{9EF}'),
    ('\u{A66}', '\u{A6F}'),
    ('\u{AE6}', '\u{AEF}'),
    ('\u{B66}', '\u{B6F}'),
    ('\u{BE6}', '\u{BEF}'),
    ('\u{C66}', '\u{C6F}'),
    ('\u{CE6}', '\u{CEF}'),
    ('\u{D66}', '\u{D6F}'),
    ('\u{DE6}', '\u{DEF}'),
    ('\u{E50}', '\u{E59}'),
    ('\u{ED0}', '\u{ED9}'),
    ('\u{F20}', '\u{F29}'),
    ('\u{1040}', '\u{1049}'),
    ('\u{1090}', '\u{1099}'),
    ('\u{17E0}', '\u{17E9}'),
    ('\u{1810}', '\u{1819}'),
    ('\u{1946}', '\u{194F}'),
    ('\u{19D0}', '\u{19D9}'),
    ('\u{1A80}', '\u{1A89}'),
    ('\u{1A90}', '\u{1A99}'),
    ('\u{1B50}', '\u{1B59}'),
    ('\u{1BB0}', '\u{1BB9}'),
    ('\u{1C40}', '\u{1C49}'),
    ('\u{1C50}', '\u{1C59}'),
    ('\u{A620}', '\u{A629}'),
    ('\u{A8D0}', '\u{A8D9}'),
    ('\u{A900}', '\u{A909}'),
    ('\u{A9D0}', '\u{A9D9}'),
    ('\u{A9F0}', '\u{A9F9}'),
    ('\u{AA50}', '\u{AA59}'),
    ('\u{ABF0}', '\u{ABF9}'),
    ('\u{FF10}', '\u{FF19}'),
    ('\u{104A0}', '\u{104A9}'),
    ('\u{10D30}', '\u{10D39}'),
    ('\u{10D40}', '\u{10D49}'),
    ('\u{11066}', '\u{1106F}'),
    ('\u{110F0}', '\u{110F9}'),
    ('\u{11136}', '\u{1113F}'),
    ('\u{111D0}', '\u{111D9}'),
    ('\u{112F0}', '\u{112F9}'),
    ('\u{11450}', '\u{11459}'),
    ('\u{114D0}', '\u{114D9}'),
    ('\u{11650}', '\u{11659}'),
    ('\u{116C0}', '\u{116C9}'),
    ('\u{116D0}', '\u{116E3}'),
    ('\u{11730}', '\u{11739}'),
    ('\u{118E0}', '\u{118E9}'),
    ('\u{11950}', '\u{11959}'),
    ('\u{11BF0}', '\u{11BF9}'),
    ('\u{11C50}', '\u{11C59}'),
    ('\u{11D50}', '\u{11D59}'),
    ('\u{11DA0}', '\u{11DA9}'),
    ('\u{11F50}', '\u{11F59}'),
    ('\u{16130}', '\u{16139}'),
    ('\u{16A60}', '\u{16A69}'),
    ('\u{16AC0}', '\u{16AC9}'),
    ('\u{16B50}', '\u{16B59}'),
    ('\u{16D70}', '\u{16D79}'),
    ('\u{1CCF0}', '\u{1CCF9}'),
    ('\u{1D7CE}', '\u{1D7FF}'),
    ('\u{1E140}', '\u{1E149}'),
    ('\u{1E2F0}', '\u{1E2F9}'),
    ('\u{1E4F0}', '\u{1E4F9}'),
    ('\u{1E5F1}', '\u{1E5FA}'),
    ('\u{1E950}', '\u{1E959}'),
    ('\u{1FBF0}', '\u{1FBF9}'),
];

/// `regex`'s `\d`: a Unicode decimal digit (`char::is_numeric` also takes ①, Ⅻ, ½).
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let i = DIGITS.partition_point(|r| r.1 < c);
    DIGITS.get(i).is_some_and(|r| r.0 <= c)
}

/// The ranges of `table` as the inside of a bracketed class: non-ASCII
/// characters as themselves (regex-lite parses a character faster than a
/// `\x{…}` escape, and a `\d` is 71 ranges), ASCII ones escaped.
fn ranges(table: &[(char, char)]) -> String {
    let one = |c: char| match c.is_ascii() {
        true => format!("\\x{:02X}", c as u32),
        false => c.to_string(),
    };
    table
        .iter()
        .map(|&(a, b)| format!("{}-{}", one(a), one(b)))
        .collect()
}

/// White_Space, as `regex`'s `\s` has it.
const SPACES: &[(char, char)] = &[
    ('\u{9}', '\u{D}'),
    ('\u{20}', '\u{20}'),
    ('\u{85}', '\u{85}'),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200A}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{3000}', '\u{3000}'),
];

/// The digits and spaces of nearly every report: ASCII and full-width
/// digits, ASCII white space and the ideographic space U+3000.
const PLAIN_DIGITS: &[(char, char)] = &[('0', '9'), ('\u{FF10}', '\u{FF19}')];
const PLAIN_SPACES: &[(char, char)] = &[
    ('\u{9}', '\u{D}'),
    ('\u{20}', '\u{20}'),
    ('\u{3000}', '\u{3000}'),
];

/// Whether every digit and space of `text` (in `regex`'s Unicode sense) is
/// a plain one: then a pattern with `\d` and `\s` as the plain classes
/// ([`lite_plain`]) finds in it exactly what it finds with Unicode's, whose 80
/// ranges cost regex-lite most of its compile time. Every other digit or
/// space is led in UTF-8 by one of a few bytes Chinese text rarely has (C2,
/// D9–E2, EA, F0; E2 also leads “”…—): only then are its characters looked at.
pub fn plain_classes(text: &str) -> bool {
    let rare = |b: &u8| matches!(b, 0xC2 | 0xD9..=0xE2 | 0xEA | 0xF0);
    !text.as_bytes().iter().any(rare)
        || text.chars().all(|c| {
            let digit = is_digit(c) && !PLAIN_DIGITS.iter().any(|r| (r.0..=r.1).contains(&c));
            let space = c.is_whitespace() && !PLAIN_SPACES.iter().any(|r| (r.0..=r.1).contains(&c));
            !(digit || space)
        })
}

/// `pattern` compiled by regex-lite, with `regex`'s meaning: `\d` and `\s`
/// become the Unicode classes. Patterns here use no other Perl class or word
/// boundary (regex-lite's are ASCII): one would panic at the first use.
pub fn lite(pattern: &str) -> regex_lite::Regex {
    static DIGIT: LazyLock<String> = LazyLock::new(|| ranges(DIGITS));
    static SPACE: LazyLock<String> = LazyLock::new(|| ranges(SPACES));
    with_classes(pattern, &DIGIT, &SPACE)
}

/// [`lite`] with `\d` and `\s` as the plain classes: the same matches in a
/// text of which [`plain_classes`] holds.
pub fn lite_plain(pattern: &str) -> regex_lite::Regex {
    static DIGIT: LazyLock<String> = LazyLock::new(|| ranges(PLAIN_DIGITS));
    static SPACE: LazyLock<String> = LazyLock::new(|| ranges(PLAIN_SPACES));
    with_classes(pattern, &DIGIT, &SPACE)
}

/// `pattern` compiled by regex-lite with `\d` and `\s` written out as the
/// insides of classes `digit` and `space`.
fn with_classes(pattern: &str, digit: &str, space: &str) -> regex_lite::Regex {
    let mut out = String::with_capacity(pattern.len() + 1024);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars.next().expect("a pattern does not end with \\");
                let class = match e {
                    'd' => digit,
                    's' => space,
                    'w' | 'W' | 'D' | 'S' | 'b' | 'B' => {
                        panic!("\\{e} means something else in regex-lite: {pattern}")
                    }
                    _ => {
                        out.push(c);
                        out.push(e);
                        continue;
                    }
                };
                if in_class {
                    out.push_str(class);
                } else {
                    out.push('[');
                    out.push_str(class);
                    out.push(']');
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    regex_lite::Regex::new(&out).expect("valid pattern")
}

/// A pattern under regex-lite, compiled at its first use and at most twice:
/// with `\d` and `\s` as the plain classes ([`lite_plain`]) for the texts of
/// which [`plain_classes`] holds (nearly all), with Unicode's ([`lite`]) for
/// the others. A single check compiles the plain one at most, and only when
/// a text reaches the pattern.
pub struct Lite {
    pattern: std::borrow::Cow<'static, str>,
    plain: PerThread<regex_lite::Regex>,
    unicode: PerThread<regex_lite::Regex>,
    /// The pattern under `regex`, for [`Lite::first_group`] after
    /// [`Led::FULL_AFTER`] texts (as [`Led`] does).
    full: PerThread<regex::Regex>,
    searched: std::sync::atomic::AtomicUsize,
}

impl Lite {
    pub const fn new(pattern: &'static str) -> Lite {
        Lite {
            pattern: std::borrow::Cow::Borrowed(pattern),
            plain: PerThread::new(),
            unicode: PerThread::new(),
            full: PerThread::new(),
            searched: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn owned(pattern: String) -> Lite {
        Lite {
            pattern: std::borrow::Cow::Owned(pattern),
            ..Lite::new("")
        }
    }

    /// The pattern compiled for searching `text` (or any part of it).
    pub fn on(&self, text: &str) -> &regex_lite::Regex {
        match plain_classes(text) {
            true => self.plain.get_or_init(|| lite_plain(&self.pattern)),
            false => self.unicode.get_or_init(|| lite(&self.pattern)),
        }
    }

    /// Group `i` of the first match in `text`: by regex-lite for the first
    /// [`Led::FULL_AFTER`] texts, then by `regex`, compiled once, whose
    /// automaton searches a batch of reports for less than regex-lite's
    /// backtracking (the same matches: the oracle tests hold the two equal).
    pub fn first_group(&self, text: &str, i: usize) -> Option<(usize, usize)> {
        if let Some(full) = full_after(&self.full, &self.searched, Led::FULL_AFTER, &self.pattern) {
            return full.captures(text)?.get(i).map(|m| (m.start(), m.end()));
        }
        let m = self.on(text).captures(text)?.get(i)?;
        Some((m.start(), m.end()))
    }
}

/// A pattern every match of which begins with one of a few words, tried
/// anchored where one of them is. regex-lite's unanchored search keeps a
/// thread for each position of the text; anchored, a try ends as soon as the
/// pattern cannot go on. Matches are regex's leftmost-first ones: the first
/// place a match starts, the pattern's preferred match there, the next search
/// after its end. The pattern must not use `^` (it would hold at each try).
///
/// A batch of reports searches a pattern thousands of times: after
/// [`Led::FULL_AFTER`] texts the pattern is compiled by `regex` once and
/// searched with it (its automaton is then cheaper than the tries), so that a
/// single check never compiles it and a folder of reports does not pay per
/// report for it.
pub struct Led {
    /// The pattern anchored (`^(?:…)`), for the tries.
    anchored: Lite,
    pattern: String,
    full: PerThread<regex::Regex>,
    searched: std::sync::atomic::AtomicUsize,
    full_after: usize,
    starts: &'static [&'static str],
    /// A word every match has, and how many characters into a match it starts
    /// at most: no try is made where it is not that close.
    needs: Option<(&'static str, usize)>,
}

/// `pattern` compiled by `regex` (on this thread, see `per_thread`) once
/// `searched` has counted `after` texts (`None` before). Once one thread has
/// compiled it the count is no longer touched: threads checking side by side
/// would otherwise write one shared counter per search, its cache line passed
/// between the cores each time (issue 15).
fn full_after<'r>(
    full: &'r PerThread<regex::Regex>,
    searched: &std::sync::atomic::AtomicUsize,
    after: usize,
    pattern: &str,
) -> Option<&'r regex::Regex> {
    if !full.made() && searched.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < after {
        return None;
    }
    Some(full.get_or_init(|| regex::Regex::new(pattern).expect("valid pattern")))
}

/// A match of a [`Led`] pattern: its groups' byte ranges in the text.
pub struct Found<'t> {
    text: &'t str,
    groups: Vec<Option<(usize, usize)>>,
}

impl<'t> Found<'t> {
    /// Group `i`'s byte range in the whole text.
    pub fn range(&self, i: usize) -> Option<(usize, usize)> {
        self.groups.get(i).copied().flatten()
    }

    /// Group `i`'s text.
    pub fn str(&self, i: usize) -> Option<&'t str> {
        self.range(i).map(|(a, b)| &self.text[a..b])
    }
}

impl Led {
    pub fn new(pattern: &str, starts: &'static [&'static str]) -> Led {
        debug_assert!(!pattern.replace("[^", "").contains('^'), "{pattern}");
        Led {
            anchored: Lite::owned(format!("^(?:{pattern})")),
            pattern: pattern.to_string(),
            full: PerThread::new(),
            searched: std::sync::atomic::AtomicUsize::new(0),
            full_after: Self::FULL_AFTER,
            starts,
            needs: None,
        }
    }

    /// Texts searched by trying before the pattern is compiled by `regex`: more
    /// than a single report reaches (a seed searches each fee pattern a few
    /// times), few against the thousands of a folder.
    pub const FULL_AFTER: usize = 100;

    /// [`Led::FULL_AFTER`] changed (tests: `usize::MAX` tries only).
    #[cfg(test)]
    pub fn full_after(self, n: usize) -> Led {
        Led {
            full_after: n,
            ..self
        }
    }

    /// Tries only where `word` starts within `within` characters of the try
    /// (every match has it there).
    pub fn needs(self, word: &'static str, within: usize) -> Led {
        Led {
            needs: Some((word, within)),
            ..self
        }
    }

    /// Whether a match at `at` is possible at all (see [`Led::needs`]).
    fn may_match(&self, text: &str, at: usize) -> bool {
        let Some((word, within)) = self.needs else {
            return true;
        };
        // `word` starting at one of the first `within + 1` characters.
        let last = text[at..]
            .char_indices()
            .nth(within)
            .map_or(text.len(), |(i, _)| at + i);
        text[at..].find(word).is_some_and(|i| at + i <= last)
    }

    /// Every match, left to right.
    pub fn captures_iter<'a, 't: 'a>(
        &'a self,
        text: &'t str,
    ) -> Box<dyn Iterator<Item = Found<'t>> + 'a> {
        if let Some(full) = full_after(&self.full, &self.searched, self.full_after, &self.pattern) {
            return Box::new(full.captures_iter(text).map(move |c| Found {
                text,
                groups: c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect(),
            }));
        }
        Box::new(self.tries(text))
    }

    /// Every match, by tries where one of the words starts.
    fn tries<'a, 't: 'a>(&'a self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 'a {
        let mut from = 0;
        let mut re = None;
        std::iter::from_fn(move || {
            while let Some(at) = self.next_start(text, from) {
                let caps = match self.may_match(text, at) {
                    true => {
                        let re = *re.get_or_insert_with(|| self.anchored.on(text));
                        re.captures(&text[at..])
                    }
                    false => None,
                };
                match caps {
                    Some(caps) => {
                        let end = caps.get(0).map_or(0, |m| m.end());
                        // A match is never empty (each begins with a word).
                        from = at + end.max(1);
                        let groups = caps
                            .iter()
                            .map(|m| m.map(|m| (at + m.start(), at + m.end())));
                        return Some(Found {
                            text,
                            groups: groups.collect(),
                        });
                    }
                    None => from = at + text[at..].chars().next().map_or(1, char::len_utf8),
                }
            }
            None
        })
    }

    /// The first place at or after `from` where one of the words starts.
    fn next_start(&self, text: &str, from: usize) -> Option<usize> {
        self.starts
            .iter()
            .filter_map(|w| text.get(from..)?.find(w))
            .min()
            .map(|i| from + i)
    }
}

/// Differential tests: each replaced pattern against `regex`, the oracle.
#[cfg(test)]
pub(crate) mod oracle {
    use proptest::prelude::*;
    use std::path::Path;

    /// Every line and every sentence (cut at 。) of every text file under fixtures/.
    pub fn corpus() -> &'static [String] {
        static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        LINES.get_or_init(|| {
            let mut out = Vec::new();
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
            let mut dirs = vec![root];
            while let Some(d) = dirs.pop() {
                for e in std::fs::read_dir(&d).expect("fixtures").flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        dirs.push(p);
                    } else if let Ok(text) = std::fs::read_to_string(&p) {
                        out.extend(text.lines().map(str::to_string));
                        out.extend(text.split('。').map(|s| s.replace('\n', "")));
                    }
                }
            }
            assert!(
                out.len() > 10_000,
                "the fixtures hold the seeds and layouts"
            );
            out
        })
    }

    /// Pieces real report text is made of, for generated lines: digits in every
    /// script reports use, dates' units, dashes, spaces as PDFs put them.
    pub const VOCAB: &[&str] = &[
        "0",
        "1",
        "2",
        "9",
        "2024",
        "12",
        "31",
        "０",
        "１",
        "２",
        "２０２４",
        "１２",
        "一",
        "二",
        "十",
        "〇",
        "零",
        "○",
        "Ｏ",
        "年",
        "月",
        "日",
        "度",
        "起",
        "至",
        "到",
        "—",
        "－",
        "-",
        "–",
        "～",
        "~",
        "―",
        ".",
        "．",
        "/",
        " ",
        "\u{3000}",
        "\u{a0}",
        "\t",
        "。",
        "，",
        "；",
        "：",
        ":",
        ",",
        "、",
        "（",
        "）",
        "(",
        ")",
        "元",
        "万元",
        "期",
        "的",
        "报告",
    ];

    /// A line of 0–40 pieces from `words` and [`VOCAB`].
    pub fn line(words: &'static [&'static str]) -> impl Strategy<Value = String> {
        let pick = prop_oneof![
            proptest::sample::select(VOCAB),
            proptest::sample::select(words)
        ];
        proptest::collection::vec(pick, 0..40).prop_map(|v| v.concat())
    }

    /// A line of 0–`n` pieces from `words` alone: shapes close to a match.
    pub fn focused(words: &'static [&'static str], n: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(words), 0..n).prop_map(|v| v.concat())
    }

    /// One piece from each slot in turn: a statement's grammar, each slot
    /// holding its right words and near misses (`""` leaves it out).
    pub fn slots(slots: &'static [&'static [&'static str]]) -> impl Strategy<Value = String> {
        let parts: Vec<_> = slots.iter().map(|s| proptest::sample::select(*s)).collect();
        parts.prop_map(|v| v.concat())
    }

    /// Capture positions of every match, by `regex`.
    pub fn regex_caps(re: &regex::Regex, s: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(s)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    /// Capture positions of every match, by regex-lite.
    pub fn lite_caps(re: &regex_lite::Regex, s: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(s)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    /// `pattern` under [`super::lite`] finds what `regex` finds, groups and
    /// all, on `s`, and so does [`super::Lite`] (the plain classes where it
    /// uses them). With `ORACLE_HITS` set, prints each pattern that matched
    /// (to see that generated lines reach a pattern at all).
    pub fn same(pattern: &str, s: &str) {
        thread_local! {
            static CACHE: std::cell::RefCell<std::collections::HashMap<String, (regex::Regex, super::Lite)>> = Default::default();
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let (old, new) = c.entry(pattern.to_string()).or_insert_with(|| {
                let lite = super::Lite::owned(pattern.to_string());
                (regex::Regex::new(pattern).unwrap(), lite)
            });
            if std::env::var_os("ORACLE_HITS").is_some() && old.is_match(s) {
                eprintln!("HIT {pattern}");
            }
            let want = regex_caps(old, s);
            // The Unicode classes always; the plain ones where the rules use them.
            let unicode = new.unicode.get_or_init(|| super::lite(pattern));
            assert_eq!(want, lite_caps(unicode, s), "{pattern} on {s:?}");
            assert_eq!(want, lite_caps(new.on(s), s), "{pattern} (plain) on {s:?}");
        });
    }

    /// [`super::Led`] finds what `regex` finds, groups and all, on `s`.
    pub fn same_led(pattern: &str, starts: &'static [&'static str], s: &str) {
        same_led_needs(pattern, starts, None, s)
    }

    /// [`same_led`] with [`super::Led::needs`].
    pub fn same_led_needs(
        pattern: &str,
        starts: &'static [&'static str],
        needs: Option<(&'static str, usize)>,
        s: &str,
    ) {
        thread_local! {
            static CACHE: std::cell::RefCell<std::collections::HashMap<String, (regex::Regex, super::Led)>> = Default::default();
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let key = format!("{pattern} {needs:?}");
            let (old, new) = c.entry(key).or_insert_with(|| {
                // Tries only: the regex path is the oracle itself.
                let led = super::Led::new(pattern, starts).full_after(usize::MAX);
                let led = match needs {
                    Some((w, n)) => led.needs(w, n),
                    None => led,
                };
                (regex::Regex::new(pattern).unwrap(), led)
            });
            let found: Vec<Vec<Option<(usize, usize)>>> =
                new.captures_iter(s).map(|f| f.groups).collect();
            assert_eq!(regex_caps(old, s), found, "{pattern} on {s:?}");
        });
    }

    /// [`same`] over the corpus.
    pub fn same_on_corpus(pattern: &str) {
        for s in corpus() {
            same(pattern, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_and_space_are_regex_classes() {
        let d = regex::Regex::new(r"^\d$").unwrap();
        let s = regex::Regex::new(r"^\s$").unwrap();
        let (ld, ls) = (lite(r"^\d$"), lite(r"^\s$"));
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let t = c.encode_utf8(&mut buf);
            assert_eq!(is_digit(c), d.is_match(t), "{c:?}");
            // `\s` is White_Space, as `char::is_whitespace` has it.
            assert_eq!(c.is_whitespace(), s.is_match(t), "{c:?}");
            assert_eq!(ld.is_match(t), d.is_match(t), "{c:?}");
            assert_eq!(ls.is_match(t), s.is_match(t), "{c:?}");
        }
    }

    #[test]
    fn led_tries_then_regex_find_the_same() {
        let led = Led::new(r"收取(\d+)元", &["收取"]).full_after(1);
        let s = "共收取30元，又收取５元，收取元";
        let tried: Vec<_> = led.captures_iter(s).map(|f| f.groups).collect();
        let compiled: Vec<_> = led.captures_iter(s).map(|f| f.groups).collect();
        assert!(led.full.made(), "the second search used regex");
        assert_eq!(tried.len(), 2);
        assert_eq!(tried, compiled);
    }

    /// Every digit and space outside the plain classes is led by a byte
    /// `plain_classes` looks for, and is found.
    #[test]
    fn plain_classes_finds_every_other_digit_and_space() {
        let plain = |c: char| {
            PLAIN_DIGITS
                .iter()
                .chain(PLAIN_SPACES)
                .any(|r| (r.0..=r.1).contains(&c))
        };
        let mut others = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let other = (is_digit(c) || c.is_whitespace()) && !plain(c);
            let text = format!("收到申请{c}件");
            assert_eq!(plain_classes(&text), !other, "{c:?}");
            others += usize::from(other);
        }
        assert!(others > 600, "{others}");
        assert!(plain_classes("２０２４年“报告”……—— 0\t\r\n\u{3000}"));
    }

    /// With the plain classes, patterns find what they find with Unicode's in
    /// texts of which `plain_classes` holds; a text with another digit or
    /// space is searched with Unicode's (Led against `regex`, the oracle).
    #[test]
    fn plain_classes_find_what_unicode_classes_find() {
        let patterns = [
            r"(\d+)\s*件",
            r"[^。\d]{0,3}?(\d{4})年",
            r"收取[^。；0-9０-９\s]{0,6}?(\d+(?:\.\d+)?)(万元|元)",
            r"[一\d]+\s*年",
        ];
        let texts = [
            "收到申请３４件，办结 12 件",
            "2024年、２０２３\u{3000}年",
            "收取 信息处理费300元，收取费用５.５万元",
            "收到申请٣٤件，\u{a0}12\u{2003}件，２\u{85}年",
            "收取信息处理费٣٠元，收取\u{a0}费用5元",
            "一２0\u{3000}年，一\u{1680}年",
        ];
        for p in patterns {
            let oracle = regex::Regex::new(p).unwrap();
            let (plain, unicode) = (lite_plain(p), lite(p));
            // Only the fee pattern starts with a word (what Led needs).
            let led = p
                .starts_with('收')
                .then(|| Led::new(p, &["收取"]).full_after(usize::MAX));
            let corpus = oracle::corpus().iter().map(String::as_str);
            for t in texts.iter().copied().chain(corpus) {
                let want = oracle::regex_caps(&oracle, t);
                assert_eq!(oracle::lite_caps(&unicode, t), want, "{p} {t:?}");
                if plain_classes(t) {
                    assert_eq!(oracle::lite_caps(&plain, t), want, "{p} {t:?}");
                }
                if let Some(led) = &led {
                    let found: Vec<_> = led.captures_iter(t).map(|f| f.groups).collect();
                    assert_eq!(found, want, "led {p} {t:?}");
                }
            }
            if let Some(led) = led {
                let tries = &led.anchored;
                assert!(tries.plain.made() && tries.unicode.made(), "{p}");
            }
        }
    }

    #[test]
    fn first_group_by_either_engine() {
        let lite = Lite::new(r"(\d{4})年度?[^。]{0,3}?存在");
        let texts = [
            "2023年度存在问题",
            "针对２０２２年存在的",
            "٢٠٢٣年存在",
            "无年份存在",
            "1年存在",
        ];
        let want: Vec<_> = texts
            .iter()
            .map(|t| {
                let re = regex::Regex::new(&lite.pattern).unwrap();
                re.captures(t)
                    .and_then(|c| c.get(1))
                    .map(|m| (m.start(), m.end()))
            })
            .collect();
        assert_eq!(want[0], Some((0, 4)));
        assert_eq!(want[2], Some((0, 8)));
        for round in 0..2 * Led::FULL_AFTER / texts.len() + 1 {
            let got: Vec<_> = texts.iter().map(|t| lite.first_group(t, 1)).collect();
            assert_eq!(got, want, "round {round}");
        }
        assert!(lite.full.made() && lite.plain.made());
    }

    #[test]
    fn classes_inside_brackets() {
        let re = lite(r"[一\d]+\s*年");
        assert_eq!(
            re.find("一２0\u{3000}年").map(|m| m.as_str()),
            Some("一２0\u{3000}年")
        );
    }
}
