//! X002: 现行有效 (Y) = 现行有效 (Y-1) + 本年制发 − 本年废止.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE2_OFFSETS, TABLE2_ROWS};

pub static RULE: Rule = Rule {
    code: "X002",
    name: "in-force-across-years",
    severity: Severity::Error,
    summary: "Table 二: 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止",
    explanation: r#"## What it checks
Given the previous year's report of the same body, for 规章 and 行政规范性文件 in table 二:
this year's 现行有效件数 = last year's 现行有效件数 + this year's 本年制发件数 − 本年废止件数.

## Why it matters
The count of documents in force is a running total; if it does not follow from last year's,
one of the three figures (or last year's report) is wrong.

## Example
2023: 现行有效 7. 2024: 制发 3, 废止 1, 现行有效 7 (should be 9).

## How to fix
Recount the documents in force, issued and repealed.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((prev, year)) = super::util::previous_year(ctx) else {
        return;
    };
    let cur = ctx.report.active_values();
    let last = prev.report.active_values();
    for row in 0..2 {
        let base = TABLE2_OFFSETS[row];
        let int = |v: &[Option<&crate::model::Cell>], i: usize| v[i].and_then(|c| c.int());
        let (Some(issued), Some(repealed), Some(now), Some(before)) = (
            int(&cur, base),
            int(&cur, base + 1),
            int(&cur, base + 2),
            int(&last, base + 2),
        ) else {
            continue;
        };
        let want = before + issued - repealed;
        if now != want {
            let cell = cur[base + 2].expect("checked");
            out.push(
                RULE.diag(cell.span, format!("{}现行有效件数为{now}，但{}年的{before}件＋本年制发{issued}件－本年废止{repealed}件＝{want}件", TABLE2_ROWS[row].text, year - 1))
                    .with_primary_label(format!("应为 {want}")),
            );
        }
    }
}
