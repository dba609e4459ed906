//! xxgk: a compliance linter for 政府信息公开工作年度报告.
//!
//! One engine, two faces: [`parse`] reads a report into a typed [`model`],
//! [`rules`] check it and produce [`diagnostic::Diagnostic`]s, which the CLI
//! ([`cli`]) renders and the language server ([`lsp`]) publishes.

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod input;
pub mod lang;
pub mod messages;
pub mod model;
pub mod parse;
pub mod relations;
pub mod render;
pub mod rules;
pub mod span;
pub mod suppress;
pub mod template;

pub mod cli;
pub mod lsp;

pub use diagnostic::{Diagnostic, Severity};
pub use engine::{lint, LintOptions};
pub use model::Report;
pub use span::Span;
