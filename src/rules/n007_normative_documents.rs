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
    summary: "The text's count of 规范性文件 issued or in force differs from table 二",
    explanation: r#"## What it checks
Sentences counting normative documents — `尚余有效规范性文件7件`, `现行有效行政规范性文件12件`
(against 现行有效件数), `制发规范性文件3件`, `未制作和发布规范性文件` (0) (against 本年制发件数) —
against table 二's 行政规范性文件 row.

## Why it matters
The 现行有效 figure is the one readers rely on to know which documents still bind them; text and
table must agree.

## Example
`现行有效规范性文件8件` while table 二 says 7.

## How to fix
Correct the sentence or the table.
"#,
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
    if let Some(cell) = values[base + 2] {
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
