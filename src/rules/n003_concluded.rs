//! N003: applications concluded in the text against table 三 （七）总计.

use super::narrative::{claims_except, compare, pattern, OTHER_MATTERS};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_OUTCOME_TOTAL, TABLE3_TOTAL_COLUMN};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N003",
    name: "concluded-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

static DONE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:办结|答复|办理完毕|处理完毕)[^。；，]{0,8}?{N}件"));

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(v) = r.app_int(TABLE3_OUTCOME_TOTAL, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let relevant = |s: &str| {
        // The pattern needs 件: a cheap test before the regex.
        s.contains('件') && s.contains("申请") && !OTHER_MATTERS.iter().any(|w| s.contains(w))
    };
    // 同意公开9件、不予公开2件 are outcome categories, not the concluded total.
    let categories = ["其中", "同意", "予以", "不予", "部分", "转", "无法", "告知"];
    let cs = claims_except(ctx, &DONE, None, &relevant, &categories, &|_| true);
    compare(
        &RULE,
        cs,
        &[v],
        "办结申请",
        r.app_cell(TABLE3_OUTCOME_TOTAL, TABLE3_TOTAL_COLUMN),
        v,
        out,
    );
}
