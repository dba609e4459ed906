//! H002: a word written twice in a row (`通过通过`).

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "H002",
    name: "doubled-word",
    severity: Severity::Warning,
    fixable: true,
    check,
};

/// Reduplications that are correct Chinese.
const ALLOWED: &[&str] = &[
    "研究研究",
    "讨论讨论",
    "了解了解",
    "学习学习",
    "看一看看一看",
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn is_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万".contains(c)
}

/// Table text, not prose: sections 二 to 四 hold the three tables (their header
/// cells, copied from a PDF or a browser, run together: `结果结果其他尚未`, `总计总计`),
/// and a short fragment without punctuation is a header cell or a label.
fn table_like(ctx: &Context, s: &crate::model::Sentence, text: &str) -> bool {
    matches!(super::util::section_index(ctx.report, s), Some(2..=4))
        || ctx.report.in_table(s.span.start)
        || (at_most_24_chars(text) && !has_clause_mark(text))
}

/// `text.contains(['，', '。', '；', '：', '、', '！', '？'])` on the bytes:
/// the marks are U+3001, U+3002 (E3 80 81/82) and U+FF01, U+FF0C, U+FF1A,
/// U+FF1B, U+FF1F (EF BC …), and E3 and EF only lead characters.
fn has_clause_mark(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xe3, 0xef, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1..i + 3)),
            (0xe3, Some([0x80, 0x81 | 0x82]))
                | (0xef, Some([0xbc, 0x81 | 0x8c | 0x9a | 0x9b | 0x9f]))
        )
    })
}

/// `text.chars().count() <= 24` without counting a long sentence: a UTF-8
/// character takes one to four bytes.
fn at_most_24_chars(text: &str) -> bool {
    text.len() <= 24 || (text.len() <= 4 * 24 && text.chars().count() <= 24)
}

/// The places `from..from + 6` where the three bytes may come again 6, 9
/// or 12 bytes on (where the repeat of a word of 2, 3 or 4 Han characters
/// starts), tested at once: eight bytes compared with the eight 6, 9 and 12
/// bytes on. The high bit of byte `k` stands for `from + k`; it is set
/// wherever the bytes come again and at a few other places (each byte equal
/// to one of the three, not all to the same one). Needs 20 bytes from `from`.
fn repeats_from(bytes: &[u8], from: usize) -> u64 {
    use crate::swar::{word_at, zero_bytes};
    let here = word_at(bytes, from);
    let equal = [6, 9, 12].into_iter().fold(0, |acc, w| {
        acc | zero_bytes(here ^ word_at(bytes, from + w))
    });
    // Three in a row from byte `k`: the next two bytes' bits shifted onto
    // it (past the eighth byte, zeros shift in: bytes 6 and 7 are never set).
    equal & (equal >> 8) & (equal >> 16)
}

/// The places where three bytes may come again 6, 9 or 12 bytes on, in
/// order: every place where they do and a few more (`visit` tells), six at
/// a time, the last few from a copy padded with zeros (a place whose repeat
/// would reach into them has no room for a doubled word). The tests hold it
/// to a test of each place.
fn may_repeat_at(bytes: &[u8], mut visit: impl FnMut(usize)) {
    let mut from = 0;
    while from + 20 <= bytes.len() {
        let mut hits = repeats_from(bytes, from);
        while hits != 0 {
            visit(from + hits.trailing_zeros() as usize / 8);
            hits &= hits - 1;
        }
        from += 6;
    }
    let rest = bytes.len() - from;
    if rest == 0 {
        return;
    }
    // Fewer than 20 bytes are left: four steps of six cover them.
    let mut tail = [0u8; 18 + 20];
    tail[..rest].copy_from_slice(&bytes[from..]);
    for step in (0..rest).step_by(6) {
        let mut hits = repeats_from(&tail, step);
        while hits != 0 {
            let p = step + hits.trailing_zeros() as usize / 8;
            if p < rest {
                visit(from + p);
            }
            hits &= hits - 1;
        }
    }
}

/// The width in bytes of the word doubled from `p` (a Han character's
/// first byte), if one is.
fn doubled_at(text: &str, p: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let head = [bytes[p], bytes[p + 1], bytes[p + 2]];
    let c = char::from_u32(
        (u32::from(head[0] & 0x0f) << 12)
            | (u32::from(head[1] & 0x3f) << 6)
            | u32::from(head[2] & 0x3f),
    )
    .unwrap_or('\0');
    // A doubled word starts with a Han character other than 一.
    if c == '一' || !is_han(c) {
        return None;
    }
    // Every character of a doubled word is Han, three bytes in UTF-8:
    // a word of `n` characters is `3n` bytes followed by the same bytes.
    for w in [12, 9, 6] {
        // The repeat starts with the same character (compared first: a
        // call to memcmp per position costs more than the rest).
        if p + 2 * w > bytes.len()
            || bytes[p + w..p + w + 3] != head
            || bytes[p..p + w] != bytes[p + w..p + 2 * w]
        {
            continue;
        }
        let Some(a) = text.get(p..p + w) else {
            continue;
        };
        // 一步一步, 一个一个: a numeral-measure pair repeated is ordinary Chinese.
        if a.chars().all(is_han) && !a.chars().all(is_numeral) {
            return Some(w);
        }
    }
    None
}

/// Each doubled word of `text` in order, as where it starts and the width
/// of one copy in bytes; the next is looked for after the end of the last.
fn doubled_words(text: &str, mut found: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    // Where the last doubled word ends.
    let mut next = 0;
    // Most places start no repeat: the three bytes 2, 3 or 4 characters
    // on are not theirs (tested first, several places at once).
    may_repeat_at(bytes, |p| {
        // Han characters (U+3400..U+9FFF) are led by 0xE3..=0xE9.
        if p < next || !(0xe3..=0xe9).contains(&bytes[p]) {
            return;
        }
        if let Some(w) = doubled_at(text, p) {
            next = p + 2 * w;
            found(p, w);
        }
    });
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in &ctx.report.sentences {
        let text = &ctx.text[s.span.range()];
        if table_like(ctx, s, text) {
            continue;
        }
        doubled_words(text, |start, w| {
            let (mid, end) = (start + w, start + 2 * w);
            if ALLOWED.contains(&&text[start..end]) {
                return;
            }
            let word = &text[start..mid];
            let dup = Span::new(s.span.start + mid, s.span.start + end);
            out.push(
                RULE.diag(
                    Span::new(s.span.start + start, s.span.start + end),
                    format!("「{word}」重复了一次"),
                )
                .with_primary_label(format!("应为「{word}」"))
                .with_fix(Fix::replace(
                    format!("删除重复的「{word}」"),
                    Applicability::Safe,
                    dup,
                    "",
                )),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::oracle::{corpus, focused, line};
    use proptest::prelude::*;

    /// Whether the three bytes at `p` come again 6, 9 or 12 bytes on (where
    /// the repeat of a word of 2, 3 or 4 Han characters starts): a test that
    /// lets through every doubled word and few other places.
    fn may_repeat(bytes: &[u8], p: usize) -> bool {
        // Three bytes as one number, compared at once.
        fn key(b: &[u8]) -> u32 {
            u32::from_le_bytes([b[0], b[1], b[2], 0])
        }
        let window: Option<&[u8; 15]> = bytes.get(p..p + 15).and_then(|w| w.try_into().ok());
        match window {
            // One bounds check for the four keys (most places of a sentence).
            Some(w) => {
                let head = key(&w[0..3]);
                head == key(&w[6..9]) || head == key(&w[9..12]) || head == key(&w[12..15])
            }
            None => [6, 9, 12]
                .into_iter()
                .any(|w| p + 2 * w <= bytes.len() && bytes[p..p + 3] == bytes[p + w..p + w + 3]),
        }
    }

    /// The width in bytes of the UTF-8 character led by `b`.
    fn utf8_width(b: u8) -> usize {
        match b {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        }
    }

    /// The scan before places were tested six at a time: character by
    /// character, `may_repeat` at each Han character (the oracle).
    fn doubled_words_one_by_one(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let (mut out, mut p) = (Vec::new(), 0);
        while p < bytes.len() {
            let b0 = bytes[p];
            if !(0xe3..=0xe9).contains(&b0) {
                p += utf8_width(b0);
                continue;
            }
            match may_repeat(bytes, p).then(|| doubled_at(text, p)).flatten() {
                Some(w) => {
                    out.push((p, w));
                    p += 2 * w;
                }
                None => p += 3,
            }
        }
        out
    }

    fn scan_agrees(text: &str) {
        let bytes = text.as_bytes();
        let mut visited = Vec::new();
        may_repeat_at(bytes, |p| visited.push(p));
        assert!(
            visited.windows(2).all(|w| w[0] < w[1]),
            "{text:?} {visited:?}"
        );
        for p in 0..bytes.len() {
            assert!(
                !may_repeat(bytes, p) || visited.contains(&p),
                "{text:?} at {p}"
            );
        }
        let mut found = Vec::new();
        doubled_words(text, |p, w| found.push((p, w)));
        assert_eq!(found, doubled_words_one_by_one(text), "{text:?}");
        let marks = ['，', '。', '；', '：', '、', '！', '？'];
        assert_eq!(has_clause_mark(text), text.contains(marks), "{text:?}");
    }

    #[test]
    fn the_scan_finds_what_the_scan_one_by_one_found() {
        for s in corpus() {
            scan_agrees(s);
        }
        for n in 0..40 {
            // Every length and alignment around the doubled words and the end.
            let pad = "a".repeat(n % 7);
            scan_agrees(&format!("{pad}{}通过通过", "工作".repeat(n / 7)));
            scan_agrees(&format!("{pad}全面推进全面推进{}", "é".repeat(n)));
            scan_agrees(&format!("{}研究研究、一步一步，公开公开。", "字".repeat(n)));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]
        #[test]
        fn the_scan_on_generated_text(s in line(&[
            "通过", "公开", "全面推进", "一步", "一", "研究", "，", "。", "、", "！", "？", "；", "：",
            "２０２４", "a", "é", "\u{3000}", "\r\n", "\u{feff}", "㐀", "ア", "！？",
        ])) {
            scan_agrees(&s);
        }

        #[test]
        fn the_scan_on_repeats(s in focused(&["通过", "公开", "推进", "一", "工作", "，", "a", "é"], 30)) {
            scan_agrees(&s);
        }
    }

    #[test]
    fn may_repeat_lets_every_repeat_through() {
        let text = "通过通过a全面推进全面推进，一步一步研究研究xx公开公开";
        let b = text.as_bytes();
        for p in 0..b.len().saturating_sub(2) {
            let naive = [6, 9, 12]
                .into_iter()
                .any(|w| p + 2 * w <= b.len() && b[p..p + 3] == b[p + w..p + w + 3]);
            assert_eq!(may_repeat(b, p), naive, "at {p}");
        }
    }

    #[test]
    fn at_most_24_chars_counts_characters() {
        for (s, n) in [("", 0), ("a", 1), ("汉", 1), ("𠀀", 1), ("，", 1)] {
            for k in [23usize, 24, 25, 30] {
                let t = s.repeat(k);
                assert_eq!(
                    at_most_24_chars(&t),
                    t.chars().count() <= 24,
                    "{n} {k} {t:?}"
                );
            }
        }
        let mixed = format!("{}{}", "a".repeat(20), "汉".repeat(5));
        assert!(!at_most_24_chars(&mixed));
        assert!(at_most_24_chars(&mixed[..mixed.len() - 3]));
    }

    fn found(text: &str) -> Vec<String> {
        let report = crate::engine::parse(text, &Default::default());
        let options = Default::default();
        let ctx = Context::new(text, &report, &options, None);
        let mut out = Vec::new();
        check(&ctx, &mut out);
        out.into_iter()
            .map(|d| text[d.span.range()].to_string())
            .collect()
    }

    #[test]
    fn doubled_words_at_every_width_and_at_the_end() {
        let text = "一、总体情况\n本机关通过通过网站公开信息，全面推进全面推进政务公开，\
                    我们做好做好了各项工作，也要研究研究、一步一步地推进推进";
        assert_eq!(
            found(text),
            ["通过通过", "全面推进全面推进", "做好做好", "推进推进"]
        );
    }
}
