//! Y002: the title's year and the statistical period's year differ.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};

pub static RULE: Rule = Rule {
    code: "Y002",
    name: "year-mismatch",
    severity: Severity::Error,
    summary: "The title's year differs from the statistical period's year",
    explanation: r#"## What it checks
That the year in the title (`…2024年政府信息公开工作年度报告`) is the year of the statistical
period (`自2024年1月1日至2024年12月31日`).

## Why it matters
One of the two is left over from another year's report; readers cannot tell which year the
figures are for.

## Example
Title `2023年政府信息公开工作年度报告`, period `自2024年1月1日至2024年12月31日`.

## How to fix
Correct whichever is wrong. The offered fix (unsafe) changes the title to the period's year.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(title), Some(p)) = (&ctx.report.title, &ctx.report.period) else {
        return;
    };
    let Some(ty) = &title.year else { return };
    if p.start.year != p.end.year || ty.value == p.end.year {
        return;
    }
    out.push(
        RULE.diag(
            ty.span,
            format!("标题年份为{}年，统计期限却是{}年", ty.value, p.end.year),
        )
        .with_primary_label("标题年份")
        .with_label(p.span, "统计期限")
        .with_fix(Fix::replace(
            format!("将标题年份改为{}", p.end.year),
            Applicability::Unsafe,
            ty.span,
            p.end.year.to_string(),
        )),
    );
}
