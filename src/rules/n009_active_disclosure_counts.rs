//! N009: 行政许可, 行政处罚 and 行政强制 decisions counted in the text against
//! table 二's 本年处理决定数量, and 规章 issued or in force against its first row.

use super::narrative::{claims, claims_except, compare, pattern};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{
    TABLE2_DECISION_ROWS, TABLE2_IN_FORCE, TABLE2_ISSUED, TABLE2_OFFSETS, TABLE2_ROWS,
    TABLE2_RULES_ROW,
};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "N009",
    name: "active-disclosure-counts",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// The table 二 rows this rule reads: 行政许可, 行政处罚, 行政强制.
const KINDS: [usize; 3] = TABLE2_DECISION_ROWS;

/// A count of one kind: the kind's word, an optional noun, verb and `共`/`为`,
/// then the number. Nothing else may stand between (`行政处罚听证3起` is not
/// a count of decisions).
static COUNT: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    KINDS.map(|row| {
        let word = TABLE2_ROWS[row].text;
        pattern(&format!(
            r"{word}(?:处理)?(?:决定书?|案件|事项|措施|执行)?(?:办理|办结|作出|实施)?(?:数量|件数|总数)?(?:共计|共|合计|总计|累计)?(?:为|达到|达|有)?\s*{{N}}(?:件|宗|起|个)"
        ))
    })
});

/// None of a kind: `未作出行政强制决定`, `无行政处罚案件`.
static NONE: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    KINDS.map(|row| {
        let word = TABLE2_ROWS[row].text;
        pattern(&format!(
            r"(?:(?:未|没有)(?:作出|实施|发生|办理|采取)[^。；，]{{0,4}}?|无(?:任何)?){word}"
        ))
    })
});

/// Words between the kind and its number that make the number something else.
const GAP_WORDS: &[&str] = &[
    "申请", "受理", "咨询", "清单", "目录", "信息", "公示", "人次",
];

/// 规章 in force and issued (table 二's first row; N007 reads the second,
/// 行政规范性文件). The number follows 规章 at once (or after 共/为), so that
/// 规章制度 (a body's internal rules) is never read as 规章.
static RULES_IN_FORCE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:现行有效|尚余有效|仍然有效|继续有效)(?:的)?(?:政府)?规章(?:共|为|有)?{N}件")
});
static RULES_ISSUED: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:制定|制发|出台|印发)(?:了)?(?:政府)?规章(?:共|为)?{N}件"));
static RULES_NONE_ISSUED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:未|没有)(?:制定|制发|出台|印发|发布)(?:新的)?(?:政府)?规章(?:[。；，、]|$)")
});

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_rules(ctx, out);
    let values = ctx.report.active_values();
    for (i, &row) in KINDS.iter().enumerate() {
        let Some(cell) = values[TABLE2_OFFSETS[row]] else {
            continue;
        };
        let Some(v) = cell.int() else { continue };
        let word = TABLE2_ROWS[row].text;
        let cs = claims_except(
            ctx,
            &COUNT[i],
            Some(&NONE[i]),
            &|s| s.contains(word),
            GAP_WORDS,
            &|upto| this_years_own_count(upto, word),
        );
        compare(&RULE, cs, &[v], &format!("{word}决定"), Some(cell), v, out);
    }
}

/// 规章 issued (本年制发件数) and in force (现行有效件数).
fn check_rules(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let values = ctx.report.active_values();
    let base = TABLE2_OFFSETS[TABLE2_RULES_ROW];
    let columns = [
        (
            base + TABLE2_ISSUED,
            &*RULES_ISSUED,
            Some(&*RULES_NONE_ISSUED),
            "本年制发规章",
        ),
        (
            base + TABLE2_IN_FORCE,
            &*RULES_IN_FORCE,
            None,
            "现行有效的规章",
        ),
    ];
    for (i, re, zero, what) in columns {
        let Some(cell) = values[i] else { continue };
        let Some(v) = cell.int() else { continue };
        // Every pattern needs 规章: a cheap test before the regex.
        let cs = claims(ctx, re, zero, &|s| s.contains("规章"));
        compare(&RULE, cs, &[v], what, Some(cell), v, out);
    }
}

/// The clause up to the number counts this kind alone, decided this year:
/// not received (受理), not cumulative over years (累计, but 年内累计 is the
/// year), and not two kinds at once (`行政处罚和行政强制案件共N件`).
fn this_years_own_count(upto: &str, word: &str) -> bool {
    let clause_start = upto
        .rfind(['，', '；', '：', '。'])
        .map_or(0, |i| i + '，'.len_utf8());
    let clause = &upto[clause_start..];
    let cumulative = clause.contains("累计")
        && !["年内累计", "全年累计", "本年累计", "本年度累计"]
            .iter()
            .any(|w| clause.contains(w));
    let others = KINDS
        .iter()
        .map(|&r| TABLE2_ROWS[r].text)
        .filter(|w| *w != word)
        .any(|w| clause.contains(w));
    !cumulative && !others && !clause.contains("受理") && !clause.contains("申请")
}
