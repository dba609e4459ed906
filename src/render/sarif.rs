//! `--format sarif`: SARIF 2.1.0, for code-scanning and review tools
//! (GitHub code scanning via `github/codeql-action/upload-sarif`).
//! Columns are Unicode code points (`columnKind`), as in every other format.

use super::{position, FileReport};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (to `%SRCROOT%`),
/// with `/` separators and everything outside RFC 3986's unreserved set escaped.
pub fn uri(path: &str) -> (String, bool) {
    let slashed = path.replace('\\', "/");
    let absolute = slashed.starts_with('/');
    let mut out = String::from(if absolute { "file://" } else { "" });
    for b in slashed.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    (out, !absolute)
}

fn artifact(path: &str) -> Value {
    let (uri, relative) = uri(path);
    if relative {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    } else {
        json!({ "uri": uri })
    }
}

fn region(file: &FileReport, start: usize, end: usize) -> Value {
    let (sl, sc) = position(file.text, file.index, start);
    let (el, ec) = position(file.text, file.index, end);
    json!({ "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec })
}

fn rule_descriptor(r: &rules::Rule) -> Value {
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary() },
        "fullDescription": { "text": r.summary() },
        "help": { "text": r.explanation(), "markdown": r.explanation() },
        "helpUri": rules::doc_url(r),
        "defaultConfiguration": { "level": level(r.severity) },
    })
}

/// One finding as a SARIF result.
pub fn result(file: &FileReport, d: &Diagnostic) -> Value {
    let mut v = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(file.path),
                "region": region(file, d.span.start, d.span.end),
            }
        }],
    });
    if let Some(i) = rules::ALL.iter().position(|r| r.code == d.code) {
        v["ruleIndex"] = json!(i);
    }
    if !d.labels.is_empty() {
        v["relatedLocations"] = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": i,
                    "message": { "text": l.message },
                    "physicalLocation": {
                        "artifactLocation": artifact(file.path),
                        "region": region(file, l.span.start, l.span.end),
                    }
                })
            })
            .collect();
    }
    // A SARIF fix is a change to the artifact: none for a file xxgk never
    // rewrites (a .docx's regions are in its text view, not its bytes); what
    // to change in the original is kept as a property.
    if let Some(fix) = d.fix.as_ref().filter(|_| !file.rewritable) {
        v["properties"] = json!({ "suggestion": fix.title });
    } else if let Some(fix) = &d.fix {
        v["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": artifact(file.path),
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": region(file, e.span.start, e.span.end),
                    "insertedContent": { "text": e.replacement },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    v
}

/// The whole SARIF log for a run.
pub fn log(files: &[FileReport]) -> Value {
    let results: Vec<Value> = files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| result(f, d)))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "xxgk",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/xxgk-lint/xxgk",
                    "rules": rules::ALL.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris() {
        assert_eq!(super::uri("a b/报告.txt").0, "a%20b/%E6%8A%A5%E5%91%8A.txt");
        assert_eq!(super::uri("/x/y.md"), ("file:///x/y.md".to_string(), false));
    }
}
