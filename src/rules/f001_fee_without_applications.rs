//! F001: a 信息处理费 charged while table 三 shows no applications.

use super::{fees, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_OVER, TABLE3_NEW, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "F001",
    name: "fee-without-applications",
    severity: Severity::Error,
    summary: "The text says a 信息处理费 was charged, but table 三 has no applications",
    explanation: r#"## What it checks
A statement that a 信息处理费 was charged (`收取信息处理费2950元`) when table 三 counts no
application (row 一 and row 二 总计 both 0). A rate (`收费标准为每件100元`) and a wider scope
(`全市各部门共收取…`) are not this body's charge.

## Why it matters
Under 条例 art. 42 and 国办函〔2020〕109号 a 信息处理费 can only arise from applications whose
number or frequency exceeds a reasonable range. With no application there is nothing to
charge for: either the fee statement or the table is wrong.

## Example
Section 六: `本年度共收取信息处理费2950元。` — table 三 row 一 is all 0.

## How to fix
Correct the fee statement (`本年度未收取信息处理费`) or fill table 三 with the applications.
Note that 行政事业性收费 (table 二 （八）) is not a 信息处理费.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let (Some(new), Some(over)) = (
        r.app_int(TABLE3_NEW, TABLE3_TOTAL_COLUMN),
        r.app_int(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN),
    ) else {
        return;
    };
    if new + over != 0 {
        return;
    }
    for c in fees::charged(ctx) {
        let mut d = RULE.diag(
            c.span,
            format!(
                "正文称收取信息处理费{}，但表三中本年新收和上年结转的申请均为0",
                fees::yuan(c.yuan)
            ),
        );
        if let Some(cell) = r.app_cell(TABLE3_NEW, TABLE3_TOTAL_COLUMN) {
            d = d.with_label(cell.span, "本年新收申请 0");
        }
        out.push(d.with_note("信息处理费只能因依申请公开产生；行政事业性收费不是信息处理费"));
    }
}
