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

/// The width in bytes of the UTF-8 character led by `b`.
fn utf8_width(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Table text, not prose: sections 二 to 四 hold the three tables (their header
/// cells, copied from a PDF or a browser, run together: `结果结果其他尚未`, `总计总计`),
/// and a short fragment without punctuation is a header cell or a label.
fn table_like(ctx: &Context, s: &crate::model::Sentence, text: &str) -> bool {
    matches!(super::util::section_index(ctx.report, s), Some(2..=4))
        || ctx.report.in_table(s.span.start)
        || (at_most_24_chars(text) && !text.contains(['，', '。', '；', '：', '、', '！', '？']))
}

/// `text.chars().count() <= 24` without counting a long sentence: a UTF-8
/// character takes one to four bytes.
fn at_most_24_chars(text: &str) -> bool {
    text.len() <= 24 || (text.len() <= 4 * 24 && text.chars().count() <= 24)
}

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

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in &ctx.report.sentences {
        let text = &ctx.text[s.span.range()];
        if table_like(ctx, s, text) {
            continue;
        }
        let bytes = text.as_bytes();
        let mut p = 0;
        while p < bytes.len() {
            // Han characters (U+3400..U+9FFF) are led by 0xE3..=0xE9.
            let b0 = bytes[p];
            if !(0xe3..=0xe9).contains(&b0) {
                p += utf8_width(b0);
                continue;
            }
            // Most characters start no repeat: the three bytes 2, 3 or 4
            // characters on are not theirs (tested before anything else).
            if !may_repeat(bytes, p) {
                p += 3;
                continue;
            }
            let head = [b0, bytes[p + 1], bytes[p + 2]];
            let c = char::from_u32(
                (u32::from(b0 & 0x0f) << 12)
                    | (u32::from(bytes[p + 1] & 0x3f) << 6)
                    | u32::from(bytes[p + 2] & 0x3f),
            )
            .unwrap_or('\0');
            // A doubled word starts with a Han character other than 一.
            if c == '一' || !is_han(c) {
                p += 3;
                continue;
            }
            // Every character of a doubled word is Han, three bytes in UTF-8:
            // a word of `n` characters is `3n` bytes followed by the same bytes.
            let mut hit = None;
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
                    hit = Some(w);
                    break;
                }
            }
            let Some(w) = hit else {
                p += 3;
                continue;
            };
            let (start, mid, end) = (p, p + w, p + 2 * w);
            let doubled = &text[start..end];
            if !ALLOWED.contains(&doubled) {
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
            }
            p = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
