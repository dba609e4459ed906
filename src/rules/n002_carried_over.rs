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
    summary: "The text's number of applications carried over differs from table 三 row 二",
    explanation: r#"## What it checks
Sentences such as `上年结转申请2件` against table 三 row 二 (上年结转政府信息公开申请数量) 总计.

## Why it matters
The narrative and the table must tell the same story; a difference means one was not updated.

## Example
`上年结转2件` while row 二 总计 is 0.

## How to fix
Correct the sentence or the table (and check row 四 of last year's report, see X001).
"#,
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
