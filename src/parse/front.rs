//! Front matter and closing: the title, the statistical period, the signature date.

use super::text::{chinese_number, is_space, space_len, utf8_width, Line};
use crate::model::{Date, Period, Title, Year};
use crate::pattern::{lite, Led, Lite};
use crate::per_thread;
use crate::span::Span;
use regex_lite::Regex;
use std::sync::LazyLock;

// regex-lite (crate::pattern) rather than regex: these run on a title, a few
// sentences of front matter and the last lines, where compiling regex's
// automata cost more than all the searching.

/// The four digits of the first `(\d{4})\s*年` in `s` (digits and spaces as
/// regex's `\d` and `\s`): a title's year, found by a scan.
fn year_digits(s: &str) -> Option<(usize, usize)> {
    s.char_indices().find_map(|(i, _)| {
        let mut end = i;
        for c in s[i..].chars().take(4) {
            if !crate::pattern::is_digit(c) {
                return None;
            }
            end += c.len_utf8();
        }
        let four = s[i..end].chars().count() == 4;
        let unit = s[end..]
            .trim_start_matches(char::is_whitespace)
            .starts_with('年');
        (four && unit).then_some((i, end))
    })
}

/// A date alone on its line: the signature ([`signature_groups`] reads it
/// by hand; the tests hold the two to the same groups).
#[cfg(test)]
const SIGNATURE_PATTERN: &str = r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$";

/// A period's dates, matched on [`Folded`] text (no spaces, ASCII digits).
/// The end date may leave out its year (`2024年1月1日至12月31日`) and either
/// date its day (`2024年1月至12月`). Groups: start year, month, day; end
/// year, month, day.
const RANGE: &str = r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(?:起)?(?:至|到|—|－|-|–|～|~|―)+(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?";

/// `统计期限…` with its noun: `据统计，2024年1月至6月…` is a statistic, not the period.
#[cfg(test)]
fn period_pattern() -> String {
    format!(r"统计(?:期限|时限|时间|期间|区间|周期|范围|口径)[^。]{{0,24}}?(?:自|从|为|是)?{RANGE}")
}
// Tried only where 统计 (自, 从) is: crate::pattern::Led.
const STAT: &[&str] = &["统计"];
const FROM: &[&str] = &["自", "从"];
const STAT_OR_FROM: &[&str] = &["统计", "自", "从"];
#[cfg(test)]
static PERIOD: LazyLock<Twin> = LazyLock::new(|| Twin::new(&period_pattern(), STAT));

fn loose_pattern() -> String {
    format!(r"(?:自|从){RANGE}")
}
static PERIOD_LOOSE: LazyLock<Twin> = LazyLock::new(|| Twin::new(&loose_pattern(), FROM));

/// A range with neither 统计 nor 自 before it, in the front matter only, in a
/// sentence about the data (`本报告所列数据为2024年1月1日至12月31日期间数据`).
fn bare_pattern() -> String {
    format!(r"(?:数据|报告)[^。]{{0,30}}?{RANGE}|{RANGE}[^。]{{0,10}}?(?:数据|期间)")
}
// `Lite`: `\d` as the plain class in nearly every text, not Unicode's 71
// ranges (a single check compiles it). Built once per process, so its
// pattern is leaked to be `'static` as `Lite::new` wants.
static PERIOD_BARE: LazyLock<Lite> =
    LazyLock::new(|| Lite::new(Box::leak(bare_pattern().into_boxed_str())));

/// Dates written with dots or slashes (`2024.1.1—2024.12.31`), after 统计 or 自.
const DOTTED_PATTERN: &str = r"(?:统计|自|从)[^。]{0,24}?(\d{4})[.．/](\d{1,2})[.．/](\d{1,2})日?(?:起)?(?:至|到|—|－|-|–|～|~|―)+(\d{4})?[.．/]?(\d{1,2})[.．/](\d{1,2})";
static PERIOD_DOTTED: LazyLock<Twin> = LazyLock::new(|| Twin::new(DOTTED_PATTERN, STAT_OR_FROM));

/// `统计期限为2024年度` / `2024年全年`: the whole year, stated without dates.
const YEAR_ONLY_PATTERN: &str =
    r"统计(?:期限|时限|时间|期间|区间|周期|范围)[为是：:]?(\d{4})年(?:度|全年)";
static PERIOD_YEAR: LazyLock<Twin> = LazyLock::new(|| Twin::new(YEAR_ONLY_PATTERN, STAT));

/// A period pattern twice: as written, with `\d` as `regex`'s Unicode
/// class, and with the plain digits in its place for a text whose digits
/// are all plain (nearly every one: [`crate::pattern::plain_classes`]),
/// where the two find the same. `regex` builds the plain one's automaton at
/// a fraction of the size (a `\d` is 71 ranges of UTF-8), and searching it
/// clears that much less state each time (issue 15).
struct Twin {
    plain: Led,
    unicode: Led,
}

impl Twin {
    fn new(pattern: &str, starts: &'static [&'static str]) -> Twin {
        // The period patterns have no other Perl class, and no `\d` inside
        // brackets.
        debug_assert!(
            !pattern.contains(r"\s") && !pattern.contains(r"\D"),
            "{pattern}"
        );
        Twin {
            plain: Led::new(&pattern.replace(r"\d", "[0-9０-９]"), starts),
            unicode: Led::new(pattern, starts),
        }
    }

    /// The pattern to search `text` with.
    fn on(&self, text: &str) -> &Led {
        match crate::pattern::plain_classes(text) {
            true => &self.plain,
            false => &self.unicode,
        }
    }
}

const CN_SIGNATURE_PATTERN: &str = r"^([〇零一二三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$";
static CN_SIGNATURE: per_thread::Lazy<Regex> = per_thread::Lazy::new(|| lite(CN_SIGNATURE_PATTERN));

/// The date whose year, month and day are the byte ranges `y`, `m`, `d` of
/// `text`; it ends after the 日 that follows the day.
fn date_at(text: &str, y: (usize, usize), m: (usize, usize), d: (usize, usize)) -> Option<Date> {
    let whole_end = d.1
        + text[d.1..]
            .find('日')
            .map(|i| i + '日'.len_utf8())
            .unwrap_or(0);
    // `\d` matches full-width digits too (`２０２５年１月１７日`): read them as such.
    let num = |(a, b): (usize, usize)| super::text::parse_count(&text[a..b]);
    Some(Date {
        year: i32::try_from(num(y)?).ok()?,
        month: u32::try_from(num(m)?).ok()?,
        day: u32::try_from(num(d)?).ok()?,
        span: Span::new(y.0, whole_end),
        year_span: Span::new(y.0, y.1),
    })
}

/// The groups of [`SIGNATURE_PATTERN`] in `t` (year, month, day), read in
/// place: `\d` and `\s` as `regex` has them; a run of digits is a group only
/// whole (a digit after it is neither a space nor the unit the pattern
/// wants next, whatever the repetition gives back).
fn signature_groups(t: &str) -> Option<[(usize, usize); 3]> {
    use crate::pattern::is_digit;
    let digits = |at: usize, counts: std::ops::RangeInclusive<usize>| {
        let run = t[at..]
            .find(|c: char| !is_digit(c))
            .map_or(t.len(), |i| at + i);
        counts
            .contains(&t[at..run].chars().count())
            .then_some((at, run))
    };
    let spaces = |at: usize| t.len() - t[at..].trim_start_matches(char::is_whitespace).len();
    let unit = |at: usize, u: char| {
        let at = spaces(at);
        t[at..].starts_with(u).then(|| spaces(at + u.len_utf8()))
    };
    let y = digits(0, 4..=4)?;
    let m = digits(unit(y.1, '年')?, 1..=2)?;
    let d = digits(unit(m.1, '月')?, 1..=2)?;
    let end = spaces(d.1);
    (t[end..] == *"日").then_some([y, m, d])
}

/// Text with spaces and line breaks removed and full-width digits folded to
/// ASCII (PDF text spaces every character: `2 0 2 4 年`), mapped back to the source.
struct Folded<'a> {
    source: &'a str,
    text: String,
    /// Runs copied with a constant shift: (offset in `text`, source offset),
    /// ascending; a new run starts wherever a character was dropped or folded.
    runs: Vec<(usize, usize)>,
    src_end: usize,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str, span: Span) -> Folded<'a> {
        let mut out = Folded {
            source: text,
            text: String::with_capacity(span.len()),
            runs: Vec::new(),
            src_end: span.end,
        };
        let slice = &text[span.range()];
        let b = slice.as_bytes();
        // Source offset the next kept character would have if the run went on.
        let mut expected = usize::MAX;
        // Copy `slice[from..to]` (no space, nothing to fold) as it is.
        let copy = |out: &mut Folded, from: usize, to: usize, expected: &mut usize| {
            if from < to {
                let at = span.start + from;
                if at != *expected {
                    out.runs.push((out.text.len(), at));
                }
                out.text.push_str(&slice[from..to]);
                *expected = span.start + to;
            }
        };
        // Character by character on the bytes: only spaces (dropped) and
        // full-width digits (folded) break the copying, and both are told by
        // their first bytes.
        let (mut i, mut kept) = (0, 0);
        while i < b.len() {
            let space = space_len(b, i);
            let digit = b[i] == 0xEF
                && b.get(i + 1) == Some(&0xBC)
                && b.get(i + 2).is_some_and(|d| (0x90..=0x99).contains(d));
            if space == 0 && !digit {
                i += utf8_width(b[i]);
                continue;
            }
            copy(&mut out, kept, i, &mut expected);
            if digit {
                let at = span.start + i;
                if at != expected {
                    out.runs.push((out.text.len(), at));
                }
                out.text.push(char::from(b'0' + (b[i + 2] - 0x90)));
                // A folded digit is shorter than its source: the next character starts a run.
                expected = usize::MAX;
                i += 3;
            } else {
                i += space;
            }
            kept = i;
        }
        copy(&mut out, kept, b.len(), &mut expected);
        out
    }

    /// The source offset of the character starting at `k` in `text`.
    fn src_of(&self, k: usize) -> usize {
        let i = self.runs.partition_point(|r| r.0 <= k) - 1;
        self.runs[i].1 + (k - self.runs[i].0)
    }

    /// The source span of `text[start..end]` (`end > start`, on character boundaries).
    fn span(&self, start: usize, end: usize) -> Span {
        let last = self.text[..end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let at = self.src_of(end - last);
        Span::new(
            self.src_of(start),
            (at + c_len(self.source, at)).min(self.src_end),
        )
    }
}

fn c_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date of a period from its (year, month, day) groups; a missing year is
/// `year_of` (the start's), a missing day the first (start) or last (end) day.
/// `group(i)` is group `i`'s byte range in `f.text`.
fn period_date(
    f: &Folded,
    group: &dyn Fn(usize) -> Option<(usize, usize)>,
    g: usize,
    year_of: Option<&Date>,
) -> Option<Date> {
    let (y, m, d) = (group(g), group(g + 1)?, group(g + 2));
    let text = |(a, b): (usize, usize)| &f.text[a..b];
    let (year, year_span) = match (y, year_of) {
        (Some(y), _) => (text(y).parse().ok()?, f.span(y.0, y.1)),
        (None, Some(s)) => (s.year, s.year_span),
        (None, None) => return None,
    };
    let month: u32 = text(m).parse().ok()?;
    let day = match d {
        Some(d) => text(d).parse().ok()?,
        None if year_of.is_none() => 1,
        None => days_in(year, month),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let first = y.unwrap_or(m).0;
    // The date ends after its 日 (or 月 when the day is left out).
    let last = d.unwrap_or(m).1;
    let unit = f.text[last..]
        .chars()
        .next()
        .filter(|c| matches!(c, '日' | '月'))
        .map_or(0, char::len_utf8);
    Some(Date {
        year,
        month,
        day,
        span: f.span(first, last + unit),
        year_span,
    })
}

/// [`PERIOD_BARE`]: its two alternatives hold the dates in groups 1–6 or 7–12.
fn search_bare(f: &Folded) -> Option<Period> {
    // Every match has a 月 and one of 数据, 报告, 期间.
    let t = &f.text;
    if !t.contains('月') || !["数据", "报告", "期间"].iter().any(|w| t.contains(w)) {
        return None;
    }
    let caps = PERIOD_BARE.on(t).captures(t)?;
    let g = if caps.get(2).is_some() { 1 } else { 7 };
    let group = |i: usize| caps.get(i).map(|m| (m.start(), m.end()));
    let start = period_date(f, &group, g, None)?;
    let end = period_date(f, &group, g + 3, Some(&start))?;
    let whole = caps.get(0)?;
    Some(Period {
        span: f.span(whole.start(), whole.end()),
        start,
        end,
    })
}

/// The byte ranges of a period pattern's groups in its first match: 0 the
/// whole match, 1–6 the dates' (start year, month, day; end year, month, day).
type Groups = [Option<(usize, usize)>; 7];

/// Groups 1–6 of [`Groups`].
type Dates = [Option<(usize, usize)>; 6];

/// The groups of `re`'s first match in `text`.
fn first_match(re: &Twin, text: &str) -> Option<Groups> {
    let caps = re.on(text).captures_iter(text).next()?;
    Some(std::array::from_fn(|i| caps.range(i)))
}

/// The groups of [`period_pattern`]'s first match in `t`, read by hand (the
/// tests hold it to the pattern). After 统计 and its noun, the pattern's only
/// choices are where its lazy gap ends and whether 自/从/为/是 is taken,
/// tried in the pattern's order; [`range_groups`] then has one way to go.
fn period_groups(t: &str) -> Option<Groups> {
    const NOUNS: [&str; 8] = [
        "期限", "时限", "时间", "期间", "区间", "周期", "范围", "口径",
    ];
    let mut from = 0;
    while let Some(i) = t[from..].find("统计") {
        let at = from + i;
        let noun = at + "统计".len();
        if let Some(n) = NOUNS.iter().find(|n| t[noun..].starts_with(*n)) {
            // `[^。]{0,24}?`: the fewest characters first.
            let mut gap = noun + n.len();
            for k in 0..=24 {
                let next = t[gap..].chars().next();
                let found = next
                    .filter(|c| matches!(c, '自' | '从' | '为' | '是'))
                    .and_then(|c| range_groups(t, gap + c.len_utf8()))
                    .or_else(|| range_groups(t, gap));
                if let Some((dates, end)) = found {
                    let mut groups = [Some((at, end)); 7];
                    groups[1..].copy_from_slice(&dates);
                    return Some(groups);
                }
                match next {
                    Some(c) if c != '。' && k < 24 => gap += c.len_utf8(),
                    _ => break,
                }
            }
        }
        from = at + "统".len();
    }
    None
}

/// [`RANGE`] at byte `at` of `t`: its six groups and where it ends. Each of
/// its steps takes what it can or fails: a run of digits is a group only
/// whole (the character after it is never a digit the pattern could go on
/// with), and giving back an optional part or a separator leaves a character
/// where the pattern next wants a digit.
fn range_groups(t: &str, at: usize) -> Option<(Dates, usize)> {
    use crate::pattern::is_digit;
    // The run of digits at `p` if it has `counts` of them and `unit` follows:
    // the run's range and the byte after the unit.
    let number = |p: usize, counts: std::ops::RangeInclusive<usize>, unit: char| {
        let run = t[p..]
            .find(|c: char| !is_digit(c))
            .map_or(t.len(), |i| p + i);
        let fits = counts.contains(&t[p..run].chars().count()) && t[run..].starts_with(unit);
        fits.then(|| ((p, run), run + unit.len_utf8()))
    };
    let (y1, p) = number(at, 4..=4, '年')?;
    let (m1, p) = number(p, 1..=2, '月')?;
    let (d1, p) = number(p, 1..=2, '日').map_or((None, p), |(d, p)| (Some(d), p));
    let p = if t[p..].starts_with('起') {
        p + '起'.len_utf8()
    } else {
        p
    };
    let seps = t[p..]
        .find(|c: char| !matches!(c, '至' | '到' | '—' | '－' | '-' | '–' | '～' | '~' | '―'))
        .map_or(t.len(), |i| p + i);
    if seps == p {
        return None;
    }
    let (y2, p) = number(seps, 4..=4, '年').map_or((None, seps), |(y, p)| (Some(y), p));
    let (m2, p) = number(p, 1..=2, '月')?;
    let (d2, p) = number(p, 1..=2, '日').map_or((None, p), |(d, p)| (Some(d), p));
    Some(([Some(y1), Some(m1), d1, y2, Some(m2), d2], p))
}

/// The statistical period, searched in the front matter first, then anywhere.
pub fn period(text: &str, preamble: Span) -> Option<Period> {
    let search = |found: Option<Groups>, f: &Folded| {
        let groups = found?;
        let whole = groups[0]?;
        let group = |i: usize| groups[i];
        let start = period_date(f, &group, 1, None)?;
        let end = period_date(f, &group, 4, Some(&start))?;
        Some(Period {
            span: f.span(whole.0, whole.1),
            start,
            end,
        })
    };
    let whole_year = |f: &Folded| {
        let caps = PERIOD_YEAR.on(&f.text).captures_iter(&f.text).next()?;
        let (whole, y) = (caps.range(0)?, caps.range(1)?);
        let (year, year_span) = (caps.str(1)?.parse().ok()?, f.span(y.0, y.1));
        let date = |month, day| Date {
            year,
            month,
            day,
            span: f.span(y.0, whole.1),
            year_span,
        };
        Some(Period {
            span: f.span(whole.0, whole.1),
            start: date(1, 1),
            end: date(12, 31),
        })
    };
    // Each way of stating the period in turn over the front matter, then the
    // two explicit ones anywhere; sentence by sentence (a period never spans 。),
    // so that folding stays small whatever the text.
    // The front matter's pieces are folded once, when first asked for, for
    // all the ways in turn. Each way is tried only on the pieces that have a
    // character every match of it has (`need`; folding drops spaces and
    // narrows digits, and leaves these as they are): most are never folded.
    let front = sentence_chunks(text, preamble);
    let folded: Vec<std::cell::OnceCell<Folded>> =
        front.iter().map(|_| std::cell::OnceCell::new()).collect();
    // One search per character: a `&[char]` pattern decodes every character.
    let has_any = |c: &Span, need: &[char]| need.iter().any(|&n| text[c.range()].contains(n));
    let first = |need: &[char], find: &dyn Fn(&Folded) -> Option<Period>| {
        front
            .iter()
            .zip(&folded)
            .filter(|(c, _)| has_any(c, need))
            .find_map(|(&c, f)| find(f.get_or_init(|| Folded::new(text, c))))
    };
    let anywhere = |need: &[char], find: &dyn Fn(&Folded) -> Option<Period>| {
        let all = sentence_chunks(text, Span::new(0, text.len()));
        all.into_iter()
            .filter(|c| has_any(c, need))
            .find_map(|c| find(&Folded::new(text, c)))
    };
    // 统计 starts PERIOD and PERIOD_YEAR, 自 or 从 PERIOD_LOOSE, one of them
    // PERIOD_DOTTED; every bare range has its 月.
    first(&['统'], &|f| search(period_groups(&f.text), f))
        .or_else(|| {
            first(&['自', '从'], &|f| {
                search(first_match(&PERIOD_LOOSE, &f.text), f)
            })
        })
        .or_else(|| {
            first(&['统', '自', '从'], &|f| {
                search(first_match(&PERIOD_DOTTED, &f.text), f)
            })
        })
        .or_else(|| first(&['统'], &whole_year))
        .or_else(|| first(&['月'], &search_bare))
        .or_else(|| {
            anywhere(&['统'], &|f| {
                search(period_groups(&f.text), f).or_else(|| whole_year(f))
            })
        })
}

/// `span` cut after each 。 into pieces that may hold a date (a 年, or a dot or
/// slash for dotted dates); a piece longer than 2 KiB is cut again, with an
/// overlap longer than any period statement.
fn sentence_chunks(text: &str, span: Span) -> Vec<Span> {
    const MAX: usize = 2048;
    const OVERLAP: usize = 256;
    let mut out = Vec::new();
    let mut start = span.start;
    let slice = &text[span.range()];
    let ends = slice
        .match_indices('。')
        .map(|(i, m)| span.start + i + m.len())
        .chain(std::iter::once(span.end));
    for end in ends {
        if end <= start {
            continue;
        }
        let piece = &text[start..end];
        if piece.contains('年') || has_date_dot(piece) {
            let mut a = start;
            while a < end {
                let mut b = (a + MAX).min(end);
                while !text.is_char_boundary(b) {
                    b += 1;
                }
                out.push(Span::new(a, b));
                if b == end {
                    break;
                }
                let mut next = b - OVERLAP;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                a = next;
            }
        }
        start = end;
    }
    out
}

/// Whether `piece` has a `.`, `．` or `/`: found on the bytes (`．` is the
/// only character whose UTF-8 ends with 8E after EF BC).
fn has_date_dot(piece: &str) -> bool {
    let b = piece.as_bytes();
    memchr::memchr3_iter(b'.', b'/', 0x8E, b)
        .any(|i| b[i] != 0x8E || b[..i].ends_with(&[0xEF, 0xBC]))
}

/// The report year, from the title, the period and the signature together, so
/// that one slip is one Y001/Y002 finding and the other year rules judge by the
/// year the report is really for. The title's year rules, unless a consistent
/// period and the signature (dated Y+1) both say otherwise: then the title is the
/// slip. Without a title year, the period's year; when its two years disagree, the
/// one the signature confirms, else none (a guess would only move the other
/// rules' findings onto the wrong year).
pub fn report_year(
    title: Option<&Title>,
    period: Option<&Period>,
    signature: Option<&Date>,
) -> Option<i32> {
    let signed = signature.map(|d| d.year - 1);
    let whole = period
        .filter(|p| p.start.year == p.end.year)
        .map(|p| p.end.year);
    if let Some(t) = title.and_then(|t| t.year.as_ref()) {
        let outvoted = whole.is_some_and(|p| p != t.value && Some(p) == signed);
        return Some(if outvoted { whole? } else { t.value });
    }
    let p = period?;
    whole.or_else(|| {
        [p.start.year, p.end.year]
            .into_iter()
            .find(|&y| Some(y) == signed)
    })
}

/// The title: the short lines at the top, before the first paragraph of prose.
pub fn title(text: &str, lines: &[Line], first_heading: usize) -> Option<Title> {
    let mut parts: Vec<(&str, Span)> = Vec::new();
    for l in lines {
        if l.span.start >= first_heading {
            break;
        }
        let (t, sp) = l.trimmed();
        if t.is_empty() {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        let t = t.trim_start_matches('#').trim_start_matches(is_space);
        if t.chars().count() > 48 || t.ends_with('。') || parts.len() == 3 {
            break;
        }
        parts.push((t, sp));
    }
    let joined: String = parts.iter().map(|p| p.0).collect();
    let clean = strip_artefacts(&joined);
    // A title names the report; wrapped prose (which also mentions 报告) has commas.
    if !clean.trim_end_matches(['）', ')']).ends_with("报告") && !clean.contains("年度报告")
        || clean.contains(['，', '。', '；'])
    {
        return None;
    }
    let span = parts.first()?.1.cover(parts.last()?.1);
    // The year, with its span in the source.
    let mut year = None;
    for &(_, sp) in &parts {
        let line = &text[sp.range()];
        if let Some((a, b)) = year_digits(line) {
            year = Some(Year {
                value: line[a..b].parse().ok()?,
                span: Span::new(a, b).offset(sp.start),
            });
            break;
        }
    }
    let issuer = year_digits(&clean)
        .map(|(a, _)| clean[..a].trim().to_string())
        .filter(|s| !s.is_empty());
    Some(Title {
        text: clean,
        span,
        issuer,
        year,
    })
}

const ART_PATTERN: &str = r"\[bookmark:[^\]]*\]";

fn strip_artefacts(s: &str) -> String {
    static ART: per_thread::Lazy<Regex> = per_thread::Lazy::new(|| lite(ART_PATTERN));
    // Every match starts with `[bookmark:`.
    if !s.contains("[bookmark:") {
        return s.trim().to_string();
    }
    ART.replace_all(s, "").trim().to_string()
}

/// A date alone on one of the last lines: the signature.
pub fn signature(lines: &[Line]) -> Option<Date> {
    let tail = lines.iter().rev().filter(|l| !l.is_blank()).take(6);
    for l in tail {
        let (t, sp) = l.trimmed();
        // Both patterns end the line with 日.
        if !t.ends_with('日') {
            continue;
        }
        if let Some([y, m, d]) = signature_groups(t) {
            let d = date_at(t, y, m, d)?;
            return Some(Date {
                span: d.span.offset(sp.start),
                year_span: d.year_span.offset(sp.start),
                ..d
            });
        }
        if let Some(c) = CN_SIGNATURE.captures(t) {
            let y = c.get(1)?;
            let year_digits: String = y
                .as_str()
                .chars()
                .map(|ch| {
                    if matches!(ch, '○' | 'Ｏ') {
                        '〇'
                    } else {
                        ch
                    }
                })
                .collect();
            return Some(Date {
                year: chinese_number(&year_digits)? as i32,
                month: chinese_number(c.get(2)?.as_str())? as u32,
                day: chinese_number(c.get(3)?.as_str())? as u32,
                span: sp,
                year_span: Span::new(y.start(), y.end()).offset(sp.start),
            });
        }
    }
    None
}

const AFTER_YEAR_PATTERN: &str = r"^[(（]?\d{4}\s*年度?[)）]?\s*(.+?)\s*政府信息公开";

/// The issuing body: the title's words before the year (`XX市XX局2024年…`),
/// else its words between the year and 政府信息公开 (`2024年度XX局政府信息公开…`),
/// else the signature line above the date. `None` when none of them names a body.
pub fn issuer(title: Option<&Title>, lines: &[Line], signature: Option<&Date>) -> Option<String> {
    static AFTER_YEAR: Lite = Lite::new(AFTER_YEAR_PATTERN);
    if let Some(t) = title {
        if let Some(i) = &t.issuer {
            return Some(i.clone());
        }
        let named = AFTER_YEAR
            .on(&t.text)
            .captures(&t.text)
            .and_then(|c| looks_like_body(c.get(1)?.as_str()));
        if named.is_some() {
            return named;
        }
    }
    signature_body(lines, signature?)
}

/// The last non-blank line before the signature date, when it looks like the name of a body.
fn signature_body(lines: &[Line], signature: &Date) -> Option<String> {
    let before = lines
        .iter()
        .rev()
        .filter(|l| l.span.end <= signature.span.start && !l.is_blank())
        .take(1)
        .next()?;
    looks_like_body(before.trimmed().0)
}

/// `s` without spaces (PDF text spaces every character), when it is short, has no
/// sentence punctuation or digits, and ends like the name of a body (局, 委员会, 政府…):
/// the closing line `特此报告。` or a phone number is not an issuer.
fn looks_like_body(s: &str) -> Option<String> {
    const ENDINGS: &str = "局委办院会府厅部处室心所站队馆署司团社行庭校区街镇乡村组科台场厂";
    let name: String = s.chars().filter(|&c| !is_space(c)).collect();
    let n = name.chars().count();
    let plain = name
        .chars()
        .all(|c| !c.is_ascii_digit() && !"，。；：、,.;:！？!?“”\"".contains(c));
    let ends = name.chars().last().is_some_and(|c| ENDINGS.contains(c));
    (plain && ends && (2..=40).contains(&n)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::lines;

    fn fold_digit(c: char) -> char {
        match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        }
    }

    #[test]
    fn period_groups_are_the_patterns() {
        // Each step of the pattern filled with a fitting or a wrong piece.
        let slots: [&[&str]; 14] = [
            &["", "统计", "本报告。", "统计期限", "x"],
            &[
                "统计期限",
                "统计时间",
                "统计口径",
                "统计数据",
                "统计统计期间",
            ],
            &[
                "",
                "为",
                "：",
                "自",
                "从",
                "是",
                "。",
                "本报告所列数据的统计期限",
            ],
            &[
                "",
                "自",
                "为",
                "从2021年起",
                "一二三四五六七八九十一二三四五六七八九十一二三四",
            ],
            &["2024", "２０２４", "٢٠٢٤", "202", "20245", "自2024"],
            &["年", "年度", "月"],
            &["1", "12", "123", "", "٣"],
            &["月", "日", "月份"],
            &["", "1日", "01日", "123日", "1", "日"],
            &["", "起", "起起"],
            &["至", "到", "—", "-至", "", "至至~", "。"],
            &["", "2024年", "2025", "٢٠٢٥年", "20245年"],
            &["12月", "6月", "123月", "月", "1"],
            &["31日", "30", "", "3日止。统计期限自2024年1月至2月"],
        ];
        let mut found = 0;
        for t in crate::parse::text::slot_texts(&slots, 30_000, 0x2545_f491_4f6c_dd1du64) {
            let want = first_match(&PERIOD, &t);
            assert_eq!(period_groups(&t), want, "{t:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn date_dots_are_found_on_the_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("年{c}x");
            assert_eq!(has_date_dot(&s), matches!(c, '.' | '．' | '/'), "{c:?}");
        }
    }

    #[test]
    fn signature_groups_are_the_patterns() {
        let re = crate::pattern::lite(SIGNATURE_PATTERN);
        // Each slot of the pattern filled with a fitting or a wrong piece.
        let slots: [&[&str]; 10] = [
            &["2024", "２０２５", "٢٠٢٤", "202", "20245", ""],
            &["", " ", "\u{3000}", "\t"],
            &["年", "月", "x"],
            &["", " "],
            &["1", "12", "１２", "123", "", "٣"],
            &["", "\u{a0}"],
            &["月", "日"],
            &["", " "],
            &["7", "17", "１", "317", ""],
            &[" 日", "日", "日日", "", "日 x"],
        ];
        let mut found = 0;
        for t in crate::parse::text::slot_texts(&slots, 20_000, 0x9e37_79b9_7f4a_7c15u64) {
            let want = re.captures(&t).map(|c| {
                [1, 2, 3].map(|i| c.get(i).map(|m| (m.start(), m.end())).expect("a group"))
            });
            assert_eq!(signature_groups(&t), want, "{t:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 200, "{found}");
    }

    #[test]
    fn plain_period_patterns_find_what_the_unicode_ones_find() {
        let pieces = [
            "统计期限",
            "自",
            "从",
            "2024年1月",
            "２０２４年１月",
            "٢٠٢٤年1月",
            "1日",
            "起",
            "至",
            "—",
            "12月",
            "٣月",
            "31日",
            "2025年",
            "。",
            "，",
            "数据",
            "期间",
            "2024.1.1",
            "—2024.12.31",
            "年度",
            "全年",
            "统计时间为2024年",
            "x",
        ];
        let (mut plain, mut found) = (0, 0);
        for t in crate::parse::text::random_texts(&pieces, 6000) {
            for twin in [&*PERIOD, &*PERIOD_LOOSE, &*PERIOD_DOTTED, &*PERIOD_YEAR] {
                let groups = |led: &Led| {
                    led.captures_iter(&t)
                        .map(|f| (0..13).map(|i| f.range(i)).collect::<Vec<_>>())
                        .collect::<Vec<_>>()
                };
                let want = groups(&twin.unicode);
                assert_eq!(groups(twin.on(&t)), want, "{t:?}");
                plain += usize::from(crate::pattern::plain_classes(&t));
                found += usize::from(!want.is_empty());
            }
        }
        // Texts of both kinds, and matches among them.
        assert!(
            plain > 1000 && plain < 4 * 6000 && found > 50,
            "{plain} {found}"
        );
    }

    /// `Folded::new` as it was, char by char: the reference.
    fn reference_folded(text: &str, span: Span) -> (String, Vec<usize>) {
        let (mut out, mut map) = (String::new(), Vec::new());
        for (i, c) in text[span.range()].char_indices() {
            if !is_space(c) {
                let folded = fold_digit(c);
                out.push(folded);
                map.extend(std::iter::repeat_n(span.start + i, folded.len_utf8()));
            }
        }
        (out, map)
    }

    #[test]
    fn folding_matches_the_char_by_char_reading() {
        // Full-width digits, CRLF, PDF spacing, a lone lead byte of a full-width form.
        let pieces = [
            "统计",
            "2",
            "０",
            "９",
            "２０２４",
            " ",
            "\r\n",
            "\u{3000}",
            "\u{a0}",
            "年",
            "．",
            "（",
            "ｘ",
            "\u{feff}",
            "😀",
            "月",
            "",
        ];
        for s in crate::parse::text::random_texts(&pieces, 4000) {
            let src = format!("前{s}后");
            let span = Span::new("前".len(), src.len() - "后".len());
            let f = Folded::new(&src, span);
            let (text, map) = reference_folded(&src, span);
            assert_eq!(f.text, text, "{s:?}");
            for (k, &at) in map.iter().enumerate() {
                if f.text.is_char_boundary(k) {
                    assert_eq!(f.src_of(k), at, "{s:?} @{k}");
                }
            }
        }
    }

    #[test]
    fn period_with_pdf_spaces() {
        let t = "本报告所列数据的统计期限自 2024 年 1 月 1 日起至 2024 年\n12 月 31 日止。";
        let p = period(t, Span::new(0, t.len())).unwrap();
        assert_eq!((p.start.year, p.start.month, p.start.day), (2024, 1, 1));
        assert_eq!((p.end.year, p.end.month, p.end.day), (2024, 12, 31));
        assert_eq!(&t[p.start.year_span.range()], "2024");
    }

    #[test]
    fn period_shapes() {
        let read = |t: &str| {
            let p = period(t, Span::new(0, t.len()))?;
            Some((
                p.start.year,
                p.start.month,
                p.start.day,
                p.end.year,
                p.end.month,
                p.end.day,
            ))
        };
        let whole = Some((2024, 1, 1, 2024, 12, 31));
        assert_eq!(read("统计期限为2024年1月1日至12月31日。"), whole);
        assert_eq!(read("统计时限：2024年1月1日—12月31日。"), whole);
        assert_eq!(
            read("统计期限自２０２４年１月１日起至２０２４年１２月３１日止。"),
            whole
        );
        assert_eq!(
            read("统 计 期 限 自 2 0 2 4 年 1 月 1 日 起 至 1 2 月 3 1 日 止"),
            whole
        );
        assert_eq!(read("统计期限为2024年1月至12月。"), whole);
        assert_eq!(read("统计期限为2024年度。"), whole);
        assert_eq!(read("统计期限：2024.1.1—2024.12.31。"), whole);
        assert_eq!(
            read("本报告所列数据为2024年1月1日至2024年12月31日期间数据。"),
            whole
        );
        assert_eq!(
            read("统计期限为2024年1月1日至6月30日。"),
            Some((2024, 1, 1, 2024, 6, 30))
        );
        assert_eq!(read("2024年1月1日，我局成立。"), None);
        // Spans map back to the source, full-width digits included.
        let t = "统计期限自２０２４年１月１日起至１２月３１日止";
        let p = period(t, Span::new(0, t.len())).unwrap();
        assert_eq!(&t[p.start.year_span.range()], "２０２４");
        assert_eq!(&t[p.start.span.range()], "２０２４年１月１日");
        assert_eq!(&t[p.end.span.range()], "１２月３１日");
    }

    #[test]
    fn period_in_a_long_piece_without_full_stops() {
        // Cut into 2 KiB pieces with overlap: a statement across a cut is still read.
        for pad in [1990, 2030, 2047, 3000] {
            let t = format!(
                "{}统计期限自2024年1月1日至2024年12月31日",
                "字 ".repeat(pad / 4)
            );
            let p = period(&t, Span::new(0, t.len())).expect("period");
            assert_eq!((p.start.year, p.end.month, p.end.day), (2024, 12, 31));
            assert!(t[p.span.range()].starts_with("统计"));
        }
    }

    #[test]
    fn report_year_from_title_and_period_together() {
        let year = |t: &str| crate::parse::parse(t).year;
        let body = "\n\n一、总体情况\n正文。\n\n某县财政局\n2025年1月10日\n";
        let titled = "某县财政局2024年政府信息公开工作年度报告\n";
        // A typo in the period's end year does not move a titled report.
        let t = format!("{titled}本报告所列数据的统计期限自2024年1月1日至2023年12月31日。{body}");
        assert_eq!(year(&t), Some(2024));
        // Nor does a whole period of another year: the title names the report…
        let t = format!("{titled}本报告所列数据的统计期限自2023年1月1日至2023年12月31日。{body}");
        assert_eq!(year(&t), Some(2024));
        // …unless the signature agrees with the period: then the title is the slip.
        let t = t.replace("2025年1月10日", "2024年1月10日");
        assert_eq!(year(&t), Some(2023));
        // Untitled: the period's year, the signature deciding between two, else none.
        let t = format!("本报告所列数据的统计期限自2024年1月1日至2023年12月31日。{body}");
        assert_eq!(year(&t), Some(2024));
        let t = t.replace("2025年1月10日", "");
        assert_eq!(year(&t), None);
        let t = format!("本报告所列数据的统计期限自2024年1月1日至2024年12月31日。{body}");
        assert_eq!(year(&t), Some(2024));
    }

    #[test]
    fn split_title() {
        let t = "汶上县投资促进服务中心2024年政府信息公开\n工作年度报告\n\n本报告由…编制。\n";
        let ti = title(t, &lines(t), t.len()).unwrap();
        assert_eq!(ti.year.as_ref().unwrap().value, 2024);
        assert_eq!(ti.issuer.as_deref(), Some("汶上县投资促进服务中心"));
        assert_eq!(
            ti.text,
            "汶上县投资促进服务中心2024年政府信息公开工作年度报告"
        );
    }

    #[test]
    fn issuer_from_title_or_signature() {
        let t = "2024年度某县财政局政府信息公开工作年度报告\n\n一、总体情况\n";
        let r = crate::parse::parse(t);
        assert_eq!(r.issuer.as_deref(), Some("某县财政局"));
        let t =
            "政府信息公开工作年度报告\n\n一、总体情况\n正文。\n\n某 县 财 政 局\n2025年1月10日\n";
        let r = crate::parse::parse(t);
        assert_eq!(r.issuer.as_deref(), Some("某县财政局"));
        // A closing sentence or a phone number above the date names no body.
        let t = "政府信息公开工作年度报告\n\n一、总体情况\n正文。\n\n特此报告。\n2025年1月10日\n";
        assert_eq!(crate::parse::parse(t).issuer, None);
        let t = "政府信息公开工作年度报告\n\n一、总体情况\n电话：0537-1234567\n2025年1月10日\n";
        assert_eq!(crate::parse::parse(t).issuer, None);
    }

    #[test]
    fn signatures() {
        let t = "正文。\n\n薛城区商务和投资促进局\n2024年1月16日\n \n";
        let d = signature(&lines(t)).unwrap();
        assert_eq!((d.year, d.month, d.day), (2024, 1, 16));
        let t = "正文。\n二〇二五年一月十七日\n";
        assert_eq!(
            signature(&lines(t)).map(|d| (d.year, d.month, d.day)),
            Some((2025, 1, 17))
        );
    }
}

/// The patterns under regex-lite find what they found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{corpus, focused, line, same, same_led, same_on_corpus, slots};
    use proptest::prelude::*;

    fn patterns() -> Vec<String> {
        vec![
            period_pattern(),
            loose_pattern(),
            bare_pattern(),
            DOTTED_PATTERN.into(),
            YEAR_ONLY_PATTERN.into(),
            SIGNATURE_PATTERN.into(),
            CN_SIGNATURE_PATTERN.into(),
            ART_PATTERN.into(),
            AFTER_YEAR_PATTERN.into(),
        ]
    }

    const WORDS: &[&str] = &[
        "统计",
        "期限",
        "时限",
        "时间",
        "期间",
        "区间",
        "周期",
        "范围",
        "口径",
        "自",
        "从",
        "为",
        "是",
        "数据",
        "全年",
        "本报告所列",
        "止",
        "[bookmark:",
        "]",
        "政府信息公开",
        "某县",
        "（",
        "）",
        "三",
        "〇",
        "○",
        "Ｏ",
        "五",
        "2024年1月1日",
        "１２月３１日",
        "1 2 月",
        "2024.1.1",
        "2024.12.31",
        "2025年1月",
        "二〇二五年一月十日",
    ];

    /// Pieces of period statements and signatures, in any order.
    const SHAPES: &[&str] = &[
        "统计期限",
        "统计时间",
        "统计",
        "自",
        "从",
        "为",
        "数据",
        "期间",
        "报告",
        "2024年",
        "２０２４年",
        "2024",
        "1月",
        "12月",
        "１月",
        "1日",
        "31日",
        "3 1 日",
        "至",
        "—",
        "-",
        "～",
        "起",
        "止",
        "年度",
        "全年",
        " ",
        "\u{3000}",
        "。",
        "，",
        "2024.1.1",
        ".",
        "/",
        "12",
        "31",
        "1",
        "字",
        "二〇二四",
        "年",
        "十二",
        "月",
        "日",
        "政府信息公开",
    ];

    const YEARS: &[&str] = &[
        "",
        "2024年",
        "２０２４年",
        "2024 年",
        "202年",
        "20245年",
        "2024",
        "二〇二四年",
    ];
    const MONTHS: &[&str] = &[
        "",
        "1月",
        "01月",
        "１月",
        "12月",
        "123月",
        "１２ 月",
        "十二月",
    ];
    const DAYS: &[&str] = &[
        "",
        "十日",
        "三十一日",
        "1日",
        "31日",
        "３１日",
        "311日",
        "1",
        "日",
    ];
    const DOTTED: &[&str] = &[
        "",
        "2024.1.1",
        "2024．12．31",
        "12.31",
        "2024/1/1",
        "2024.1",
        "1.1",
        "2024.01.01日",
    ];
    const PREFIXES: &[&str] = &[
        "",
        "统计期限",
        "统计期限",
        "统计时间",
        "统计口径",
        "统计",
        "本报告数据",
        "报告",
        "据统计，",
        "字字",
        "自",
    ];
    const GAPS: &[&str] = &["", "", "为", "自", "从", "是", "：", " ", "所列数据", "。"];
    const DASHES: &[&str] = &[
        "至", "至", "到", "—", "——", "－", "-", "~", "", "至至", "，",
    ];
    const ENDS: &[&str] = &["", "止", "期间数据", "数据", "。", "，字", "期间", "日"];
    /// A period statement, piece by piece.
    const PERIOD_SLOTS: &[&[&str]] = &[
        PREFIXES,
        GAPS,
        YEARS,
        MONTHS,
        DAYS,
        &["", "起", "度", "全年"],
        DASHES,
        YEARS,
        MONTHS,
        DAYS,
        ENDS,
    ];
    /// A signature line, and a whole year as the period.
    const DATE_SLOTS: &[&[&str]] = &[
        &["", " ", "统计期限", "统计范围为"],
        YEARS,
        &["", " ", "度"],
        MONTHS,
        DAYS,
        &["", " ", "全年"],
    ];
    /// The same with dotted dates.
    const DOTTED_SLOTS: &[&[&str]] = &[
        PREFIXES,
        GAPS,
        DOTTED,
        &["", "日", "起"],
        DASHES,
        DOTTED,
        ENDS,
    ];

    /// The patterns tried where their first words are (crate::pattern::Led).
    fn led() -> Vec<(String, &'static [&'static str])> {
        vec![
            (period_pattern(), STAT),
            (loose_pattern(), FROM),
            (DOTTED_PATTERN.into(), STAT_OR_FROM),
            (YEAR_ONLY_PATTERN.into(), STAT),
        ]
    }

    /// The title's year scan against its old regex.
    fn same_year(s: &str) {
        static YEAR: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(r"(\d{4})\s*年").unwrap());
        let old = YEAR
            .captures(s)
            .and_then(|c| c.get(1))
            .map(|m| (m.start(), m.end()));
        assert_eq!(year_digits(s), old, "{s:?}");
    }

    fn same_everywhere(s: &str) {
        same_year(s);
        for p in patterns() {
            same(&p, s);
        }
        for (p, starts) in led() {
            same_led(&p, starts, s);
        }
    }

    #[test]
    fn fixtures() {
        for p in patterns() {
            same_on_corpus(&p);
        }
        for s in corpus() {
            same_year(s);
            for (p, starts) in led() {
                same_led(&p, starts, s);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn generated(s in line(WORDS)) {
            same_everywhere(&s);
        }

        #[test]
        fn generated_statements(
            s in slots(PERIOD_SLOTS),
            d in slots(DOTTED_SLOTS),
            t in slots(DATE_SLOTS),
        ) {
            same_everywhere(&s);
            same_everywhere(&d);
            same_everywhere(&t);
        }

        #[test]
        fn generated_shapes(s in focused(SHAPES, 14)) {
            same_everywhere(&s);
        }
    }
}
