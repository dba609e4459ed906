//! N007: 行政规范性文件 issued or in force in the text against table 二.

use super::narrative::{compare, sentences_with, CountSpec, Pattern, Piece::*};
use super::vocabulary::{CLAUSE, IN_FORCE, NEGATION, PIECE};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::TABLE2_OFFSETS;

pub static RULE: Rule = Rule {
    code: "N007",
    name: "normative-documents-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// `现行有效的（行政）规范性文件…N件` (both specs need 规范性文件).
pub(super) static STILL_IN_FORCE: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(IN_FORCE),
        Opt(&["的"]),
        Opt(&["行政"]),
        Word(&["规范性文件"]),
        Gap(4, CLAUSE),
        Count,
        Word(PIECE),
    ]]),
    needs: &["规范性文件"],
    ..CountSpec::EMPTY
};

/// `制发（了）（行政）规范性文件…N件`, or `未…制发…规范性文件`.
pub(super) static ISSUED: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["制发", "印发", "出台", "制定"]),
        Opt(&["了"]),
        Opt(&["行政"]),
        Word(&["规范性文件"]),
        Gap(4, CLAUSE),
        Count,
        Word(PIECE),
    ]]),
    zero: Pattern::new(&[&[
        Word(NEGATION),
        Gap(4, CLAUSE),
        Word(&["制作", "制发", "印发", "出台", "制定", "发布"]),
        Gap(6, CLAUSE),
        Word(&["规范性文件"]),
    ]]),
    needs: &["规范性文件"],
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let values = ctx.report.active_values();
    let base = TABLE2_OFFSETS[crate::template::TABLE2_NORMATIVE_ROW];
    // Both specs need 规范性文件: one test a sentence for the two.
    let texts = sentences_with(ctx, "规范性文件");
    if let Some(cell) = values[base + crate::template::TABLE2_IN_FORCE] {
        if let Some(v) = cell.int() {
            let cs = STILL_IN_FORCE.claims_in(texts.iter().copied());
            compare(
                &RULE,
                cs,
                &[v],
                "现行有效的行政规范性文件",
                Some(cell),
                v,
                out,
            );
        }
    }
    if let Some(cell) = values[base] {
        if let Some(v) = cell.int() {
            let cs = ISSUED.claims_in(texts.iter().copied());
            compare(
                &RULE,
                cs,
                &[v],
                "本年制发行政规范性文件",
                Some(cell),
                v,
                out,
            );
        }
    }
}
