//! S008: the 2019 trial form of table 三 (one （六）其他处理 row) in a report for 2021 or later.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S008",
    name: "superseded-applications-table",
    severity: Severity::Warning,
    summary: "Table 三 uses the superseded 2019 form with a single （六）其他处理 row",
    explanation: r#"## What it checks
That table 三 of a report for 2021 or later splits `（六）其他处理` into its three rows:
1. 申请人无正当理由逾期不补正… 2. 申请人逾期未按收费通知要求缴纳费用… 3. 其他.

## Why it matters
The 2021 format added the split so that applications abandoned after a fee notice (the
信息处理费 introduced by 国办函〔2020〕109号) are counted separately. A single row hides them.

## Example
```
（六）其他处理 0 0 0 0 0 0 0
（七）总计 …
```

## How to fix
Replace the row with the three rows of the 2021 template and distribute its figures.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(t) = &ctx.report.applications else {
        return;
    };
    let (Some(row), Some(year)) = (&t.legacy_other, ctx.year()) else {
        return;
    };
    if year >= 2021 {
        out.push(
            RULE.diag(row.label.span, format!("{year}年度报告的表三仍使用2019年试行格式：「（六）其他处理」应分为三行"))
                .with_note("2021年格式：1.申请人无正当理由逾期不补正… 2.申请人逾期未按收费通知要求缴纳费用… 3.其他"),
        );
    }
}
