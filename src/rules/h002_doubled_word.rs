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
        || (text.chars().count() <= 24
            && !text.contains(['，', '。', '；', '：', '、', '！', '？']))
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
            let head = [b0, bytes[p + 1], bytes[p + 2]];
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
