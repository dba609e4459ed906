//! Section headings: a line that is one of the six template headings (or a
//! listed variant), numbered `二、`, `2、`, `（二）` or not at all.

use super::labels::{normalize, normalize_into, NormLabel};
use super::text::{fold_width, is_space, Line};
use crate::model::{Numbering, Section};
use crate::span::Span;
use crate::template::SECTIONS;

/// A numbering in parentheses closes within its first five characters
/// (`（十二）`); a later `）` belongs to the heading's text.
const PAREN_NUMBERING_CHARS: usize = 5;
/// A section number has at most two numerals (`六`, `12`): the template has
/// six sections, and a longer number is a count or a year.
const HEADING_MAX_NUMERALS: usize = 2;
/// Fewer headings than this on lines of their own: the text may be a crawler's,
/// with every heading inside one long line, and is searched for those too.
const MIN_LINE_HEADINGS: usize = 3;
/// Characters a heading line has at most: the longest template heading with
/// its numbering and a variant's extra words is well under; a longer line is
/// running text that happens to start like a heading.
const MAX_HEADING_CHARS: usize = 48;

/// Heading numbering at the start of `t`: (kind, value, byte length incl. separator and spaces).
/// `t` has at most [`MAX_HEADING_CHARS`] characters (longer lines are never headings).
fn numbering(t: &str) -> (Numbering, Option<u32>, usize) {
    match t.chars().next() {
        // `第二部分`, `（二）`: rare; read character by character.
        Some('第' | '(' | '（') => numbering_spelled(t),
        Some(c) if is_arabic_numeral(c) => numeral_numbering(t, Numbering::Arabic),
        Some(c) if is_chinese_numeral(c) => numeral_numbering(t, Numbering::Chinese),
        _ => (Numbering::None, None, 0),
    }
}

/// An ASCII or full-width digit.
fn is_arabic_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A numeral a Chinese section number is written with (一 to 十).
fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// `二、`, `2.`, `12 ` (a space only after Arabic digits): at most
/// [`HEADING_MAX_NUMERALS`] numerals of `kind`, spaces, a separator, spaces.
/// Reads `t` in place, without a copy or a buffer: this runs on every line
/// that starts with a numeral (list items in the running text too).
fn numeral_numbering(t: &str, kind: Numbering) -> (Numbering, Option<u32>, usize) {
    let arabic = kind == Numbering::Arabic;
    let in_number = |c: char| match arabic {
        true => is_arabic_numeral(c),
        false => is_chinese_numeral(c),
    };
    let num_end = t.find(|c: char| !in_number(c)).unwrap_or(t.len());
    let num = &t[..num_end];
    if num.chars().count() > HEADING_MAX_NUMERALS {
        return (Numbering::None, None, 0);
    }
    let sep_at = num_end + leading_spaces(&t[num_end..]);
    if let Some(sep) = t[sep_at..].chars().next() {
        if matches!(sep, '、' | '.' | '．' | ',' | '，' | '：' | ':') {
            let after = sep_at + sep.len_utf8();
            let end = after + leading_spaces(&t[after..]);
            return (kind, numeral_value(arabic, num), end);
        }
    }
    // `2 主动公开…` with only a space.
    if sep_at > num_end && arabic {
        return (kind, numeral_value(arabic, num), sep_at);
    }
    (Numbering::None, None, 0)
}

/// Bytes of the spaces `t` starts with.
fn leading_spaces(t: &str) -> usize {
    t.len() - t.trim_start_matches(is_space).len()
}

/// The value of a section number of at most [`HEADING_MAX_NUMERALS`]
/// numerals (Arabic or Chinese), as a label's numbering reads it (`labels::normalize`
/// of `{num}、`): digits in decimal; `十二` 12, `二十` 20, a lone numeral itself,
/// any other pair of Chinese numerals no value.
fn numeral_value(arabic: bool, num: &str) -> Option<u32> {
    if arabic {
        return Some(num.chars().fold(0, |v, c| {
            v * 10 + fold_width(c).to_digit(10).expect("an Arabic numeral")
        }));
    }
    let digit = |c: char| crate::parse::text::chinese_digit(c).unwrap_or(10);
    let mut cs = num.chars().map(digit);
    match (cs.next(), cs.next()) {
        (Some(d), None) => Some(d),
        (Some(10), Some(d)) => Some(10 + d),
        (Some(d), Some(10)) => Some(d * 10),
        _ => None,
    }
}

/// [`numbering`] for a heading that starts with `第` or a parenthesis.
fn numbering_spelled(t: &str) -> (Numbering, Option<u32>, usize) {
    let mut buf = [(0usize, '\0'); MAX_HEADING_CHARS];
    let mut len = 0;
    for (i, c) in t.char_indices() {
        if len == buf.len() {
            // Not reached from `find`; keep the reading identical anyway.
            return numbering_long(t);
        }
        buf[len] = (i, c);
        len += 1;
    }
    numbering_of(t, &buf[..len])
}

#[cold]
fn numbering_long(t: &str) -> (Numbering, Option<u32>, usize) {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    numbering_of(t, &chars)
}

fn numbering_of(t: &str, chars: &[(usize, char)]) -> (Numbering, Option<u32>, usize) {
    let end_of = |k: usize| chars.get(k).map(|x| x.0).unwrap_or(t.len());
    let skip_spaces = |mut k: usize| {
        while chars.get(k).is_some_and(|x| is_space(x.1)) {
            k += 1;
        }
        k
    };
    // 第二部分
    if chars.first().map(|x| x.1) == Some('第') {
        if let Some(p) = chars.iter().position(|x| x.1 == '部') {
            if chars.get(p + 1).map(|x| x.1) == Some('分') {
                let inner: String = chars[1..p].iter().map(|x| x.1).collect();
                let v = normalize(&format!("{inner}、x")).number;
                let mut k = p + 2;
                while chars
                    .get(k)
                    .is_some_and(|x| matches!(x.1, '、' | '：' | ':' | '　' | ' '))
                {
                    k += 1;
                }
                return (Numbering::Other, v, end_of(k));
            }
        }
    }
    if t.chars().next().map(fold_width) == Some('(') {
        if let Some(close) = chars
            .iter()
            .take(PAREN_NUMBERING_CHARS)
            .position(|x| fold_width(x.1) == ')')
        {
            let inner: String = chars[1..close].iter().map(|x| x.1).collect();
            if let Some(v) = normalize(&format!("{inner}、x")).number {
                return (Numbering::Other, Some(v), end_of(skip_spaces(close + 1)));
            }
        }
    }
    (Numbering::None, None, 0)
}

/// The template's headings and their variants, normalised once:
/// (section index, core, core without a trailing 统计表).
static CANDIDATES: std::sync::LazyLock<Vec<(u8, String, String)>> =
    std::sync::LazyLock::new(|| {
        SECTIONS
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.title)
                    .chain(s.variants.iter())
                    .map(move |cand| {
                        let c = normalize(cand).core;
                        let stripped = c.strip_suffix("统计表").unwrap_or(&c).to_string();
                        (s.index, c, stripped)
                    })
            })
            .collect()
    });

/// The last character of every candidate (with and without 统计表), and 表:
/// the last character of a heading's normalised, trimmed core is one of them.
static LAST_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = CANDIDATES
        .iter()
        .flat_map(|(_, c, stripped)| [c.chars().next_back(), stripped.chars().next_back()])
        .flatten()
        .chain(['表'])
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// A (width-folded) character that normalising drops from a title's end, or
/// that [`section_of`] trims off it: spaces, the label noise characters, and
/// parentheses.
fn dropped_at_end(c: char) -> bool {
    super::labels::is_noise(c) || matches!(c, '（' | '(' | ')' | '）')
}

/// Whether `t` (a trimmed line) may be a heading: the last character of its
/// title, after the characters normalising drops, ends any candidate. The
/// title is a suffix of `t` that only loses such characters at its end, and a
/// core that ends in 统计表 ends in 表.
fn may_name_a_section(t: &str) -> bool {
    // An ASCII letter or digit is not dropped, and ends no candidate: the
    // last byte of a table's number cells rules them out.
    let b = t.as_bytes();
    if b.last().is_none_or(u8::is_ascii_alphanumeric) {
        return false;
    }
    let last = &*LAST_CHARS;
    // A CJK ideograph (led by E4 to E9: no space or noise character is, and
    // folding keeps it) is the character asked about.
    if b.len() >= 3 && (0xE4..=0xE9).contains(&b[b.len() - 3]) {
        return t[b.len() - 3..]
            .chars()
            .next()
            .is_some_and(|c| last.contains(&c));
    }
    t.chars()
        .rev()
        .map(fold_width)
        .find(|&c| !dropped_at_end(c))
        .is_some_and(|c| last.contains(&c))
}

/// Which section a heading title names, if any.
pub fn section_of_title(title: &str) -> Option<u8> {
    section_of(
        title,
        &mut NormLabel {
            number: None,
            core: String::new(),
        },
    )
}

/// [`section_of_title`], normalising into `buf`.
fn section_of(title: &str, buf: &mut NormLabel) -> Option<u8> {
    normalize_into(title, buf);
    let core = buf.core.trim_end_matches(['（', '(', ')', '）']);
    let core = core.strip_suffix("统计表").unwrap_or(core);
    let core = core.trim_end_matches(['（', '(', ')', '）']);
    CANDIDATES
        .iter()
        .find(|(_, c, stripped)| core == c || core == stripped)
        .map(|(index, _, _)| *index)
}

/// Strip Markdown heading marks and bold.
fn strip_markup(t: &str) -> (&str, usize) {
    let mut skip = 0;
    let mut s = t;
    loop {
        let before = s.len();
        s = s.trim_start_matches('#');
        // `strip_prefix` in a loop, not `trim_start_matches("**")`, which
        // builds a substring searcher each time: this runs on every line
        // that may be a heading.
        while let Some(rest) = s.strip_prefix("**") {
            s = rest;
        }
        s = s.trim_start_matches(is_space);
        if s.len() == before {
            break;
        }
    }
    skip += t.len() - s.len();
    while let Some(rest) = s.strip_suffix("**") {
        s = rest;
    }
    let s = s.trim_end_matches(is_space);
    (s, skip)
}

/// Whether a heading numbered `v` (`一、`…`六、`) has a title that is a
/// wording of its own section (`五、存在的主要问题及整改措施`): the first of
/// the wordings below, in their order, that the title has is section `v`'s.
/// Only the words each heading cannot do without are asked for; `v`'s own
/// first, as most numbered lines have none of them.
fn names_by_keywords(title: &str, v: u8) -> bool {
    /// Sections in the order their wordings are tried.
    const ORDER: [u8; 6] = [2, 4, 3, 5, 6, 1];
    let has = |w: &[&str]| w.iter().any(|x| title.contains(x));
    let names = |s: u8| match s {
        2 => has(&["主动公开"]),
        4 => has(&["复议", "诉讼"]),
        3 => has(&["申请"]) && has(&["收到", "处理", "办理", "依申请"]),
        5 => has(&["问题"]) && has(&["改进", "整改", "措施", "不足", "存在"]),
        6 => has(&["其他", "其它"]) && has(&["事项", "报告"]),
        1 => has(&["总体", "概述", "概况"]) || title == "基本情况",
        _ => false,
    };
    // `v`'s own words first: most numbered lines (list items, table
    // labels) have none of them, and are not walked again for the rest.
    names(v)
        && title.chars().count() <= 30
        && !title.contains(['，', '。', '；'])
        && ORDER.iter().take_while(|&&s| s != v).all(|&s| !names(s))
}

/// A section whose heading `t2` starts at `base` (numbering of `nlen` bytes, then `title`).
fn section(
    index: u8,
    sp: Span,
    base: usize,
    t2: &str,
    nlen: usize,
    (kind, value): (Numbering, Option<u32>),
    title: &str,
) -> Section {
    let number_text = t2[..nlen].to_string();
    Section {
        index,
        heading_span: sp,
        number_span: Span::new(base, base + nlen),
        number_text: number_text.trim_end_matches(is_space).to_string(),
        numbering: kind,
        number_value: value,
        title: title.to_string(),
        title_span: Span::new(base + nlen, base + nlen + title.len()),
        body: Span::default(),
    }
}

pub fn find(lines: &[Line]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    // Headings numbered in position whose title is another wording of the section.
    let mut worded: Vec<Section> = Vec::new();
    let mut buf = NormLabel {
        number: None,
        core: String::new(),
    };
    for l in lines {
        // `trimmed` strips what `trim_start` does and more: a line it leaves
        // without a `|` first is decided without a second trim.
        let pipe = || l.trimmed().0.starts_with('|') && l.text.trim_start().starts_with('|');
        if l.text.starts_with('\t') || pipe() {
            continue;
        }
        let (t, sp) = l.trimmed();
        // Most lines (table cells, prose) are ruled out by their first and
        // last bytes, before their length in characters is counted.
        let may_be_worded = may_be_worded_heading(t);
        let may_name = may_name_a_section(t);
        if !may_be_worded && !may_name || too_long_for_a_heading(t) {
            continue;
        }
        let worded_heading = |worded: &mut Vec<Section>| {
            if let Some(s) = may_be_worded.then(|| worded_heading(t, sp)).flatten() {
                worded.push(s);
            }
        };
        if !may_name {
            worded_heading(&mut worded);
            continue;
        }
        let (t2, skip) = strip_markup(t);
        let base = sp.start + skip;
        let (kind, value, nlen) = numbering(t2);
        let title = t2[nlen..].trim_end_matches(['：', ':', '。']);
        let Some(index) = section_of(title, &mut buf) else {
            worded_heading(&mut worded);
            continue;
        };
        // `（二）` numbering is a sub-heading style; only accept it when the value agrees.
        if kind == Numbering::Other && value.is_some_and(|v| v != index as u32) {
            continue;
        }
        out.push(section(index, sp, base, t2, nlen, (kind, value), title));
    }
    add_in_position(&mut out, worded);
    if out.len() < MIN_LINE_HEADINGS {
        // Crawler text: the headings inside one long line.
        let inline = inline_headings(lines);
        if inline.len() > out.len() {
            return inline;
        }
    }
    out
}

/// A line `五、<a wording of section 五's title>` (or `5、…`; S003 reports the numbering).
fn worded_heading(t: &str, sp: Span) -> Option<Section> {
    // A cheap test first: this runs on every short line. The first character
    // after the markup `strip_markup` removes (and single `*`, which it
    // keeps and no number is) must be a section number.
    // `t` is trimmed: without markup (most lines) its first character is it.
    let first = match t.as_bytes().first()? {
        b'#' | b'*' => t
            .trim_start_matches(|c: char| c == '#' || c == '*' || is_space(c))
            .chars()
            .next()?,
        _ => t.chars().next()?,
    };
    if !is_section_numeral(first) {
        return None;
    }
    let (t2, skip) = strip_markup(t);
    let first = t2.chars().next()?;
    if !is_section_numeral(first) || too_long_for_a_heading(t2) {
        return None;
    }
    let (kind, value, nlen) = numbering(t2);
    // Sections are 一 to 六: another number names none (a list item `7、…`).
    if !matches!(kind, Numbering::Chinese | Numbering::Arabic)
        || !value.is_some_and(|v| (1..=6).contains(&v))
    {
        return None;
    }
    let title = t2[nlen..].trim_end_matches(['：', ':', '。', ' ']);
    // 1 to 6, checked above.
    let v = value? as u8;
    if !names_by_keywords(title, v) {
        return None;
    }
    Some(section(
        v,
        sp,
        sp.start + skip,
        t2,
        nlen,
        (kind, value),
        title,
    ))
}

/// Whether [`worded_heading`] may find a heading in `t` (trimmed), told by
/// its length and first character: the first after the markup is a
/// section numeral ([`is_section_numeral`]: `1`–`6`, or a character led by
/// E4, E5 or EF in UTF-8), and a numeral, a separator and a title with a section's words
/// (two CJK characters at least) take 8 bytes at least.
fn may_be_worded_heading(t: &str) -> bool {
    t.len() >= 8
        && match t.as_bytes()[0] {
            b'#' | b'*' => true,
            b'1'..=b'6' => true,
            0xE4 | 0xE5 | 0xEF => t.chars().next().is_some_and(is_section_numeral),
            _ => false,
        }
}

/// A numeral a section heading can start with (一 to 六, 1 to 6, full width too).
fn is_section_numeral(c: char) -> bool {
    matches!(
        c,
        '1'..='6' | '１'..='６' | '一' | '二' | '三' | '四' | '五' | '六'
    )
}

/// More than [`MAX_HEADING_CHARS`] characters (counted only when the length
/// in bytes cannot tell).
fn too_long_for_a_heading(t: &str) -> bool {
    t.len() > MAX_HEADING_CHARS * 4
        || (t.len() > MAX_HEADING_CHARS && t.chars().count() > MAX_HEADING_CHARS)
}

/// Add the worded headings of sections that have no template heading, where
/// their number fits between the sections around them: `五、…及整改措施` after
/// section 四 and before section 六 is section 五. A sub-heading `二、主动公开情况`
/// inside section 一 does not fit before the real section 二 and is left out.
fn add_in_position(out: &mut Vec<Section>, worded: Vec<Section>) {
    // Linear in the headings: at most six are added, and the bounds around a
    // place come from prefix maxima and suffix minima rebuilt after each.
    let bounds = |out: &[Section]| {
        let mut max_before = Vec::with_capacity(out.len() + 1);
        max_before.push(0u8);
        for s in out {
            max_before.push(s.index.max(*max_before.last().expect("pushed")));
        }
        let mut min_after = vec![7u8; out.len() + 1];
        for (k, s) in out.iter().enumerate().rev() {
            min_after[k] = s.index.min(min_after[k + 1]);
        }
        (max_before, min_after)
    };
    let mut present = [false; 7];
    for s in out.iter() {
        present[usize::from(s.index)] = true;
    }
    let (mut max_before, mut min_after) = bounds(out);
    for w in worded {
        if present[usize::from(w.index)] {
            continue;
        }
        let at = w.heading_span.start;
        let k = out.partition_point(|s| s.heading_span.start < at);
        if max_before[k] < w.index && w.index < min_after[k] {
            present[usize::from(w.index)] = true;
            out.insert(k, w);
            (max_before, min_after) = bounds(out);
        }
    }
}

/// Headings written inside lines (`…走深走实。一、总体情况 2024年，…`), as crawled
/// web text gives them: `一、` and a template title or variant, in increasing order.
fn inline_headings(lines: &[Line]) -> Vec<Section> {
    // (offset, section, the heading's text)
    let mut found: Vec<(usize, u8, &str)> = Vec::new();
    let needles: Vec<(u8, String)> = SECTIONS
        .iter()
        .flat_map(|spec| {
            std::iter::once(&spec.title)
                .chain(spec.variants.iter())
                .map(move |t| (spec.index, format!("{}、{}", spec.numeral, t)))
        })
        .collect();
    for l in lines {
        // Every heading has 、: most lines are passed over at once.
        if !l.text.contains('、') {
            continue;
        }
        for (index, needle) in &needles {
            for (i, m) in l.text.match_indices(needle.as_str()) {
                found.push((l.span.start + i, *index, m));
            }
        }
    }
    // The longest wording at a place (`…情况统计表` over `…情况`), then in order.
    found.sort_by_key(|&(at, _, t)| (at, std::cmp::Reverse(t.len())));
    let mut out: Vec<Section> = Vec::new();
    for (at, index, t) in found {
        if out.last().is_some_and(|s| s.index >= index) {
            continue;
        }
        let len = t.len();
        let nlen = t.find('、').map_or(0, |i| i + '、'.len_utf8());
        let sp = Span::new(at, at + len);
        let numbering = (Numbering::Chinese, Some(u32::from(index)));
        out.push(section(index, sp, at, t, nlen, numbering, &t[nlen..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::lines;

    /// `numbering` as it was before the numeral fast path (one buffer of
    /// characters, values through `labels::normalize`): the reference.
    fn reference_numbering(t: &str) -> (Numbering, Option<u32>, usize) {
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        let (kind, value, len) = numbering_of(t, &chars);
        if kind != Numbering::None {
            return (kind, value, len);
        }
        let end_of = |k: usize| chars.get(k).map(|x| x.0).unwrap_or(t.len());
        let skip_spaces = |mut k: usize| {
            while chars.get(k).is_some_and(|x| is_space(x.1)) {
                k += 1;
            }
            k
        };
        let digits = chars
            .iter()
            .take_while(|x| x.1.is_ascii_digit() || "０１２３４５６７８９".contains(x.1))
            .count();
        let cn = chars
            .iter()
            .take_while(|x| "一二三四五六七八九十".contains(x.1))
            .count();
        let (kind, k) = if digits > 0 {
            (Numbering::Arabic, digits)
        } else if cn > 0 {
            (Numbering::Chinese, cn)
        } else {
            (Numbering::None, 0)
        };
        if k > 0 && k <= HEADING_MAX_NUMERALS {
            let k2 = skip_spaces(k);
            if let Some(&(_, sep)) = chars.get(k2) {
                if matches!(sep, '、' | '.' | '．' | ',' | '，' | '：' | ':') {
                    let num: String = chars[..k].iter().map(|x| x.1).collect();
                    let v = normalize(&format!("{num}、x")).number;
                    return (kind, v, end_of(skip_spaces(k2 + 1)));
                }
            }
            // `2 主动公开…` with only a space.
            if k2 > k && kind == Numbering::Arabic {
                let num: String = chars[..k].iter().map(|x| x.1).collect();
                let v = normalize(&format!("{num}、x")).number;
                return (kind, v, end_of(k2));
            }
        }
        (Numbering::None, None, 0)
    }

    /// `may_name_a_section` as it was, character by character from the end.
    fn reference_may_name(t: &str) -> bool {
        t.chars()
            .rev()
            .map(fold_width)
            .find(|&c| !dropped_at_end(c))
            .is_some_and(|c| LAST_CHARS.contains(&c))
    }

    #[test]
    fn byte_tests_rule_out_only_lines_that_are_no_heading() {
        let pieces = [
            "一、",
            "五、",
            "六",
            "5",
            "５",
            "7",
            "1.",
            "## ",
            "**",
            "*",
            "#",
            " ",
            "\u{3000}",
            "总体情况",
            "存在的主要问题及改进情况",
            "及整改措施",
            "主动公开",
            "其他需要报告的事项",
            "情况统计表",
            "概述",
            "说明",
            "34",
            "Ａ",
            "a",
            "）",
            "(",
            "。",
            "：",
            "“",
            "、",
            "｜",
            "本年新收",
            "，",
            "",
        ];
        let (mut named, mut worded) = (0, 0);
        for t in crate::parse::text::random_texts(&pieces, 20_000) {
            let t = crate::parse::text::trim_span(&t, 0).0;
            assert_eq!(may_name_a_section(t), reference_may_name(t), "{t:?}");
            named += usize::from(may_name_a_section(t));
            let found = worded_heading(t, Span::new(0, t.len())).is_some();
            assert!(may_be_worded_heading(t) || !found, "{t:?}");
            worded += usize::from(found);
        }
        // Both kinds of line were among them.
        assert!(named > 1000 && worded > 20, "{named} {worded}");
    }

    #[test]
    fn numbering_matches_the_reference() {
        let heads = [
            "",
            "一",
            "二",
            "六",
            "十",
            "十二",
            "二十",
            "十十",
            "一二",
            "二十三",
            "1",
            "6",
            "0",
            "12",
            "123",
            "１",
            "１２",
            "1２",
            "０６",
            "第二部分",
            "第二部",
            "（二）",
            "(3)",
            "（十二）",
            "（一",
            "（７）",
            "2024",
            "#",
            "七",
        ];
        let seps = [
            "", "、", ".", "．", ",", "，", "：", ":", " ", "　", " 、", "\u{a0}", "）", "x",
        ];
        let tails = [
            "",
            "总体情况",
            " 主动公开政府信息情况",
            "　其他",
            "、",
            "。",
        ];
        let mut n = 0;
        for h in heads {
            for s in seps {
                for t in tails {
                    for gap in ["", " "] {
                        let line = format!("{h}{s}{gap}{t}");
                        assert_eq!(numbering(&line), reference_numbering(&line), "{line:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000);
    }

    #[test]
    fn numeral_values_read_as_labels_read_them() {
        let numerals: Vec<char> = "0123456789０１２３４５６７８９一二三四五六七八九十"
            .chars()
            .collect();
        for &a in &numerals {
            for b in std::iter::once(None).chain(numerals.iter().copied().map(Some)) {
                let num: String = std::iter::once(a).chain(b).collect();
                let arabic = is_arabic_numeral(a);
                if num.chars().any(|c| is_arabic_numeral(c) != arabic) {
                    continue;
                }
                assert_eq!(
                    numeral_value(arabic, &num),
                    normalize(&format!("{num}、x")).number,
                    "{num}"
                );
            }
        }
    }

    #[test]
    fn markup_stripped_as_by_trimming() {
        fn reference(t: &str) -> (&str, usize) {
            let mut s = t;
            loop {
                let before = s.len();
                s = s
                    .trim_start_matches('#')
                    .trim_start_matches("**")
                    .trim_start_matches(is_space);
                if s.len() == before {
                    break;
                }
            }
            let skip = t.len() - s.len();
            (s.trim_end_matches("**").trim_end_matches(is_space), skip)
        }
        for t in [
            "",
            "#",
            "**",
            "***",
            "## **一、总体情况**",
            "# # ** 二、x ** ",
            "*a*",
            "**　**六、其他***",
            "一、总体情况 **",
            "\u{3000}#一",
            "****",
        ] {
            assert_eq!(strip_markup(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn dropped_at_end_mirrors_normalising() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            let core = normalize(&format!("情况{c}")).core;
            let trimmed = core.trim_end_matches(['（', '(', ')', '）']);
            assert_eq!(dropped_at_end(fold_width(c)), trimmed == "情况", "{c:?}");
        }
    }

    #[test]
    fn headings() {
        let src = "一、总体情况\n2、 主动公开政府信息情况统计表\n存在的主要问题及改进情况\n## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表\n六、其他需要报告的事项 \n（一）主动公开情况\n";
        let s = find(&lines(src));
        assert_eq!(
            s.iter().map(|s| s.index).collect::<Vec<_>>(),
            [1, 2, 5, 4, 6]
        );
        assert_eq!(s[1].numbering, Numbering::Arabic);
        assert_eq!(s[1].number_text, "2、");
        assert_eq!(s[1].number_value, Some(2));
        assert_eq!(s[2].numbering, Numbering::None);
        assert_eq!(
            &src[s[3].title_span.range()],
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表"
        );
    }

    #[test]
    fn worded_headings_in_position_only() {
        // 五 worded otherwise, between 四 and 六: section 五.
        let src = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及整改措施\n六、其他需要报告的事项\n";
        let idx: Vec<u8> = find(&lines(src)).iter().map(|s| s.index).collect();
        assert_eq!(idx, [1, 2, 3, 4, 5, 6]);
        // A sub-heading of section 一 worded like section 二, before the real 二: not a section.
        let src = "一、总体情况\n二、主动公开情况\n正文。\n二、主动公开政府信息情况\n";
        let s = find(&lines(src));
        assert_eq!(s.iter().map(|s| s.index).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(s[1].title, "主动公开政府信息情况");
        // Out of order: 五 worded otherwise after 六 is left out.
        let src = "一、总体情况\n六、其他需要报告的事项\n五、存在问题及整改措施\n";
        assert_eq!(find(&lines(src)).len(), 2);
    }

    #[test]
    fn inline_headings_in_order() {
        let src = "报告。 一、总体情况 正文。二、主动公开政府信息情况 表 三、收到和处理政府信息公开申请情况 表 四、政府信息公开行政复议、行政诉讼情况 表 五、存在的主要问题及改进情况 正文 六、其他需要报告的事项 正文";
        let s = find(&lines(src));
        assert_eq!(
            s.iter().map(|s| s.index).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6]
        );
        assert_eq!(
            &src[s[4].heading_span.range()],
            "五、存在的主要问题及改进情况"
        );
        assert_eq!(&src[s[4].title_span.range()], "存在的主要问题及改进情况");
    }
}
