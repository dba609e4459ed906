//! F004: section 六 says nothing about 信息处理费.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::text::is_space;

pub static RULE: Rule = Rule {
    code: "F004",
    name: "missing-fee-statement",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// 处理费 covers 信息处理费, 信息公开处理费 and 政府信息公开信息处理费.
const FEE_WORDS: [&str; 3] = ["处理费", "收费", "费用"];

/// Whether `body` names the fee, spaces removed: PDF text spaces every
/// character (`信 息 处 理 费`). A word in the text as written is one in it
/// without spaces: the copy without them is made only when none is.
fn mentions_fee(body: &str) -> bool {
    FEE_WORDS.iter().any(|w| body.contains(w)) || {
        let body: String = body.chars().filter(|c| !is_space(*c)).collect();
        FEE_WORDS.iter().any(|w| body.contains(w))
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(s) = ctx.report.section(6) else {
        return;
    };
    let mentions = mentions_fee(&ctx.text[s.body.range()]);
    // Some reports state the fee elsewhere (section 三's text, the preamble):
    // a statement about the 处理费 anywhere in the running text is a statement.
    let elsewhere = || ctx.texts().iter().any(|t| t.contains("处理费"));
    if !mentions && !elsewhere() {
        out.push(RULE.diag(s.heading_span, "第六部分未说明信息处理费的收取情况"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the copy without spaces alone decided.
    #[test]
    fn mentions_as_without_spaces() {
        let old = |body: &str| {
            let body: String = body.chars().filter(|c| !is_space(*c)).collect();
            FEE_WORDS.iter().any(|w| body.contains(w))
        };
        for body in [
            "",
            "本机关未收取信息处理费。",
            "信 息 处 理 费",
            "收\u{3000}费\r\n标准",
            "费\u{a0}用",
            "处理\u{feff}费",
            "处理 收 费用",
            "本年度无其他需要报告的事项。",
            "费处理",
        ] {
            assert_eq!(mentions_fee(body), old(body), "{body:?}");
        }
    }
}
