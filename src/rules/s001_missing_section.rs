//! S001: one of the six required sections has no heading.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S001",
    name: "missing-section",
    severity: Severity::Error,
    summary: "A required section (一 to 六) is missing",
    explanation: r#"## What it checks
That the report has all six sections of the national format, each with its heading:
一、总体情况; 二、主动公开政府信息情况; 三、收到和处理政府信息公开申请情况;
四、政府信息公开行政复议、行政诉讼情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项.
The variants listed in the template (e.g. `因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表`) count;
so does a heading numbered in position whose title is another wording of its section
(`五、存在的主要问题及整改措施` between 四 and 六), and headings inside one long line of crawled
web text.

## Why it matters
条例 art. 50 fixes the content of the annual report and the national format
(国办公开办函〔2021〕30号) fixes its six parts. Evaluators check for each part; a missing
one is the first thing they mark down.

## Example
A report that goes from `四、政府信息公开行政复议、行政诉讼情况` straight to
`六、其他需要报告的事项` lacks section 五.

## How to fix
Add the missing section with its heading. If the section is there under another
heading, use the template's heading (`xxgk inspect FILE` lists the sections found).
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if r.sections.is_empty() {
        out.push(
            RULE.diag(
                super::s009_missing_period::first_line(ctx.text),
                "未找到年度报告的任何部分标题（一、总体情况 … 六、其他需要报告的事项）",
            )
            .with_note("这份文件是政府信息公开工作年度报告吗？运行 `xxgk inspect` 查看读到的内容"),
        );
        return;
    }
    for spec in &SECTIONS {
        if r.section(spec.index).is_some() {
            continue;
        }
        // Point where the heading belongs: before the next section that is present.
        let at = r
            .sections
            .iter()
            .filter(|s| s.index > spec.index)
            .map(|s| s.heading_span.start)
            .min()
            .unwrap_or(ctx.text.len());
        out.push(
            RULE.diag(
                Span::new(at, at),
                format!(
                    "缺少第{}部分「{}、{}」",
                    spec.numeral, spec.numeral, spec.title
                ),
            )
            .with_note("《中华人民共和国政府信息公开工作年度报告格式》规定年度报告包括六个部分"),
        );
    }
}
