//! S003: a section heading numbered other than `二、`.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::span::Span;
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S003",
    name: "heading-numbering",
    severity: Severity::Warning,
    summary: "A section heading is not numbered 一、 to 六、",
    explanation: r#"## What it checks
That each section heading carries its Chinese numeral and a 顿号, as in the template:
`一、总体情况` … `六、其他需要报告的事项`.

## Why it matters
The format numbers the six parts 一 to 六; sub-items inside them use （一）, 1. and so on.
A heading numbered `2、` reads as a sub-item, and one with no numeral reads as running text,
so the report's structure is lost for readers and for anyone compiling reports.

## Example
```
2、 主动公开政府信息情况统计表
存在的主要问题及改进情况
```
should be `二、主动公开政府信息情况统计表` and `五、存在的主要问题及改进情况`.

## How to fix
Write the section's numeral and `、` before the heading. `xxgk check --fix` does this.
"#,
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
