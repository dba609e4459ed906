//! xxgk: a compliance linter for 政府信息公开工作年度报告.
//!
//! One engine, two faces: the library reads a report and finds what is wrong
//! with it; the CLI ([`cli`]) renders the findings and the language server
//! ([`lsp`]) publishes them. The two faces are cargo features, `cli` and `lsp`
//! (both default); without them (`--no-default-features`) the library is the
//! core alone, with no clap, tokio or tower-lsp.
//!
//! # From bytes to findings to fixes
//!
//! 1. [`input`]: bytes → text. [`input::from_bytes`] (or [`input::load`] for a
//!    path) decodes UTF-8, GB18030 and UTF-16, and flattens .docx, .doc, web
//!    pages and PDF into one text view, a [`input::SourceFile`]. Every span
//!    from here on is a byte range of that text.
//! 2. [`parse`]: text → [`model::Report`]: title, period, the six section
//!    headings, tables 二, 三 and 四 cell by cell (each with its span), and the
//!    sentences of running text. Labels are matched against [`template`], the
//!    national template written once, with typed keys
//!    ([`template::T3Row`], [`template::T3Column`], [`template::T4Group`]…).
//! 3. [`relations`]: the sums a correct report's tables satisfy (the
//!    勾稽关系 of table 三, every total), as a [`relations::Relation`] saying
//!    what it sums and which cell is the total.
//! 4. [`rules`]: each rule reads the model (and the relations) and reports
//!    [`Diagnostic`]s: a stable code and name, a Chinese message, spans,
//!    notes, and sometimes a [`diagnostic::Fix`].
//! 5. [`engine`]: the one entry every face calls, [`lint`] and
//!    [`engine::lint_with_previous`]: parse, run the rules [`LintOptions`]
//!    enable at their levels, apply the suppression comments ([`suppress`]).
//! 6. [`fix`]: [`fix::select`] picks the fixes that can be applied together
//!    (the one choice behind `--fix`, `--diff` and the editor's fix-all),
//!    [`fix::fix_text`] repeats until none is left, and
//!    [`fix::write_atomic`] stores the result as the file was stored.
//!
//! ```
//! use std::path::Path;
//! use xxgk::fix::{self, Mode};
//! use xxgk::relations::{self, Relation};
//! use xxgk::template::{T3Column, T3Row};
//! use xxgk::LintOptions;
//!
//! // Table 三 as PDF text gives it, a row per line, its labels from the template.
//! // Row 一 is wrong: its 总计 says 3, its six applicant columns add up to 2.
//! let mut text = String::from("三、收到和处理政府信息公开申请情况\n");
//! for row in T3Row::ALL {
//!     let n = match row {
//!         T3Row::NewlyReceived | T3Row::Disclosed | T3Row::OutcomeTotal => 2,
//!         _ => 0,
//!     };
//!     let total = if row == T3Row::NewlyReceived { 3 } else { n };
//!     text += &format!("{} {n} 0 0 0 0 0 {total}\n", row.spec().label());
//! }
//!
//! // input: the bytes decoded (a GB18030 file or a .docx would be, too).
//! let source = xxgk::input::from_bytes(Path::new("report.txt"), text.as_bytes())?;
//!
//! // engine: parsed into the model, checked by every rule.
//! let out = xxgk::lint(&source.text, &LintOptions::default());
//! let total = (T3Row::NewlyReceived.index(), T3Column::Total.index());
//! assert_eq!(out.report.app_int(total.0, total.1), Some(3));
//!
//! // relations: two sums fail through that cell: row 一's total, and the 总计
//! // column's balance 一 + 二 = （七）+ 四 (T001 leaves it to T002).
//! let rels = relations::relations(&out.report);
//! let broken: Vec<_> = rels.iter().filter(|r| r.holds() == Some(false)).collect();
//! assert_eq!(broken.len(), 2);
//! let row_total = broken.iter().find_map(|r| match r {
//!     Relation::RowTotal { row, sum } => Some((*row, sum.parts_sum())),
//!     _ => None,
//! });
//! assert_eq!(row_total, Some((T3Row::NewlyReceived, Some(2))));
//! assert!(broken.iter().any(|r| matches!(r,
//!     Relation::Balance { column: T3Column::Total, .. })));
//!
//! // rules: T002 reports it at the 总计 cell, with the sum as a fix.
//! let t002 = out.diagnostics.iter().find(|d| d.code == "T002").unwrap();
//! assert_eq!(&source.text[t002.span.range()], "3");
//!
//! // fix: the fix is unsafe (the wrong number may be a part, not the total),
//! // so only `--unsafe-fixes` takes it.
//! let (edits, _) = fix::select(&source.text, &out.diagnostics, Mode::IncludeUnsafe);
//! assert!(edits.iter().any(|e| e.span == t002.span && e.replacement == "2"));
//! let (edits, _) = fix::select(&source.text, &out.diagnostics, Mode::SafeOnly);
//! assert!(!edits.iter().any(|e| e.span == t002.span));
//! # Ok::<(), xxgk::input::LoadError>(())
//! ```

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod input;
pub mod lang;
pub mod messages;
pub mod model;
pub mod options;
pub mod parse;
pub(crate) mod pattern;
pub(crate) mod per_thread;
pub mod relations;
#[cfg(feature = "cli")]
pub mod render;
pub mod rules;
pub mod span;
pub mod suppress;
pub(crate) mod swar;
pub mod template;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "lsp")]
pub mod lsp;

pub use diagnostic::{Diagnostic, Severity};
pub use engine::{lint, LintOptions};
pub use model::Report;
pub use span::Span;
