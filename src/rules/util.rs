//! Helpers the rules share: running text as compact sentences, numbers in
//! Chinese and full-width digits, scope words, and naming cells for messages.

use crate::model::{Report, Sentence};
use crate::parse::text::{parse_count, Compact};
use crate::span::Span;
use crate::template::{TABLE3_COLUMNS, TABLE3_ROWS};

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
    WIDER_SCOPE.iter().any(|w| s.contains(w))
}

pub fn count(s: &str) -> Option<i64> {
    parse_count(s).map(|n| n as i64)
}

/// A sentence with its compact text (line breaks and digit spacing removed).
pub struct Text<'a> {
    pub sentence: &'a Sentence,
    pub compact: Compact,
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
        .map(|s| Text {
            sentence: s,
            compact: Compact::new(text, s.span),
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
