//! Text → [`Report`]. Tolerant by design: what cannot be found is recorded as
//! absent (or unreadable, with the reason), never guessed.

pub mod cells;
pub mod front;
pub mod labels;
pub mod sections;
pub mod tables;
pub mod text;

use crate::model::{Report, Sentence};
use crate::span::Span;
use cells::Layout;
use text::Line;

/// The table anchors used when a table's section heading is missing.
const ANCHORS: [&str; 3] = ["第二十条", "本年新收", "未经复议直接起诉"];
/// Lines before an anchor that still belong to its table (the title and
/// header rows printed above the anchor's row).
const LINES_BEFORE_ANCHOR: usize = 4;

pub fn parse(src: &str) -> Report {
    parse_with(src, &tables::ExtraAliases::new())
}

/// Parse with extra row-label spellings (`[aliases]` in `xxgk.toml`), keyed by template row key.
pub fn parse_with(src: &str, extra_aliases: &tables::ExtraAliases) -> Report {
    parse_with_index(src, extra_aliases).0
}

/// [`parse_with`], and the text's line index built from the lines split
/// here (for `src` without a lone `\r`: see [`text::lines_and_starts`]).
pub fn parse_with_index(
    src: &str,
    extra_aliases: &tables::ExtraAliases,
) -> (Report, crate::input::LineIndex) {
    let (lines, starts) = text::lines_and_starts(src);
    let report = parse_lines(src, &lines, extra_aliases);
    let index = crate::input::LineIndex::from_starts(starts, src.len());
    (report, index)
}

fn parse_lines(src: &str, lines: &[Line], extra_aliases: &tables::ExtraAliases) -> Report {
    let mut sections = sections::find(lines);
    for i in 0..sections.len() {
        let end = sections
            .get(i + 1)
            .map(|s| s.heading_span.start)
            .unwrap_or(src.len());
        sections[i].body = Span::new(sections[i].heading_span.start, end);
    }
    let first_heading = sections
        .first()
        .map(|s| s.heading_span.start)
        .unwrap_or(src.len());
    let preamble = Span::new(0, first_heading);
    let title = front::title(src, lines, first_heading);
    let period = front::period(src, preamble);
    let signature_date = front::signature(lines);
    let year = front::report_year(title.as_ref(), period.as_ref(), signature_date.as_ref());
    let issuer = front::issuer(title.as_ref(), lines, signature_date.as_ref());

    let mut report = Report {
        title,
        period,
        year,
        signature_date,
        issuer,
        preamble,
        ..Default::default()
    };
    for (k, anchor) in ANCHORS.iter().enumerate() {
        let section_index = k as u8 + 2;
        if let Some(region) = region_for(src, lines, &sections, section_index, anchor) {
            read_table(src, lines, region, k, extra_aliases, &mut report);
        }
    }
    report.sections = sections;
    report.sentences = sentences(src, lines, &report);
    report
}

/// Read table `k` (0: 二, 1: 三, 2: 四) from the lines of `region` into `report`.
fn read_table(
    src: &str,
    lines: &[Line],
    region: Span,
    k: usize,
    extra_aliases: &tables::ExtraAliases,
    report: &mut Report,
) {
    // The lines are in order: the region's are found by a binary search, not
    // a pass over the whole report per table, and borrowed unless a comment
    // line has to be left out (then copied into a vector sized once).
    let first = lines.partition_point(|l| l.span.start < region.start);
    let end = first + lines[first..].partition_point(|l| l.span.start < region.end);
    let in_region = &lines[first..end];
    let region_lines: std::borrow::Cow<[Line]> = if in_region.iter().any(is_comment_line) {
        let mut kept = Vec::with_capacity(in_region.len());
        kept.extend(in_region.iter().filter(|l| !is_comment_line(l)));
        kept.into()
    } else {
        in_region.into()
    };
    let layout = cells::detect(&region_lines);
    let raw = cells::tokenize(&region_lines, layout);
    let segs = tables::segments(&raw, layout);
    let extent = table_extent(&raw);
    match k {
        0 => {
            let mut t = tables::active(&segs, layout, extra_aliases);
            t.legacy_markers = legacy_markers(src, region);
            if t.rows.iter().any(Option::is_some)
                || !t.problems.is_empty()
                || !t.legacy_markers.is_empty()
            {
                t.span = extent.unwrap_or(t.span);
                report.active = Some(t);
            }
        }
        1 => {
            let mut t = tables::applications(&segs, layout, extra_aliases);
            if t.rows.iter().any(Option::is_some)
                || !t.problems.is_empty()
                || t.legacy_other.is_some()
            {
                t.span = extent.unwrap_or(t.span);
                report.applications = Some(t);
            }
        }
        _ => {
            let mut t = tables::review(&segs, layout);
            if !t.cells.is_empty() || !t.problems.is_empty() {
                t.span = extent.unwrap_or(t.span);
                report.review = Some(t);
            }
        }
    }
    if let Some(e) = extent {
        if layout != Layout::Plain || report_has_table(report, k) {
            report.table_spans.push(e);
        }
    }
}

/// An HTML comment alone on its line (`<!-- xxgk-disable-next-line T002 -->`):
/// suppression syntax, invisible to the tables and the running text.
pub fn is_comment(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// [`is_comment`] for a line, most lines ruled out by their trimmed first
/// byte (`trimmed` strips what `str::trim` does, and U+FEFF: a comment's
/// trimmed text starts with `<` too).
fn is_comment_line(l: &Line) -> bool {
    l.trimmed().0.starts_with('<') && is_comment(l.text)
}

fn report_has_table(r: &Report, k: usize) -> bool {
    match k {
        0 => r.active.is_some(),
        1 => r.applications.is_some(),
        _ => r.review.is_some(),
    }
}

/// From the first to the last cell that is not prose.
fn table_extent(raw: &[cells::RawCell]) -> Option<Span> {
    let first = raw.iter().find(|c| !c.prose)?;
    let last = raw.iter().rev().find(|c| !c.prose)?;
    Some(first.span.cover(last.span))
}

/// Where to look for the table of section `index`: its section body, or,
/// when the heading is missing, from the table's anchor text to the next heading.
fn region_for(
    src: &str,
    lines: &[Line],
    sections: &[crate::model::Section],
    index: u8,
    anchor: &str,
) -> Option<Span> {
    if let Some(s) = sections.iter().find(|s| s.index == index) {
        return Some(Span::new(s.heading_span.end, s.body.end));
    }
    let pos = src.find(anchor)?;
    let line_idx = lines
        .iter()
        .position(|l| l.span.contains(pos) || l.span.end == pos)?;
    let start = lines[line_idx.saturating_sub(LINES_BEFORE_ANCHOR)]
        .span
        .start;
    let end = sections
        .iter()
        .map(|s| s.heading_span.start)
        .find(|&h| h > pos)
        .unwrap_or(src.len());
    Some(Span::new(start, end))
}

fn legacy_markers(src: &str, region: Span) -> Vec<Span> {
    let slice = &src[region.range()];
    let mut out = Vec::new();
    for m in crate::template::TABLE2_LEGACY_MARKERS {
        if let Some(i) = slice.find(m) {
            out.push(Span::new(region.start + i, region.start + i + m.len()));
        }
    }
    out
}

fn ends_paragraph(t: &str) -> bool {
    t.ends_with(['。', '！', '？', '；', '：', ':', ';'])
        || t.ends_with("。）")
        || t.ends_with("）。")
}

/// Running text outside tables and headings, cut into sentences.
fn sentences(src: &str, lines: &[Line], report: &Report) -> Vec<Sentence> {
    // Heading starts ascend with the lines: one cursor walks both, where a
    // lookup per line made many headings quadratic (issue 11).
    let heading_starts: Vec<usize> = report
        .sections
        .iter()
        .map(|s| s.heading_span.start)
        .collect();
    let mut next_heading = 0;
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    for l in lines {
        let (t, sp) = l.trimmed();
        while heading_starts
            .get(next_heading)
            .is_some_and(|&h| h < l.span.start)
        {
            next_heading += 1;
        }
        let is_heading = heading_starts[next_heading..]
            .iter()
            .take_while(|&&h| h <= sp.start)
            .any(|&h| h == l.span.start || h == sp.start);
        let skip = t.is_empty()
            || report.in_table(sp.start)
            || is_heading
            || l.text.starts_with('\t')
            || is_comment_line(l);
        if skip {
            if let Some(p) = cur.take() {
                paragraphs.push(p);
            }
            continue;
        }
        if cells::is_page_marker(t) {
            continue;
        }
        cur = Some(cur.map_or(sp, |p| p.cover(sp)));
        if ends_paragraph(t) {
            paragraphs.push(cur.take().expect("set above"));
        }
    }
    if let Some(p) = cur {
        paragraphs.push(p);
    }
    // The section a sentence is in: the last heading at or before it.
    let section_of = |offset: usize| {
        heading_starts
            .partition_point(|&h| h <= offset)
            .checked_sub(1)
    };
    let mut out = Vec::new();
    for p in paragraphs {
        let slice = &src[p.range()];
        let mut start = 0;
        for end in sentence_ends(slice) {
            push_sentence(&mut out, slice, p.start, start, end, &section_of);
            start = end;
        }
        push_sentence(&mut out, slice, p.start, start, slice.len(), &section_of);
    }
    out
}

/// The byte just after each `。！？；;` of `slice`, found on the bytes: each
/// of them starts with `;` or one of two lead bytes.
fn sentence_ends(slice: &str) -> impl Iterator<Item = usize> + '_ {
    let b = slice.as_bytes();
    memchr::memchr3_iter(0xE3, 0xEF, b';', b).filter_map(move |i| {
        match (b[i], b.get(i + 1), b.get(i + 2)) {
            (b';', _, _) => Some(i + 1),
            // 。
            (0xE3, Some(0x80), Some(0x82)) => Some(i + 3),
            // ！ ？ ；
            (0xEF, Some(0xBC), Some(0x81 | 0x9F | 0x9B)) => Some(i + 3),
            _ => None,
        }
    })
}

fn push_sentence(
    out: &mut Vec<Sentence>,
    slice: &str,
    base: usize,
    start: usize,
    end: usize,
    section_of: &dyn Fn(usize) -> Option<usize>,
) {
    let (t, sp) = text::trim_span(&slice[start..end], base + start);
    if !t.is_empty() {
        out.push(Sentence {
            span: sp,
            section: section_of(sp.start),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_the_stops() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("前{c}后{c}");
            let want: Vec<usize> = s
                .char_indices()
                .filter(|&(_, d)| matches!(d, '。' | '！' | '？' | '；' | ';'))
                .map(|(i, d)| i + d.len_utf8())
                .collect();
            assert_eq!(sentence_ends(&s).collect::<Vec<_>>(), want, "{c:?}");
        }
    }
}
