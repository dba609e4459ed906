//! N004: applications carried forward in the text against table 三 row 四.

use super::narrative::{compare, CountSpec, Pattern, Piece::*};
use super::vocabulary::{CLAUSE, PIECE};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_FORWARD, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "N004",
    name: "carried-forward-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// `结转（至）下（一）年（度）…N件`.
pub(super) static FORWARD: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["结转"]),
        Opt(&["至", "到"]),
        Word(&["下"]),
        Opt(&["一"]),
        Word(&["年"]),
        Opt(&["度"]),
        Gap(8, CLAUSE),
        Count,
        Word(PIECE),
    ]]),
    needs: &["结转"],
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(v) = r.app_int(TABLE3_CARRIED_FORWARD, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let cs = FORWARD.claims(ctx);
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
