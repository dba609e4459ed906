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

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(s) = ctx.report.section(6) else {
        return;
    };
    // Spaces removed: PDF text spaces every character (`信 息 处 理 费`).
    let body: String = ctx.text[s.body.range()]
        .chars()
        .filter(|c| !is_space(*c))
        .collect();
    // 处理费 covers 信息处理费, 信息公开处理费 and 政府信息公开信息处理费.
    let mentions = ["处理费", "收费", "费用"].iter().any(|w| body.contains(w));
    // Some reports state the fee elsewhere (section 三's text, the preamble):
    // a statement about the 处理费 anywhere in the running text is a statement.
    let elsewhere = || ctx.texts().iter().any(|t| t.contains("处理费"));
    if !mentions && !elsewhere() {
        out.push(RULE.diag(s.heading_span, "第六部分未说明信息处理费的收取情况"));
    }
}
