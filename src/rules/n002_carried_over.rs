//! N002: applications carried over from last year in the text against table 三 row 二.

use super::narrative::{claims, compare, pattern};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N002",
    name: "carried-over-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

static OVER: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"上(?:一)?年(?:度)?结转[^。；，]{0,10}?{N}件"));

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(v) = r.app_int(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    // The pattern needs 结转: a cheap test before the regex.
    let cs = claims(ctx, &OVER, None, &|s| {
        s.contains("结转") && s.contains("申请")
    });
    compare(
        &RULE,
        cs,
        &[v],
        "上年结转申请",
        r.app_cell(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN),
        v,
        out,
    );
}
