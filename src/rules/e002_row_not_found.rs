//! E002: a template row that the table does not have.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE2_ROWS, TABLE3_OTHER_SUBROWS, TABLE3_ROWS};

pub static RULE: Rule = Rule {
    code: "E002",
    name: "row-not-found",
    severity: Severity::Error,
    summary: "A row of the template is missing from table 二 or 三",
    explanation: r#"## What it checks
That tables 二 and 三, where present, have every row of the 2021 template
(国办公开办函〔2021〕30号): six rows in table 二, 25 in table 三. "Not found"
is a claim: a row whose label is in the table (its numbering and most of its
text) but whose values could not be read is reported by E001, not here.

## Why it matters
The format is fixed nationally so that reports can be compared and summed. A
missing row hides a figure; it also makes the table's sums impossible to check.
(The superseded 2019 form of table 三, with one `（六）其他处理` row instead of three,
is reported by S008, not here.)

## Example
Table 三 goes from `（五）不予处理 5.要求行政机关确认或重新出具已获取信息` straight to
`（七）总计`: the three rows of `（六）其他处理` are missing.

## How to fix
Restore the missing row with its values (`0` where there were none). If the row
is there but was not recognised, check its label against the template
(`xxgk inspect FILE` shows what was read).
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if let Some(t) = &r.active {
        for (i, row) in t.rows.iter().enumerate() {
            if row.is_none() && !t.problems.iter().any(|p| p.row == Some(i)) {
                out.push(RULE.diag(
                    t.span,
                    format!("表二中找不到「{}」这一行", TABLE2_ROWS[i].text),
                ));
            }
        }
    }
    if let Some(t) = &r.applications {
        for (i, row) in t.rows.iter().enumerate() {
            let legacy_gap = t.legacy_other.is_some() && TABLE3_OTHER_SUBROWS.contains(&i);
            if row.is_none() && !legacy_gap && !t.problems.iter().any(|p| p.row == Some(i)) {
                out.push(RULE.diag(
                    t.span,
                    format!("表三中找不到「{}」这一行", TABLE3_ROWS[i].label()),
                ));
            }
        }
    }
}
