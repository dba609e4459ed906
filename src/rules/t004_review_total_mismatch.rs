//! T004: a table 四 group whose 总计 is not 维持 + 纠正 + 其他 + 尚未审结.

use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::Relation;

pub static RULE: Rule = Rule {
    code: "T004",
    name: "review-total-mismatch",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx.relations() {
        let Relation::ReviewGroup { group, sum } = r else {
            continue;
        };
        if sum.holds() != Some(false) {
            continue;
        }
        let message = format!(
            "表四「{}」：总计为{}，但四项结果之和为{}",
            group.label(),
            sum.total.value().unwrap_or(0),
            sum.parts_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, sum, message, "将总计改为"));
    }
}
