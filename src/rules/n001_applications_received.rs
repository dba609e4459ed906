//! N001: the number of applications received in the text against table 三 row 一.

use super::narrative::{compare, CountSpec, Pattern, Piece::*};
use super::vocabulary::{APPLICATION_UNITS, CLAUSE, CLAUSE_OR_ITEM, NEGATION};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_OVER, TABLE3_NEW, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "N001",
    name: "applications-received-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

/// `收到…申请…N件`, `未收到…申请`; read only in sentences about disclosure
/// applications (`Context::application_texts`: both need 申请, other
/// sentences are skipped before matching).
pub(super) static RECEIVED: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["收到", "受理", "接收", "接到", "新收"]),
        Gap(16, CLAUSE_OR_ITEM),
        Word(&["申请"]),
        Gap(8, CLAUSE),
        Count,
        Word(APPLICATION_UNITS),
    ]]),
    zero: Pattern::new(&[&[
        Word(NEGATION),
        Word(&["收到", "受理", "接到"]),
        Gap(16, CLAUSE),
        Word(&["申请"]),
    ]]),
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(new) = r.app_int(TABLE3_NEW, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let over = r
        .app_int(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN)
        .unwrap_or(0);
    let cs = RECEIVED.claims_in(ctx.application_texts());
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
