//! `--format json`: an array of diagnostics with 1-based positions, columns in characters.

use super::{position, FileReport};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub location: Location,
    pub end_location: Location,
    pub content: &'a str,
}

/// Whether and how `xxgk check --fix` applies a fix (ruff's three values).
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum JsonApplicability {
    /// `--fix` applies it.
    Safe,
    /// `--fix --unsafe-fixes` applies it.
    Unsafe,
    /// Never applied: the file is a .docx, .doc/.wps, PDF or web page, which
    /// xxgk does not rewrite. The edits say what to change in the original,
    /// at the positions of the text view (`xxgk inspect --view`).
    DisplayOnly,
}

impl JsonApplicability {
    pub fn of(fix: &crate::diagnostic::Fix, rewritable: bool) -> Self {
        use crate::diagnostic::Applicability;
        match fix.applicability {
            _ if !rewritable => JsonApplicability::DisplayOnly,
            Applicability::Safe => JsonApplicability::Safe,
            Applicability::Unsafe => JsonApplicability::Unsafe,
        }
    }
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub applicability: JsonApplicability,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub message: &'a str,
    pub location: Location,
    pub end_location: Location,
}

/// A finding as JSON, borrowing its texts from the diagnostic and the file
/// (serialized at once: nothing is copied).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: crate::diagnostic::Severity,
    pub message: &'a str,
    pub path: &'a str,
    /// The report's issuing body and year (the same for every finding of a file).
    pub issuer: Option<&'a str>,
    pub year: Option<i32>,
    pub location: Location,
    pub end_location: Location,
    /// 1-based page of a PDF; absent for text formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Where in a .docx, in Word's terms (`第3段`, `第2个表格 第4行 第7列`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_place: Option<String>,
    pub labels: Vec<JsonLabel<'a>>,
    pub notes: &'a [String],
    pub fix: Option<JsonFix<'a>>,
}

fn loc(file: &FileReport, offset: usize) -> Location {
    let (line, column) = position(file.text, file.index, offset);
    Location { line, column }
}

pub fn convert<'a>(file: &FileReport<'a>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: &d.message,
        path: file.path,
        issuer: file.issuer,
        year: file.year,
        location: loc(file, d.span.start),
        page: file.page(d.span.start),
        word_place: file.word_place(d.span.start),
        end_location: loc(file, d.span.end),
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                message: &l.message,
                location: loc(file, l.span.start),
                end_location: loc(file, l.span.end),
            })
            .collect(),
        notes: &d.notes,
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: &f.title,
            applicability: JsonApplicability::of(f, file.rewritable),
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    location: loc(file, e.span.start),
                    end_location: loc(file, e.span.end),
                    content: &e.replacement,
                })
                .collect(),
        }),
    }
}
