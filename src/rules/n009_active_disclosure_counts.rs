//! N009: 行政许可, 行政处罚 and 行政强制 decisions counted in the text against
//! table 二's 本年处理决定数量, and 规章 issued or in force against its first row.

use super::narrative::{compare, sentences_with, CountSpec, Pattern, Piece, Piece::*};
use super::vocabulary::{CLAUSE, DECISION_UNITS, IN_FORCE, NEGATION, PIECE};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{
    TABLE2_DECISION_ROWS, TABLE2_IN_FORCE, TABLE2_ISSUED, TABLE2_OFFSETS, TABLE2_ROWS,
    TABLE2_RULES_ROW,
};

pub static RULE: Rule = Rule {
    code: "N009",
    name: "active-disclosure-counts",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// The table 二 rows this rule reads: 行政许可, 行政处罚, 行政强制.
pub(super) const KINDS: [usize; 3] = TABLE2_DECISION_ROWS;

/// A count of one kind after the kind's word (`kind`): an optional noun,
/// verb and `共`/`为`, then the number. Nothing else may stand between
/// (`行政处罚听证3起` is not a count of decisions).
pub(super) const fn decision_count<'a>(kind: &'a [&'a str]) -> [Piece<'a>; 10] {
    [
        Word(kind),
        Opt(&["处理"]),
        Opt(&["决定书", "决定", "案件", "事项", "措施", "执行"]),
        Opt(&["办理", "办结", "作出", "实施"]),
        Opt(&["数量", "件数", "总数"]),
        Opt(&["共计", "共", "合计", "总计", "累计"]),
        Opt(&["为", "达到", "达", "有"]),
        Space,
        Count,
        Word(DECISION_UNITS),
    ]
}

/// None of a kind: `未作出行政强制决定`, `无行政处罚案件`.
pub(super) const fn no_decision<'a>(kind: &'a [&'a str]) -> ([Piece<'a>; 4], [Piece<'a>; 3]) {
    (
        [
            Word(NEGATION),
            Word(&["作出", "实施", "发生", "办理", "采取"]),
            Gap(4, CLAUSE),
            Word(kind),
        ],
        [Word(&["无"]), Opt(&["任何"]), Word(kind)],
    )
}

/// Each kind's word (the row's label), as the one-word list its patterns name.
static KIND_WORDS: [[&str; 1]; 3] = [
    [TABLE2_ROWS[KINDS[0]].text],
    [TABLE2_ROWS[KINDS[1]].text],
    [TABLE2_ROWS[KINDS[2]].text],
];
static COUNTS: [[Piece; 10]; 3] = [
    decision_count(&KIND_WORDS[0]),
    decision_count(&KIND_WORDS[1]),
    decision_count(&KIND_WORDS[2]),
];
static NONES: [([Piece; 4], [Piece; 3]); 3] = [
    no_decision(&KIND_WORDS[0]),
    no_decision(&KIND_WORDS[1]),
    no_decision(&KIND_WORDS[2]),
];
/// Each kind's count and statements of none, built at compile time (not per
/// report: a pattern's first characters are worked out when it is built).
static PATTERNS: [(Pattern, Pattern); 3] = [
    (
        Pattern::new(&[&COUNTS[0]]),
        Pattern::new(&[&NONES[0].0, &NONES[0].1]),
    ),
    (
        Pattern::new(&[&COUNTS[1]]),
        Pattern::new(&[&NONES[1].0, &NONES[1].1]),
    ),
    (
        Pattern::new(&[&COUNTS[2]]),
        Pattern::new(&[&NONES[2].0, &NONES[2].1]),
    ),
];

/// Words between the kind and its number that make the number something else.
const GAP_WORDS: &[&str] = &[
    "申请", "受理", "咨询", "清单", "目录", "信息", "公示", "人次",
];

/// 规章 in force and issued (table 二's first row; N007 reads the second,
/// 行政规范性文件). The number follows 规章 at once (or after 共/为), so that
/// 规章制度 (a body's internal rules) is never read as 规章. Both specs
/// need 规章: other sentences are skipped before matching.
pub(super) static RULES_IN_FORCE: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(IN_FORCE),
        Opt(&["的"]),
        Opt(&["政府"]),
        Word(&["规章"]),
        Opt(&["共", "为", "有"]),
        Count,
        Word(PIECE),
    ]]),
    needs: &["规章"],
    ..CountSpec::EMPTY
};
pub(super) static RULES_ISSUED: CountSpec = CountSpec {
    claim: Pattern::new(&[&[
        Word(&["制定", "制发", "出台", "印发"]),
        Opt(&["了"]),
        Opt(&["政府"]),
        Word(&["规章"]),
        Opt(&["共", "为"]),
        Count,
        Word(PIECE),
    ]]),
    zero: Pattern::new(&[&[
        Word(NEGATION),
        Word(&["制定", "制发", "出台", "印发", "发布"]),
        Opt(&["新的"]),
        Opt(&["政府"]),
        Word(&["规章"]),
        MarkOrEnd("。；，、"),
    ]]),
    needs: &["规章"],
    ..CountSpec::EMPTY
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    check_rules(ctx, out);
    let values = ctx.report.active_values();
    // Every kind's word starts with 行政: one test a sentence for the three.
    debug_assert!(KINDS
        .iter()
        .all(|&r| TABLE2_ROWS[r].text.starts_with("行政")));
    let texts = sentences_with(ctx, "行政");
    for (row, &(claim, zero)) in KINDS.into_iter().zip(&PATTERNS) {
        let Some(cell) = values[TABLE2_OFFSETS[row]] else {
            continue;
        };
        let Some(v) = cell.int() else { continue };
        let word = TABLE2_ROWS[row].text;
        let kind = [word];
        let before = |upto: &str| this_years_own_count(upto, word);
        let spec = CountSpec {
            claim,
            zero,
            needs: &kind,
            gap_words: GAP_WORDS,
            before: &before,
            ..CountSpec::EMPTY
        };
        let cs = spec.claims_in(texts.iter().copied());
        // Without claims there is nothing to compare (nor a message to word).
        if !cs.is_empty() {
            compare(&RULE, cs, &[v], &format!("{word}决定"), Some(cell), v, out);
        }
    }
}

/// 规章 issued (本年制发件数) and in force (现行有效件数).
fn check_rules(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let values = ctx.report.active_values();
    let base = TABLE2_OFFSETS[TABLE2_RULES_ROW];
    let columns = [
        (base + TABLE2_ISSUED, &RULES_ISSUED, "本年制发规章"),
        (base + TABLE2_IN_FORCE, &RULES_IN_FORCE, "现行有效的规章"),
    ];
    // Both specs need 规章: one test a sentence for the two.
    let texts = sentences_with(ctx, "规章");
    for (i, spec, what) in columns {
        let Some(cell) = values[i] else { continue };
        let Some(v) = cell.int() else { continue };
        let cs = spec.claims_in(texts.iter().copied());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns built at compile time are those of each kind's row, in
    /// the order of `KINDS` (the differential tests build them at run time).
    #[test]
    fn static_patterns_are_each_kinds() {
        for (i, &row) in KINDS.iter().enumerate() {
            let kind = [TABLE2_ROWS[row].text];
            let (claim, zero) = PATTERNS[i];
            let (verb, plain) = no_decision(&kind);
            let want: [&[Piece]; 1] = [&decision_count(&kind)];
            assert_eq!(format!("{:?}", claim.seqs), format!("{want:?}"));
            let want: [&[Piece]; 2] = [&verb, &plain];
            assert_eq!(format!("{:?}", zero.seqs), format!("{want:?}"));
        }
    }
}
