//! N002: applications carried over from last year in the text against table 三 row 二.

use super::narrative::{compare, CountSpec, Pattern, Piece::*};
use super::vocabulary::{CLAUSE, PIECE};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "N002",
    name: "carried-over-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// `上（一）年（度）结转…N件`, in sentences about applications.
pub(super) static OVER: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["上"]),
        Opt(&["一"]),
        Word(&["年"]),
        Opt(&["度"]),
        Word(&["结转"]),
        Gap(10, CLAUSE),
        Count,
        Word(PIECE),
    ]]),
    needs: &["结转", "申请"],
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(v) = r.app_int(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let cs = OVER.claims(ctx);
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
