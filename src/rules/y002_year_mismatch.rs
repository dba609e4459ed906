//! Y002: the title's year and the statistical period's year differ.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};

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

The other year rules (Y003–Y006) judge by the title's year, or by the period's when the
signature date (in Y+1) agrees with it: one slip gives one finding.

## How to fix
Correct whichever is wrong. The offered fix (unsafe) changes the odd one out: the title when
the signature agrees with the period, else the period.
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
    // The year the other rules judge by: the title's, unless the period and the
    // signature both say otherwise (then the title is the slip).
    let year = ctx.year().unwrap_or(ty.value);
    let fix = if year == ty.value {
        let mut edits: Vec<Edit> = [p.start.year_span, p.end.year_span]
            .into_iter()
            .map(|span| Edit {
                span,
                replacement: year.to_string(),
            })
            .collect();
        edits.dedup(); // `自2024年1月1日至12月31日`: one year for both dates
        Fix {
            title: format!("将统计期限年份改为{year}"),
            applicability: Applicability::Unsafe,
            edits,
        }
    } else {
        Fix::replace(
            format!("将标题年份改为{year}"),
            Applicability::Unsafe,
            ty.span,
            year.to_string(),
        )
    };
    out.push(
        RULE.diag(
            ty.span,
            format!("标题年份为{}年，统计期限却是{}年", ty.value, p.end.year),
        )
        .with_primary_label("标题年份")
        .with_label(p.span, "统计期限")
        .with_note(format!(
            "其余年份检查按{year}年进行（标题、统计期限与落款日期中多数一致的年份）"
        ))
        .with_fix(fix),
    );
}
