//! Y006: the signature date outside Y+1 or after the legal deadline.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::engine::ReportKind;

pub static RULE: Rule = Rule {
    code: "Y006",
    name: "signature-date",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(d), Some(year)) = (&ctx.report.signature_date, ctx.year()) else {
        return;
    };
    let (dm, dd, who) = match ctx.options.report_kind {
        ReportKind::Department => (1, 31, "部门"),
        ReportKind::Government => (3, 31, "人民政府"),
    };
    let next = year + 1;
    if d.year != next {
        let mut diag = RULE.diag(
            d.span,
            format!(
                "{year}年度报告的落款日期应在{next}年，此处为{}年{}月{}日",
                d.year, d.month, d.day
            ),
        );
        if d.year == year && (d.month, d.day) <= (dm, dd) {
            diag = diag.with_fix(Fix::replace(
                format!("改为{next}年"),
                Applicability::Unsafe,
                d.year_span,
                next.to_string(),
            ));
        }
        out.push(diag);
    } else if (d.month, d.day) > (dm, dd) {
        out.push(
            RULE.diag(d.span, format!("落款日期{}年{}月{}日晚于{who}年度报告的法定发布期限{next}年{dm}月{dd}日", d.year, d.month, d.day))
                .with_note("《政府信息公开条例》第四十九条：部门于每年1月31日前、县级以上人民政府于每年3月31日前公布本机关上一年度报告"),
        );
    }
}
