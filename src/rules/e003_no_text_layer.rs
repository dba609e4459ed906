//! E003: a PDF page without a text layer (a scan), or a table printed as a
//! picture: what is on it cannot be read, so nothing is claimed about it.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::pdf::{IMAGE_PREFIX, NO_TEXT_PREFIX};
use crate::span::Span;

/// What both markers start with.
const MARKERS_START: &str = "[xxgk-pdf";

pub static RULE: Rule = Rule {
    code: "E003",
    name: "no-text-layer",
    severity: Severity::Error,
    fixable: false,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // One search of the text instead of a look at every line: most texts
    // (all but PDF reports with scans or pictures) have neither marker, and
    // both start with `[xxgk-pdf`: each `[` (rare in a report) is found by
    // memchr (SIMD), and the rest compared there.
    let bytes = ctx.text.as_bytes();
    let marked =
        memchr::memchr_iter(b'[', bytes).any(|i| bytes[i..].starts_with(MARKERS_START.as_bytes()));
    if !marked {
        return;
    }
    let r = ctx.report;
    let table_missing = r.active.is_none() || r.applications.is_none() || r.review.is_none();
    let mut offset = 0;
    for line in ctx.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end();
        let image = body.starts_with(IMAGE_PREFIX);
        // A large picture on a page with text is only reported when a table
        // is in fact missing from the text: a photo beside a complete report
        // hides nothing.
        if !(body.starts_with(NO_TEXT_PREFIX) || image && table_missing) {
            continue;
        }
        let what = body
            .split_once(": ")
            .map_or(body, |(_, rest)| rest)
            .trim_end_matches(']');
        out.push(
            RULE.diag(Span::new(start, start + body.len()), what.to_string())
                .with_note("xxgk 不做文字识别（OCR）；这部分内容没有被检查，也不据此判断缺少章节、表格或数字"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text without `[xxgk-pdf` has neither marker: nothing is skipped.
    #[test]
    fn both_markers_start_alike() {
        assert!(NO_TEXT_PREFIX.starts_with(MARKERS_START));
        assert!(IMAGE_PREFIX.starts_with(MARKERS_START));
    }
}
