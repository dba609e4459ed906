//! The typed model of one report. Every number keeps the span it was read
//! from; every label keeps the text as written, so rules can point at it.

use crate::span::Span;
use serde::Serialize;

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum CellValue {
    /// A whole number as written (may be negative: that is a defect, not a parse error).
    Int(i64),
    /// A number with a fractional part (allowed for 万元 amounts only).
    Decimal(f64),
    Blank,
    /// `—`, `-`, `－`, `/`, `／` and the like.
    Dash(String),
    Text(String),
}

impl CellValue {
    /// The numeric value, if the cell holds a number.
    pub fn number(&self) -> Option<f64> {
        match self {
            CellValue::Int(n) => Some(*n as f64),
            CellValue::Decimal(d) => Some(*d),
            _ => None,
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self {
            CellValue::Int(n) => Some(*n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub value: CellValue,
    /// The cell's text (trimmed); for a blank cell, an empty span where it sits.
    pub span: Span,
}

impl Cell {
    pub fn int(&self) -> Option<i64> {
        self.value.int()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    pub value: i32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub span: Span,
    /// Span of just the year digits (for a fix that rewrites the year).
    pub year_span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Title {
    pub text: String,
    pub span: Span,
    pub issuer: Option<String>,
    pub year: Option<Year>,
}

/// `自Y年1月1日至Y年12月31日`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub span: Span,
    pub start: Date,
    pub end: Date,
}

/// How a heading is numbered as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `二、` (the template's form).
    Chinese,
    /// `2、`, `2.`.
    Arabic,
    /// Another form (`（二）`, `第二部分`).
    Other,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// 1..=6: which template section this heading is.
    pub index: u8,
    /// The whole heading line (trimmed).
    pub heading_span: Span,
    /// The numbering as written (`二、`, `2、 `), empty when none; its span.
    pub number_text: String,
    pub number_span: Span,
    pub numbering: Numbering,
    /// The number the numbering says (2 for `二、` and `2、`), if any.
    pub number_value: Option<u32>,
    pub title: String,
    pub title_span: Span,
    /// From the heading to the next section heading (or end of text).
    pub body: Span,
}

/// A row label as written and how it matched the template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowLabel {
    pub text: String,
    pub span: Span,
    /// True when the written text equals the template label up to
    /// whitespace, width and numbering style.
    pub exact: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub label: RowLabel,
    pub cells: Vec<Cell>,
}

/// Why (part of) a table could not be read. The model never guesses a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unreadable {
    pub span: Span,
    pub reason: String,
    /// The template row it concerns (an index into the table's row list), when known.
    pub row: Option<usize>,
}

/// Table 二: six rows, 10 values.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ActiveTable {
    pub span: Span,
    /// One entry per template row (`template::TABLE2_ROWS`); `None` when not found.
    pub rows: Vec<Option<Row>>,
    pub problems: Vec<Unreadable>,
    /// Spans of labels of the superseded 2019 table 二.
    pub legacy_markers: Vec<Span>,
}

/// Table 三: 25 rows × 7 columns.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ApplicationsTable {
    pub span: Span,
    /// One entry per template row (`template::TABLE3_ROWS`); `None` when absent or unreadable.
    pub rows: Vec<Option<Row>>,
    /// The 2019 trial form's single `（六）其他处理` row, when the report uses it.
    pub legacy_other: Option<Row>,
    pub problems: Vec<Unreadable>,
}

/// Table 四: 15 values.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ReviewTable {
    pub span: Span,
    /// Exactly 15 cells when readable, else empty.
    pub cells: Vec<Cell>,
    pub problems: Vec<Unreadable>,
}

/// A sentence of running text (outside tables), for the narrative rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Report::sections` of the section it sits in, if any.
    pub section: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    pub title: Option<Title>,
    pub period: Option<Period>,
    /// The report year: the title's, else the statistical period's ([`crate::parse::front::report_year`]).
    pub year: Option<i32>,
    pub signature_date: Option<Date>,
    /// The issuing body (`XX市XX局`): from the title, else from the line
    /// above the signature date; `None` when neither names one.
    pub issuer: Option<String>,
    /// Section headings in document order.
    pub sections: Vec<Section>,
    /// End of the front matter (start of the first section heading).
    pub preamble: Span,
    pub active: Option<ActiveTable>,
    pub applications: Option<ApplicationsTable>,
    pub review: Option<ReviewTable>,
    pub sentences: Vec<Sentence>,
    /// Spans covered by tables (narrative rules skip them).
    pub table_spans: Vec<Span>,
}

impl Report {
    /// The first section with this template index.
    pub fn section(&self, index: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.index == index)
    }

    /// Table 二's 10 values in template order (None where missing).
    pub fn active_values(&self) -> Vec<Option<&Cell>> {
        let mut out = Vec::with_capacity(crate::template::TABLE2_LEN);
        for (i, spec) in crate::template::TABLE2_ROWS.iter().enumerate() {
            let row = self
                .active
                .as_ref()
                .and_then(|t| t.rows.get(i))
                .and_then(|r| r.as_ref());
            for c in 0..spec.columns.len() {
                out.push(row.and_then(|r| r.cells.get(c)));
            }
        }
        out
    }

    /// Table 三 cell at (row, column), if read.
    pub fn app_cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.applications
            .as_ref()?
            .rows
            .get(row)?
            .as_ref()?
            .cells
            .get(col)
    }

    pub fn app_int(&self, row: usize, col: usize) -> Option<i64> {
        self.app_cell(row, col)?.int()
    }

    pub fn review_cell(
        &self,
        group: crate::template::T4Group,
        result: crate::template::T4Result,
    ) -> Option<&Cell> {
        let i = crate::template::t4_cell(group, result);
        self.review.as_ref()?.cells.get(i)
    }

    /// Whether `table` was read.
    pub fn has_table(&self, table: crate::template::Table) -> bool {
        use crate::template::Table;
        match table {
            Table::Active => self.active.is_some(),
            Table::Applications => self.applications.is_some(),
            Table::Review => self.review.is_some(),
        }
    }

    /// True when `offset` lies inside one of the tables.
    pub fn in_table(&self, offset: usize) -> bool {
        self.table_spans.iter().any(|s| s.contains(offset))
    }
}
