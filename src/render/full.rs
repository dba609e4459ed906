//! The default human output: codespan-reporting with source snippets.

use super::FileReport;
use crate::diagnostic::{Applicability, Diagnostic as XDiag, Severity};
use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// `rewritable`: whether `--fix` can apply a safe fix to this file; a Word
/// document, page or PDF is corrected in the original, so no 可自动修复 promise.
pub fn to_codespan(d: &XDiag, rewritable: bool) -> Diagnostic<()> {
    let mut labels =
        vec![Label::new(LabelStyle::Primary, (), d.span.range())
            .with_message(d.primary_label.clone())];
    labels.extend(d.labels.iter().map(|l| {
        Label::new(LabelStyle::Secondary, (), l.span.range()).with_message(l.message.clone())
    }));
    let mut notes = d.notes.clone();
    if let Some(fix) = &d.fix {
        let kind = match fix.applicability {
            Applicability::Safe if rewritable => "可自动修复",
            Applicability::Safe => "请在原稿中修改",
            Applicability::Unsafe => "建议修复（需人工确认）",
        };
        notes.push(format!("{kind}：{}", fix.title));
    }
    Diagnostic::new(severity(d.severity))
        .with_code(format!("{}({})", d.code, d.name))
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

pub fn emit(file: &FileReport, writer: &mut dyn WriteColor) -> std::io::Result<()> {
    let files = SimpleFile::new(file.path, file.text);
    let config = Config::default();
    for d in file.diagnostics {
        let mut diag = to_codespan(d, file.rewritable);
        if let Some(n) = file.page(d.span.start) {
            // The line numbers are those of the text read from the PDF.
            diag.notes
                .push(format!("PDF 第{n}页（行号为从 PDF 读出的文字的行号）"));
        } else if let Some(w) = file.word_place(d.span.start) {
            diag.notes
                .push(format!("Word 文档{w}（行号为从 .docx 读出的文字的行号）"));
        }
        term::emit_to_write_style(writer, &config, &files, &diag).map_err(std::io::Error::other)?;
    }
    Ok(())
}
