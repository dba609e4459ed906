//! F002: the text says no fee in one place and an amount in another.

use super::{fees, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "F002",
    name: "fee-contradiction",
    severity: Severity::Error,
    fixable: false,
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
