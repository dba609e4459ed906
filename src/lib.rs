//! xxgk: a compliance linter for 政府信息公开工作年度报告.
//!
//! One engine, two faces: [`parse`] reads a report into a typed [`model`],
//! [`rules`] check it and produce [`diagnostic::Diagnostic`]s, which the CLI
//! ([`cli`]) renders and the language server ([`lsp`]) publishes.
//!
//! The two faces are cargo features, `cli` and `lsp` (both default); without
//! them (`--no-default-features`) the library is the core alone, with no
//! clap, tokio or tower-lsp.

pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod input;
pub mod model;
pub mod parse;
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
