//! E001: a table, or a row of one, that could not be read without guessing.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "E001",
    name: "unreadable-table",
    severity: Severity::Error,
    fixable: false,
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
