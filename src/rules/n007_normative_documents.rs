//! N007: 行政规范性文件 issued or in force in the text against table 二.

use super::narrative::{claims, compare, pattern};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::TABLE2_OFFSETS;
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N007",
    name: "normative-documents-mismatch",
    severity: Severity::Warning,
    fixable: false,
    check,
};

static IN_FORCE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:现行有效|尚余有效|仍然有效|继续有效)(?:的)?(?:行政)?规范性文件[^。；，]{0,4}?{N}件",
    )
});
static ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件[^。；，]{0,4}?{N}件")
});
static NONE_ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:未|没有)[^。；，]{0,4}?(?:制作|制发|印发|出台|制定|发布)[^。；，]{0,6}?规范性文件")
});

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let values = ctx.report.active_values();
    let base = TABLE2_OFFSETS[crate::template::TABLE2_NORMATIVE_ROW];
    if let Some(cell) = values[base + crate::template::TABLE2_IN_FORCE] {
        if let Some(v) = cell.int() {
            // Every pattern here needs 规范性文件: a cheap test before the regex.
            let cs = claims(ctx, &IN_FORCE, None, &|s| s.contains("规范性文件"));
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
            let cs = claims(ctx, &ISSUED, Some(&NONE_ISSUED), &|s| {
                s.contains("规范性文件")
            });
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
