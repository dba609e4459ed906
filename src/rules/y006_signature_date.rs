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
    let kind = kind_of(ctx);
    let (dm, dd, who) = match kind.0 {
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
                .with_note("《政府信息公开条例》第四十九条：部门于每年1月31日前、县级以上人民政府于每年3月31日前公布本机关上一年度报告")
                .with_note(kind.1),
        );
    }
}

/// The kind of report the deadline is judged for, and a note saying where it
/// came from and how to set it: configured, else inferred from the issuer,
/// else a department's (the earlier deadline).
fn kind_of(ctx: &Context) -> (ReportKind, String) {
    let set = |k: &str| {
        format!("可在 xxgk.toml 中设置 report-kind = \"{k}\"（或命令行 --report-kind {k}）")
    };
    if let Some(k) = ctx.options.report_kind {
        let name = match k {
            ReportKind::Department => "部门",
            ReportKind::Government => "人民政府",
        };
        return (k, format!("报告类型按配置为{name}年度报告"));
    }
    let issuer = ctx.report.issuer.as_deref();
    match issuer.map(|i| (i, kind_of_issuer(i))) {
        Some((i, ReportKind::Government)) => (
            ReportKind::Government,
            format!("未设置报告类型，依发布机关「{i}」按人民政府年度报告判断；如为部门报告，{}", set("department")),
        ),
        Some((i, ReportKind::Department)) => (
            ReportKind::Department,
            format!("未设置报告类型，依发布机关「{i}」按部门年度报告判断；如为县级以上人民政府本级报告，{}", set("government")),
        ),
        None => (
            ReportKind::Department,
            format!("未设置报告类型，也未识别出发布机关，按部门年度报告判断；如为县级以上人民政府本级报告，{}", set("government")),
        ),
    }
}

/// A people's government (`某县人民政府`) or its general office (`某县人民政府办公室`,
/// which publishes the government's report) is a government; any other body, even one
/// under the government (`某市人民政府外事办公室`), a department.
fn kind_of_issuer(issuer: &str) -> ReportKind {
    let body = issuer
        .strip_suffix("办公室")
        .or_else(|| issuer.strip_suffix("办公厅"))
        .unwrap_or(issuer);
    if body.ends_with("政府") {
        ReportKind::Government
    } else {
        ReportKind::Department
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_issuers() {
        for g in [
            "某县人民政府",
            "某市人民政府办公室",
            "某省人民政府办公厅",
            "某区政府办公室",
        ] {
            assert_eq!(kind_of_issuer(g), ReportKind::Government, "{g}");
        }
        for d in [
            "某县财政局",
            "某市人民政府外事办公室",
            "某市人民政府国有资产监督管理委员会",
        ] {
            assert_eq!(kind_of_issuer(d), ReportKind::Department, "{d}");
        }
    }
}
