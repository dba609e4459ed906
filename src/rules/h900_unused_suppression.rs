//! H900: a suppression comment that suppresses nothing.
//!
//! Computed by the engine, not here: whether a directive was used is only
//! known once every other rule has run, so `src/suppress.rs` (called at the
//! end of `engine::check`) builds these diagnostics from this `RULE`. The
//! check function is therefore deliberately empty.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "H900",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "A suppression comment that suppresses nothing",
    explanation: r#"## What it checks
That every suppression comment — `<!-- xxgk-disable CODE -->` … `<!-- xxgk-enable -->`
or `<!-- xxgk-disable-next-line CODE -->` — and every rule code it names still
hides a finding. A directive naming a rule that found nothing in its range, a
rule that is not enabled, or a code that is no rule at all is reported.

## Why it matters
Suppressions are written when a report knowingly departs from the template.
Once the text is corrected they stay behind, silently, and would hide the
same problem if it came back in next year's report copied from this one.

## Example
```
<!-- xxgk-disable-next-line T001 -->
一、本年新收政府信息公开申请数量 ……
```
If table 三 now balances, T001 finds nothing on that line and the comment is
reported.

## How to fix
Delete the comment, or the codes in it that no longer apply (`xxgk check
--fix` does this). Turn the rule off in `xxgk.toml` (`H900 = "off"`) to keep
stale directives on purpose.
"#,
    check,
};

/// Intentionally empty: see the module comment.
fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
