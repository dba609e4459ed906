//! N001: the number of applications received in the text against table 三 row 一.

use super::narrative::{claims, compare, pattern, OTHER_MATTERS};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_OVER, TABLE3_NEW, TABLE3_TOTAL_COLUMN};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N001",
    name: "applications-received-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:收到|受理|接收|接到|新收)[^。；，、]{0,16}?申请[^。；，]{0,8}?{N}(?:件|个|条|份|宗|次)",
    )
});
static NONE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:未|没有)(?:收到|受理|接到)[^。；，]{0,16}?申请"));

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(new) = r.app_int(TABLE3_NEW, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let over = r
        .app_int(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN)
        .unwrap_or(0);
    // Both patterns need 申请: sentences without it are skipped before any regex runs.
    let cs = claims(ctx, &RECEIVED, Some(&NONE), &|s| {
        s.contains("申请") && !OTHER_MATTERS.iter().any(|w| s.contains(w))
    });
    let first = out.len();
    compare(
        &RULE,
        cs,
        &[new, new + over],
        "收到政府信息公开申请",
        r.app_cell(TABLE3_NEW, TABLE3_TOTAL_COLUMN),
        new,
        out,
    );
    // A total with the carried-over applications in is consistent too: say so.
    if over > 0 {
        for d in &mut out[first..] {
            let note = format!(
                "本年新收{new}件，加上年结转{over}件共{}件；正文的数与两者都不相等",
                new + over
            );
            d.notes.push(note);
        }
    }
}
