//! `--format github`: GitHub Actions workflow commands, which show each
//! finding as an annotation on the pull request's changed lines.

use super::{position, FileReport};
use crate::diagnostic::Severity;

/// Escape a command's message (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (GitHub's `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=…,line=…::message` line per diagnostic.
pub fn emit(file: &FileReport, out: &mut String) {
    for d in file.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (line, col) = position(file.text, file.index, d.span.start);
        let (end_line, end_col) = position(file.text, file.index, d.span.end);
        out.push_str(&format!(
            "::{kind} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{} ({})\n",
            property(file.path),
            property(d.code),
            data(&d.message),
            d.name,
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping() {
        assert_eq!(super::property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(super::data("a,b:c\r\n"), "a,b:c%0D%0A");
    }
}
