//! Property: any sequence of incremental edits, applied by the server's
//! document store (a rope, positions in UTF-16 or UTF-8), gives the same text
//! as the same edits applied to a plain `String` by an independent reference.

mod lsp_client;

use lsp_client::{lines, offset};
use proptest::prelude::*;
use serde_json::json;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use xxgk::lsp::document::Document;
use xxgk::lsp::position::PositionEncoding;

/// Pieces that stress the conversions: CJK (1 UTF-16 unit, 3 bytes), an emoji
/// outside the BMP (2 units, 4 bytes), every line ending, a table cell.
const PIECES: &[&str] = &[
    "a", "总计", "😀", "\r\n", "\n", "\r", "\t34", "", "一、", "　", "x😀y",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
struct EditSpec {
    start: (u32, u32),
    end: (u32, u32),
    text: String,
    full: bool,
}

fn edit_strategy() -> impl Strategy<Value = EditSpec> {
    // Lines and columns a little past the end, to exercise clamping; a few
    // whole-document replacements.
    (
        (0u32..8, 0u32..12),
        (0u32..8, 0u32..12),
        text_strategy(),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(start, end, text, full)| EditSpec {
            start,
            end,
            text,
            full,
        })
}

/// The reference: a `String`, the LSP rules written out plainly.
fn reference_apply(text: &mut String, e: &EditSpec, utf8: bool) {
    if e.full {
        *text = e.text.clone();
        return;
    }
    let p = |(l, c): (u32, u32)| json!({"line": l, "character": c});
    let a = offset(text, &p(e.start), utf8);
    let b = offset(text, &p(e.end), utf8);
    let (a, b) = (a.min(b), a.max(b));
    text.replace_range(a..b, &e.text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn rope_edits_equal_string_edits(
        initial in text_strategy(),
        edits in prop::collection::vec(edit_strategy(), 1..25),
        utf8 in any::<bool>(),
    ) {
        let enc = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
        let mut doc = Document::new(&initial, 1);
        let mut reference = initial.clone();
        for e in &edits {
            let change = TextDocumentContentChangeEvent {
                range: (!e.full).then(|| Range::new(
                    Position::new(e.start.0, e.start.1),
                    Position::new(e.end.0, e.end.1),
                )),
                range_length: None,
                text: e.text.clone(),
            };
            doc.apply(&change, enc);
            reference_apply(&mut reference, e, utf8);
            prop_assert_eq!(doc.text(), reference.clone());
            // Both agree on where the lines are.
            prop_assert_eq!(doc.rope.len_lines(), lines(&reference).len());
        }
    }
}
