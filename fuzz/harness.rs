//! The fuzz harness, shared by the cargo-fuzz targets (fuzz/fuzz_targets/)
//! and the stable-toolchain loop in tests/fuzz_stable.rs, which runs the same
//! functions on generated inputs wherever cargo fuzz (nightly) is unavailable.
#![allow(dead_code)]

use std::path::Path;
use xxgk::input::{self, LineIndex};

/// bytes → decode → parse → lint, as `xxgk check` does, and every span the
/// rules report lies inside the text on character boundaries.
pub fn lint_bytes(data: &[u8]) {
    // The first byte picks the file name (and so the format) the bytes arrive under.
    let (name, data) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => ("report.md", rest),
        Some((b, rest)) if b % 3 == 1 => ("report.docx", rest),
        Some((_, rest)) => ("report.txt", rest),
        None => ("report.txt", data),
    };
    let Ok(source) = input::from_bytes(Path::new(name), data) else {
        return;
    };
    lint_text(&source.text);
}

pub fn lint_text(text: &str) {
    let out = xxgk::lint(text, &Default::default());
    let index = LineIndex::new(text);
    for d in &out.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{}: span {:?} outside a text of {} bytes",
            d.code,
            d.span,
            text.len()
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "{}: span {:?} not on character boundaries",
            d.code,
            d.span
        );
        let _ = index.char_pos(text, d.span.end);
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start));
            }
        }
    }
}

/// The .doc reader on arbitrary bytes: an error or text, never a panic (the
/// unguarded entry point, so that a panic is seen rather than caught).
pub fn doc_bytes(data: &[u8]) {
    if let Ok(text) = input::doc::doc_to_text_unguarded(data, &input::doc::DocLimits::default()) {
        lint_text(&text);
    }
}

/// The .docx reader on arbitrary bytes: an error or text, never a panic.
pub fn docx_bytes(data: &[u8]) {
    if let Ok(text) = input::docx::docx_to_text(data, &input::docx::DocxLimits::default()) {
        lint_text(&text);
    }
}
