//! S002: sections out of the template's order.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S002",
    name: "section-order",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut latest: Option<&crate::model::Section> = None;
    for s in &ctx.report.sections {
        if let Some(prev) = latest {
            if s.index < prev.index {
                let spec = &SECTIONS[s.index as usize - 1];
                let prev_spec = &SECTIONS[prev.index as usize - 1];
                out.push(
                    RULE.diag(
                        s.heading_span,
                        format!(
                            "第{}部分出现在第{}部分之后，顺序不对",
                            spec.numeral, prev_spec.numeral
                        ),
                    )
                    .with_label(
                        prev.heading_span,
                        format!("第{}部分在这里", prev_spec.numeral),
                    ),
                );
                continue;
            }
        }
        if latest.is_none_or(|p| s.index > p.index) {
            latest = Some(s);
        }
    }
}
