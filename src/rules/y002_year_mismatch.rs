//! Y002: the title's year and the statistical period's year differ.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};

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
