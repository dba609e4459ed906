//! N005: 行政复议 cases in the text against table 四.

use super::narrative::{about_disclosure, claims_except, compare, pattern};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{T4Group, T4Result};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N005",
    name: "review-count-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

static COUNT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"行政复议[^。；，、]{0,4}?{N}(?:件|起|宗|次)"));
static NONE: LazyLock<Regex> = LazyLock::new(|| {
    // A verb after the negation, or 无 not followed by 一: "确保无一例…行政复议"
    // is not a count of zero.
    pattern(
        r"(?:(?:未|没有)(?:发生|引发|出现|产生|收到|被申请)[^。；，]{0,16}?行政复议)|(?:无[^。；，一]{0,12}?行政复议)",
    )
});

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(cell) = ctx.report.review_cell(T4Group::Review, T4Result::Total) else {
        return;
    };
    let Some(v) = cell.int() else { return };
    // Both patterns need 行政复议: a cheap test before the regexes.
    // The disclosure must be named before the count: `办理行政复议案件120件，
    // 其中涉及政府信息公开的5件` counts all cases.
    let cs = claims_except(
        ctx,
        &COUNT,
        Some(&NONE),
        &|s| s.contains("行政复议") && about_disclosure(s),
        &[],
        &about_disclosure,
    );
    compare(&RULE, cs, &[v], "行政复议", Some(cell), v, out);
}
