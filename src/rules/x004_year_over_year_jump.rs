//! X004 (opt-in): a table figure that changed by more than a factor against
//! last year's report.

use super::util::{cell_name, previous_year};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cell, Report};
use crate::template::{
    T4Group, T4Result, TABLE2_OFFSETS, TABLE2_ROWS, TABLE3_ROWS, TABLE3_TOTAL_COLUMN,
};

pub static RULE: Rule = Rule {
    code: "X004",
    name: "year-over-year-jump",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// Below this, a ratio says little (3 → 0, 2 → 15).
const SMALL: f64 = 10.0;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((prev, year)) = previous_year(ctx) else {
        return;
    };
    let factor = ctx.threshold(&RULE);
    let last = figures(prev.report);
    for (name, cell) in figures(ctx.report) {
        let Some(then) = last
            .iter()
            .find(|l| l.0 == name)
            .and_then(|l| l.1.value.number())
        else {
            continue;
        };
        let Some(now) = cell.value.number() else {
            continue;
        };
        if !jump(then, now, factor) {
            continue;
        }
        out.push(
            RULE.diag(
                cell.span,
                format!(
                    "{name}为{now}，{}年度报告为{then}，变化超过{factor}倍，请核对",
                    year - 1
                ),
            )
            .with_primary_label(format!("上年 {then}")),
        );
    }
}

/// A change by more than `factor` between figures large enough to mean it.
fn jump(a: f64, b: f64, factor: f64) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    if lo == 0.0 {
        hi >= 2.0 * factor
    } else {
        lo >= SMALL && hi > factor * lo
    }
}

/// Every figure this rule compares, named as the message shows it.
fn figures(r: &Report) -> Vec<(String, &Cell)> {
    let mut out = Vec::new();
    let values = r.active_values();
    for (row, spec) in TABLE2_ROWS.iter().enumerate() {
        for (c, col) in spec.columns.iter().enumerate() {
            if let Some(cell) = values[TABLE2_OFFSETS[row] + c] {
                out.push((format!("表二「{}」「{col}」", spec.text), cell));
            }
        }
    }
    for row in 0..TABLE3_ROWS.len() {
        if let Some(cell) = r.app_cell(row, TABLE3_TOTAL_COLUMN) {
            out.push((format!("表三{}", cell_name(row, TABLE3_TOTAL_COLUMN)), cell));
        }
    }
    for group in T4Group::ALL {
        for result in T4Result::ALL {
            if let Some(cell) = r.review_cell(group, result) {
                let (g, res) = (group.label(), result.label());
                out.push((format!("表四「{g}」「{res}」"), cell));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::jump;

    #[test]
    fn jumps() {
        assert!(jump(980.0, 98001.0, 10.0));
        assert!(
            !jump(980.0, 9800.0, 10.0),
            "exactly 10× is not more than 10×"
        );
        assert!(!jump(3.0, 0.0, 10.0));
        assert!(!jump(2.0, 25.0, 10.0), "2 is too small to compare");
        assert!(jump(0.0, 20.0, 10.0));
        assert!(!jump(0.0, 19.0, 10.0));
        assert!(jump(10.0, 60.0, 5.0));
    }
}
