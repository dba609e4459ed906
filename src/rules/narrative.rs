//! Counts stated in running text, shared by the N rules: a pattern, the
//! number it captures, and the table figure it must equal.

use super::util::{count, NUM};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::model::Cell;
use crate::span::Span;
use regex::Regex;

/// A count the text states, and where.
pub struct Claim {
    pub value: i64,
    pub span: Span,
}

/// Build a pattern where `{N}` stands for a count.
pub fn pattern(p: &str) -> Regex {
    Regex::new(&p.replace("{N}", NUM)).expect("valid narrative pattern")
}

/// Claims in sentences (outside wider-scope sentences) matching `re` (count in
/// group 1) or `zero` (a negative statement: count 0). `needs` filters sentences.
pub fn claims(
    ctx: &Context,
    re: &Regex,
    zero: Option<&Regex>,
    needs: &dyn Fn(&str) -> bool,
) -> Vec<Claim> {
    let mut out = Vec::new();
    for t in ctx.texts() {
        let s = t.str();
        if t.wider || !needs(s) {
            continue;
        }
        for c in re.captures_iter(s) {
            let m = c.get(1).expect("count group");
            if let Some(value) = count(m.as_str()) {
                out.push(Claim {
                    value,
                    span: t.span(m),
                });
            }
        }
        if let Some(z) = zero {
            for m in z.find_iter(s) {
                out.push(Claim {
                    value: 0,
                    span: t.span(m),
                });
            }
        }
    }
    out
}

/// Report claims that equal none of the accepted table figures.
pub fn compare(
    rule: &'static Rule,
    claims: Vec<Claim>,
    accepted: &[i64],
    what: &str,
    cell: Option<&Cell>,
    table_value: i64,
    out: &mut Vec<Diagnostic>,
) {
    for c in claims {
        if accepted.contains(&c.value) {
            continue;
        }
        let mut d = rule
            .diag(
                c.span,
                format!("正文称{what}{}件，但表中为{table_value}", c.value),
            )
            .with_primary_label(format!("表中为 {table_value}"));
        if let Some(cell) = cell {
            d = d.with_label(cell.span, format!("表中 {table_value}"));
        }
        out.push(d);
    }
}
