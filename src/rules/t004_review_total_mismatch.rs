//! T004: a table 四 group whose 总计 is not 维持 + 纠正 + 其他 + 尚未审结.

use super::util::total_mismatch;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::relations::RelationKind;
use crate::template::TABLE4_GROUPS;

pub static RULE: Rule = Rule {
    code: "T004",
    name: "review-total-mismatch",
    severity: Severity::Error,
    fixable: true,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::ReviewGroup)
    {
        if r.holds() != Some(false) {
            continue;
        }
        let group = TABLE4_GROUPS[r.column.unwrap_or(0)];
        let message = format!(
            "表四「{group}」：总计为{}，但四项结果之和为{}",
            r.lhs_sum().unwrap_or(0),
            r.rhs_sum().unwrap_or(0)
        );
        out.push(total_mismatch(&RULE, r, message, "将总计改为"));
    }
}
