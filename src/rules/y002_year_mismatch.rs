//! Y002: the title's year and the statistical period's year differ.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};

pub static RULE: Rule = Rule {
    code: "Y002",
    name: "year-mismatch",
    severity: Severity::Error,
    fixable: true,
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
