//! S009: no statistical-period statement.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S009",
    name: "missing-period",
    severity: Severity::Warning,
    summary: "The report does not state its statistical period",
    explanation: r#"## What it checks
That the report states the period its figures cover, as the template's preamble does:
`本报告所列数据的统计期限自Y年1月1日起至Y年12月31日止`. The usual variants count: the end
date without its year (`2024年1月1日至12月31日`), dashes (`—`), full-width digits, PDF spaces
between characters, `统计期限为2024年度`.

## Why it matters
The preamble required by the national format says which year the figures are for; without
it a reader cannot tell, and xxgk cannot check the years elsewhere in the report.

## Example
A preamble that lists the six parts and the download address but no 统计期限.

## How to fix
Add the sentence to the preamble, with the report year.
"#,
    check,
};

/// The first non-blank line, without its terminator (`\r\n` or `\n`) or
/// trailing spaces: the span the preamble rules (S009–S011) point at.
pub fn first_line(text: &str) -> crate::span::Span {
    let start = text.len() - text.trim_start().len();
    let end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let end = start + text[start..end].trim_end().len();
    crate::span::Span::new(start, end.max(start))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.report.period.is_none() && !ctx.report.sections.is_empty() {
        out.push(RULE.diag(
            first_line(ctx.text),
            "未写明统计期限（应为「自Y年1月1日至Y年12月31日」）",
        ));
    }
}
