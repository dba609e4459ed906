//! E001: a table, or a row of one, that could not be read without guessing.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "E001",
    name: "unreadable-table",
    severity: Severity::Error,
    summary: "A table or table row could not be read unambiguously",
    explanation: r#"## What it checks
That every row of tables 二, 三 and 四 could be read into the right number of
cells. A row with too few or too many values, values run together (`801000081`
where seven cells were meant), or a label that matches no row of the template
is reported here, with the reason. So is a row whose label is in the table
but whose values could not be read (values printed away from their labels, as
some PDF extractions do): the row is there, so it is not E002.
Likewise a whole table whose row labels and headers are in its section but
whose rows could not be read at all (a report copied from a web page onto one
line): the table is there, so it is not S005.

## Why it matters
xxgk never guesses a number. A row it cannot read is a row none of the table
checks (勾稽关系, 总计) can verify, and usually a row a reader of the published
report cannot read either: cells merged or lost when the table was pasted or
exported.

## Example
```
（一）予以公开 110000011
```
Seven cells are expected; one token `110000011` was found. Cut as
`11 0 0 0 0 0 11` or `1 10 0 0 0 0 11` it keeps the row total either way, so
which it is can only come from the column relations; when they do not settle
it on exactly one cut, the row is not read.

## How to fix
Restore the table's cells so that each row has its label and exactly its
values (7 in table 三, 15 in table 四), one per cell. `xxgk inspect FILE`
shows what was read.
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let problems = r
        .active
        .iter()
        .flat_map(|t| &t.problems)
        .chain(r.applications.iter().flat_map(|t| &t.problems))
        .chain(r.review.iter().flat_map(|t| &t.problems));
    for table in crate::template::Table::ALL {
        let (index, name) = (table.section(), format!("表{}", table.numeral()));
        let Some(s) = r.section(index).filter(|_| !r.has_table(table)) else {
            continue;
        };
        if super::util::unread_table_words(ctx.text, r, index) {
            out.push(
                RULE.diag(
                    s.heading_span,
                    format!(
                        "表格无法读取：这一部分有{name}的行标签和表头，但读不出表格的行与单元格"
                    ),
                )
                .with_note(
                    "表格可能被压成了一行，或者版式无法识别；运行 `xxgk inspect` 查看读到的内容",
                ),
            );
        }
    }
    for p in problems {
        out.push(
            RULE.diag(p.span, format!("表格无法读取：{}", p.reason))
                .with_note("xxgk 不会猜测数值；运行 `xxgk inspect` 查看读到的内容"),
        );
    }
}
