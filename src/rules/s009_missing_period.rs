//! S009: no statistical-period statement.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S009",
    name: "missing-period",
    severity: Severity::Warning,
    fixable: false,
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
