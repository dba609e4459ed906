//! S002: sections out of the template's order.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S002",
    name: "section-order",
    severity: Severity::Error,
    summary: "Sections are not in the order 一 to 六",
    explanation: r#"## What it checks
That the six sections appear in the template's order: 一 总体情况, 二 主动公开, 三 依申请,
四 复议诉讼, 五 问题及改进, 六 其他事项.

## Why it matters
The national format fixes the order so that readers and evaluators find each part in the
same place in every report.

## Example
`五、存在的主要问题及改进情况` placed before `四、政府信息公开行政复议、行政诉讼情况`.

## How to fix
Move the section to its place in the order.
"#,
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
