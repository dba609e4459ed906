//! Which part of the page is the report. No site's class names are used:
//! the report is the smallest element that holds the most of its landmarks —
//! the six section headings and the tables 二, 三 and 四 — and its title,
//! when a site prints it above that element, is the nearest line before it
//! that names a 年度报告. Navigation, breadcrumbs, menus, related links and
//! footers are outside that element and so are left out.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::Html;

use super::walk::{Kind, Piece, Walked};
use super::HtmlError;
use crate::template::{
    REPORT_TITLE_WORD, SECTIONS, TABLE2_ROWS, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_RESULTS,
};

/// A heading is a short line; the same words inside a sentence (the
/// preamble lists all six parts) are not a landmark.
const MAX_HEADING_CHARS: usize = 40;
/// A landmark count below this is not a report (a list of links to
/// reports, a page that only offers the report as an attachment).
const MIN_LANDMARKS: u32 = 2;
/// A page with more landmarks than this is hostile or not a single report;
/// the first ones decide.
const MAX_LANDMARK_PIECES: usize = 256;
/// How many paragraphs before the report's element the title may be.
const TITLE_LOOKBACK: usize = 8;
const MAX_TITLE_CHARS: usize = 100;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Landmark bits of one piece: 0–5 the section headings, 6–8 the tables.
fn landmarks(piece: &Piece) -> u16 {
    match piece.kind {
        Kind::Paragraph => piece
            .text
            .lines()
            .filter(|l| l.chars().count() <= MAX_HEADING_CHARS)
            .map(|l| heading_bits(&squeeze(l)))
            .fold(0, |a, b| a | b),
        Kind::Table => {
            let text = squeeze(&piece.text);
            let all = |words: &[&str]| words.iter().all(|w| text.contains(w));
            let mut bits = 0;
            if all(&[TABLE2_ROWS[2].text, TABLE2_ROWS[3].text]) {
                bits |= 1 << 6;
            }
            if all(&[TABLE3_COLUMNS[0], TABLE3_COLUMNS[1]]) {
                bits |= 1 << 7;
            }
            if all(&[TABLE4_GROUPS[0], TABLE4_RESULTS[3]]) {
                bits |= 1 << 8;
            }
            bits
        }
    }
}

fn heading_bits(line: &str) -> u16 {
    SECTIONS
        .iter()
        .filter(|s| line.contains(s.title) || s.variants.iter().any(|v| line.contains(v)))
        .fold(0, |bits, s| bits | 1 << (s.index - 1))
}

/// The text of the report on the page: its title (when found above it)
/// and every piece inside the element that holds it.
pub(super) fn report_text(html: &Html, walked: &Walked) -> Result<String, HtmlError> {
    if walked.pieces.is_empty() {
        return Err(HtmlError::NoText);
    }
    let Some(element) = report_element(html, walked) else {
        return Err(HtmlError::NoReport);
    };
    let first = walked.order[&element];
    let last = walked.last_inside[first];
    let inside = |p: &Piece| (first..=last).contains(&p.order);
    let start = walked
        .pieces
        .iter()
        .position(inside)
        .ok_or(HtmlError::NoReport)?;
    let mut out = String::new();
    let body: Vec<&Piece> = walked.pieces[start..]
        .iter()
        .filter(|p| inside(p))
        .collect();
    if !has_title(&body) {
        if let Some(title) = title_before(&walked.pieces[..start]) {
            out.push_str(title);
            out.push_str("\n\n");
        }
    }
    for p in body {
        out.push_str(&p.text);
    }
    Ok(out)
}

/// The deepest element holding the largest number of distinct landmarks.
fn report_element(html: &Html, walked: &Walked) -> Option<NodeId> {
    // Pre-order number → element, for the pieces' owners.
    let by_order: HashMap<usize, NodeId> = walked.order.iter().map(|(id, n)| (*n, *id)).collect();
    let mut seen: HashMap<NodeId, (u16, usize)> = HashMap::new();
    let mut found = 0u16;
    let marked = walked
        .pieces
        .iter()
        .map(|p| (p, landmarks(p)))
        .filter(|(_, bits)| *bits != 0)
        .take(MAX_LANDMARK_PIECES);
    for (piece, bits) in marked {
        found |= bits;
        let Some(node) = by_order.get(&piece.order).and_then(|id| html.tree.get(*id)) else {
            continue;
        };
        let chain: Vec<NodeId> = std::iter::successors(Some(node), |n| n.parent())
            .map(|n| n.id())
            .collect();
        let depth = chain.len();
        for (k, id) in chain.into_iter().enumerate() {
            let entry = seen.entry(id).or_insert((0, depth - k));
            entry.0 |= bits;
        }
    }
    if found.count_ones() < MIN_LANDMARKS {
        return None;
    }
    seen.into_iter()
        .filter(|(id, _)| walked.order.contains_key(id))
        .max_by_key(|(id, (bits, depth))| {
            // Ties: the earlier element in the document.
            (
                bits.count_ones(),
                *depth,
                std::cmp::Reverse(walked.order[id]),
            )
        })
        .map(|(id, _)| id)
}

fn is_title(line: &str) -> bool {
    let n = line.chars().count();
    line.contains(REPORT_TITLE_WORD)
        && n <= MAX_TITLE_CHARS
        // Breadcrumbs: 首页 > 政务公开 > 年度报告.
        && !line.contains(['>', '＞', '»', '›', '→'])
        && !line.contains("当前位置")
}

/// Whether the report's element already starts with its title (before the
/// first section heading).
fn has_title(body: &[&Piece]) -> bool {
    for p in body {
        if p.kind == Kind::Paragraph && p.text.lines().any(is_title) {
            return true;
        }
        if landmarks(p) != 0 {
            return false;
        }
    }
    false
}

/// The nearest paragraph before the report that names a 年度报告, whole (a
/// title is often set in two lines: the body, then the year and kind).
fn title_before(pieces: &[Piece]) -> Option<&str> {
    pieces
        .iter()
        .rev()
        .take(TITLE_LOOKBACK)
        .filter(|p| p.kind == Kind::Paragraph && !p.linked)
        .find(|p| p.text.lines().any(is_title))
        .map(|p| p.text.trim_end())
}
