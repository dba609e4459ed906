//! T002: a table 三 row whose 总计 is not the sum of the six applicant columns.

use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::RelationKind;
use crate::template::TABLE3_ROWS;

pub static RULE: Rule = Rule {
    code: "T002",
    name: "row-total-mismatch",
    severity: Severity::Error,
    summary: "Table 三: a row's 总计 differs from the sum of its six applicant columns",
    explanation: r#"## What it checks
In every row of table 三, the 总计 column equals 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
法律服务机构 + 其他.

## Why it matters
The 总计 column is what summaries use; a wrong total misstates the body's workload even when
every other cell is right.

## Example
```
一、本年新收政府信息公开申请数量  34 0 0 0 0 0 35
```
34 + 0 + 0 + 0 + 0 + 0 = 34, not 35.

## How to fix
Correct the total, or the applicant column that is wrong. The offered fix replaces the total
with the sum (unsafe: the wrong number may be a part).
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::RowTotal)
    {
        if r.holds() != Some(false) {
            continue;
        }
        let row = r.row.unwrap_or(0);
        let message = format!(
            "表三「{}」行：总计为{}，但六类申请人之和为{}",
            TABLE3_ROWS[row].label(),
            r.lhs_sum().unwrap_or(0),
            r.rhs_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, r, message, "将总计改为"));
    }
}
