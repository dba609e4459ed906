//! X002: 现行有效 (Y) = 现行有效 (Y-1) + 本年制发 − 本年废止.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE2_OFFSETS, TABLE2_ROWS};

pub static RULE: Rule = Rule {
    code: "X002",
    name: "in-force-across-years",
    severity: Severity::Error,
    fixable: false,
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
            int(&cur, base + crate::template::TABLE2_IN_FORCE),
            int(&last, base + crate::template::TABLE2_IN_FORCE),
        ) else {
            continue;
        };
        let want = before + issued - repealed;
        if now != want {
            let cell = cur[base + crate::template::TABLE2_IN_FORCE].expect("checked");
            out.push(
                RULE.diag(cell.span, format!("{}现行有效件数为{now}，但{}年的{before}件＋本年制发{issued}件－本年废止{repealed}件＝{want}件", TABLE2_ROWS[row].text, year - 1))
                    .with_primary_label(format!("应为 {want}")),
            );
        }
    }
}
