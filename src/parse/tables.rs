//! Cell streams → the three tables. Layout-independent: a row is a run of
//! label fragments followed by its values; rows are matched to the template in
//! order, tolerating missing rows, wrapped labels and misspellings.

use super::cells::{value_of, Layout, RawCell};
use super::labels::{match_label, normalize, Quality};
use crate::model::{
    ActiveTable, ApplicationsTable, Cell, CellValue, ReviewTable, Row, RowLabel, Unreadable,
};
use crate::span::Span;
use crate::template::{self, TABLE2_ROWS, TABLE3_ROWS};

/// A run of label fragments and the values after them.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    pub fragments: Vec<RawCell>,
    pub values: Vec<(RawCell, CellValue)>,
}

impl Segment {
    fn span(&self) -> Option<Span> {
        let first = self
            .fragments
            .first()
            .map(|c| c.span)
            .or(self.values.first().map(|v| v.0.span))?;
        let last = self
            .values
            .last()
            .map(|v| v.0.span)
            .or(self.fragments.last().map(|c| c.span))?;
        Some(first.cover(last))
    }
}

/// Group a cell stream into segments.
pub fn segments(cells: &[RawCell], layout: Layout) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = Segment::default();
    let mut row_has_text = false;
    for c in cells {
        if c.row_start {
            if !cur.values.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            row_has_text = false;
        }
        if c.prose {
            // A sentence of prose ends whatever was being read.
            if !cur.fragments.is_empty() || !cur.values.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        match value_of(&c.text) {
            None => {
                if !cur.values.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.fragments.push(c.clone());
                row_has_text = true;
            }
            Some(CellValue::Blank) if layout.has_rows() && !row_has_text => {
                // Leading empty cells of a row are the merged label columns.
            }
            Some(CellValue::Blank) if cur.fragments.is_empty() && cur.values.is_empty() => {}
            Some(v) => cur.values.push((c.clone(), v)),
        }
    }
    if !cur.fragments.is_empty() || !cur.values.is_empty() {
        out.push(cur);
    }
    out
}

fn to_cell((raw, value): &(RawCell, CellValue)) -> Cell {
    Cell {
        value: value.clone(),
        span: raw.span,
    }
}

/// Bring a value list to `want` entries by dropping surplus *blank* cells
/// (merged label columns in Markdown, extra blank lines in web copies). Never
/// drops a non-blank cell.
fn fit_values(
    values: &[(RawCell, CellValue)],
    want: usize,
    layout: Layout,
) -> Vec<(RawCell, CellValue)> {
    let mut v = values.to_vec();
    let leading_first = layout.has_rows();
    while v.len() > want {
        let lead = matches!(v.first(), Some((_, CellValue::Blank)));
        let trail = matches!(v.last(), Some((_, CellValue::Blank)));
        if lead && (leading_first || !trail) {
            v.remove(0);
        } else if trail {
            v.pop();
        } else {
            break;
        }
    }
    v
}

fn describe_values(values: &[(RawCell, CellValue)]) -> String {
    values
        .iter()
        .map(|(c, _)| {
            if c.text.is_empty() {
                "（空）".to_string()
            } else {
                c.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn count_problem(
    label: &str,
    row: Option<usize>,
    want: usize,
    values: &[(RawCell, CellValue)],
    span: Span,
) -> Unreadable {
    let got = values.len();
    let run_together = values
        .iter()
        .find(|(c, v)| matches!(v, CellValue::Int(_)) && c.text.trim().len() >= 6 && got < want);
    let reason = match run_together {
        Some((c, _)) => format!(
            "「{label}」应有{want}个数值，读到{got}个：「{}」像是几个单元格连在了一起，无法确定各自的数值",
            c.text
        ),
        None if got < want => format!("「{label}」应有{want}个数值，只读到{got}个（{}）", describe_values(values)),
        None => format!("「{label}」应有{want}个数值，读到{got}个（{}）", describe_values(values)),
    };
    Unreadable { span, reason, row }
}

/// A row's label and its values: what a diagnostic about the row points at.
fn row_span(w: &LabelWindow, values: &[(RawCell, CellValue)]) -> Span {
    values.last().map_or(w.span, |v| w.span.cover(v.0.span))
}

/// A candidate reading of a segment's label: the last `k` fragments joined.
struct LabelWindow {
    text: String,
    span: Span,
    start: usize,
}

fn windows(frags: &[RawCell]) -> Vec<LabelWindow> {
    let n = frags.len();
    (1..=n.min(12))
        .map(|k| {
            let slice = &frags[n - k..];
            LabelWindow {
                text: slice.iter().map(|c| c.text.as_str()).collect(),
                span: slice[0].span.cover(slice[k - 1].span),
                start: n - k,
            }
        })
        .collect()
}

struct Match {
    row: usize,
    quality: Quality,
    window: usize,
}

/// Best template row in `candidates` for any window of the segment's label.
fn best_match(
    wins: &[LabelWindow],
    candidates: &mut dyn Iterator<Item = (usize, Option<u32>, &str, Vec<&str>)>,
) -> Option<Match> {
    let cands: Vec<_> = candidates.collect();
    let mut best: Option<Match> = None;
    for (wi, w) in wins.iter().enumerate() {
        let norm = normalize(&w.text);
        for (row, number, text, aliases) in &cands {
            let (row, number, text) = (*row, *number, *text);
            if let Some(q) = match_label(&norm, number, text, aliases) {
                let better = match &best {
                    None => true,
                    Some(b) => (q, row) < (b.quality, b.row),
                };
                if better {
                    best = Some(Match {
                        row,
                        quality: q,
                        window: wi,
                    });
                }
            }
        }
        if matches!(
            best,
            Some(Match {
                quality: Quality::Exact,
                ..
            })
        ) {
            break;
        }
    }
    best
}

fn template_number(n: &str) -> Option<u32> {
    normalize(&format!("{n}x")).number
}

fn row_label(w: &LabelWindow, quality: Quality) -> RowLabel {
    RowLabel {
        text: w.text.clone(),
        span: w.span,
        exact: quality == Quality::Exact,
    }
}

/// Table 三 from its segments.
/// Extra spellings per template row key (`[aliases]` in `xxgk.toml`).
pub type ExtraAliases = std::collections::BTreeMap<String, Vec<String>>;

/// A row's template aliases plus the configured ones.
fn aliases_of<'a>(key: &str, builtin: &'a [&'a str], extra: &'a ExtraAliases) -> Vec<&'a str> {
    let mut v: Vec<&str> = builtin.to_vec();
    if let Some(more) = extra.get(key) {
        v.extend(more.iter().map(String::as_str));
    }
    v
}

pub fn applications(segs: &[Segment], layout: Layout, extra: &ExtraAliases) -> ApplicationsTable {
    let mut t = ApplicationsTable {
        rows: vec![None; TABLE3_ROWS.len()],
        ..Default::default()
    };
    let mut next = 0usize;
    let mut span: Option<Span> = None;
    let want = template::TABLE3_COLUMNS.len();
    let mut last_matched: Option<usize> = None;
    for seg in segs {
        if seg.values.is_empty() || seg.fragments.is_empty() {
            continue;
        }
        let wins = windows(&seg.fragments);
        let mut cands = (next..TABLE3_ROWS.len().min(next + 8)).map(|i| {
            let r = &TABLE3_ROWS[i];
            (
                i,
                template_number(r.number),
                r.text,
                aliases_of(r.key, r.aliases, extra),
            )
        });
        let found = best_match(&wins, &mut cands);
        // The 2019 trial form: （六）其他处理 as one row with values.
        let legacy = if found.is_none() && t.legacy_other.is_none() {
            let (number, text) = template::TABLE3_LEGACY_OTHER;
            let mut c = std::iter::once((usize::MAX, Some(number), text, Vec::new()));
            best_match(&wins, &mut c)
        } else {
            None
        };
        let seg_span = seg.span().unwrap_or_default();
        if let Some(m) = legacy {
            let values = fit_values(&seg.values, want, layout);
            let w = &wins[m.window];
            if values.len() == want {
                t.legacy_other = Some(Row {
                    label: row_label(w, m.quality),
                    cells: values.iter().map(to_cell).collect(),
                });
            } else {
                t.problems.push(count_problem(
                    &w.text,
                    None,
                    want,
                    &values,
                    row_span(w, &seg.values),
                ));
            }
            span = Some(span.map_or(seg_span, |s| s.cover(seg_span)));
            next = next.max(template::TABLE3_OTHER_SUBROWS.end);
            continue;
        }
        let Some(m) = found else {
            let numbers = seg
                .values
                .iter()
                .filter(|(_, v)| v.number().is_some())
                .count();
            if numbers >= 3 && span.is_some() {
                let text: String = seg.fragments.iter().map(|c| c.text.as_str()).collect();
                t.problems.push(Unreadable {
                    span: seg_span,
                    reason: format!(
                        "行标签「{text}」与表三模板中的任何一行都对不上，这一行的数值没有读取"
                    ),
                    row: None,
                });
            }
            continue;
        };
        let w = &wins[m.window];
        // Fragments before the window may finish the previous row's label (a wrap).
        if m.window + 1 < wins.len() || w.start > 0 {
            if let (Some(prev), Some(first)) = (last_matched, seg.fragments.first()) {
                if let Some(row) = t.rows[prev].as_mut() {
                    if !row.label.exact && w.start > 0 {
                        let joined = format!("{}{}", row.label.text, first.text);
                        let spec = &TABLE3_ROWS[prev];
                        if match_label(
                            &normalize(&joined),
                            template_number(spec.number),
                            spec.text,
                            spec.aliases,
                        ) == Some(Quality::Exact)
                        {
                            row.label.text = joined;
                            row.label.span = row.label.span.cover(first.span);
                            row.label.exact = true;
                        }
                    }
                }
            }
        }
        let values = fit_values(&seg.values, want, layout);
        span = Some(span.map_or(seg_span, |s| s.cover(seg_span)));
        if t.rows[m.row].is_some() {
            continue;
        }
        if values.len() != want {
            t.problems.push(count_problem(
                &w.text,
                Some(m.row),
                want,
                &values,
                row_span(w, &seg.values),
            ));
        } else {
            t.rows[m.row] = Some(Row {
                label: row_label(w, m.quality),
                cells: values.iter().map(to_cell).collect(),
            });
        }
        last_matched = Some(m.row);
        next = m.row + 1;
    }
    t.span = span.unwrap_or_default();
    t
}

/// Table 二 from its segments.
pub fn active(segs: &[Segment], layout: Layout, extra: &ExtraAliases) -> ActiveTable {
    let mut t = ActiveTable {
        rows: vec![None; TABLE2_ROWS.len()],
        ..Default::default()
    };
    let mut span: Option<Span> = None;
    let mut next = 0usize;
    for seg in segs {
        if seg.values.is_empty() || seg.fragments.is_empty() {
            continue;
        }
        let wins = windows(&seg.fragments);
        let mut cands = (next..TABLE2_ROWS.len()).map(|i| {
            (
                i,
                None,
                TABLE2_ROWS[i].text,
                aliases_of(TABLE2_ROWS[i].key, TABLE2_ROWS[i].aliases, extra),
            )
        });
        let Some(m) = best_match(&wins, &mut cands) else {
            continue;
        };
        let spec = &TABLE2_ROWS[m.row];
        let want = spec.columns.len();
        let values = fit_values(&seg.values, want, layout);
        let seg_span = seg.span().unwrap_or_default();
        span = Some(span.map_or(seg_span, |s| s.cover(seg_span)));
        let w = &wins[m.window];
        if values.len() != want {
            t.problems.push(count_problem(
                &w.text,
                Some(m.row),
                want,
                &values,
                row_span(w, &seg.values),
            ));
        } else {
            t.rows[m.row] = Some(Row {
                label: row_label(w, m.quality),
                cells: values.iter().map(to_cell).collect(),
            });
        }
        next = m.row + 1;
    }
    t.span = span.unwrap_or_default();
    t
}

/// Table 四: after its header, one run of 15 values.
pub fn review(segs: &[Segment], layout: Layout) -> ReviewTable {
    let mut t = ReviewTable::default();
    let want = template::TABLE4_LEN;
    let with_values: Vec<&Segment> = segs.iter().filter(|s| !s.values.is_empty()).collect();
    let Some(last_idx) = with_values
        .iter()
        .rposition(|s| s.values.iter().any(|(_, v)| !matches!(v, CellValue::Blank)))
        .or_else(|| with_values.len().checked_sub(1))
    else {
        return t;
    };
    // Values split over several lines with nothing between them belong together.
    let mut values: Vec<(RawCell, CellValue)> = with_values[last_idx].values.clone();
    let mut first = last_idx;
    while with_values[first].fragments.is_empty() && first > 0 && values.len() < want {
        first -= 1;
        let mut v = with_values[first].values.clone();
        v.extend(values);
        values = v;
    }
    let start = with_values[first]
        .fragments
        .first()
        .map(|c| c.span)
        .unwrap_or(values[0].0.span);
    t.span = start.cover(values.last().map(|v| v.0.span).unwrap_or(start));
    let values = fit_values(&values, want, layout);
    if values.len() == want {
        t.cells = values.iter().map(to_cell).collect();
    } else {
        t.problems.push(count_problem(
            "行政复议、行政诉讼",
            None,
            want,
            &values,
            t.span,
        ));
    }
    t
}
