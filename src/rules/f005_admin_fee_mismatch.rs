//! F005: a 行政事业性收费 amount in the text that differs from table 二 （八）.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pattern::Lite;
use crate::template::TABLE2_ADMIN_FEES;
use regex_lite::Captures;

pub static RULE: Rule = Rule {
    code: "F005",
    name: "admin-fee-mismatch",
    severity: Severity::Error,
    fixable: false,
    check,
};

// regex-lite (crate::pattern): it runs on the sentences with 行政事业性收费 only.
const AMOUNT_PATTERN: &str = r"行政事业性收费[^。；]{0,15}?(\d+(?:\.\d+)?)(万元|元)";
static AMOUNT: Lite = Lite::new(AMOUNT_PATTERN);

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let values = ctx.report.active_values();
    let Some(cell) = values.get(TABLE2_ADMIN_FEES).copied().flatten() else {
        return;
    };
    let Some(table) = cell.value.number() else {
        return;
    };
    for t in ctx.texts() {
        // The pattern needs 行政事业性收费: a cheap test before the regex.
        // A wider scope (全市各部门…) is not table 二's figure.
        if t.wider || !t.contains("行政事业性收费") {
            continue;
        }
        for c in AMOUNT.on(t.str()).captures_iter(t.str()) {
            let Ok(v) = c[1].parse::<f64>() else { continue };
            if !total_amount(t.str(), &c) {
                continue;
            }
            let wan = if &c[2] == "元" { v / 10_000.0 } else { v };
            // Equal to the table's precision (a table with 2 decimals, or whole 万元).
            if (wan - table).abs() < 0.005 + table.abs() * 1e-9 {
                continue;
            }
            let whole = c.get(0).expect("match");
            let span = t.compact.span(whole.start(), whole.end());
            out.push(
                RULE.diag(span, format!("正文中的行政事业性收费为{}{}（{wan}万元），与表二第（八）项{table}万元不一致", &c[1], &c[2]))
                    .with_label(cell.span, format!("表二 {table} 万元")),
            );
        }
    }
}

/// Whether the amount of a match is the year's total: not a change
/// (`较上年减少200万元`), a relief (`减免…`), an approximation or a part.
fn total_amount(s: &str, c: &Captures) -> bool {
    let (whole, amount) = (c.get(0).expect("match"), c.get(1).expect("amount"));
    let gap = &s[whole.start()..amount.start()];
    let clause_start = s[..whole.start()]
        .rfind(['，', '。', '；', '：'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(0, char::len_utf8));
    let before = &s[clause_start..whole.start()];
    let not_total = [
        "较", "同比", "环比", "增", "减", "下降", "上升", "约", "近", "超", "其中", "项目", "涉及",
    ];
    !not_total.iter().any(|w| gap.contains(w))
        && !["减免", "免收", "免征", "减征", "减收", "退还", "其中"]
            .iter()
            .any(|w| before.contains(w))
        && !s[amount.end()..].starts_with(['余', '多'])
}

/// The pattern under regex-lite finds what it found under regex.
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{line, same, same_on_corpus, slots};
    use proptest::prelude::*;

    const SLOTS: &[&[&str]] = &[
        &["", "全年", "本机关"],
        &["行政事业性收费", "行政事业性收费", "行政性收费"],
        &["", "收入", "共计", "较上年减少", "。", "；", "为"],
        &["", "300", "1.5", "０.５", "12.", "3000000000000000", "二十"],
        &["元", "万元", "", "余元"],
    ];

    #[test]
    fn fixtures() {
        same_on_corpus(AMOUNT_PATTERN);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(&["行政事业性收费", "收入", "万元", "3.5"]), t in slots(SLOTS)) {
            same(AMOUNT_PATTERN, &s);
            same(AMOUNT_PATTERN, &t);
        }
    }
}
