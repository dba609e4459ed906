//! S007: the 2019 trial form of table 二 in a report for 2021 or later.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S007",
    name: "superseded-active-table",
    severity: Severity::Warning,
    summary:
        "Table 二 uses the superseded 2019 form (本年新制作数量 / 对外公开总数量 / 第（九）项)",
    explanation: r#"## What it checks
That a report for 2021 or later uses the 2021 form of table 二 (第二十条第（一）（五）（六）（八）项
with 本年制发件数 / 本年废止件数 / 现行有效件数, 本年处理决定数量, 本年收费金额), not the 2019
trial form with columns 本年新制作数量, 本年新公开数量, 对外公开总数量 and a 第（九）项 block.

## Why it matters
国办公开办函〔2021〕30号 replaced the trial format from the reports on 2021. Figures in the
old columns cannot be compiled with everyone else's.

## Example
A 2024 report whose table 二 has the header `本年新制作数量 | 本年新公开数量 | 对外公开总数量`.

## How to fix
Replace table 二 with the 2021 template and fill it.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(t) = &ctx.report.active else { return };
    if ctx.year().is_some_and(|y| y >= 2021) {
        if let Some(&first) = t.legacy_markers.first() {
            let mut d = RULE.diag(
                first,
                format!(
                    "{}年度报告的表二仍使用2019年试行格式的栏目「{}」",
                    ctx.year().unwrap_or_default(),
                    &ctx.text[first.range()]
                ),
            );
            for &m in &t.legacy_markers[1..] {
                d = d.with_label(m, "旧格式栏目");
            }
            out.push(d.with_note("自2021年度报告起应使用《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"));
        }
    }
}
