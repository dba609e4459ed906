//! S001: one of the six required sections has no heading.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S001",
    name: "missing-section",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if r.sections.is_empty() {
        out.push(
            RULE.diag(
                super::util::first_line(ctx.text),
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
