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
    summary: "The text's number of applications concluded differs from table 三 （七）总计",
    explanation: r#"## What it checks
Sentences about applications that count those concluded — `办结申请33件`, `已答复33件` —
against table 三 row `（七）总计`. Only sentences that speak of 申请 (and not of 行政许可, 政务服务, 热线, 建议, 提案,
信访 or 投诉) are read. Outcome categories (`其中同意公开9件、不予公开2件`) are not the concluded
total and are not compared; nor are changes (`较上年增加5件`), ranges and approximations (`约30件`,
`30余件`).

## Why it matters
（七）总计 is the number of applications concluded; a different figure in the text means one of
the two was not updated.

## Example
`全年共办结依申请公开32件` while （七）总计 is 33.

## How to fix
Correct the sentence or the table.
"#,
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
