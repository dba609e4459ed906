//! F002: the text says no fee in one place and an amount in another.

use super::{fees, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "F002",
    name: "fee-contradiction",
    severity: Severity::Error,
    summary: "The text says no 信息处理费 was charged and also states an amount",
    explanation: r#"## What it checks
That the report does not both say that no fee was charged (`未收取任何费用`, `收取信息处理费为0`)
and state a positive 信息处理费 (`收取信息处理费2950元`). A rate (`收费标准为每件100元`) and a
wider scope (`全市各部门共收取…`) are not this body's charge.

## Why it matters
Sections 一 and 六 both speak of fees; when one is updated and the other is copied from last
year, the report contradicts itself on a point of law (条例 art. 42).

## Example
Section 一: `本年度依申请公开政府信息未收取任何费用`; section 六: `共收取信息处理费300元`.

## How to fix
Make both statements say what happened.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let none = fees::no_fee(ctx);
    let Some(&first_none) = none.first() else {
        return;
    };
    for c in fees::charged(ctx) {
        out.push(
            RULE.diag(
                c.span,
                format!(
                    "正文称收取信息处理费{}，但另一处称未收取费用",
                    fees::yuan(c.yuan)
                ),
            )
            .with_primary_label("收取了费用")
            .with_label(first_none, "称未收取费用"),
        );
    }
}
