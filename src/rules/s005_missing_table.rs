//! S005: sections 二, 三, 四 without their statistical table.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{Table, SECTIONS};

pub static RULE: Rule = Rule {
    code: "S005",
    name: "missing-table",
    severity: Severity::Error,
    summary: "Section 二, 三 or 四 has no statistical table",
    explanation: r#"## What it checks
That section 二 holds table 二 (主动公开, 10 figures), section 三 table 三 (申请情况,
25 rows × 7 columns) and section 四 table 四 (复议诉讼, 15 figures).

## Why it matters
The national format makes these three tables the report's statistics; summaries at
higher levels are compiled from them. A section with prose but no table cannot be compiled.

## Example
`三、收到和处理政府信息公开申请情况` followed only by "本年度未收到申请。"

## How to fix
Insert the template table and fill every cell (`0` where there was nothing). If the table
is there but was not recognised, `xxgk inspect FILE` shows what was read.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    for table in Table::ALL {
        let (index, present) = (table.section(), r.has_table(table));
        let name = format!("表{}（{}）", table.numeral(), table.title());
        // Table words without a table read: E001 says it could not be read.
        if present || super::util::unread_table_words(ctx.text, r, index) {
            continue;
        }
        if let Some(s) = r.section(index) {
            let spec = &SECTIONS[index as usize - 1];
            out.push(RULE.diag(
                s.heading_span,
                format!("第{}部分中没有找到{name}", spec.numeral),
            ));
        }
    }
}
