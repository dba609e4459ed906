//! Tables drawn without rulings (a web page printed to PDF, a Word table
//! with its borders turned off), rebuilt from where the glyphs are.
//!
//! Such a table reaches us as text lines. A row's values sit in columns that
//! line up from row to row; its label may be wrapped over lines above and
//! below the values (a browser centres the values in the row); a group label
//! spanning several rows is printed beside them one piece a line
//! (`（四）无` / `法提供`). So:
//!
//! - a *row* is a line ending in two or more values set apart by column gaps;
//! - the value columns are where the rows' values line up, which also frees a
//!   value the writer set hard against its label (`…政府信息0`);
//! - label pieces left of the values are chained top to bottom when a piece
//!   starts where the one above it starts and does not open a label of its
//!   own (`1.`, `（五）`, `三、`); a chain is the label of the row it shares a
//!   line with, or of the row its extent holds, else a line of its own (a
//!   group label beside several rows, which the parser reads as such).
//!
//! The table is written as `pdftotext -layout` would: one line per row, the
//! header lines above it, no blank line between, which the parser reads as a
//! plain-text table. Nothing is guessed: a value that is in no column stays
//! where it was printed.

use super::grid::is_number;
use super::layout::{is_page_number, starts_label, Block};
use super::lines::{join_lines, Placed, TextLine};

/// A gap wider than this many glyph sizes separates two words (cells).
const WORD_GAP: f64 = 0.9;
/// Two Latin glyphs this far apart (in glyph sizes) are two words.
const LATIN_GAP: f64 = 0.25;
/// A line with this many values at its end (at least) is a table row.
const MIN_VALUES: usize = 2;

/// The page's free lines (top to bottom) → blocks, with every table drawn
/// without rulings replaced by one `Block::Rows`.
pub fn rebuild(lines: Vec<TextLine>, page_height: f64) -> Vec<(f64, Block)> {
    let words: Vec<Vec<Word>> = lines.iter().map(words_of).collect();
    let rows: Vec<bool> = lines
        .iter()
        .zip(&words)
        .map(|(l, w)| l.columns && value_tail(w) >= MIN_VALUES)
        .collect();
    let mut out = Vec::new();
    let mut taken = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !rows[i] {
            i += 1;
            continue;
        }
        let end = region_end(&lines, &words, &rows, i);
        let row_count = rows[i..end].iter().filter(|r| **r).count();
        let above = label_lines_above(&lines, &words, i);
        let start = if row_count >= 2 || value_tail(&words[i]) >= 3 {
            header_start(&lines, &taken, above, page_height)
        } else {
            above
        };
        let region = Region {
            lines: &lines[start..end],
            words: &words[start..end],
            rows: &rows[start..end],
        };
        out.push((lines[start].top, Block::Rows(region.write())));
        taken[start..end].iter_mut().for_each(|t| *t = true);
        i = end;
    }
    let mut taken_lines = taken.into_iter();
    out.extend(
        lines
            .into_iter()
            .filter(|_| !taken_lines.next().unwrap_or(false))
            .map(|l| (l.top, Block::Line(l))),
    );
    out
}

/// Glyphs of a line with no column gap between them.
#[derive(Debug, Clone)]
struct Word {
    parts: Vec<Placed>,
    /// A space glyph follows (`[bookmark: ` wrapped before `_Hlk…]`).
    space_after: bool,
}

impl Word {
    fn text(&self) -> String {
        self.parts.iter().map(|p| p.text.as_str()).collect()
    }
    fn x0(&self) -> f64 {
        self.parts.first().map_or(0.0, |p| p.x0)
    }
    fn x1(&self) -> f64 {
        self.parts.last().map_or(0.0, |p| p.x1)
    }
    fn is_value(&self) -> bool {
        is_number(&self.text())
    }
}

fn words_of(line: &TextLine) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut space = false;
    for g in &line.glyphs {
        if g.text.trim().is_empty() {
            space = true;
            if let Some(w) = out.last_mut() {
                w.space_after = true;
            }
            continue;
        }
        match out.last_mut() {
            Some(w) if !word_break(w, g, line.size) => {
                if space {
                    w.parts.push(Placed {
                        text: " ".to_string(),
                        x0: w.x1(),
                        x1: w.x1(),
                    });
                }
                w.parts.push(g.clone());
                w.space_after = false;
            }
            _ => out.push(Word {
                parts: vec![g.clone()],
                space_after: false,
            }),
        }
        space = false;
    }
    out
}

/// Where `lines::text_lines` set a space between glyphs for a gap: a column
/// gap, or the gap between two Latin words or numbers (`0 0 0` printed in
/// narrow columns).
fn word_break(word: &Word, next: &Placed, size: f64) -> bool {
    let gap = next.x0 - word.x1();
    let ascii = |s: &str, last: bool| {
        let c = if last {
            s.chars().last()
        } else {
            s.chars().next()
        };
        c.is_some_and(|c| c.is_ascii_graphic())
    };
    let latin = word
        .parts
        .last()
        .is_some_and(|p| ascii(&p.text, true) && ascii(&next.text, false));
    gap > WORD_GAP * size || (latin && gap > LATIN_GAP * size)
}

/// How many of the line's last words are values.
fn value_tail(words: &[Word]) -> usize {
    words.iter().rev().take_while(|w| w.is_value()).count()
}

fn is_heading(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    numeral > 0 && t.chars().nth(numeral) == Some('、')
}

/// Left edge of the values of the rows in `rows`.
fn values_left(words: &[Word]) -> f64 {
    let tail = value_tail(words);
    words[words.len() - tail..]
        .iter()
        .map(Word::x0)
        .fold(f64::MAX, f64::min)
}

/// One past the region's last line: rows, and the label lines between and
/// just below them (all their words left of the values).
fn region_end(lines: &[TextLine], words: &[Vec<Word>], rows: &[bool], first: usize) -> usize {
    let mut left = values_left(&words[first]);
    let mut last_row = first;
    let mut j = first + 1;
    while j < lines.len() {
        if rows[j] {
            left = left.min(values_left(&words[j]));
            last_row = j;
        } else if !is_label_line(&lines[j], &words[j], left, false) {
            break;
        }
        j += 1;
    }
    // Label lines after the last row belong to it only when they follow on
    // as wrapped lines do, not at the distance of a new paragraph.
    let mut end = last_row + 1;
    while end < j && lines[end].top - lines[end - 1].bottom <= 0.8 * lines[end].size {
        end += 1;
    }
    end
}

/// The first of the lines right above the first row that are wrapped
/// lines of its label (the page may start inside the row).
fn label_lines_above(lines: &[TextLine], words: &[Vec<Word>], first_row: usize) -> usize {
    let left = values_left(&words[first_row]);
    let mut k = first_row;
    while k > 0
        && is_label_line(&lines[k - 1], &words[k - 1], left, true)
        && lines[k].top - lines[k - 1].bottom <= 0.8 * lines[k].size
    {
        k -= 1;
    }
    k
}

/// A line of label pieces: all its words left of the values. A numbered
/// label (`一、本年新收…`) looks like a section heading; it is taken only
/// where `heading_too` says so (right above a row it wraps onto), so that
/// a heading between two tables never joins them.
fn is_label_line(line: &TextLine, words: &[Word], values_left: f64, heading_too: bool) -> bool {
    !words.is_empty()
        && (heading_too || !is_heading(&line.text))
        && words.iter().all(|w| w.x1() <= values_left)
}

/// First line of the table's header: the short lines right above its first
/// row, up to a section heading, prose, or the page's top margin.
fn header_start(lines: &[TextLine], taken: &[bool], first: usize, height: f64) -> usize {
    let mut start = first;
    while start > 0 {
        let l = &lines[start - 1];
        let t = l.text.trim();
        let prose = !l.columns && t.chars().count() >= 20;
        let margin = l.bottom < height * 0.1 || is_page_number(t);
        if taken[start - 1] || is_heading(t) || prose || t.ends_with('。') || margin {
            break;
        }
        start -= 1;
    }
    start
}

struct Region<'a> {
    lines: &'a [TextLine],
    words: &'a [Vec<Word>],
    rows: &'a [bool],
}

/// A label piece: a word left of the values, and the line it is on.
struct Piece {
    text: String,
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    size: f64,
    row: Option<usize>,
}

impl Piece {
    fn of(w: &Word, l: &TextLine, row: Option<usize>) -> Self {
        let mut text = w.text();
        if w.space_after {
            text.push(' ');
        }
        Piece {
            text,
            x0: w.x0(),
            x1: w.x1(),
            top: l.top,
            bottom: l.bottom,
            size: l.size,
            row,
        }
    }
}

/// Label pieces chained into one label.
struct Chain {
    pieces: Vec<Piece>,
}

impl Chain {
    fn top(&self) -> f64 {
        self.pieces[0].top
    }
    fn bottom(&self) -> f64 {
        self.pieces.last().map_or(0.0, |p| p.bottom)
    }
    fn row(&self) -> Option<usize> {
        self.pieces.iter().find_map(|p| p.row)
    }
    fn text(&self) -> String {
        join_lines(self.pieces.iter().map(|p| p.text.as_str()))
    }
}

impl Region<'_> {
    fn write(&self) -> Vec<String> {
        let first_row = self.rows.iter().position(|r| *r).unwrap_or(0);
        let first_piece = label_lines_above(self.lines, self.words, first_row);
        let columns = self.value_columns();
        let mut values: Vec<Vec<String>> = vec![Vec::new(); self.lines.len()];
        let mut pieces = Vec::new();
        let anchors = self.label_starts(first_piece);
        for (i, l) in self.lines.iter().enumerate().skip(first_piece) {
            let mut ws = split_at_starts(&self.words[i], &anchors, l.size);
            if self.rows[i] {
                let tail = value_tail(&ws);
                let mut vals = ws.split_off(ws.len() - tail);
                if let Some(freed) = free_glued_value(ws.last_mut(), &vals, &columns, l.size) {
                    vals.insert(0, freed);
                }
                ws.retain(|w| !w.parts.is_empty());
                values[i] = vals.iter().map(Word::text).collect();
            }
            pieces.extend(
                ws.iter()
                    .map(|w| Piece::of(w, l, self.rows[i].then_some(i))),
            );
        }
        let chains = chain(pieces);
        let mut labels: Vec<Vec<(f64, String)>> = vec![Vec::new(); self.lines.len()];
        let mut items: Vec<(f64, String)> = Vec::new();
        for c in &chains {
            match c.row().or_else(|| self.row_within(c)) {
                Some(r) => labels[r].push((c.pieces[0].x0, c.text())),
                None => items.push((c.top(), c.text())),
            }
        }
        items.extend(self.header(first_piece));
        for (i, l) in self.lines.iter().enumerate() {
            if self.rows[i] {
                labels[i].sort_by(|a, b| a.0.total_cmp(&b.0));
                let cells: Vec<&str> = labels[i]
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .chain(values[i].iter().map(String::as_str))
                    .collect();
                items.push((l.top, cells.join(" ")));
            }
        }
        // Stable: header lines keep their order, a row keeps its place.
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        items.into_iter().map(|(_, t)| t).collect()
    }

    /// The header above the first label: its cells' wrapped lines joined
    /// (`行政` / `复议`, `[bookmark:` / `_Hlk…]复议` / `后起诉`), the cells that
    /// start on one line written on one line.
    fn header(&self, end: usize) -> Vec<(f64, String)> {
        let pieces = self.lines[..end]
            .iter()
            .zip(self.words)
            .flat_map(|(l, ws)| ws.iter().map(move |w| Piece::of(w, l, None)))
            .collect();
        let mut out: Vec<(f64, String)> = Vec::new();
        for c in chain(pieces) {
            match out.last_mut() {
                Some((top, line)) if *top == c.top() => {
                    line.push(' ');
                    line.push_str(&c.text());
                }
                _ => out.push((c.top(), c.text())),
            }
        }
        out
    }

    /// Where label cells start: the left edges shared by words of two lines
    /// or more. A cell set close to the next (`（四）` beside
    /// `1.本机关不掌握…` in a narrow table) is told apart by them.
    fn label_starts(&self, from: usize) -> Vec<f64> {
        let mut xs: Vec<(f64, f64)> = Vec::new();
        for (l, ws) in self.lines.iter().zip(self.words).skip(from) {
            xs.extend(
                ws.iter()
                    .filter(|w| !w.is_value())
                    .map(|w| (w.x0(), l.size)),
            );
        }
        xs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out = Vec::new();
        let mut i = 0;
        while i < xs.len() {
            let j = xs[i..]
                .iter()
                .position(|(x, _)| *x - xs[i].0 > 0.3 * xs[i].1)
                .map_or(xs.len(), |k| i + k);
            if j - i >= 2 {
                out.push(xs[i].0);
            }
            i = j;
        }
        out
    }

    /// Horizontal extents of the value columns: the rows' values, those
    /// that overlap merged.
    fn value_columns(&self) -> Vec<(f64, f64)> {
        let mut spans: Vec<(f64, f64)> = Vec::new();
        for (ws, _) in self.words.iter().zip(self.rows).filter(|(_, r)| **r) {
            let tail = value_tail(ws);
            spans.extend(ws[ws.len() - tail..].iter().map(|w| (w.x0(), w.x1())));
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out: Vec<(f64, f64)> = Vec::new();
        for (x0, x1) in spans {
            match out.last_mut() {
                Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
                _ => out.push((x0, x1)),
            }
        }
        out
    }

    /// The row whose values sit within the chain's height: a label wrapped
    /// over lines above and below its values.
    fn row_within(&self, c: &Chain) -> Option<usize> {
        let (top, bottom) = (c.top(), c.bottom());
        let mid = (top + bottom) / 2.0;
        (0..self.lines.len())
            .filter(|i| self.rows[*i])
            .filter(|i| {
                let cy = (self.lines[*i].top + self.lines[*i].bottom) / 2.0;
                cy >= top && cy <= bottom
            })
            .min_by(|a, b| {
                let d = |i: usize| ((self.lines[i].top + self.lines[i].bottom) / 2.0 - mid).abs();
                d(*a).total_cmp(&d(*b))
            })
    }
}

/// Words cut where a glyph set a little apart from the one before starts
/// at a label cell's left edge.
fn split_at_starts(words: &[Word], starts: &[f64], size: f64) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let mut parts = w.parts.clone();
        let mut pieces = Vec::new();
        while let Some(cut) = (1..parts.len()).rev().find(|&i| {
            parts[i].x0 - parts[i - 1].x1 >= 0.2 * size
                && starts.iter().any(|s| (parts[i].x0 - s).abs() <= 0.3 * size)
        }) {
            pieces.push(Word {
                parts: parts.split_off(cut),
                space_after: pieces.is_empty() && w.space_after,
            });
        }
        let space_after = pieces.is_empty() && w.space_after;
        pieces.push(Word { parts, space_after });
        out.extend(pieces.into_iter().rev());
    }
    out
}

/// A value set hard against the end of the row's label (`…政府信息0`): the
/// label's trailing digits when they sit in a value column that the row has
/// no value in yet.
fn free_glued_value(
    label: Option<&mut Word>,
    values: &[Word],
    columns: &[(f64, f64)],
    size: f64,
) -> Option<Word> {
    let label = label?;
    let digits = label
        .parts
        .iter()
        .rev()
        .take_while(|p| p.text.chars().all(|c| c.is_ascii_digit()))
        .count();
    if digits == 0 || digits == label.parts.len() {
        return None;
    }
    let split = label.parts.len() - digits;
    let first = &label.parts[split];
    let cx = (first.x0 + first.x1) / 2.0;
    let column = columns
        .iter()
        .find(|(x0, x1)| cx >= x0 - 0.3 * size && cx <= x1 + 0.3 * size)?;
    let taken = values
        .iter()
        .any(|v| v.x1() >= column.0 && v.x0() <= column.1);
    if taken {
        return None;
    }
    let space_after = std::mem::take(&mut label.space_after);
    Some(Word {
        parts: label.parts.split_off(split),
        space_after,
    })
}

/// Chain label pieces top to bottom: a piece that does not open a label of
/// its own, starting where a piece just above it starts (or centred under
/// it), continues it. A
/// chain holds the label words of one row at most.
fn chain(mut pieces: Vec<Piece>) -> Vec<Chain> {
    pieces.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    let mut chains: Vec<Chain> = Vec::new();
    for p in pieces {
        let target = if starts_label(&p.text) || is_heading(&p.text) {
            None
        } else {
            chains.iter().rposition(|c| {
                let last = c.pieces.last().expect("chains are never empty");
                // Left-aligned cells wrap to the same left edge, centred
                // ones (`一、本年新收政府信息公开申` / `请数量`) around the
                // same centre.
                let centre = |a: &Piece| (a.x0 + a.x1) / 2.0;
                ((last.x0 - p.x0).abs() <= 0.6 * p.size
                    || (centre(last) - centre(&p)).abs() <= 0.6 * p.size)
                    && p.top > last.top + 0.3 * p.size
                    && p.top - last.bottom <= 0.8 * p.size
                    && !(p.row.is_some() && c.row().is_some())
            })
        };
        match target {
            Some(i) => chains[i].pieces.push(p),
            None => chains.push(Chain { pieces: vec![p] }),
        }
    }
    chains
}

#[cfg(test)]
mod tests {
    use super::super::extract::Glyph;
    use super::super::lines::text_lines;
    use super::*;

    /// `text` set glyph by glyph from `x`, 10pt glyphs abutting (Latin
    /// ones half as wide).
    fn run(text: &str, x: f64, top: f64, out: &mut Vec<Glyph>) {
        let mut x0 = x;
        for c in text.chars() {
            let x1 = x0 + if c.is_ascii() { 5.0 } else { 10.0 };
            out.push(Glyph {
                text: c.to_string(),
                x0,
                x1,
                top,
                bottom: top + 10.0,
                size: 10.0,
            });
            x0 = x1;
        }
    }

    fn rows_of(glyphs: &[Glyph]) -> Vec<String> {
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let blocks = rebuild(text_lines(&refs), 800.0);
        let rows: Vec<&Vec<String>> = blocks
            .iter()
            .filter_map(|(_, b)| match b {
                Block::Rows(r) => Some(r),
                _ => None,
            })
            .collect();
        assert_eq!(rows.len(), 1, "{blocks:?}");
        rows[0].clone()
    }

    fn values(x: f64, top: f64, vals: &[&str], out: &mut Vec<Glyph>) {
        for (i, v) in vals.iter().enumerate() {
            run(v, x + 40.0 * i as f64, top, out);
        }
    }

    #[test]
    fn a_label_wrapped_around_its_values_and_a_group_label_beside_rows() {
        let mut g = Vec::new();
        // Group label `（四）无法提供` in pieces beside two rows; the second
        // row's label wraps above and below its values.
        run("1.本机关不掌握", 200.0, 100.0, &mut g);
        values(350.0, 100.0, &["2", "0", "2"], &mut g);
        run("（四）无", 100.0, 116.0, &mut g);
        run("2.没有现成信息", 200.0, 123.0, &mut g);
        run("法提供", 100.0, 130.0, &mut g);
        values(350.0, 130.0, &["1", "0", "1"], &mut g);
        run("需要另行制作", 200.0, 137.0, &mut g);
        run("3.其他", 200.0, 180.0, &mut g);
        values(350.0, 180.0, &["0", "0", "0"], &mut g);
        let rows = rows_of(&g);
        assert_eq!(
            rows,
            vec![
                "1.本机关不掌握 2 0 2",
                "（四）无法提供 2.没有现成信息需要另行制作 1 0 1",
                "3.其他 0 0 0",
            ]
        );
    }

    #[test]
    fn a_digit_set_against_its_label_is_freed_only_into_an_empty_column() {
        let mut g = Vec::new();
        run("甲乙", 100.0, 100.0, &mut g);
        values(200.0, 100.0, &["5", "6", "7"], &mut g);
        // `丙丁0` then two values: the 0 sits in the first value column.
        run("丙丁", 176.0, 130.0, &mut g);
        run("0", 200.0, 130.0, &mut g);
        values(240.0, 130.0, &["8", "9"], &mut g);
        assert_eq!(rows_of(&g), vec!["甲乙 5 6 7", "丙丁 0 8 9"]);
    }
}
