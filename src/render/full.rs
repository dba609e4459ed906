//! The default human output: codespan-reporting with source snippets.

use super::FileReport;
use crate::diagnostic::{Applicability, Diagnostic as XDiag, Severity};
use crate::lang::Lang;
use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

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
        let mut buf = if writer.supports_color() {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        term::emit_to_write_style(&mut buf, &config, &files, &diag)
            .map_err(std::io::Error::other)?;
        let lang = crate::lang::current();
        writer.write_all(&localised_header(buf.as_slice(), d.severity, lang))?;
    }
    Ok(())
}

/// codespan-reporting writes the severity in English (`warning[S003(…)]`);
/// a clerk reads 警告. The word is the first text of the header, after any
/// colour codes; with `--lang en` it stays.
fn localised_header(rendered: &[u8], s: Severity, lang: Lang) -> std::borrow::Cow<'_, [u8]> {
    let english = match s {
        Severity::Error => "error[",
        Severity::Warning => "warning[",
        Severity::Info => "note[",
    };
    let header = rendered.split(|&b| b == b'\n').next().unwrap_or_default();
    let found = memchr::memmem::find(header, english.as_bytes());
    match (lang, found) {
        (Lang::Zh, Some(at)) => {
            let mut out = rendered[..at].to_vec();
            out.extend_from_slice(super::office::severity_zh(s).as_bytes());
            out.push(b'[');
            out.extend_from_slice(&rendered[at + english.len()..]);
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(rendered),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_severity_word_is_chinese_in_chinese_only() {
        let plain = "warning[S003(heading-numbering)]: x\n  = note[?] stays\n";
        let zh = localised_header(plain.as_bytes(), Severity::Warning, Lang::Zh);
        assert_eq!(
            String::from_utf8_lossy(&zh),
            "警告[S003(heading-numbering)]: x\n  = note[?] stays\n"
        );
        let en = localised_header(plain.as_bytes(), Severity::Warning, Lang::En);
        assert_eq!(&en[..], plain.as_bytes());
        // Colour codes come before the word.
        let coloured = "\x1b[0m\x1b[1m\x1b[38;5;9merror[T001(x)]\x1b[0m: y\n";
        let zh = localised_header(coloured.as_bytes(), Severity::Error, Lang::Zh);
        assert_eq!(
            String::from_utf8_lossy(&zh),
            "\x1b[0m\x1b[1m\x1b[38;5;9m错误[T001(x)]\x1b[0m: y\n"
        );
        let info = localised_header(b"note[N001(x)]: z\n", Severity::Info, Lang::Zh);
        assert_eq!(String::from_utf8_lossy(&info), "提示[N001(x)]: z\n");
    }
}
