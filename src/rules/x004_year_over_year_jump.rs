//! X004 (opt-in): a table figure that changed by more than a factor against
//! last year's report.

use super::util::{cell_name, previous_year};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cell, Report};
use crate::template::{
    TABLE2_OFFSETS, TABLE2_ROWS, TABLE3_ROWS, TABLE3_TOTAL_COLUMN, TABLE4_GROUPS, TABLE4_RESULTS,
};

pub static RULE: Rule = Rule {
    code: "X004",
    name: "year-over-year-jump",
    severity: Severity::Warning,
    summary: "Opt-in: a table figure changed by more than a factor (default 10×) against last year's report",
    explanation: r#"## What it checks
默认不启用（在 `xxgk.toml` 写 `[rules] X004 = "warning"`，或 `--extend-select X004`）。有上一
年度报告时，比较表二的全部数、表三「总计」列各行、表四的全部数与上年同一格：两年都不小于 10
且大者超过小者的阈值倍（默认 10 倍）时，或一年为 0 而另一年不小于阈值的两倍（默认 20）时报告
（警告）。小数字的变化（3 到 0，2 到 25 以外的）不报告：小数字的倍数没有意义。阈值可设：
`[rules.X004]` 下写 `threshold = 5`。这不是错误，只提示审查人再看一眼：数字可能是真的，也
可能多打或少打了一位，或者单位错了。

Off by default (turn it on with `[rules] X004 = "warning"` or `--extend-select X004`). Given
last year's report, every value of table 二, the 总计 column of table 三 and every value of
table 四 against the same cell last year: reported when both are at least 10 and one is more
than the threshold (default 10) times the other, or when one is 0 and the other at least twice
the threshold (20). `[rules.X004] threshold = 5` sets the factor.

## Why it matters
评估和审查时，一个数与上年相差十倍以上，常常是多打了一个 0、单位弄错（元与万元）或填错了行，
值得核对。 A tenfold change is often a typing or unit slip; a reviewer should look twice.

## Example
2023 年表二「行政处罚」为 980，2024 年为 98001。

## How to fix
核对原始台账；数字有误就改正，数字无误不必改动（可用 `<!-- xxgk-disable-next-line X004 -->`
标注已核对）。 Check the figure against the records; if it is right, leave it (or suppress the finding).
"#,
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
    for (i, group) in TABLE4_GROUPS.iter().enumerate() {
        for (j, result) in TABLE4_RESULTS.iter().enumerate() {
            if let Some(cell) = r.review_cell(i * TABLE4_RESULTS.len() + j) {
                out.push((format!("表四「{group}」「{result}」"), cell));
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
