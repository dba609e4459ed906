//! N004: applications carried forward in the text against table 三 row 四.

use super::narrative::{claims, compare, pattern};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_FORWARD, TABLE3_TOTAL_COLUMN};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N004",
    name: "carried-forward-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

static FORWARD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"结转(?:至|到)?下(?:一)?年(?:度)?[^。；，]{0,8}?{N}件"));

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(v) = r.app_int(TABLE3_CARRIED_FORWARD, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    // The pattern needs 结转: a cheap test before the regex.
    let cs = claims(ctx, &FORWARD, None, &|s| s.contains("结转"));
    compare(
        &RULE,
        cs,
        &[v],
        "结转下年度的申请",
        r.app_cell(TABLE3_CARRIED_FORWARD, TABLE3_TOTAL_COLUMN),
        v,
        out,
    );
}
