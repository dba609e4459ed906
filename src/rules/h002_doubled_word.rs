//! H002: a word written twice in a row (`通过通过`).

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "H002",
    name: "doubled-word",
    severity: Severity::Warning,
    summary: "A word is written twice in a row (通过通过)",
    explanation: r#"## What it checks
Running text (outside tables) where a word of two to four Chinese characters is immediately
repeated: `通过通过`, `政务公开政务公开`. Single-character reduplication (`层层`, `一一`) and repeated
numeral–measure pairs (`一步一步`) are ordinary Chinese and are not reported; nor are the
verb reduplications of a short list (`研究研究`).

## Why it matters
A doubled word is a typing slip that survives proof-reading easily and is published with the
report.

## Example
`区商促局通过通过薛城区人民政府门户网站信息公开专栏公开…`

## How to fix
Delete the repetition. `xxgk check --fix` does it.
"#,
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

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // One buffer for every sentence's characters.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for s in &ctx.report.sentences {
        let text = &ctx.text[s.span.range()];
        chars.clear();
        chars.extend(text.char_indices());
        let mut i = 0;
        while i < chars.len() {
            // A doubled word starts with a Han character other than 一.
            if chars[i].1 == '一' || !is_han(chars[i].1) {
                i += 1;
                continue;
            }
            let mut hit = None;
            for n in (2..=4).rev() {
                if i + 2 * n > chars.len() {
                    continue;
                }
                let a = &chars[i..i + n];
                let b = &chars[i + n..i + 2 * n];
                // 一步一步, 一个一个: a numeral-measure pair repeated is ordinary Chinese.
                if a[0].1 != '一'
                    && a.iter().zip(b).all(|(x, y)| x.1 == y.1)
                    && a.iter().all(|x| is_han(x.1))
                    && !a.iter().all(|x| is_numeral(x.1))
                {
                    hit = Some(n);
                    break;
                }
            }
            let Some(n) = hit else {
                i += 1;
                continue;
            };
            let start = chars[i].0;
            let mid = chars[i + n].0;
            let end = chars.get(i + 2 * n).map(|x| x.0).unwrap_or(text.len());
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
            i += 2 * n;
        }
    }
}
