//! Helpers the rules share: running text as compact sentences, numbers in
//! Chinese and full-width digits, scope words, and naming cells for messages.

use crate::model::{Report, Sentence};
use crate::parse::text::{parse_count, Compact};
use crate::relations::{Relation, Sum};
use crate::span::Span;
use crate::template::{T3Row, TABLE3_COLUMNS, TABLE3_ROWS};

/// A count as written in running text: ASCII, full-width or Chinese numerals.
pub const NUM: &str = r"([0-9０-９]+|[零〇一二两三四五六七八九十百千]+)";

/// Words that widen a sentence beyond this body's own tables (全市, 各部门…).
pub const WIDER_SCOPE: &[&str] = &[
    "全市",
    "全区",
    "全县",
    "全省",
    "全镇",
    "全乡",
    "全街道",
    "全系统",
    "全国",
    "各级",
    "各部门",
    "各单位",
    "各镇",
    "各街道",
    "各乡镇",
    "全市各",
    "全区各",
    "所属单位",
    "下属单位",
    "系统内",
];

pub fn wider_scope(s: &str) -> bool {
    use aho_corasick::{packed::Searcher, AhoCorasick};
    use std::sync::LazyLock;
    // One multi-literal search instead of a scan per word: SIMD (Teddy) where
    // the processor has it, which builds in ~0.07 M instructions where a regex
    // of the words took 1 M, and searches twice as fast; else Aho-Corasick.
    static PACKED: LazyLock<Option<Searcher>> = LazyLock::new(|| Searcher::new(WIDER_SCOPE.iter()));
    static AUTOMATON: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(WIDER_SCOPE).expect("a few short words"));
    match &*PACKED {
        Some(p) => p.find(s).is_some(),
        None => AUTOMATON.is_match(s),
    }
}

/// The first non-blank line, without its terminator (`\r\n` or `\n`) or
/// trailing spaces: the span the rules on something missing (S001, S009–S011) point at.
pub fn first_line(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    let end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let end = start + text[start..end].trim_end().len();
    Span::new(start, end.max(start))
}

/// A year written in ASCII or full-width digits (`2024`, `２０２４`).
pub fn year(s: &str) -> Option<i32> {
    parse_count(s).and_then(|v| i32::try_from(v).ok())
}

pub fn count(s: &str) -> Option<i64> {
    parse_count(s).map(|n| n as i64)
}

/// A sentence with its compact text (line breaks and digit spacing removed).
pub struct Text<'a> {
    pub sentence: &'a Sentence,
    pub compact: Compact,
    /// `wider_scope(compact text)`, computed once for all narrative rules.
    pub wider: bool,
}

impl Text<'_> {
    pub fn span(&self, m: regex::Match) -> Span {
        self.compact.span(m.start(), m.end())
    }

    pub fn str(&self) -> &str {
        &self.compact.text
    }
}

/// The running text of the report, sentence by sentence (built once per lint, see `Context::texts`).
pub fn sentences<'a>(text: &str, report: &'a Report) -> Vec<Text<'a>> {
    report
        .sentences
        .iter()
        .map(|s| {
            let compact = Compact::new(text, s.span);
            Text {
                sentence: s,
                wider: wider_scope(&compact.text),
                compact,
            }
        })
        .collect()
}

/// The section index (1..=6) a sentence is in.
pub fn section_index(report: &Report, s: &Sentence) -> Option<u8> {
    s.section.map(|i| report.sections[i].index)
}

pub fn cell_name(row: usize, col: usize) -> String {
    format!(
        "「{}」行「{}」列",
        TABLE3_ROWS[row].label(),
        TABLE3_COLUMNS[col]
    )
}

/// A broken total: the total as primary span, every part as a secondary
/// label, and the sum offered as an unsafe fix.
pub fn total_mismatch(
    rule: &'static super::Rule,
    r: &Sum,
    message: String,
    fix_title: &str,
) -> crate::diagnostic::Diagnostic {
    use crate::diagnostic::{Applicability, Fix};
    let total = r.total.cell;
    let sum = r.parts_sum().unwrap_or(0);
    let mut d = rule
        .diag(total.span, message)
        .with_primary_label(format!("应为 {sum}"));
    for t in &r.parts {
        d = d.with_label(
            t.cell.span,
            format!("{} {}", t.short, t.cell.int().unwrap_or(0)),
        );
    }
    d.with_fix(Fix::replace(
        format!("{fix_title} {sum}"),
        Applicability::Unsafe,
        total.span,
        sum.to_string(),
    ))
    .with_note(r.describe())
}

/// The previous year's report, when one was given and it is for Y-1.
pub fn previous_year<'a>(
    ctx: &'a super::Context,
) -> Option<(&'a crate::engine::Previous<'a>, i32)> {
    let (prev, year) = (ctx.previous.as_ref()?, ctx.year()?);
    (prev.report.year == Some(year - 1)).then_some((prev, year))
}

/// Whether the body of section `index` (2, 3 or 4) holds the words of its
/// table although no table was read there: the table is in the text but
/// could not be read (crawler text on one line, a layout the parser does not
/// know), which is E001, not S005's "no table". Thresholds are high so that
/// prose mentioning 行政许可 or 予以公开 never counts as a table.
pub fn unread_table_words(text: &str, report: &Report, index: u8) -> bool {
    let Some(body) = section_body(text, report, index) else {
        return false;
    };
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let hits = |words: &mut dyn Iterator<Item = &str>| words.filter(|w| body.contains(w)).count();
    match index {
        2 => {
            let headers = ["本年制发件数", "现行有效件数", "处理决定数量"];
            hits(&mut crate::template::TABLE2_ROWS.iter().map(|r| r.text)) >= 5
                && hits(&mut headers.iter().copied()) >= 2
        }
        3 => hits(&mut TABLE3_ROWS.iter().map(|r| r.text)) >= 12,
        4 => hits(&mut crate::template::TABLE4_RESULTS[..4].iter().copied()) >= 3,
        _ => false,
    }
}

/// The text between section `index`'s heading and the next heading.
pub fn section_body<'t>(text: &'t str, report: &Report, index: u8) -> Option<&'t str> {
    let pos = report.sections.iter().position(|s| s.index == index)?;
    let start = report.sections[pos].heading_span.end;
    let end = report
        .sections
        .get(pos + 1)
        .map_or(text.len(), |s| s.heading_span.start);
    text.get(start..end.max(start))
}

/// Whether a column's broken sum in table 三 is already explained by a broken
/// row total (T002 reports the row) among `rows` (T001, T003 stay silent then).
pub fn row_totals_broken(rels: &[Relation], rows: impl Fn(T3Row) -> bool) -> bool {
    rels.iter().any(|r| {
        matches!(r, Relation::RowTotal { row, sum } if rows(*row) && sum.holds() == Some(false))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::oracle::{corpus, line};
    use proptest::prelude::*;

    /// The regex of the words it replaced, as the oracle.
    fn agree(s: &str) {
        static ANY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            let words: Vec<String> = WIDER_SCOPE.iter().map(|w| regex::escape(w)).collect();
            regex::Regex::new(&words.join("|")).unwrap()
        });
        assert_eq!(wider_scope(s), ANY.is_match(s), "{s:?}");
    }

    #[test]
    fn wider_scope_as_the_regex() {
        for s in corpus() {
            agree(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]
        #[test]
        fn wider_scope_generated(s in line(WIDER_SCOPE)) {
            agree(&s);
            // Cut words too: 全 and 市 apart, 各部 without 门.
            let cut: String = s.chars().filter(|c| *c != '市' && *c != '门').collect();
            agree(&cut);
        }
    }
}
