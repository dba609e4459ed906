//! The arithmetic relations a correct report's tables satisfy (spec: table 三
//! relations 1–3, table 四 group totals). Computed once from the model; the T
//! rules report the broken ones and the language server's hover shows them.

use crate::model::{Cell, Report};
use crate::template::{
    T3Group, T4Group, T4Result, TABLE3_CARRIED_FORWARD, TABLE3_CARRIED_OVER, TABLE3_COLUMNS,
    TABLE3_NEW, TABLE3_OTHER_SUBROWS, TABLE3_OUTCOME_ROWS, TABLE3_OUTCOME_TOTAL, TABLE3_ROWS,
    TABLE3_TOTAL_COLUMN,
};
use std::borrow::Cow;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// 一 + 二 = 三（七）总计 + 四, per column (the 勾稽关系).
    Balance,
    /// 总计 column = the six applicant columns, per row of table 三.
    RowTotal,
    /// （七）总计 = the sum of all outcome rows, per column.
    OutcomeTotal,
    /// Table 四: a group's 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    ReviewGroup,
}

#[derive(Debug, Clone)]
pub struct Term<'a> {
    pub cell: &'a Cell,
    /// Where the cell is, in the clerk's words (`一、本年新收…·自然人`).
    pub name: Cow<'static, str>,
    /// Short form for sums (`一`, `自然人`, `1.属于国家秘密`).
    pub short: Cow<'static, str>,
}

/// `lhs` terms sum to `rhs` terms. The cell a fix would change is `lhs[0]`
/// for total relations.
#[derive(Debug, Clone)]
pub struct Relation<'a> {
    pub kind: RelationKind,
    /// Column (table 三) or group (table 四) the relation runs along, if any.
    pub column: Option<usize>,
    /// Row of table 三 the relation runs along (RowTotal).
    pub row: Option<usize>,
    pub lhs: Vec<Term<'a>>,
    pub rhs: Vec<Term<'a>>,
}

fn sum(terms: &[Term]) -> Option<i64> {
    terms.iter().map(|t| t.cell.int().filter(|n| *n >= 0)).sum()
}

impl Relation<'_> {
    pub fn lhs_sum(&self) -> Option<i64> {
        sum(&self.lhs)
    }

    pub fn rhs_sum(&self) -> Option<i64> {
        sum(&self.rhs)
    }

    /// `None` when a term is not a whole non-negative number (T005 reports that).
    pub fn holds(&self) -> Option<bool> {
        Some(self.lhs_sum()? == self.rhs_sum()?)
    }

    /// Every cell taking part.
    pub fn cells(&self) -> impl Iterator<Item = &Term<'_>> {
        self.lhs.iter().chain(self.rhs.iter())
    }

    /// `总计 34 = 34+0+0+0+0+0 ✓`
    pub fn describe(&self) -> String {
        let side = |terms: &[Term]| -> String {
            terms
                .iter()
                .map(|t| {
                    t.cell
                        .int()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "?".into())
                })
                .collect::<Vec<_>>()
                .join("+")
        };
        let mark = match self.holds() {
            Some(true) => "✓".to_string(),
            Some(false) => format!(
                "✗（左边 {}，右边 {}）",
                self.lhs_sum().unwrap_or(0),
                self.rhs_sum().unwrap_or(0)
            ),
            None => "（有非数字单元格，无法核对）".to_string(),
        };
        let names = |terms: &[Term]| {
            terms
                .iter()
                .map(|t| t.short.as_ref())
                .collect::<Vec<_>>()
                .join("+")
        };
        format!(
            "{} = {}：{} = {} {}",
            names(&self.lhs),
            names(&self.rhs),
            side(&self.lhs),
            side(&self.rhs),
            mark
        )
    }
}

fn short_row(i: usize) -> String {
    let r = &TABLE3_ROWS[i];
    match i {
        TABLE3_NEW => "一".into(),
        TABLE3_CARRIED_OVER => "二".into(),
        TABLE3_OUTCOME_TOTAL => "（七）总计".into(),
        TABLE3_CARRIED_FORWARD => "四".into(),
        _ => r.label(),
    }
}

/// Names of the cells of table 三 and short names of its rows, built once
/// (the relations are computed for every lint).
static NAMES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    (0..TABLE3_ROWS.len())
        .map(|row| {
            TABLE3_COLUMNS
                .iter()
                .map(|col| format!("{}·{col}", TABLE3_ROWS[row].label()))
                .collect()
        })
        .collect()
});
static SHORT_ROWS: LazyLock<Vec<String>> =
    LazyLock::new(|| (0..TABLE3_ROWS.len()).map(short_row).collect());

fn app_term(report: &Report, row: usize, col: usize) -> Option<Term<'_>> {
    let cell = report.app_cell(row, col)?;
    Some(Term {
        cell,
        name: Cow::Borrowed(NAMES[row][col].as_str()),
        short: Cow::Borrowed(SHORT_ROWS[row].as_str()),
    })
}

/// Every relation whose cells were all read.
pub fn relations(report: &Report) -> Vec<Relation<'_>> {
    let mut out = Vec::new();
    if let Some(t) = &report.applications {
        balances(report, &mut out);
        outcome_totals(report, t, &mut out);
        row_totals(report, &mut out);
    }
    review_groups(report, &mut out);
    out
}

/// Table 三, every column: 一 + 二 = 三（七）总计 + 四.
fn balances<'a>(report: &'a Report, out: &mut Vec<Relation<'a>>) {
    for col in 0..TABLE3_COLUMNS.len() {
        let lhs = [TABLE3_NEW, TABLE3_CARRIED_OVER]
            .iter()
            .map(|&r| app_term(report, r, col))
            .collect::<Option<Vec<_>>>();
        let rhs = [TABLE3_OUTCOME_TOTAL, TABLE3_CARRIED_FORWARD]
            .iter()
            .map(|&r| app_term(report, r, col))
            .collect::<Option<Vec<_>>>();
        if let (Some(lhs), Some(rhs)) = (lhs, rhs) {
            out.push(Relation {
                kind: RelationKind::Balance,
                column: Some(col),
                row: None,
                lhs,
                rhs,
            });
        }
    }
}

/// Table 三, every column: （七）总计 is the sum of the outcomes (the 2019
/// form's single （六） row standing for its three sub-rows).
fn outcome_totals<'a>(
    report: &'a Report,
    t: &'a crate::model::ApplicationsTable,
    out: &mut Vec<Relation<'a>>,
) {
    for (col, col_name) in TABLE3_COLUMNS.iter().enumerate() {
        let total = app_term(report, TABLE3_OUTCOME_TOTAL, col);
        let mut parts = Vec::new();
        let mut complete = true;
        for r in TABLE3_OUTCOME_ROWS {
            if t.legacy_other.is_some() && TABLE3_OTHER_SUBROWS.contains(&r) {
                continue;
            }
            match app_term(report, r, col) {
                Some(term) => parts.push(term),
                None => complete = false,
            }
        }
        if let Some(legacy) = &t.legacy_other {
            if let Some(cell) = legacy.cells.get(col) {
                parts.push(Term {
                    cell,
                    name: Cow::Owned(format!("{}·{col_name}", T3Group::OtherHandling.label())),
                    short: Cow::Borrowed(T3Group::OtherHandling.label()),
                });
            }
        }
        if let (Some(total), true) = (total, complete) {
            out.push(Relation {
                kind: RelationKind::OutcomeTotal,
                column: Some(col),
                row: None,
                lhs: vec![total],
                rhs: parts,
            });
        }
    }
}

/// Table 三, every row: 总计 is the sum of the six applicant columns.
fn row_totals<'a>(report: &'a Report, out: &mut Vec<Relation<'a>>) {
    for row in 0..TABLE3_ROWS.len() {
        let Some(total) = app_term(report, row, TABLE3_TOTAL_COLUMN) else {
            continue;
        };
        let parts = (0..TABLE3_TOTAL_COLUMN)
            .map(|c| {
                app_term(report, row, c).map(|mut t| {
                    t.short = Cow::Borrowed(TABLE3_COLUMNS[c]);
                    t
                })
            })
            .collect::<Option<Vec<_>>>();
        if let Some(parts) = parts {
            let mut total = total;
            total.short = Cow::Borrowed("总计");
            out.push(Relation {
                kind: RelationKind::RowTotal,
                column: None,
                row: Some(row),
                lhs: vec![total],
                rhs: parts,
            });
        }
    }
}

/// Table 四, every group: 总计 is the sum of the four results.
fn review_groups<'a>(report: &'a Report, out: &mut Vec<Relation<'a>>) {
    if report
        .review
        .as_ref()
        .is_some_and(|t| t.cells.len() == crate::template::TABLE4_LEN)
    {
        for (g, group) in T4Group::ALL.into_iter().enumerate() {
            let term = |r: T4Result| {
                report.review_cell(group, r).map(|cell| Term {
                    cell,
                    name: Cow::Owned(format!("{}·{}", group.label(), r.label())),
                    short: Cow::Borrowed(r.label()),
                })
            };
            let parts = T4Result::PARTS
                .map(term)
                .into_iter()
                .collect::<Option<Vec<_>>>();
            let (Some(total), Some(parts)) = (term(T4Result::Total), parts) else {
                continue;
            };
            out.push(Relation {
                kind: RelationKind::ReviewGroup,
                column: Some(g),
                row: None,
                lhs: vec![total],
                rhs: parts,
            });
        }
    }
}

/// The relations a given cell takes part in (for hover).
pub fn involving<'a>(relations: &'a [Relation<'a>], offset: usize) -> Vec<&'a Relation<'a>> {
    relations
        .iter()
        .filter(|r| {
            r.cells()
                .any(|t| t.cell.span.contains(offset) || t.cell.span.start == offset)
        })
        .collect()
}
