//! N003: applications concluded in the text against table 三 （七）总计.

use super::narrative::{compare, CountSpec, Pattern, Piece::*};
use super::vocabulary::{CLAUSE, PIECE};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_OUTCOME_TOTAL, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "N003",
    name: "concluded-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// `办结…N件`, read only in sentences about disclosure applications
/// (`Context::application_texts`; the count needs 件).
pub(super) static DONE: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["办结", "答复", "办理完毕", "处理完毕"]),
        Gap(8, CLAUSE),
        Count,
        Word(PIECE),
    ]]),
    needs: &["件"],
    // 同意公开9件、不予公开2件 are outcome categories, not the concluded total.
    gap_words: &["其中", "同意", "予以", "不予", "部分", "转", "无法", "告知"],
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(v) = r.app_int(TABLE3_OUTCOME_TOTAL, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let cs = DONE.claims_in(ctx.application_texts());
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
