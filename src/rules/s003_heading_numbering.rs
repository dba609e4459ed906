//! S003: a section heading numbered other than `二、`.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::span::Span;
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S003",
    name: "heading-numbering",
    severity: Severity::Warning,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen = [false; 7];
    for s in &ctx.report.sections {
        if std::mem::replace(&mut seen[s.index as usize], true) {
            continue; // duplicates are S004's
        }
        let spec = &SECTIONS[s.index as usize - 1];
        let want = format!("{}、", spec.numeral);
        if s.number_text == want {
            continue;
        }
        let (msg, span, fix) = if s.number_text.is_empty() {
            let at = Span::new(s.title_span.start, s.title_span.start);
            (
                format!("第{}部分的标题缺少编号「{want}」", spec.numeral),
                s.title_span,
                Fix::replace(
                    format!("在标题前加上「{want}」"),
                    Applicability::Safe,
                    at,
                    want.clone(),
                ),
            )
        } else {
            (
                format!(
                    "第{}部分的标题编号写作「{}」，应为「{want}」",
                    spec.numeral, s.number_text
                ),
                s.number_span,
                Fix::replace(
                    format!("改为「{want}」"),
                    Applicability::Safe,
                    s.number_span,
                    want.clone(),
                ),
            )
        };
        out.push(
            RULE.diag(span, msg)
                .with_primary_label(format!("应为「{want}{}」", s.title))
                .with_fix(fix),
        );
    }
}
