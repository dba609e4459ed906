//! The arithmetic relations a correct report's tables satisfy (spec: table 三
//! relations 1–3, table 四 group totals). Computed once from the model; the T
//! rules report the broken ones and the language server's hover shows them.

use crate::model::{Cell, Report};
use crate::template::{
    T3Column, T3Group, T3Row, T4Group, T4Result, TABLE3_OTHER_SUBROWS, TABLE3_OUTCOME_ROWS,
};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy)]
pub struct Term<'a> {
    pub cell: &'a Cell,
    /// Where the cell is, in the clerk's words (`一、本年新收…·自然人`).
    pub name: &'static str,
    /// Short form for sums (`一`, `自然人`, `1.属于国家秘密`).
    pub short: &'static str,
}

impl Term<'_> {
    /// The count, when it is a whole non-negative number (T005 reports the rest).
    pub fn value(&self) -> Option<i64> {
        self.cell.int().filter(|n| *n >= 0)
    }
}

fn sum<'t, 'a: 't>(terms: impl IntoIterator<Item = &'t Term<'a>>) -> Option<i64> {
    terms.into_iter().map(Term::value).sum()
}

/// A total and the parts it must be the sum of. The total is the cell a fix
/// changes.
#[derive(Debug, Clone)]
pub struct Sum<'a> {
    pub total: Term<'a>,
    pub parts: Vec<Term<'a>>,
}

impl Sum<'_> {
    /// The sum of the parts, `None` when one is not a count.
    pub fn parts_sum(&self) -> Option<i64> {
        sum(&self.parts)
    }

    /// `None` when a term is not a whole non-negative number (T005 reports that).
    pub fn holds(&self) -> Option<bool> {
        Some(self.total.value()? == self.parts_sum()?)
    }

    /// `总计 = 自然人+…：34 = 34+0+0+0+0+0 ✓`
    pub fn describe(&self) -> String {
        equation(std::slice::from_ref(&self.total), &self.parts)
    }
}

/// The 勾稽关系 of one column of table 三: what came in (一 + 二) equals what
/// became of it (三（七）总计 + 四).
#[derive(Debug, Clone)]
pub struct Balance<'a> {
    /// 一、本年新收政府信息公开申请数量.
    pub new: Term<'a>,
    /// 二、上年结转政府信息公开申请数量.
    pub carried_over: Term<'a>,
    /// 三（七）总计.
    pub outcome_total: Term<'a>,
    /// 四、结转下年度继续办理: the cell a fix changes.
    pub carried_forward: Term<'a>,
}

impl Balance<'_> {
    /// 一 + 二.
    pub fn incoming(&self) -> Option<i64> {
        sum([&self.new, &self.carried_over])
    }

    /// 三（七）总计 + 四.
    pub fn outgoing(&self) -> Option<i64> {
        sum([&self.outcome_total, &self.carried_forward])
    }

    /// What 四 must be for the column to balance: 一 + 二 − 三（七）总计.
    pub fn carried_forward_needed(&self) -> Option<i64> {
        Some(self.incoming()? - self.outcome_total.value()?)
    }

    pub fn holds(&self) -> Option<bool> {
        Some(self.incoming()? == self.outgoing()?)
    }

    /// The four cells, in the order the relation is written.
    pub fn terms(&self) -> [&Term<'_>; 4] {
        [
            &self.new,
            &self.carried_over,
            &self.outcome_total,
            &self.carried_forward,
        ]
    }

    pub fn describe(&self) -> String {
        equation(
            &[self.new, self.carried_over],
            &[self.outcome_total, self.carried_forward],
        )
    }
}

/// A relation a correct report's tables satisfy, and what it runs along.
#[derive(Debug, Clone)]
pub enum Relation<'a> {
    /// Table 三, per column: 一 + 二 = 三（七）总计 + 四.
    Balance {
        column: T3Column,
        balance: Balance<'a>,
    },
    /// Table 三, per row: 总计 = the six applicant columns.
    RowTotal { row: T3Row, sum: Sum<'a> },
    /// Table 三, per column: （七）总计 = the outcome rows.
    OutcomeTotal { column: T3Column, sum: Sum<'a> },
    /// Table 四, per group: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    ReviewGroup { group: T4Group, sum: Sum<'a> },
}

impl Relation<'_> {
    /// `None` when a term is not a whole non-negative number (T005 reports that).
    pub fn holds(&self) -> Option<bool> {
        match self {
            Relation::Balance { balance, .. } => balance.holds(),
            Relation::RowTotal { sum, .. }
            | Relation::OutcomeTotal { sum, .. }
            | Relation::ReviewGroup { sum, .. } => sum.holds(),
        }
    }

    /// Every cell taking part, in the order the relation is written.
    pub fn cells(&self) -> Vec<&Term<'_>> {
        match self {
            Relation::Balance { balance, .. } => balance.terms().to_vec(),
            Relation::RowTotal { sum, .. }
            | Relation::OutcomeTotal { sum, .. }
            | Relation::ReviewGroup { sum, .. } => {
                std::iter::once(&sum.total).chain(&sum.parts).collect()
            }
        }
    }

    /// `总计 = 自然人+…：34 = 34+0+0+0+0+0 ✓`
    pub fn describe(&self) -> String {
        match self {
            Relation::Balance { balance, .. } => balance.describe(),
            Relation::RowTotal { sum, .. }
            | Relation::OutcomeTotal { sum, .. }
            | Relation::ReviewGroup { sum, .. } => sum.describe(),
        }
    }
}

/// `一+二 = （七）总计+四：34+0 = 33+1 ✓`: the short names, the values as
/// written, and whether the two sides agree (written into one string: the
/// note of every T finding is one of these).
fn equation(lhs: &[Term], rhs: &[Term]) -> String {
    let names = |s: &mut String, terms: &[Term]| {
        for (i, t) in terms.iter().enumerate() {
            if i > 0 {
                s.push('+');
            }
            s.push_str(t.short);
        }
    };
    let values = |s: &mut String, terms: &[Term]| {
        for (i, t) in terms.iter().enumerate() {
            if i > 0 {
                s.push('+');
            }
            match t.cell.int() {
                Some(n) => s.push_str(itoa::Buffer::new().format(n)),
                None => s.push('?'),
            }
        }
    };
    let mut s = String::with_capacity(128);
    names(&mut s, lhs);
    s.push_str(" = ");
    names(&mut s, rhs);
    s.push('：');
    values(&mut s, lhs);
    s.push_str(" = ");
    values(&mut s, rhs);
    s.push(' ');
    match (sum(lhs), sum(rhs)) {
        (Some(l), Some(r)) if l == r => s.push('✓'),
        (Some(l), Some(r)) => {
            s.push_str("✗（左边 ");
            s.push_str(itoa::Buffer::new().format(l));
            s.push_str("，右边 ");
            s.push_str(itoa::Buffer::new().format(r));
            s.push('）');
        }
        _ => s.push_str("（有非数字单元格，无法核对）"),
    }
    s
}

/// How a sum names a row of table 三: 一、二 and 四 by their numeral alone
/// (their text is long), the others by their label.
fn short_row(row: T3Row) -> String {
    let spec = row.spec();
    match row {
        T3Row::NewlyReceived | T3Row::CarriedOver | T3Row::CarriedForward => {
            spec.number.trim_end_matches('、').to_string()
        }
        _ => spec.label(),
    }
}

/// Names of the cells of table 三 and short names of its rows, built once
/// (the relations are computed for every lint): each row's label formatted
/// once, not once per column.
static NAMES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    T3Row::ALL
        .iter()
        .map(|row| {
            let label = row.spec().label();
            T3Column::ALL
                .iter()
                .map(|col| [label.as_str(), "·", col.label()].concat())
                .collect()
        })
        .collect()
});
/// Names of the cells of table 四 (`行政复议·维持`), by group and result.
static REVIEW_NAMES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    T4Group::ALL
        .iter()
        .map(|group| {
            T4Result::ALL
                .iter()
                .map(|r| [group.label(), "·", r.label()].concat())
                .collect()
        })
        .collect()
});
static SHORT_ROWS: LazyLock<Vec<String>> =
    LazyLock::new(|| T3Row::ALL.into_iter().map(short_row).collect());

/// Names of the 2019 form's single （六） row's cells, by column.
static LEGACY_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let group = T3Group::OtherHandling.label();
    T3Column::ALL
        .iter()
        .map(|col| format!("{group}·{}", col.label()))
        .collect()
});

/// Table 三 as the relations read it: each row's cells and the tables of
/// names looked up once, not once per term (a report has ~340 terms).
struct Table3<'a> {
    /// The cells of each template row; none for a row not read.
    rows: [&'a [Cell]; T3Row::ALL.len()],
    names: &'static [Vec<String>],
    shorts: &'static [String],
}

impl<'a> Table3<'a> {
    fn new(t: &'a crate::model::ApplicationsTable) -> Self {
        let mut rows: [&'a [Cell]; T3Row::ALL.len()] = [&[]; T3Row::ALL.len()];
        for (slot, row) in rows.iter_mut().zip(&t.rows) {
            if let Some(row) = row {
                *slot = &row.cells;
            }
        }
        Table3 {
            rows,
            names: &NAMES,
            shorts: &SHORT_ROWS,
        }
    }

    /// The cell at `row` and `col` as a term ([`Report::app_cell`]), named.
    #[inline]
    fn term(&self, row: T3Row, col: T3Column) -> Option<Term<'a>> {
        let (r, c) = (row.index(), col.index());
        let cell = self.rows[r].get(c)?;
        Some(Term {
            cell,
            name: &self.names[r][c],
            short: &self.shorts[r],
        })
    }
}

/// Every relation whose cells were all read.
pub fn relations(report: &Report) -> Vec<Relation<'_>> {
    // Room for every relation of a complete report (7 + 7 + 25 + 3), so the
    // list grows no more than once.
    let mut out =
        Vec::with_capacity(2 * T3Column::ALL.len() + T3Row::ALL.len() + T4Group::ALL.len());
    if let Some(t) = &report.applications {
        let table = Table3::new(t);
        balances(&table, &mut out);
        outcome_totals(&table, t, &mut out);
        row_totals(&table, &mut out);
    }
    review_groups(report, &mut out);
    out
}

/// Table 三, every column: 一 + 二 = 三（七）总计 + 四.
fn balances<'a>(table: &Table3<'a>, out: &mut Vec<Relation<'a>>) {
    for column in T3Column::ALL {
        let term = |row| table.term(row, column);
        let (Some(new), Some(carried_over), Some(outcome_total), Some(carried_forward)) = (
            term(T3Row::NewlyReceived),
            term(T3Row::CarriedOver),
            term(T3Row::OutcomeTotal),
            term(T3Row::CarriedForward),
        ) else {
            continue;
        };
        let balance = Balance {
            new,
            carried_over,
            outcome_total,
            carried_forward,
        };
        out.push(Relation::Balance { column, balance });
    }
}

/// Table 三, every column: （七）总计 is the sum of the outcomes (the 2019
/// form's single （六） row standing for its three sub-rows).
fn outcome_totals<'a>(
    table: &Table3<'a>,
    t: &'a crate::model::ApplicationsTable,
    out: &mut Vec<Relation<'a>>,
) {
    'columns: for column in T3Column::ALL {
        let Some(total) = table.term(T3Row::OutcomeTotal, column) else {
            continue;
        };
        let mut parts = Vec::with_capacity(TABLE3_OUTCOME_ROWS.len() + 1);
        for &row in &T3Row::ALL[TABLE3_OUTCOME_ROWS] {
            if t.legacy_other.is_some() && TABLE3_OTHER_SUBROWS.contains(&row.index()) {
                continue;
            }
            match table.term(row, column) {
                Some(term) => parts.push(term),
                // Not all read: no relation for this column.
                None => continue 'columns,
            }
        }
        if let Some(legacy) = &t.legacy_other {
            if let Some(cell) = legacy.cells.get(column.index()) {
                parts.push(Term {
                    cell,
                    name: &LEGACY_NAMES[column.index()],
                    short: T3Group::OtherHandling.label(),
                });
            }
        }
        let sum = Sum { total, parts };
        out.push(Relation::OutcomeTotal { column, sum });
    }
}

/// Table 三, every row: 总计 is the sum of the six applicant columns.
fn row_totals<'a>(table: &Table3<'a>, out: &mut Vec<Relation<'a>>) {
    'rows: for row in T3Row::ALL {
        let Some(mut total) = table.term(row, T3Column::Total) else {
            continue;
        };
        let mut parts = Vec::with_capacity(T3Column::APPLICANTS.len());
        for c in T3Column::APPLICANTS {
            let Some(mut t) = table.term(row, c) else {
                continue 'rows;
            };
            t.short = c.label();
            parts.push(t);
        }
        total.short = T3Column::Total.label();
        let sum = Sum { total, parts };
        out.push(Relation::RowTotal { row, sum });
    }
}

/// Table 四, every group: 总计 is the sum of the four results.
fn review_groups<'a>(report: &'a Report, out: &mut Vec<Relation<'a>>) {
    // Table 四 is read whole or not at all (15 cells, else none).
    let read = |t: &crate::model::ReviewTable| t.cells.len() == crate::template::TABLE4_LEN;
    if !report.review.as_ref().is_some_and(read) {
        return;
    }
    let names = &*REVIEW_NAMES;
    for group in T4Group::ALL {
        let term = |r: T4Result| {
            report.review_cell(group, r).map(|cell| Term {
                cell,
                name: names[group as usize][r as usize].as_str(),
                short: r.label(),
            })
        };
        let mut parts = Vec::with_capacity(T4Result::PARTS.len());
        parts.extend(T4Result::PARTS.into_iter().map_while(term));
        let (Some(total), true) = (term(T4Result::Total), parts.len() == T4Result::PARTS.len())
        else {
            continue;
        };
        let sum = Sum { total, parts };
        out.push(Relation::ReviewGroup { group, sum });
    }
}

/// The relations a given cell takes part in (for hover).
pub fn involving<'a>(relations: &'a [Relation<'a>], offset: usize) -> Vec<&'a Relation<'a>> {
    relations
        .iter()
        .filter(|r| {
            r.cells()
                .iter()
                .any(|t| t.cell.span.contains(offset) || t.cell.span.start == offset)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Report {
        crate::engine::parse(text, &Default::default())
    }

    /// The relations as they were built before (every term through
    /// `Report::app_cell`, the equation by collected and joined pieces): the
    /// oracle for the terms, their names and the notes.
    mod oracle {
        use super::*;

        pub fn equation(lhs: &[&Term], rhs: &[&Term]) -> String {
            let values = |terms: &[&Term]| -> String {
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
            let names =
                |terms: &[&Term]| terms.iter().map(|t| t.short).collect::<Vec<_>>().join("+");
            let (l, r) = (sum(lhs.iter().copied()), sum(rhs.iter().copied()));
            let mark = match (l, r) {
                (Some(l), Some(r)) if l == r => "✓".to_string(),
                (Some(l), Some(r)) => format!("✗（左边 {l}，右边 {r}）"),
                _ => "（有非数字单元格，无法核对）".to_string(),
            };
            format!(
                "{} = {}：{} = {} {}",
                names(lhs),
                names(rhs),
                values(lhs),
                values(rhs),
                mark
            )
        }

        /// Each term's cell, name and short name, from the report directly.
        pub fn terms(report: &Report, r: &Relation) -> Vec<(*const Cell, String, String)> {
            let app = |row: T3Row, col: T3Column, short: String| {
                let cell = report.app_cell(row.index(), col.index()).expect("read");
                let name = format!("{}·{}", row.spec().label(), col.label());
                (cell as *const Cell, name, short)
            };
            let row_short = |row: T3Row| match row {
                T3Row::NewlyReceived | T3Row::CarriedOver | T3Row::CarriedForward => {
                    row.spec().number.trim_end_matches('、').to_string()
                }
                _ => row.spec().label(),
            };
            match r {
                Relation::Balance { column, .. } => [
                    T3Row::NewlyReceived,
                    T3Row::CarriedOver,
                    T3Row::OutcomeTotal,
                    T3Row::CarriedForward,
                ]
                .into_iter()
                .map(|row| app(row, *column, row_short(row)))
                .collect(),
                Relation::RowTotal { row, .. } => std::iter::once(T3Column::Total)
                    .chain(T3Column::APPLICANTS)
                    .map(|c| app(*row, c, c.label().to_string()))
                    .collect(),
                Relation::OutcomeTotal { column, .. } => {
                    let t = report.applications.as_ref().unwrap();
                    let mut v = vec![app(
                        T3Row::OutcomeTotal,
                        *column,
                        row_short(T3Row::OutcomeTotal),
                    )];
                    for row in T3Row::ALL.into_iter().filter(|r| r.is_outcome()) {
                        if t.legacy_other.is_some() && TABLE3_OTHER_SUBROWS.contains(&row.index()) {
                            continue;
                        }
                        v.push(app(row, *column, row_short(row)));
                    }
                    if let Some(cell) = t
                        .legacy_other
                        .as_ref()
                        .and_then(|l| l.cells.get(column.index()))
                    {
                        let group = T3Group::OtherHandling.label();
                        v.push((
                            cell as *const Cell,
                            format!("{group}·{}", column.label()),
                            group.to_string(),
                        ));
                    }
                    v
                }
                Relation::ReviewGroup { group, .. } => std::iter::once(T4Result::Total)
                    .chain(T4Result::PARTS)
                    .map(|res| {
                        let cell = report.review_cell(*group, res).expect("read");
                        let name = format!("{}·{}", group.label(), res.label());
                        (cell as *const Cell, name, res.label().to_string())
                    })
                    .collect(),
            }
        }
    }

    /// Terms, names and notes as the old construction gave them, over every
    /// rule fixture, the seeds and the cases (the 2019 form's table among them).
    #[test]
    fn relations_as_before() {
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in ["fixtures/seeds", "fixtures/cases", "fixtures/editor"] {
            files.extend(std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()));
        }
        for dir in std::fs::read_dir("fixtures/rules").unwrap() {
            let dir = dir.unwrap().path();
            if dir.is_dir() {
                files.extend(std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()));
            }
        }
        let (mut seen, mut legacy) = (0, 0);
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let report = read(&text);
            legacy += usize::from(
                report
                    .applications
                    .as_ref()
                    .is_some_and(|t| t.legacy_other.is_some()),
            );
            for r in relations(&report) {
                seen += 1;
                let got: Vec<_> = r
                    .cells()
                    .iter()
                    .map(|t| {
                        (
                            t.cell as *const Cell,
                            t.name.to_string(),
                            t.short.to_string(),
                        )
                    })
                    .collect();
                assert_eq!(got, oracle::terms(&report, &r), "{path:?} {r:?}");
                let want = match &r {
                    Relation::Balance { balance: b, .. } => oracle::equation(
                        &[&b.new, &b.carried_over],
                        &[&b.outcome_total, &b.carried_forward],
                    ),
                    Relation::RowTotal { sum, .. }
                    | Relation::OutcomeTotal { sum, .. }
                    | Relation::ReviewGroup { sum, .. } => {
                        oracle::equation(&[&sum.total], &sum.parts.iter().collect::<Vec<_>>())
                    }
                };
                assert_eq!(r.describe(), want, "{path:?}");
            }
        }
        assert!(
            seen > 500 && legacy > 0,
            "{seen} relations, {legacy} legacy tables"
        );
    }

    /// Values the fixtures seldom have: non-numeric cells, negative and large numbers.
    #[test]
    fn equation_as_before_on_odd_values() {
        use crate::model::CellValue;
        let cell = |value| Cell {
            value,
            span: crate::span::Span::new(0, 0),
        };
        let cells = [
            cell(CellValue::Int(0)),
            cell(CellValue::Int(-3)),
            cell(CellValue::Int(4_000_000_000_000)),
            cell(CellValue::Int(12)),
            cell(CellValue::Blank),
        ];
        let shorts = ["一", "", "自然人", "1.属于国家秘密", "？"];
        let all: Vec<Term> = (cells.iter().zip(shorts))
            .map(|(cell, short)| Term {
                cell,
                name: "x",
                short,
            })
            .collect();
        for i in 0..all.len() {
            for j in 0..all.len() {
                for (l, r) in [
                    (&all[i..=i], &all[j..]),
                    (&all[..i], &all[j..=j]),
                    (&all[i..j.max(i)], &all[..j]),
                ] {
                    let lr: Vec<&Term> = l.iter().collect();
                    let rr: Vec<&Term> = r.iter().collect();
                    assert_eq!(equation(l, r), oracle::equation(&lr, &rr));
                }
            }
        }
    }

    #[test]
    fn a_correct_report_has_every_relation_and_each_holds() {
        let report = read(include_str!("../fixtures/rules/T001/silent.txt"));
        let rels = relations(&report);
        let count = |f: fn(&Relation) -> bool| rels.iter().filter(|r| f(r)).count();
        assert_eq!(count(|r| matches!(r, Relation::Balance { .. })), 7);
        assert_eq!(count(|r| matches!(r, Relation::OutcomeTotal { .. })), 7);
        assert_eq!(count(|r| matches!(r, Relation::RowTotal { .. })), 25);
        assert_eq!(count(|r| matches!(r, Relation::ReviewGroup { .. })), 3);
        assert!(rels.iter().all(|r| r.holds() == Some(true)));
    }

    #[test]
    fn a_broken_balance_says_what_four_must_be() {
        // 四 written as 2 in the 自然人 and 总计 columns; 一 + 二 − （七）总计 is 1.
        let report = read(include_str!("../fixtures/rules/T001/fires.txt"));
        let rels = relations(&report);
        let broken: Vec<_> = rels
            .iter()
            .filter_map(|r| match r {
                Relation::Balance { column, balance } if balance.holds() == Some(false) => {
                    Some((*column, balance))
                }
                _ => None,
            })
            .collect();
        let columns: Vec<_> = broken.iter().map(|(c, _)| *c).collect();
        assert_eq!(columns, [T3Column::NaturalPerson, T3Column::Total]);
        for (_, b) in broken {
            assert_eq!(b.carried_forward.value(), Some(2));
            assert_eq!(b.carried_forward_needed(), Some(1));
            assert!(b.describe().starts_with("一+二 = （七）总计+四："));
        }
    }

    #[test]
    fn a_total_names_its_row_and_parts() {
        let report = read(include_str!("../fixtures/rules/T002/fires.txt"));
        let rels = relations(&report);
        let (row, sum) = rels
            .iter()
            .find_map(|r| match r {
                Relation::RowTotal { row, sum } if sum.holds() == Some(false) => Some((row, sum)),
                _ => None,
            })
            .expect("T002's fixture breaks one row total");
        assert_eq!(*row, T3Row::NewlyReceived);
        assert_eq!((sum.total.value(), sum.parts_sum()), (Some(35), Some(34)));
        assert_eq!(sum.parts.len(), T3Column::APPLICANTS.len());
        assert_eq!(sum.total.short, "总计");
        let label = T3Row::NewlyReceived.spec().label();
        assert_eq!(
            sum.total.name,
            format!("{label}·{}", T3Column::Total.label())
        );
        for (t, c) in sum.parts.iter().zip(T3Column::APPLICANTS) {
            assert_eq!(t.name, format!("{label}·{}", c.label()));
        }
    }

    #[test]
    fn review_terms_are_named_by_group_and_result() {
        let report = read(include_str!("../fixtures/rules/T001/silent.txt"));
        let rels = relations(&report);
        let mut groups = 0;
        for r in &rels {
            if let Relation::ReviewGroup { group, sum } = r {
                groups += 1;
                let name = |r: T4Result| format!("{}·{}", group.label(), r.label());
                assert_eq!(sum.total.name, name(T4Result::Total));
                for (t, r) in sum.parts.iter().zip(T4Result::PARTS) {
                    assert_eq!(t.name, name(r));
                }
            }
        }
        assert_eq!(groups, 3);
    }
}
