//! N006: 行政诉讼 cases in the text against table 四.

use super::narrative::{about_disclosure, compare, CountSpec, Pattern, Piece::*};
use super::vocabulary::{CASE_UNITS, CLAUSE, CLAUSE_OR_ITEM, DISCLOSURE, NEGATION};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{T4Group, T4Result};

pub static RULE: Rule = Rule {
    code: "N006",
    name: "litigation-count-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

/// `行政诉讼…N件`, or none: a verb after the negation, or 无 not followed by
/// 一 ("确保无一例…行政诉讼败诉" is not a count of zero). Only in sentences
/// about disclosure, and the disclosure must be named before the count:
/// `办理行政复议案件120件，其中涉及政府信息公开的5件` counts all cases.
pub(super) static LAWSUITS: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["行政诉讼"]),
        Gap(4, CLAUSE_OR_ITEM),
        Count,
        Word(CASE_UNITS),
    ]]),
    zero: Pattern::new(&[
        &[
            Word(NEGATION),
            Word(&["发生", "引发", "出现", "产生", "被提起", "收到"]),
            Gap(20, CLAUSE),
            Word(&["行政诉讼"]),
        ],
        &[Word(&["无"]), Gap(12, "。；，一"), Word(&["行政诉讼"])],
    ]),
    needs: &["行政诉讼"],
    needs_any: DISCLOSURE,
    before: &about_disclosure,
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(a), Some(b)) = (
        ctx.report
            .review_cell(T4Group::LawsuitDirect, T4Result::Total),
        ctx.report
            .review_cell(T4Group::LawsuitAfterReview, T4Result::Total),
    ) else {
        return;
    };
    let (Some(x), Some(y)) = (a.int(), b.int()) else {
        return;
    };
    let cs = LAWSUITS.claims(ctx);
    compare(&RULE, cs, &[x + y], "行政诉讼", Some(a), x + y, out);
}
