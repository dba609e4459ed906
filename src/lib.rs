//! xxgk: a compliance linter for 政府信息公开工作年度报告.
//!
//! One engine, two faces: [`parse`] reads a report into a typed [`model`],
//! [`rules`] check it and produce [`diagnostic::Diagnostic`]s, which the CLI
//! ([`cli`]) renders and the language server ([`lsp`]) publishes.
//!
//! The two faces are cargo features, `cli` and `lsp` (both default); without
//! them (`--no-default-features`) the library is the core alone, with no
//! clap, tokio or tower-lsp.
//!
//! ```
//! use xxgk::options::{LintOptions, ReportKind};
//! use xxgk::template::{T3Row, Table};
//!
//! let options = LintOptions {
//!     report_kind: Some(ReportKind::Government),
//!     ..Default::default()
//! };
//! let out = xxgk::lint("某某市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n", &options);
//! // Findings carry byte spans into the text; the rules name the template's words.
//! assert!(out.diagnostics.iter().any(|d| d.code == "S001"));
//! assert_eq!(out.report.year, Some(2024));
//! assert_eq!(Table::Applications.label(), "表三 收到和处理政府信息公开申请情况");
//! assert_eq!(T3Row::NewlyReceived.spec().key, "new");
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
pub mod relations;
#[cfg(feature = "cli")]
pub mod render;
pub mod rules;
pub mod span;
pub mod suppress;
pub mod template;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "lsp")]
pub mod lsp;

pub use diagnostic::{Diagnostic, Severity};
pub use engine::{lint, LintOptions};
pub use model::Report;
pub use span::Span;
