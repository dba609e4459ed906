//! Counts stated in running text, shared by the N rules: a pattern, the
//! number it captures, and the table figure it must equal.

use super::util::{count, NUM};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::model::Cell;
use crate::span::Span;
use regex::Regex;

/// A count the text states, and where.
pub struct Claim {
    pub value: i64,
    pub span: Span,
}

/// Build a pattern where `{N}` stands for a count.
pub fn pattern(p: &str) -> Regex {
    Regex::new(&p.replace("{N}", NUM)).expect("valid narrative pattern")
}

/// Claims in sentences (outside wider-scope sentences) matching `re` (count in
/// group 1) or `zero` (a negative statement: count 0). `needs` filters sentences.
pub fn claims(
    ctx: &Context,
    re: &Regex,
    zero: Option<&Regex>,
    needs: &dyn Fn(&str) -> bool,
) -> Vec<Claim> {
    claims_except(ctx, re, zero, needs, &[], &|_| true)
}

/// [`claims`], skipping a count when a word of `gap_words` stands between the
/// start of the match and the number (`答复，其中同意公开9件` is a category), or
/// when the sentence up to the number (or to the end of a negation) fails
/// `before` (`办理行政复议案件120件，其中涉及政府信息公开的5件`: the disclosure
/// comes after the count, which is about all cases).
pub fn claims_except(
    ctx: &Context,
    re: &Regex,
    zero: Option<&Regex>,
    needs: &dyn Fn(&str) -> bool,
    gap_words: &[&str],
    before: &dyn Fn(&str) -> bool,
) -> Vec<Claim> {
    let mut out = Vec::new();
    for t in ctx.texts() {
        let s = t.str();
        if t.wider || !needs(s) {
            continue;
        }
        for c in re.captures_iter(s) {
            let (whole, m) = (c.get(0).expect("match"), c.get(1).expect("count group"));
            let gap = &s[whole.start()..m.start()];
            if gap_words.iter().any(|w| gap.contains(w))
                || !exact_count(s, whole.start(), m)
                || !before(&s[..m.start()])
            {
                continue;
            }
            if let Some(value) = count(m.as_str()) {
                out.push(Claim {
                    value,
                    span: t.span(m),
                });
            }
        }
        if let Some(z) = zero {
            for m in z.find_iter(s) {
                if denies_the_count(s, m) && before(&s[..m.end()]) {
                    out.push(Claim {
                        value: 0,
                        span: t.span(m),
                    });
                }
            }
        }
    }
    out
}

/// Sentences about other matters than disclosure applications: 政务服务 and
/// 行政许可 applications, 信访, hotline requests, 人大/政协 proposals, cases.
pub const OTHER_MATTERS: &[&str] = &[
    "建议",
    "提案",
    "复议",
    "诉讼",
    "信访",
    "投诉",
    "举报",
    "许可",
    "审批",
    "政务服务",
    "办件",
    "热线",
    "12345",
    "留言",
    "咨询",
    "来信",
    "网民",
];

/// Words between a verb and its number that make the number something else:
/// a change (`较上年增加5件`) or an outcome (`行政复议纠错0件`).
const NOT_THE_COUNT: &[&str] = &[
    "较",
    "比上",
    "同比",
    "环比",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "纠错",
    "纠正",
    "败诉",
    "撤销",
    "维持",
    "驳回",
    "终止",
    "确认违法",
];

/// Words of the clause before a count that make it part of the whole
/// (`其中通过网络收到申请20件`).
const PART_OF: &[&str] = &[
    "其中", "通过", "网上", "当面", "信函", "邮寄", "传真", "每月", "每周",
];

/// Whether the number `m` of a match starting at `start` states an exact count
/// of the whole: not a change, an outcome, a part, a range (`2至3件`) or an
/// approximation (`约30件`, `30余件`, `30件左右`). When in doubt, not.
fn exact_count(s: &str, start: usize, m: regex::Match) -> bool {
    let gap = &s[start..m.start()];
    let clause_start = s[..start]
        .rfind(['，', '、', '：', ':'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(0, char::len_utf8));
    let clause = &s[clause_start..start];
    let before = gap.chars().next_back();
    let after = &s[m.end()..];
    let after_unit = after.char_indices().nth(1).map_or("", |(i, _)| &after[i..]);
    !NOT_THE_COUNT.iter().any(|w| gap.contains(w))
        && !PART_OF
            .iter()
            .any(|w| clause.contains(w) || gap.contains(w))
        && !before.is_some_and(|c| "约近逾超至到~～-－—、".contains(c))
        && !["余", "多", "来"].iter().any(|w| after.starts_with(w))
        && !["左右", "以上", "以下", "上下"]
            .iter()
            .any(|w| after_unit.starts_with(w))
}

/// A negative statement denies the count, not an outcome: `未发生行政复议被纠错`
/// and `未发生…行政诉讼败诉的情形` say no case was lost, not that there were none;
/// `确保无…行政复议` is an aim.
fn denies_the_count(s: &str, m: regex::Match) -> bool {
    let after: String = s[m.end()..].chars().take(10).collect();
    let after = after.split(['，', '。', '；']).next().unwrap_or("");
    let before: String = s[..m.start()]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    !["纠错", "纠正", "败诉", "撤销", "确认违法", "被改变"]
        .iter()
        .any(|w| after.contains(w))
        && !["确保", "力争", "避免", "防止", "杜绝"]
            .iter()
            .any(|w| before.contains(w))
}

/// Report claims that equal none of the accepted table figures.
pub fn compare(
    rule: &'static Rule,
    claims: Vec<Claim>,
    accepted: &[i64],
    what: &str,
    cell: Option<&Cell>,
    table_value: i64,
    out: &mut Vec<Diagnostic>,
) {
    for c in claims {
        if accepted.contains(&c.value) {
            continue;
        }
        let mut d = rule
            .diag(
                c.span,
                format!("正文称{what}{}件，但表中为{table_value}", c.value),
            )
            .with_primary_label(format!("表中为 {table_value}"));
        if let Some(cell) = cell {
            d = d.with_label(cell.span, format!("表中 {table_value}"));
        }
        out.push(d);
    }
}

/// Whether a sentence is about information disclosure (not all of a body's
/// review or litigation cases): N005 and N006 count only those.
pub fn about_disclosure(s: &str) -> bool {
    s.contains("信息公开") || s.contains("依申请") || s.contains("公开申请")
}
