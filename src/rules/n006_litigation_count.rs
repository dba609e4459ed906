//! N006: 行政诉讼 cases in the text against table 四.

use super::narrative::about_disclosure;
use super::narrative::{claims_except, compare, pattern};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{T4Group, T4Result};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N006",
    name: "litigation-count-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

static COUNT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"行政诉讼[^。；，、]{0,4}?{N}(?:件|起|宗|次)"));
static NONE: LazyLock<Regex> = LazyLock::new(|| {
    // A verb after the negation, or 无 not followed by 一: "确保无一例…行政诉讼败诉"
    // is not a count of zero.
    pattern(
        r"(?:(?:未|没有)(?:发生|引发|出现|产生|被提起|收到)[^。；，]{0,20}?行政诉讼)|(?:无[^。；，一]{0,12}?行政诉讼)",
    )
});

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(a), Some(b)) = (
        ctx.report
            .review_cell(T4Group::LawsuitDirect, T4Result::Total),
        ctx.report
            .review_cell(T4Group::LawsuitAfterReview, T4Result::Total),
    ) else {
        return;
    };
    let (Some(x), Some(y)) = (a.int(), b.int()) else {
        return;
    };
    // Both patterns need 行政诉讼: a cheap test before the regexes.
    // The disclosure must be named before the count: `办理行政复议案件120件，
    // 其中涉及政府信息公开的5件` counts all cases.
    let cs = claims_except(
        ctx,
        &COUNT,
        Some(&NONE),
        &|s| s.contains("行政诉讼") && about_disclosure(s),
        &[],
        &about_disclosure,
    );
    compare(&RULE, cs, &[x + y], "行政诉讼", Some(a), x + y, out);
}
