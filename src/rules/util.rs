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
    /// The characters of the compact text, to rule out most words cheaply
    /// (`CharSet::of(compact text)`; the language server keeps it with the text).
    pub chars: CharSet,
}

impl<'a> Text<'a> {
    /// The sentence with its compact text, its characters and whether it
    /// names a wider scope.
    pub fn new(sentence: &'a Sentence, compact: Compact) -> Self {
        let chars = CharSet::of(&compact.text);
        // Most sentences lack a character of every word (全 and 各 are
        // common, 全市 or 各部门 whole seldom): searched only when not.
        let wider = may_be_wider(&chars) && wider_scope(&compact.text);
        Text {
            sentence,
            compact,
            wider,
            chars,
        }
    }
}

impl Text<'_> {
    /// `self.str().contains(word)`: the rules test each sentence for dozens
    /// of words, and most are not there (the character set says so without
    /// a search of the sentence).
    pub fn contains(&self, word: &str) -> bool {
        self.chars.may_contain(word) && self.str().contains(word)
    }

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
        .map(|s| Text::new(s, Compact::new(text, s.span)))
        .collect()
}

/// Whether a text with the characters `chars` may hold a [`WIDER_SCOPE`]
/// word: the set holds every character of one (`wider_scope` is false
/// when this is).
pub fn may_be_wider(chars: &CharSet) -> bool {
    use std::sync::LazyLock;
    static SETS: LazyLock<Vec<CharSet>> =
        LazyLock::new(|| WIDER_SCOPE.iter().map(|w| CharSet::of(w)).collect());
    SETS.iter().any(|w| chars.includes(w))
}

/// The characters a text contains, as a 256-bit Bloom filter: a character
/// not in the set is not in the text; one in the set may be (another one
/// with the same low eight bits may have set its bit).
#[derive(Clone, Copy, Default, Debug)]
pub struct CharSet([u64; 4]);

impl CharSet {
    /// The set of `s`'s characters, each by the low eight bits of its code
    /// point, read off its last two UTF-8 bytes (cheaper than decoding it).
    pub fn of(s: &str) -> CharSet {
        let (mut rest, mut set) = (s.as_bytes(), CharSet::default());
        // Slice patterns: one length test a character, no bounds checks;
        // two three-byte characters (most of a report's) a step.
        loop {
            if let [0xe0..=0xef, b, c, 0xe0..=0xef, e, f, tail @ ..] = rest {
                set.0[usize::from(b & 0x03)] |= 1 << (c & 0x3f);
                set.0[usize::from(e & 0x03)] |= 1 << (f & 0x3f);
                rest = tail;
                continue;
            }
            let (key, tail) = match rest {
                [a @ 0..=0x7f, tail @ ..] => (*a, tail),
                [0xe0..=0xef, b, c, tail @ ..] => (((b & 0x03) << 6) | (c & 0x3f), tail),
                [a @ 0xc0..=0xdf, b, tail @ ..] => (((a & 0x03) << 6) | (b & 0x3f), tail),
                [_, _, c, d, tail @ ..] => (((c & 0x03) << 6) | (d & 0x3f), tail),
                _ => break,
            };
            set.0[usize::from(key >> 6)] |= 1 << (key & 63);
            rest = tail;
        }
        set
    }

    /// Whether every character of `other` may be in `self` (sets of a text
    /// and of a word: `may_contain` with the word's set made once).
    pub fn includes(&self, other: &CharSet) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| b & !a == 0)
    }

    /// False when some character of `word` is not in the text (then the
    /// text does not contain `word`); true for the empty word.
    pub fn may_contain(&self, word: &str) -> bool {
        word.chars().all(|c| {
            let key = c as u32 & 0xff;
            self.0[(key >> 6) as usize] & (1 << (key & 63)) != 0
        })
    }
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
    // A label a part (up to 21 of them): written, not formatted.
    d.labels.reserve(r.parts.len());
    for t in &r.parts {
        d.labels.push(crate::diagnostic::Label {
            span: t.cell.span,
            message: term_label(t),
        });
    }
    d.with_fix(Fix::replace(
        format!("{fix_title} {sum}"),
        Applicability::Unsafe,
        total.span,
        sum.to_string(),
    ))
    .with_note(r.describe())
}

/// `自然人 34`: a term's short name and its value as written (0 when it
/// is not a count), what `format!("{} {}")` of the two gave.
pub fn term_label(t: &crate::relations::Term) -> String {
    let mut digits = itoa::Buffer::new();
    let value = digits.format(t.cell.int().unwrap_or(0));
    let mut label = String::with_capacity(t.short.len() + 1 + value.len());
    label.push_str(t.short);
    label.push(' ');
    label.push_str(value);
    label
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

    /// The gate before the search lets through every text with a word.
    fn gate_agrees(s: &str) {
        let set = CharSet::of(s);
        assert!(!wider_scope(s) || may_be_wider(&set), "{s:?}");
        for w in WIDER_SCOPE {
            assert_eq!(
                set.includes(&CharSet::of(w)),
                set.may_contain(w),
                "{s:?} {w}"
            );
        }
    }

    #[test]
    fn the_gate_lets_every_word_through() {
        for s in corpus() {
            gate_agrees(s);
        }
        for w in WIDER_SCOPE {
            gate_agrees(w);
            assert!(may_be_wider(&CharSet::of(&format!("本机关{w}共"))));
        }
        assert!(!may_be_wider(&CharSet::of("全面推进政务公开")));
    }

    /// As `format!("{} {}", t.short, t.cell.int().unwrap_or(0))` wrote it.
    #[test]
    fn term_label_as_formatted() {
        use crate::model::{Cell, CellValue};
        let values = [
            CellValue::Int(0),
            CellValue::Int(-12),
            CellValue::Int(1_234_567),
            CellValue::Blank,
            CellValue::Dash("—".into()),
        ];
        for value in values {
            let cell = Cell {
                value,
                span: Span::new(0, 0),
            };
            for short in ["", "自然人", "1.属于国家秘密", "总计"] {
                let t = crate::relations::Term {
                    cell: &cell,
                    name: "",
                    short,
                };
                assert_eq!(
                    term_label(&t),
                    format!("{} {}", t.short, t.cell.int().unwrap_or(0))
                );
            }
        }
    }

    #[test]
    fn wider_scope_as_the_regex() {
        for s in corpus() {
            agree(s);
        }
    }

    /// The set read off the bytes is that of the characters' code points,
    /// and a text rules out no word it contains.
    fn char_set_agrees(s: &str) {
        let mut by_chars = CharSet::default();
        for c in s.chars() {
            let key = c as u32 & 0xff;
            by_chars.0[(key >> 6) as usize] |= 1 << (key & 63);
        }
        let set = CharSet::of(s);
        assert_eq!(set.0, by_chars.0, "{s:?}");
        for (i, _) in s.char_indices() {
            for (j, _) in s[i..].char_indices().take(6) {
                assert!(set.may_contain(&s[i..i + j]), "{s:?} {i} {j}");
            }
            assert!(set.may_contain(&s[i..]));
        }
    }

    #[test]
    fn char_set_of_every_width() {
        for s in [
            "",
            "a",
            "é",
            "收到申请３４件。",
            "２０２４年\r\n本机关",
            "𠀀𠀁x",
            "—“”…　",
            "http://www.gov.cn",
        ] {
            char_set_agrees(s);
        }
        // 申 U+7533 and 请 U+8BF7 set bits 0x33 and 0xF7: a (0x61) is ruled out.
        let set = CharSet::of("申请");
        assert!(set.may_contain("申请") && set.may_contain("请") && set.may_contain(""));
        assert!(!set.may_contain("a") && !set.may_contain("申a"));
        for s in corpus().iter().take(40) {
            char_set_agrees(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]
        #[test]
        fn char_set_generated(s in "\\PC{0,40}") {
            char_set_agrees(&s);
        }

        #[test]
        fn wider_scope_generated(s in line(WIDER_SCOPE)) {
            agree(&s);
            gate_agrees(&s);
            // Cut words too: 全 and 市 apart, 各部 without 门.
            let cut: String = s.chars().filter(|c| *c != '市' && *c != '门').collect();
            agree(&cut);
        }
    }
}
