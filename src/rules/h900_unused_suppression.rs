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
    fixable: false,
    check,
};

/// Intentionally empty: see the module comment.
fn check(_ctx: &Context, _out: &mut Vec<Diagnostic>) {}
