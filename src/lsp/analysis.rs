//! One lint of one version of a document, and its diagnostics in LSP terms.
//!
//! An analysis keeps the rope it was computed from: every span in it points
//! into that text, so positions are converted against it and never against a
//! newer version the client has typed since.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp::lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, Location, NumberOrString, Url,
};

use super::incremental::{self, Memo};
use super::position::{self, PositionEncoding};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{self, LintOptions, LintOutput};
use crate::rules;

/// What to lint: a document version under a settings generation.
#[derive(Clone)]
pub struct Job {
    pub version: i32,
    /// Bumped whenever the settings change, so that a lint under old settings
    /// counts as stale just like a lint of an old version.
    pub generation: u64,
    pub rope: Rope,
    pub options: Arc<LintOptions>,
}

impl Job {
    pub fn key(&self) -> (i32, u64) {
        (self.version, self.generation)
    }
}

pub struct Analysis {
    pub version: i32,
    pub generation: u64,
    pub rope: Rope,
    pub text: String,
    pub output: LintOutput,
}

impl Analysis {
    pub fn run(job: Job) -> Analysis {
        let text = text_of(&job.rope);
        let output = engine::lint(&text, &job.options);
        Analysis::new(job, text, output)
    }

    /// [`Analysis::run`] after `last`, the worker's lint of an earlier version
    /// and what it left: only what the edits can have changed is linted again
    /// ([`incremental`]) when the settings are the same.
    pub fn run_after(job: Job, last: Option<(Arc<Analysis>, Memo)>) -> (Analysis, Memo) {
        let text = text_of(&job.rope);
        let (output, memo) = match last {
            Some((a, memo)) if a.generation == job.generation => {
                let (output, memo, _) =
                    incremental::relint(&a.text, &a.output, memo, &text, &job.options);
                (output, memo)
            }
            _ => incremental::lint(&text, &job.options),
        };
        (Analysis::new(job, text, output), memo)
    }

    fn new(job: Job, text: String, output: LintOutput) -> Analysis {
        Analysis {
            version: job.version,
            generation: job.generation,
            rope: job.rope,
            text,
            output,
        }
    }

    pub fn key(&self) -> (i32, u64) {
        (self.version, self.generation)
    }

    pub fn range(&self, span: crate::span::Span, enc: PositionEncoding) -> lsp::Range {
        position::to_range(&self.rope, span, enc)
    }

    /// Every diagnostic, in LSP terms.
    pub fn lsp_diagnostics(&self, uri: &Url, enc: PositionEncoding) -> Vec<lsp::Diagnostic> {
        self.output
            .diagnostics
            .iter()
            .map(|d| self.lsp_diagnostic(d, uri, enc))
            .collect()
    }

    pub fn lsp_diagnostic(
        &self,
        d: &Diagnostic,
        uri: &Url,
        enc: PositionEncoding,
    ) -> lsp::Diagnostic {
        let related: Vec<_> = d
            .labels
            .iter()
            .map(|l| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), self.range(l.span, enc)),
                message: l.message.clone(),
            })
            .collect();
        let code_description = rules::find(d.code)
            .and_then(|r| Url::parse(&rules::doc_url(r)).ok())
            .map(|href| CodeDescription { href });
        lsp::Diagnostic {
            range: self.range(d.span, enc),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description,
            source: Some("xxgk".into()),
            message: d.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            // The rule name lets a client filter without a registry lookup.
            data: Some(serde_json::json!({ "name": d.name })),
        }
    }
}

/// The text the engine reads (a lone CR as LF), so that spans into the
/// report and `text` agree.
fn text_of(rope: &Rope) -> String {
    let raw = rope.to_string();
    engine::lone_cr_as_lf(&raw).unwrap_or(raw)
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}
