//! N005: 行政复议 cases in the text against table 四.

use super::narrative::{about_disclosure, compare, CountSpec, Pattern, Piece::*};
use super::vocabulary::{CASE_UNITS, CLAUSE, CLAUSE_OR_ITEM, DISCLOSURE, NEGATION};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{T4Group, T4Result};

pub static RULE: Rule = Rule {
    code: "N005",
    name: "review-count-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

/// `行政复议…N件`, or none: a verb after the negation, or 无 not followed by
/// 一 ("确保无一例…行政复议" is not a count of zero). Only in sentences about
/// disclosure, and the disclosure must be named before the count:
/// `办理行政复议案件120件，其中涉及政府信息公开的5件` counts all cases.
pub(super) static REVIEWS: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["行政复议"]),
        Gap(4, CLAUSE_OR_ITEM),
        Count,
        Word(CASE_UNITS),
    ]]),
    zero: Pattern::new(&[
        &[
            Word(NEGATION),
            Word(&["发生", "引发", "出现", "产生", "收到", "被申请"]),
            Gap(16, CLAUSE),
            Word(&["行政复议"]),
        ],
        &[Word(&["无"]), Gap(12, "。；，一"), Word(&["行政复议"])],
    ]),
    needs: &["行政复议"],
    needs_any: DISCLOSURE,
    before: &about_disclosure,
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(cell) = ctx.report.review_cell(T4Group::Review, T4Result::Total) else {
        return;
    };
    let Some(v) = cell.int() else { return };
    let cs = REVIEWS.claims(ctx);
    compare(&RULE, cs, &[v], "行政复议", Some(cell), v, out);
}
