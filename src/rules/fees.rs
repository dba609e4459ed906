//! What the running text says about 信息处理费, shared by the F rules.
//! 行政事业性收费 (table 二 （八）, the body's general fee revenue) is a
//! different thing and is never read as a 信息处理费 statement.

use super::util::Text;
use super::Context;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// An amount of 信息处理费 the text says was charged.
pub struct Charged {
    pub yuan: f64,
    pub span: Span,
}

static CHARGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"收取(?:了)?[^。；，]{0,12}?信息处理费[^。；]{0,8}?(?:共计|合计|共|为|计)?(\d+(?:\.\d+)?)(万元|元)").unwrap()
});
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(未|没有|不存在|无需|免于|均未|从未|不予)[^。；，]{0,6}$").unwrap()
});
static NO_FEE: LazyLock<Regex> = LazyLock::new(|| {
    // The gaps exclude digits so that "信息处理费300元" never reads as "…0元".
    Regex::new(concat!(
        r"(?:(?:未|没有|不存在|均未|从未|无)[^。；]{0,16}?收取[^。；]{0,14}?(?:信息处理费|费用|任何费用))",
        r"|(?:收取[^。；0-9０-９]{0,6}?信息处理费[^。；0-9０-９]{0,4}?(?:0|零)(?:元)?(?:[。；，]|$))",
        r"|(?:不存在收取信息处理费)",
    ))
    .unwrap()
});
static NEVER_AROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未达到[^。；]{0,40}?收费标准|不涉及[^。；]{0,10}?(?:信息处理费|收费)|未(?:产生|发生|涉及)[^。；]{0,8}?(?:信息处理费|收费)|未(?:发出|发送|送达|出具)[^。；]{0,6}?收费通知)").unwrap()
});

/// Positive amounts of 信息处理费 stated as charged.
pub fn charged(ctx: &Context) -> Vec<Charged> {
    let mut out = Vec::new();
    for t in ctx.texts() {
        // The pattern needs 收取: a cheap test before the regex. A wider
        // scope (全市各部门…) is not this body's fee.
        if t.wider || !t.str().contains("收取") {
            continue;
        }
        for c in CHARGED.captures_iter(t.str()) {
            let whole = c.get(0).expect("match");
            // "未收取信息处理费100元" is not a charge.
            if NEGATED.is_match(&t.str()[..whole.start()]) {
                continue;
            }
            let m = c.get(1).expect("amount");
            // "收费标准为每件100元" is a rate, not an amount charged.
            let gap = &t.str()[whole.start()..m.start()];
            if ["标准", "每件", "每页", "超过", "以上", "按"]
                .iter()
                .any(|w| gap.contains(w))
            {
                continue;
            }
            let Ok(v) = m.as_str().parse::<f64>() else {
                continue;
            };
            let yuan = if &c[2] == "万元" { v * 10_000.0 } else { v };
            if yuan > 0.0 {
                out.push(Charged {
                    yuan,
                    span: t.span(c.get(0).expect("match")),
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
fn find(texts: &[Text], re: &Regex, needs: &str) -> Vec<Span> {
    texts
        .iter()
        .filter(|t| t.str().contains(needs))
        .flat_map(|t| re.find_iter(t.str()).map(|m| t.span(m)).collect::<Vec<_>>())
        .collect()
}

pub fn yuan(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}元")
    } else {
        format!("{v:.2}元")
    }
}
