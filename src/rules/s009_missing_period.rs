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

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.report.period.is_none() && !ctx.report.sections.is_empty() {
        out.push(RULE.diag(
            super::util::first_line(ctx.text),
            "未写明统计期限（应为「自Y年1月1日至Y年12月31日」）",
        ));
    }
}
