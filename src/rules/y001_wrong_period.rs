//! Y001: the statistical period is not the whole report year.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::Date;

pub static RULE: Rule = Rule {
    code: "Y001",
    name: "wrong-period",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn date(d: &Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(p) = &ctx.report.period else { return };
    let shape_ok = (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31);
    if shape_ok && p.start.year == p.end.year {
        return; // a title/period disagreement is Y002's
    }
    // The report year the other rules judge by (the title's when it has one);
    // none when the period's two years disagree and nothing tells which is meant.
    let year = match ctx.year() {
        Some(y) => y,
        None if p.start.year == p.end.year => p.end.year,
        None => {
            let text = format!(
                "统计期限起止年份不一致：「{}至{}」，应为同一年的1月1日至12月31日",
                date(&p.start),
                date(&p.end)
            );
            out.push(RULE.diag(p.span, text));
            return;
        }
    };
    let mut d = RULE.diag(
        p.span,
        format!(
            "统计期限应为「自{year}年1月1日至{year}年12月31日」，此处为「{}至{}」",
            date(&p.start),
            date(&p.end)
        ),
    );
    if shape_ok {
        let odd = if p.start.year != year {
            &p.start
        } else {
            &p.end
        };
        d = d.with_fix(Fix::replace(
            format!("改为{year}年"),
            Applicability::Unsafe,
            odd.year_span,
            year.to_string(),
        ));
    }
    out.push(d);
}
