//! X003: sections 一 and 五 largely copied from last year's report.

use super::util::{previous_year, section_index, sentences, Text};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    code: "X003",
    name: "repeated-from-last-year",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// A sentence shorter than this (characters, normalised) is boilerplate.
const SHORT: usize = 15;
/// Fewer countable sentences than this are too few to judge.
const MIN_SENTENCES: usize = 5;
/// Passages listed, and the characters shown of each.
const PASSAGES: usize = 3;
const SHOWN: usize = 40;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((prev, year)) = previous_year(ctx) else {
        return;
    };
    let last: HashSet<String> = sentences(prev.text, prev.report)
        .iter()
        .filter_map(|t| countable(t.str()))
        .collect();
    // This year's countable sentences of sections 一 and 五, in order, with
    // whether last year's report has them.
    let mine: Vec<(&Text, bool)> = ctx
        .texts()
        .iter()
        .filter(|t| matches!(section_index(ctx.report, t.sentence), Some(1 | 5)))
        .filter_map(|t| countable(t.str()).map(|n| (t, last.contains(&n))))
        .collect();
    let reused = mine.iter().filter(|m| m.1).count();
    if mine.len() < MIN_SENTENCES {
        return;
    }
    let share = reused as f64 / mine.len() as f64;
    let threshold = ctx.threshold(&RULE);
    if share <= threshold {
        return;
    }
    let passages = longest_passages(ctx.text, &mine);
    let heading = ctx.report.section(1).or(ctx.report.section(5));
    let Some(primary) = heading
        .map(|s| s.heading_span)
        .or(passages.first().map(|p| p.1))
    else {
        return;
    };
    let mut d = RULE.diag(
        primary,
        format!(
            "第一、五部分的{}句中有{reused}句（{:.0}%）与{}年度报告相同，超过{:.0}%",
            mine.len(),
            share * 100.0,
            year - 1,
            threshold * 100.0
        ),
    );
    for (span, first) in passages {
        let text = &ctx.text[span.range()];
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        // The label marks the passage's first sentence: a whole passage
        // would fill the screen.
        d = d.with_label(first, format!("重复段落起点（共{chars}字）"));
        d.notes
            .push(format!("与上年相同（{chars}字）：「{}」", trimmed(text)));
    }
    out.push(d);
}

/// The normalised sentence, or `None` for boilerplate: short once titles in
/// 《》 are taken out, or a template heading or label.
fn countable(s: &str) -> Option<String> {
    let n = normalise(s);
    let without_titles = strip_titles(&n);
    (without_titles.chars().count() >= SHORT && !is_template_label(&n)).then_some(n)
}

/// Without punctuation and whitespace, with every four-digit year as `Y`
/// (`2023年` and `2024年` are the same words).
fn normalise(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '《' || *c == '》')
        .collect();
    years_as_y(&kept)
}

/// `s` with each year (`19xx`/`20xx`, all ASCII or all full-width) replaced
/// by `Y`, left to right: a scan, not a regex to compile on every check.
fn years_as_y(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let year =
            year_len(rest, '0', ["19", "20"]).or_else(|| year_len(rest, '０', ["１９", "２０"]));
        match year {
            Some(n) => {
                out.push('Y');
                rest = &rest[n..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The byte length of the year `s` starts with: one of `centuries`, then two
/// digits counted from `zero` (`0` or `０`).
fn year_len(s: &str, zero: char, centuries: [&str; 2]) -> Option<usize> {
    let rest = centuries.iter().find_map(|c| s.strip_prefix(c))?;
    let is_digit = |c: char| (c as u32).wrapping_sub(zero as u32) < 10;
    let mut two = rest.chars();
    (two.next().is_some_and(is_digit) && two.next().is_some_and(is_digit))
        .then(|| 4 * zero.len_utf8())
}

fn strip_titles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_template_label(n: &str) -> bool {
    let sections = crate::template::SECTIONS.iter().map(|s| s.title);
    let rows = crate::template::TABLE3_ROWS.iter().map(|r| r.text);
    sections.chain(rows).any(|l| normalise(l) == n)
}

/// Runs of consecutive reused sentences (whole span, first sentence), longest
/// first (at most [`PASSAGES`]).
fn longest_passages(text: &str, mine: &[(&Text, bool)]) -> Vec<(Span, Span)> {
    let mut runs: Vec<(Span, Span)> = Vec::new();
    let mut cur: Option<(Span, Span)> = None;
    let mut section = None;
    for (t, reused) in mine {
        // A run stops where section 一 ends and section 五 begins.
        if section != Some(t.sentence.section) {
            runs.extend(cur.take());
            section = Some(t.sentence.section);
        }
        let sp = t.sentence.span;
        cur = match (reused, cur) {
            (true, Some((whole, first))) => Some((whole.cover(sp), first)),
            (true, None) => Some((sp, sp)),
            (false, c) => {
                runs.extend(c);
                None
            }
        };
    }
    runs.extend(cur);
    let len = |s: &Span| {
        text[s.range()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
    };
    runs.sort_by_key(|r| std::cmp::Reverse(len(&r.0)));
    runs.truncate(PASSAGES);
    runs
}

/// The passage on one line, at most [`SHOWN`] characters.
fn trimmed(s: &str) -> String {
    let one: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if one.chars().count() <= SHOWN {
        return one;
    }
    one.chars().take(SHOWN).collect::<String>() + "…"
}

/// The year scan replaces what the regex it replaced did (the oracle, here only).
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{corpus, line};
    use proptest::prelude::*;

    fn agree(s: &str) {
        static YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"(?:19|20)[0-9]{2}|(?:１９|２０)[０-９]{2}").unwrap()
        });
        assert_eq!(years_as_y(s), YEAR.replace_all(s, "Y"), "{s:?}");
    }

    #[test]
    fn fixtures() {
        for s in corpus() {
            agree(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(&["19", "20", "１９", "２０", "2", "０", "9", "٣", "Y"])) {
            agree(&s);
        }
    }
}
