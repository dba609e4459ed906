//! F001: a 信息处理费 charged while table 三 shows no applications.

use super::{fees, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_OVER, TABLE3_NEW, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "F001",
    name: "fee-without-applications",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let (Some(new), Some(over)) = (
        r.app_int(TABLE3_NEW, TABLE3_TOTAL_COLUMN),
        r.app_int(TABLE3_CARRIED_OVER, TABLE3_TOTAL_COLUMN),
    ) else {
        return;
    };
    if new + over != 0 {
        return;
    }
    for c in fees::charged(ctx) {
        let mut d = RULE.diag(
            c.span,
            format!(
                "正文称收取信息处理费{}，但表三中本年新收和上年结转的申请均为0",
                fees::yuan(c.yuan)
            ),
        );
        if let Some(cell) = r.app_cell(TABLE3_NEW, TABLE3_TOTAL_COLUMN) {
            d = d.with_label(cell.span, "本年新收申请 0");
        }
        out.push(d.with_note("信息处理费只能因依申请公开产生；行政事业性收费不是信息处理费"));
    }
}
