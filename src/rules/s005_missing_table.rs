//! S005: sections 二, 三, 四 without their statistical table.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{Table, SECTIONS};

pub static RULE: Rule = Rule {
    code: "S005",
    name: "missing-table",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    for table in Table::ALL {
        let (index, present) = (table.section(), r.has_table(table));
        let name = format!("表{}（{}）", table.numeral(), table.title());
        // Table words without a table read: E001 says it could not be read.
        if present || super::util::unread_table_words(ctx.text, r, index) {
            continue;
        }
        if let Some(s) = r.section(index) {
            let spec = &SECTIONS[index as usize - 1];
            out.push(RULE.diag(
                s.heading_span,
                format!("第{}部分中没有找到{name}", spec.numeral),
            ));
        }
    }
}
