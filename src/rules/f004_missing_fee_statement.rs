//! F004: section 六 says nothing about 信息处理费.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::text::is_space;

pub static RULE: Rule = Rule {
    code: "F004",
    name: "missing-fee-statement",
    severity: Severity::Warning,
    summary: "Section 六 does not say whether a 信息处理费 was charged",
    explanation: r#"## What it checks
That section 六 (其他需要报告的事项) states whether and how much 信息处理费 was charged, as the
national format asks (`本单位收取政府信息公开信息处理费情况`). Any wording of the fee counts
(`信息处理费`, `信息公开处理费`, `收费`, `费用`), also with PDF spaces between characters; a
statement about the 处理费 elsewhere in the running text (section 一 or 三) is accepted too.

## Why it matters
The format lists the 信息处理费 statement among the matters section 六 must report, because of
国办函〔2020〕109号 《政府信息公开信息处理费管理办法》.

## Example
A section 六 that reports only 人大代表建议 and 政协提案.

## How to fix
Add `（一）本单位收取政府信息公开信息处理费情况。本年度未收取信息处理费。` (or the amount).
"#,
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
    let elsewhere = || ctx.texts().iter().any(|t| t.str().contains("处理费"));
    if !mentions && !elsewhere() {
        out.push(RULE.diag(s.heading_span, "第六部分未说明信息处理费的收取情况"));
    }
}
