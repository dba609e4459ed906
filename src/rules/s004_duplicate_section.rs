//! S004: the same section heading twice.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S004",
    name: "duplicate-section",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let secs = &ctx.report.sections;
    for (i, s) in secs.iter().enumerate() {
        if let Some(first) = secs[..i].iter().find(|p| p.index == s.index) {
            let spec = &SECTIONS[s.index as usize - 1];
            out.push(
                RULE.diag(
                    s.heading_span,
                    format!("第{}部分「{}」重复出现", spec.numeral, spec.title),
                )
                .with_label(first.heading_span, "第一次出现在这里"),
            );
        }
    }
}
