//! What the running text says about 信息处理费, shared by the F rules.
//! 行政事业性收费 (table 二 （八）, the body's general fee revenue) is a
//! different thing and is never read as a 信息处理费 statement.

use super::util::Text;
use super::Context;
use crate::pattern::{Led, Lite};
use crate::span::Span;
use std::sync::LazyLock;

/// An amount of 信息处理费 the text says was charged.
pub struct Charged {
    pub yuan: f64,
    pub span: Span,
}

// regex-lite (crate::pattern): these run on a few sentences of a report
// (those with 收取 or 费), where compiling regex's automata cost ~7 M
// instructions, more than all the searching. Each is tried only where one of
// the words its matches begin with is (crate::pattern::Led).

const CHARGED_PATTERN: &str = r"收取(?:了)?[^。；，]{0,12}?信息处理费[^。；]{0,8}?(?:共计|合计|共|为|计)?(\d+(?:\.\d+)?)(万元|元)";
const CHARGED_STARTS: &[&str] = &["收取"];
/// 信息处理费 starts at most 15 characters into a match (收取了 and the gap).
const CHARGED_NEEDS: (&str, usize) = ("信息处理费", 15);
static CHARGED: LazyLock<Led> = LazyLock::new(|| {
    Led::new(CHARGED_PATTERN, CHARGED_STARTS).needs(CHARGED_NEEDS.0, CHARGED_NEEDS.1)
});

const NEGATED_PATTERN: &str = r"(未|没有|不存在|无需|免于|均未|从未|不予)[^。；，]{0,6}$";
static NEGATED: Lite = Lite::new(NEGATED_PATTERN);

// The gaps exclude digits so that "信息处理费300元" never reads as "…0元".
const NO_FEE_PATTERN: &str = concat!(
    r"(?:(?:未|没有|不存在|均未|从未|无)[^。；]{0,16}?收取[^。；]{0,14}?(?:信息处理费|费用|任何费用))",
    r"|(?:收取[^。；0-9０-９]{0,6}?信息处理费[^。；0-9０-９]{0,4}?(?:0|零)(?:元)?(?:[。；，]|$))",
    r"|(?:不存在收取信息处理费)",
);
const NO_FEE_STARTS: &[&str] = &["未", "没有", "不存在", "均未", "从未", "无", "收取"];
/// 收取 starts at most 19 characters into a match (不存在 and a 16-character gap).
const NO_FEE_NEEDS: (&str, usize) = ("收取", 19);
static NO_FEE: LazyLock<Led> =
    LazyLock::new(|| Led::new(NO_FEE_PATTERN, NO_FEE_STARTS).needs(NO_FEE_NEEDS.0, NO_FEE_NEEDS.1));

const NEVER_AROSE_PATTERN: &str = r"(?:未达到[^。；]{0,40}?收费标准|不涉及[^。；]{0,10}?(?:信息处理费|收费)|未(?:产生|发生|涉及)[^。；]{0,8}?(?:信息处理费|收费)|未(?:发出|发送|送达|出具)[^。；]{0,6}?收费通知)";
const NEVER_AROSE_STARTS: &[&str] = &["未", "不涉及"];
/// 费 starts at most 44 characters into a match (未达到, a 40-character gap, 收).
const NEVER_AROSE_NEEDS: (&str, usize) = ("费", 44);
static NEVER_AROSE: LazyLock<Led> = LazyLock::new(|| {
    Led::new(NEVER_AROSE_PATTERN, NEVER_AROSE_STARTS)
        .needs(NEVER_AROSE_NEEDS.0, NEVER_AROSE_NEEDS.1)
});

/// Positive amounts of 信息处理费 stated as charged.
pub fn charged(ctx: &Context) -> Vec<Charged> {
    let mut out = Vec::new();
    for t in ctx.texts() {
        // The pattern needs 收取: a cheap test before the regex. A wider
        // scope (全市各部门…) is not this body's fee.
        if t.wider || !t.contains("收取") {
            continue;
        }
        for c in CHARGED.captures_iter(t.str()) {
            let (start, end) = c.range(0).expect("match");
            // "未收取信息处理费100元" is not a charge. A match of NEGATED ends
            // the text and is at most 9 characters long: only those are read.
            let before = &t.str()[..start];
            let last9 = before.char_indices().rev().nth(8).map_or(0, |(i, _)| i);
            let last = &before[last9..];
            if NEGATED.on(last).is_match(last) {
                continue;
            }
            let (amount, unit) = (c.str(1).expect("amount"), c.str(2).expect("unit"));
            // "收费标准为每件100元" is a rate, not an amount charged.
            let gap = &t.str()[start..c.range(1).expect("amount").0];
            if ["标准", "每件", "每页", "超过", "以上", "按"]
                .iter()
                .any(|w| gap.contains(w))
            {
                continue;
            }
            let Ok(v) = amount.parse::<f64>() else {
                continue;
            };
            let yuan = if unit == "万元" { v * 10_000.0 } else { v };
            if yuan > 0.0 {
                out.push(Charged {
                    yuan,
                    span: t.compact.span(start, end),
                });
            }
        }
    }
    out
}

/// Statements that no 信息处理费 (or no fee at all) was charged.
pub fn no_fee(ctx: &Context) -> Vec<Span> {
    // Every alternative needs 收取.
    find(ctx.texts(), &NO_FEE, "收取")
}

/// Statements that fees never arose (no fee notice could have been sent).
pub fn never_arose(ctx: &Context) -> Vec<Span> {
    // Every alternative needs 费 (收费…, 信息处理费).
    find(ctx.texts(), &NEVER_AROSE, "费")
}

/// Matches of `re` in the sentences that contain `needs` (a literal every match contains).
fn find(texts: &[Text], re: &Led, needs: &str) -> Vec<Span> {
    texts
        .iter()
        .filter(|t| t.contains(needs))
        .flat_map(|t| {
            re.captures_iter(t.str())
                .filter_map(|m| m.range(0))
                .map(|(start, end)| t.compact.span(start, end))
                .collect::<Vec<_>>()
        })
        .collect()
}

pub fn yuan(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}元")
    } else {
        format!("{v:.2}元")
    }
}

/// The patterns under regex-lite find what they found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{
        corpus, line, same, same_led, same_led_needs, same_on_corpus, slots,
    };
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        CHARGED_PATTERN,
        NEGATED_PATTERN,
        NO_FEE_PATTERN,
        NEVER_AROSE_PATTERN,
    ];

    const WORDS: &[&str] = &[
        "收取",
        "了",
        "信息处理费",
        "共计",
        "合计",
        "共",
        "为",
        "计",
        "未",
        "没有",
        "不存在",
        "无需",
        "免于",
        "均未",
        "从未",
        "不予",
        "无",
        "费用",
        "任何费用",
        "零",
        "0",
        "300",
        "1.5",
        "０.５",
        "未达到",
        "收费标准",
        "不涉及",
        "收费",
        "产生",
        "发生",
        "涉及",
        "发出",
        "送达",
        "收费通知",
        "本年度",
        "申请人",
    ];
    /// A fee sentence, piece by piece.
    const SLOTS: &[&[&str]] = &[
        &[
            "",
            "本机关",
            "未",
            "没有",
            "均未",
            "不存在",
            "从未",
            "无",
            "不予",
            "未达到",
            "不涉及",
            "未产生",
        ],
        &["", "向申请人", "，", "。", "任何"],
        &["收取", "收取了", "收取", "", "收费"],
        &["", "申请人", "；", "任何"],
        &[
            "信息处理费",
            "信息处理费",
            "费用",
            "任何费用",
            "收费标准",
            "收费通知",
        ],
        &["", "共计", "合计", "为", "计", "共", "标准", "，"],
        &["", "0", "零", "300", "1.5", "３０", "12.", "0.50"],
        &["元", "万元", "", "元。", "；", "，"],
    ];

    /// The patterns searched where their first words are.
    const LED: &[(&str, &[&str], (&str, usize))] = &[
        (CHARGED_PATTERN, CHARGED_STARTS, CHARGED_NEEDS),
        (NO_FEE_PATTERN, NO_FEE_STARTS, NO_FEE_NEEDS),
        (NEVER_AROSE_PATTERN, NEVER_AROSE_STARTS, NEVER_AROSE_NEEDS),
    ];

    /// NEGATED on the last nine characters finds what it finds on the whole.
    fn negated_tail(s: &str) {
        let last9 = s.char_indices().rev().nth(8).map_or(0, |(i, _)| i);
        let old = regex::Regex::new(NEGATED_PATTERN).unwrap();
        let last = &s[last9..];
        assert_eq!(NEGATED.on(last).is_match(last), old.is_match(s), "{s:?}");
    }

    #[test]
    fn fixtures() {
        for p in PATTERNS {
            same_on_corpus(p);
        }
        for s in corpus() {
            for (p, starts, needs) in LED {
                same_led(p, starts, s);
                same_led_needs(p, starts, Some(*needs), s);
            }
        }
        for s in corpus().iter().take(3000) {
            negated_tail(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn generated(s in line(WORDS), t in slots(SLOTS)) {
            for p in PATTERNS {
                same(p, &s);
                same(p, &t);
            }
            for (p, starts, needs) in LED {
                same_led_needs(p, starts, Some(*needs), &s);
                same_led_needs(p, starts, Some(*needs), &t);
            }
            negated_tail(&s);
            negated_tail(&t);
        }
    }
}
