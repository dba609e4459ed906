//! Counts stated in running text, shared by the N rules: a [`CountSpec`]
//! says which sentences to read, how a count and a statement of none are
//! worded, and which counts to leave alone; [`compare`] reports the counts
//! that differ from the table.
//!
//! Patterns are data for a small matcher ([`matcher`]), not regular
//! expressions: a single check compiles nothing (issue 15).

pub mod matcher;
#[cfg(test)]
mod tests;

use super::util::{count, CharSet, Text};
use super::vocabulary::{
    AIMS, APPROXIMATE_AFTER, APPROXIMATE_AFTER_UNIT, APPROXIMATE_BEFORE, DISCLOSURE, NOT_THE_COUNT,
    OTHER_MATTERS, OUTCOMES, PART_OF,
};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::model::Cell;
use crate::span::Span;
use matcher::find_iter;
use std::ops::Range;

pub use matcher::{Pattern, Piece};

/// A count the text states, and where.
pub struct Claim {
    pub value: i64,
    pub span: Span,
}

/// How one rule reads a count in running text.
pub struct CountSpec<'a> {
    /// The statement of a count; its `Piece::Count` is the number.
    pub claim: Pattern<'a>,
    /// Statements of none (a count of 0); empty when the rule reads none.
    pub zero: Pattern<'a>,
    /// A sentence is read only when it contains every one of these words,
    pub needs: &'a [&'a str],
    /// at least one of these (when there are any),
    pub needs_any: &'a [&'a str],
    /// and none of these.
    pub unless: &'a [&'a str],
    /// A count is skipped when one of these words stands between the start of
    /// the match and the number (`答复，其中同意公开9件` is a category).
    pub gap_words: &'a [&'a str],
    /// A count is kept only when the sentence up to the number (or to the
    /// end of a statement of none) passes this test
    /// (`办理行政复议案件120件，其中涉及政府信息公开的5件`: the disclosure
    /// comes after the count, which is about all cases).
    pub before: &'a (dyn Fn(&str) -> bool + Sync),
}

impl CountSpec<'_> {
    /// A spec that reads nothing: the base every rule's spec fills in
    /// (`..CountSpec::EMPTY`).
    pub const EMPTY: CountSpec<'static> = CountSpec {
        claim: Pattern::new(&[]),
        zero: Pattern::new(&[]),
        needs: &[],
        needs_any: &[],
        unless: &[],
        gap_words: &[],
        before: &anywhere,
    };

    /// Whether the sentence is one this rule reads (a cheap test before matching).
    pub fn reads(&self, t: &Text) -> bool {
        self.needs.iter().all(|w| t.contains(w))
            && (self.needs_any.is_empty() || self.needs_any.iter().any(|w| t.contains(w)))
            && !self.unless.iter().any(|w| t.contains(w))
    }

    /// The counts the report's own sentences state.
    pub fn claims(&self, ctx: &Context) -> Vec<Claim> {
        self.claims_in(ctx.texts())
    }

    /// [`Self::claims`] in some of the report's sentences: those of
    /// [`sentences_with`] a word several specs need, tested once for all.
    pub fn claims_in<'t>(&self, texts: impl IntoIterator<Item = &'t Text<'t>>) -> Vec<Claim> {
        let mut out = Vec::new();
        for t in texts {
            if t.wider || !self.reads(t) {
                continue;
            }
            self.counts(t, &mut out);
        }
        out
    }

    /// The counts one sentence states, with where each is: stated counts
    /// first, then statements of none. A pattern is not searched for in a
    /// sentence that lacks a character of a word it needs (most sentences
    /// the spec reads: the search's start-character scan cost more).
    fn counts(&self, t: &Text, out: &mut Vec<Claim>) {
        let s = t.str();
        let mut push = |value, m: Range<usize>| {
            out.push(Claim {
                value,
                span: t.compact.span(m.start, m.end),
            })
        };
        if self.claim.may_match(&t.chars) {
            for hit in find_iter(self.claim, s) {
                let m = hit.count.expect("a count pattern has a Piece::Count");
                let gap = &s[hit.range.start..m.start];
                if self.gap_words.iter().any(|w| gap.contains(w))
                    || !exact_count(s, hit.range.start, m.clone())
                    || !(self.before)(&s[..m.start])
                {
                    continue;
                }
                if let Some(value) = count(&s[m.clone()]) {
                    push(value, m);
                }
            }
        }
        if self.zero.may_match(&t.chars) {
            for hit in find_iter(self.zero, s) {
                let m = hit.range;
                if denies_the_count(s, m.clone()) && (self.before)(&s[..m.end]) {
                    push(0, m);
                }
            }
        }
    }
}

/// The report's own sentences (not of a wider scope) that contain `word`.
pub fn sentences_with<'c>(ctx: &'c Context, word: &str) -> Vec<&'c Text<'c>> {
    ctx.texts()
        .iter()
        .filter(|t| !t.wider && t.contains(word))
        .collect()
}

/// A sentence of the report's own (not of a wider scope) about disclosure
/// applications: it names 申请 and no other matter (建议, 复议, 信访…).
pub fn about_applications(t: &Text) -> bool {
    !t.wider && t.contains("申请") && !OTHER_MATTERS.iter().any(|w| t.contains(w))
}

/// The `before` test of a spec that keeps every count.
pub fn anywhere(_: &str) -> bool {
    true
}

/// Whether the number `m` of a match starting at `start` states an exact count
/// of the whole: not a change, an outcome, a part, a range (`2至3件`) or an
/// approximation (`约30件`, `30余件`, `30件左右`). When in doubt, not.
fn exact_count(s: &str, start: usize, m: Range<usize>) -> bool {
    let gap = &s[start..m.start];
    let clause_start = s[..start]
        .rfind(['，', '、', '：', ':'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(0, char::len_utf8));
    let clause = &s[clause_start..start];
    let before = gap.chars().next_back();
    let after = &s[m.end..];
    let after_unit = after.char_indices().nth(1).map_or("", |(i, _)| &after[i..]);
    let gap_chars = CharSet::of(gap);
    !any_in(gap, gap_chars, NOT_THE_COUNT)
        && !any_in(clause, CharSet::of(clause), PART_OF)
        && !any_in(gap, gap_chars, PART_OF)
        && !before.is_some_and(|c| APPROXIMATE_BEFORE.contains(c))
        && !APPROXIMATE_AFTER.iter().any(|w| after.starts_with(w))
        && !APPROXIMATE_AFTER_UNIT
            .iter()
            .any(|w| after_unit.starts_with(w))
}

/// A negative statement denies the count, not an outcome: `未发生行政复议被纠错`
/// and `未发生…行政诉讼败诉的情形` say no case was lost, not that there were none;
/// `确保无…行政复议` is an aim.
fn denies_the_count(s: &str, m: Range<usize>) -> bool {
    let after: String = s[m.end..].chars().take(10).collect();
    let after = after.split(['，', '。', '；']).next().unwrap_or("");
    let before: String = s[..m.start]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    !any_in(after, CharSet::of(after), OUTCOMES) && !any_in(&before, CharSet::of(&before), AIMS)
}

/// Whether `hay` (with its characters `chars`) contains one of `words`: a
/// word with a character not in it is ruled out without a search, whose
/// set-up costs more than these few characters' scan (issue 15).
fn any_in(hay: &str, chars: CharSet, words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| chars.may_contain(w) && hay.contains(w))
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
    DISCLOSURE.iter().any(|w| s.contains(w))
}
