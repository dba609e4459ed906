//! Cell streams → the three tables. Layout-independent: a row is a run of
//! label fragments followed by its values; rows are matched to the template in
//! order, tolerating missing rows, wrapped labels and misspellings.

use super::cells::{Layout, RawCell};
use super::labels::{
    canonical_core, fold_and_clean, is_exact, is_group_piece, is_noise, is_whole_group,
    match_canon, normalize, resembles, split_numbering, Canon, NormRef, Quality,
};
use crate::model::{
    ActiveTable, ApplicationsTable, Cell, CellValue, ReviewTable, Row, RowLabel, Unreadable,
};
use crate::span::Span;
use crate::template::{self, TABLE2_ROWS, TABLE3_ROWS};
use std::sync::LazyLock;

/// A number cell this long (in bytes) where a row has too few values is
/// probably several cells run together (`35000` for 3, 5, 0, 0, 0).
const RUN_TOGETHER_MIN_LEN: usize = 6;
/// Label fragments one row label is looked for in: a label wrapped over more
/// cells than this is not one label.
const MAX_LABEL_FRAGMENTS: usize = 12;
/// Bytes reserved for a label's folded text: table 三's longest label
/// (`2.申请人逾期未按收费通知要求缴纳费用、…`) is about 100.
const LABEL_BYTES: usize = 256;
/// How many rows past the next expected one a table 三 label may match: rows
/// are skipped (left out, unreadable) but never far.
const ROW_LOOKAHEAD: usize = 8;
/// Numbers an unmatched segment inside table 三 needs to count as a row xxgk
/// could not name (E001) rather than stray text.
const MIN_NUMBERS_OF_A_ROW: usize = 3;
/// Adjacent label fragments that may show a row's label that was not read
/// (a label wrapped over up to three lines or cells); more would join
/// several labels.
const MAX_SEEN_FRAGMENTS: usize = 3;
/// Characters at the start of a label where a glued group-label piece may
/// end: the longest group label (`（四）无法提供`, `三、本年度办理结果`) is shorter.
const MAX_GROUP_PREFIX_CHARS: usize = 16;

/// A value cell and what it holds.
type Value<'c, 'a> = (&'c RawCell<'a>, &'c CellValue);

/// A run of label fragments and the values after them (borrowed from [`Segments`]).
#[derive(Debug, Clone, Copy)]
pub struct Segment<'s, 'c, 'a> {
    pub fragments: &'s [&'c RawCell<'a>],
    pub values: &'s [Value<'c, 'a>],
}

impl Segment<'_, '_, '_> {
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

/// The segments of a cell stream, their fragments and values kept in one
/// buffer each (two allocations per table, not two per row).
#[derive(Debug)]
pub struct Segments<'c, 'a> {
    /// Every segment's fragments, in order.
    fragments: Vec<&'c RawCell<'a>>,
    values: Vec<Value<'c, 'a>>,
    /// Per segment, where its fragments and its values end.
    ends: Vec<(usize, usize)>,
}

impl<'c, 'a> Segments<'c, 'a> {
    fn get(&self, i: usize) -> Segment<'_, 'c, 'a> {
        let (f0, v0) = if i == 0 { (0, 0) } else { self.ends[i - 1] };
        let (f1, v1) = self.ends[i];
        Segment {
            fragments: &self.fragments[f0..f1],
            values: &self.values[v0..v1],
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Segment<'_, 'c, 'a>> + '_ {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    /// Close the segment being built, if it has anything.
    fn close(&mut self) {
        let start = self.ends.last().copied().unwrap_or((0, 0));
        let end = (self.fragments.len(), self.values.len());
        if end != start {
            self.ends.push(end);
        }
    }

    /// Whether the segment being built has values yet.
    fn open_values(&self) -> bool {
        self.values.len() > self.ends.last().map_or(0, |e| e.1)
    }

    fn open_is_empty(&self) -> bool {
        let start = self.ends.last().copied().unwrap_or((0, 0));
        (self.fragments.len(), self.values.len()) == start
    }
}

/// Group a cell stream into segments.
pub fn segments<'c, 'a>(cells: &'c [RawCell<'a>], layout: Layout) -> Segments<'c, 'a> {
    let mut out = Segments {
        fragments: Vec::with_capacity(cells.len()),
        values: Vec::with_capacity(cells.len()),
        ends: Vec::with_capacity(cells.len() / 4 + 1),
    };
    let mut row_has_text = false;
    for c in cells {
        if c.row_start {
            if out.open_values() {
                out.close();
            }
            row_has_text = false;
        }
        if c.prose {
            // A sentence of prose ends whatever was being read.
            out.close();
            continue;
        }
        match &c.value {
            None => {
                if out.open_values() {
                    out.close();
                }
                out.fragments.push(c);
                row_has_text = true;
            }
            Some(CellValue::Blank) if layout.has_rows() && !row_has_text => {
                // Leading empty cells of a row are the merged label columns.
            }
            Some(CellValue::Blank) if out.open_is_empty() => {}
            Some(v) => out.values.push((c, v)),
        }
    }
    out.close();
    out
}

fn to_cell((raw, value): &Value) -> Cell {
    Cell {
        value: (*value).clone(),
        span: raw.span,
    }
}

/// Bring a value list to `want` entries by dropping surplus *blank* cells
/// (merged label columns in Markdown, extra blank lines in web copies). Never
/// drops a non-blank cell.
fn fit_values<'v, 'c, 'a>(
    values: &'v [Value<'c, 'a>],
    want: usize,
    layout: Layout,
) -> &'v [Value<'c, 'a>] {
    let mut lo = 0;
    let mut hi = values.len();
    let leading_first = layout.has_rows();
    while hi - lo > want {
        let lead = matches!(values[lo].1, CellValue::Blank);
        let trail = matches!(values[hi - 1].1, CellValue::Blank);
        if lead && (leading_first || !trail) {
            lo += 1;
        } else if trail {
            hi -= 1;
        } else {
            break;
        }
    }
    &values[lo..hi]
}

fn describe_values(values: &[Value]) -> String {
    values
        .iter()
        .map(|(c, _)| {
            if c.text.is_empty() {
                "（空）".to_string()
            } else {
                c.text.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn count_problem(
    label: &str,
    row: Option<usize>,
    want: usize,
    values: &[Value],
    span: Span,
) -> Unreadable {
    let got = values.len();
    let run_together = values.iter().find(|(c, v)| {
        matches!(v, CellValue::Int(_)) && c.text.trim().len() >= RUN_TOGETHER_MIN_LEN && got < want
    });
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
fn row_span(w: &LabelWindow, values: &[Value]) -> Span {
    values.last().map_or(w.span, |v| w.span.cover(v.0.span))
}

/// A candidate reading of a segment's label: the last `k` fragments joined.
struct LabelWindow {
    text: String,
    span: Span,
    start: usize,
}

/// Windows of a segment's label: window `i` is the last `i + 1` fragments
/// (at most 12). The fragments are folded into one buffer that every window
/// is a suffix of: normalising a window only splits its numbering off.
struct Windows<'c, 'a> {
    /// The label fragments (copied, so the caller's buffer can be reused).
    frags: Vec<&'c RawCell<'a>>,
    /// The last `starts.len()` fragments joined, width-folded and without
    /// spaces (what [`normalize`] reads before the numbering). Most labels
    /// are decided by their last fragment or two: each further fragment is
    /// folded once, when a longer window is asked for, and put in front.
    folded: String,
    /// `folded` without its noise characters.
    clean: String,
    /// Per folded fragment, where it starts in `folded` and in `clean`.
    starts: Vec<(usize, usize)>,
    /// Per window read so far: its numbering, its core's length in bytes (a
    /// suffix of `clean`, so the length stays true when fragments are put in
    /// front) and, once a fuzzy comparison asked for it, in characters.
    norms: Vec<(Option<u32>, usize, Option<usize>)>,
    /// The fragment being folded, before it goes in front of the others.
    next_folded: String,
    next_clean: String,
}

impl<'c, 'a> Windows<'c, 'a> {
    fn new() -> Self {
        // Sized for the longest labels at once: grown from nothing, the
        // buffers were reallocated several times in every table.
        let text = || String::with_capacity(LABEL_BYTES);
        Windows {
            frags: Vec::with_capacity(MAX_LABEL_FRAGMENTS),
            folded: text(),
            clean: text(),
            starts: Vec::with_capacity(MAX_LABEL_FRAGMENTS),
            norms: Vec::with_capacity(MAX_LABEL_FRAGMENTS),
            next_folded: text(),
            next_clean: text(),
        }
    }

    fn reset(&mut self, frags: &[&'c RawCell<'a>]) {
        self.frags.clear();
        self.frags.extend_from_slice(frags);
        self.folded.clear();
        self.clean.clear();
        self.starts.clear();
        self.norms.clear();
    }

    fn len(&self) -> usize {
        self.frags.len().min(MAX_LABEL_FRAGMENTS)
    }

    /// Fold one more fragment, the one before those folded, into the front.
    fn fold_next(&mut self) {
        let c = self.frags[self.frags.len() - 1 - self.starts.len()];
        if self.starts.is_empty() {
            // The last fragment, all that most labels need: straight in.
            fold_and_clean(&c.text, &mut self.folded, &mut self.clean);
            self.starts.push((0, 0));
            return;
        }
        self.next_folded.clear();
        self.next_clean.clear();
        fold_and_clean(&c.text, &mut self.next_folded, &mut self.next_clean);
        let (f, k) = (self.next_folded.len(), self.next_clean.len());
        for s in &mut self.starts {
            *s = (s.0 + f, s.1 + k);
        }
        self.starts.insert(0, (0, 0));
        self.folded.insert_str(0, &self.next_folded);
        self.clean.insert_str(0, &self.next_clean);
    }

    /// Read windows up to `i`: fold their fragments, split their numbering off.
    fn read(&mut self, i: usize) {
        while self.norms.len() <= i {
            let w = self.norms.len();
            while self.starts.len() <= w {
                self.fold_next();
            }
            let (at, mut core) = self.starts[self.starts.len() - 1 - w];
            let (number, skip) = split_numbering(&self.folded[at..]);
            // The numbering's characters that are not noise open the window in `clean`.
            for ch in self.folded[at..at + skip].chars() {
                if !is_noise(ch) {
                    core += ch.len_utf8();
                }
            }
            self.norms.push((number, self.clean.len() - core, None));
        }
    }

    /// The length in bytes of window `i` without its noise characters (its
    /// numbering still in front).
    fn clean_len(&mut self, i: usize) -> usize {
        while self.starts.len() <= i {
            self.fold_next();
        }
        self.clean.len() - self.starts[self.starts.len() - 1 - i].1
    }

    /// Window `i`'s numbering and core, as [`normalize`] reads the joined
    /// text: all an exact comparison needs.
    fn core(&mut self, i: usize) -> (Option<u32>, &str) {
        self.read(i);
        let (number, len, _) = self.norms[i];
        (number, &self.clean[self.clean.len() - len..])
    }

    /// Window `i` normalised, with its length in characters (counted once).
    fn norm(&mut self, i: usize) -> NormRef<'_> {
        self.read(i);
        let (number, len, chars) = &mut self.norms[i];
        let core = &self.clean[self.clean.len() - *len..];
        NormRef {
            number: *number,
            core,
            chars: *chars.get_or_insert_with(|| core.chars().count()),
        }
    }

    fn get(&self, i: usize) -> LabelWindow {
        let n = self.frags.len();
        let k = i + 1;
        let slice = &self.frags[n - k..];
        // Sized once: collected piece by piece, the text grew step by step.
        let mut text = String::with_capacity(slice.iter().map(|c| c.text.len()).sum());
        for c in slice {
            text.push_str(&c.text);
        }
        LabelWindow {
            text,
            span: slice[0].span.cover(slice[k - 1].span),
            start: n - k,
        }
    }
}

struct Match {
    row: usize,
    quality: Quality,
    window: usize,
}

/// Best template row in `rows` for any window of the segment's label
/// (`matches` compares a normalised window with one row; `exact` says
/// whether that would be [`Quality::Exact`]; `longest` gives the longest
/// core of these rows, in bytes).
fn best_match(
    wins: &mut Windows,
    rows: impl Iterator<Item = usize> + Clone,
    matches: &dyn Fn(usize, NormRef) -> Option<Quality>,
    exact: &dyn Fn(usize, Option<u32>, &str) -> bool,
    longest: &dyn Fn() -> usize,
) -> Option<Match> {
    // Nothing beats Exact, which `matches` gives only where `exact` holds:
    // the first window with the template's own text decides, and the fuzzy
    // comparisons are needed only when no window has it.
    if let Some(m) = exact_match(wins, rows.clone(), exact, longest) {
        return Some(m);
    }
    let mut best: Option<Match> = None;
    for wi in 0..wins.len() {
        let norm = wins.norm(wi);
        for row in rows.clone() {
            if let Some(q) = matches(row, norm) {
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
    }
    best
}

/// The first window, and in it the first row of `rows`, whose label is the
/// template's own text ([`Quality::Exact`]), by plain comparison (`longest`
/// gives the longest core of these rows, in bytes).
fn exact_match(
    wins: &mut Windows,
    rows: impl Iterator<Item = usize> + Clone,
    exact: &dyn Fn(usize, Option<u32>, &str) -> bool,
    longest: &dyn Fn() -> usize,
) -> Option<Match> {
    let mut bound = None;
    for wi in 0..wins.len() {
        // Windows only grow: one too long for every row's core (with the
        // longest numbering in front) is not exact, nor is any later one.
        // (Most labels are decided by their first window, not asked.)
        if wi > 0 {
            let bound = *bound.get_or_insert_with(|| longest() + NUMBERING_MAX_BYTES);
            if wins.clean_len(wi) > bound {
                return None;
            }
        }
        let (number, core) = wins.core(wi);
        if let Some(row) = rows.clone().find(|&row| exact(row, number, core)) {
            return Some(Match {
                row,
                quality: Quality::Exact,
                window: wi,
            });
        }
    }
    None
}

/// Bytes a numbering can take at most: [`split_numbering`] reads six
/// characters, of four bytes at most.
const NUMBERING_MAX_BYTES: usize = 6 * 4;

/// The longest core of the rows `rows` of `canon`, in bytes.
fn longest_core(canon: &[RowCanon], rows: impl Iterator<Item = usize>) -> usize {
    rows.map(|i| canon[i].canon.core.len()).max().unwrap_or(0)
}

fn template_number(n: &str) -> Option<u32> {
    normalize(&format!("{n}x")).number
}

/// Store a matched row, or record why it could not be read (never a guess).
#[allow(clippy::too_many_arguments)]
fn place_row(
    rows: &mut [Option<Row>],
    problems: &mut Vec<Unreadable>,
    row: usize,
    quality: Quality,
    w: LabelWindow,
    want: usize,
    values: &[Value],
    all_values: &[Value],
) {
    if values.len() == want {
        rows[row] = Some(Row {
            label: row_label(w, quality),
            cells: values.iter().map(to_cell).collect(),
        });
    } else {
        let span = row_span(&w, all_values);
        problems.push(count_problem(&w.text, Some(row), want, values, span));
    }
}

fn row_label(w: LabelWindow, quality: Quality) -> RowLabel {
    RowLabel {
        text: w.text,
        span: w.span,
        exact: quality == Quality::Exact,
    }
}

/// A template row normalised once: its label and its built-in aliases.
struct RowCanon {
    canon: Canon<String>,
    aliases: Vec<String>,
}

impl RowCanon {
    fn new(number: Option<u32>, text: &str, aliases: &[&str]) -> Self {
        RowCanon {
            canon: Canon::new(number, normalize(text).core),
            aliases: aliases.iter().map(|a| normalize(a).core).collect(),
        }
    }

    /// Whether a written label (its numbering and core) is this row's own
    /// text (see [`is_exact`]).
    fn exact(&self, number: Option<u32>, core: &str) -> bool {
        is_exact(number, core, &self.canon)
    }

    /// Compare with the built-in aliases and, when given, configured ones.
    fn matches(&self, written: NormRef, extra: Option<&Vec<String>>) -> Option<Quality> {
        match_canon(written, &self.canon, &|core| {
            self.aliases.iter().any(|a| a == core)
                || extra.is_some_and(|more| more.iter().any(|a| *canonical_core(a) == *core))
        })
    }
}

static TABLE3_CANON: LazyLock<Vec<RowCanon>> = LazyLock::new(|| {
    TABLE3_ROWS
        .iter()
        .map(|r| RowCanon::new(template_number(r.number), r.text, r.aliases))
        .collect()
});

static TABLE3_LEGACY_CANON: LazyLock<RowCanon> = LazyLock::new(|| {
    let (number, text) = template::TABLE3_LEGACY_OTHER;
    RowCanon::new(Some(number), text, &[])
});

static TABLE2_CANON: LazyLock<Vec<RowCanon>> = LazyLock::new(|| {
    TABLE2_ROWS
        .iter()
        .map(|r| RowCanon::new(None, r.text, r.aliases))
        .collect()
});

/// Extra spellings per template row key (`[aliases]` in `xxgk.toml`).
pub type ExtraAliases = std::collections::BTreeMap<String, Vec<String>>;

/// The fragments of a segment that can belong to a row's label: pieces of
/// the merged group labels printed beside the rows (`三`, `（四）无`, `法提供`,
/// `三、本年度办理结果`) are left out, except a whole group label right before
/// the values (the 2019 form's `（六）其他处理` row).
fn own_fragments<'c, 'a>(frags: &[&'c RawCell<'a>], own: &mut Vec<&'c RawCell<'a>>) {
    let last = frags.len() - 1;
    for (i, c) in frags.iter().enumerate() {
        let keep = !is_group_piece(&c.text) || (i == last && is_whole_group(&c.text));
        if keep {
            own.push(c);
        }
    }
}

/// Table 三 from its segments.
pub fn applications(segs: &Segments, layout: Layout, extra: &ExtraAliases) -> ApplicationsTable {
    let mut r = Table3Reader {
        t: ApplicationsTable {
            rows: vec![None; TABLE3_ROWS.len()],
            ..Default::default()
        },
        layout,
        extras: TABLE3_ROWS.iter().map(|r| extra.get(r.key)).collect(),
        next: 0,
        span: None,
        last_matched: None,
        wins: Windows::new(),
        runs: Vec::new(),
        carry: Vec::new(),
    };
    let mut own: Vec<&RawCell> = Vec::new();
    for seg in segs.iter() {
        r.read(&seg, &mut own);
    }
    let Table3Reader {
        mut t, runs, span, ..
    } = r;
    split_run_together(&mut t, runs);
    let legacy = t.legacy_other.is_some();
    let skip = |i: usize| legacy && template::TABLE3_OTHER_SUBROWS.contains(&i);
    present_but_unread(segs, &t.rows, &mut t.problems, &Table3Net(&skip));
    t.span = span.unwrap_or_default();
    t
}

/// Table 三 being read, one segment after another.
struct Table3Reader<'c, 'a, 'x> {
    t: ApplicationsTable,
    layout: Layout,
    /// Configured aliases per template row.
    extras: Vec<Option<&'x Vec<String>>>,
    /// The template row the next segment is expected to be.
    next: usize,
    /// What the rows read so far cover.
    span: Option<Span>,
    last_matched: Option<usize>,
    wins: Windows<'c, 'a>,
    runs: Vec<RunTogether<'c, 'a>>,
    /// Label fragments of a row of label text and empty cells only, carried to
    /// the next row: a label broken over two table rows (PDF→Markdown
    /// `| 5.要求…重新 | | |` then `| 出具已获取信息 | 0 | …`).
    carry: Vec<&'c RawCell<'a>>,
}

impl<'c, 'a> Table3Reader<'c, 'a, '_> {
    const WANT: usize = template::TABLE3_COLUMNS.len();

    /// Read one segment (`own` is a buffer reused from segment to segment).
    fn read(&mut self, seg: &Segment<'_, 'c, 'a>, own: &mut Vec<&'c RawCell<'a>>) {
        own.clear();
        if seg.values.is_empty() || seg.fragments.is_empty() {
            return;
        }
        own.append(&mut self.carry);
        own_fragments(seg.fragments, own);
        if own.is_empty() {
            return;
        }
        self.wins.reset(own);
        let extras = &self.extras;
        let matches = |i: usize, w: NormRef| TABLE3_CANON[i].matches(w, extras[i]);
        let rows = self.next..TABLE3_ROWS.len().min(self.next + ROW_LOOKAHEAD);
        let exact = |i: usize, n: Option<u32>, w: &str| TABLE3_CANON[i].exact(n, w);
        let longest = || longest_core(&TABLE3_CANON, rows.clone());
        let blank = seg
            .values
            .iter()
            .all(|(_, v)| matches!(v, CellValue::Blank));
        // A row of empty cells is read only when its label is whole (below):
        // the fuzzy readings of its label (the header rows' mostly) would go unused.
        let found = if blank && self.layout.has_rows() {
            exact_match(&mut self.wins, rows.clone(), &exact, &longest)
        } else {
            best_match(&mut self.wins, rows.clone(), &matches, &exact, &longest)
        };
        // (Short aliases such as `申请人无正当理由逾期不补正` are also the
        // start of a broken label: only the template's own text counts as whole.)
        let whole = found.as_ref().is_some_and(|m| m.quality == Quality::Exact);
        if blank && self.layout.has_rows() && !whole {
            // A complete label with empty cells is a row (T005 on its cells); a
            // partial one goes on in the next row.
            self.carry = own.clone();
            return;
        }
        let seg_span = seg.span().unwrap_or_default();
        match found {
            Some(m) => self.matched(seg, m, seg_span),
            None => {
                // The 2019 trial form: （六）其他处理 as one row with values.
                let legacy_matches = |_: usize, w: NormRef| TABLE3_LEGACY_CANON.matches(w, None);
                let legacy_exact =
                    |_: usize, n: Option<u32>, w: &str| TABLE3_LEGACY_CANON.exact(n, w);
                let legacy = if self.t.legacy_other.is_none() {
                    let once = std::iter::once(usize::MAX);
                    let longest = || TABLE3_LEGACY_CANON.canon.core.len();
                    best_match(
                        &mut self.wins,
                        once,
                        &legacy_matches,
                        &legacy_exact,
                        &longest,
                    )
                } else {
                    None
                };
                match legacy {
                    Some(m) => self.legacy_other(seg, m, seg_span),
                    None => self.unmatched(seg, seg_span),
                }
            }
        }
    }

    fn cover(&mut self, seg_span: Span) {
        self.span = Some(self.span.map_or(seg_span, |s| s.cover(seg_span)));
    }

    /// The 2019 form's （六）其他处理 row, in place of its three sub-rows.
    fn legacy_other(&mut self, seg: &Segment, m: Match, seg_span: Span) {
        let values = fit_values(seg.values, Self::WANT, self.layout);
        let w = self.wins.get(m.window);
        if values.len() == Self::WANT {
            self.t.legacy_other = Some(Row {
                label: row_label(w, m.quality),
                cells: values.iter().map(to_cell).collect(),
            });
        } else {
            let span = row_span(&w, seg.values);
            let problem = count_problem(&w.text, None, Self::WANT, values, span);
            self.t.problems.push(problem);
        }
        self.cover(seg_span);
        self.next = self.next.max(template::TABLE3_OTHER_SUBROWS.end);
    }

    /// A segment whose label matches no row: with enough numbers, a row
    /// xxgk could not name (E001), tied to the row it resembles, if any.
    fn unmatched(&mut self, seg: &Segment, seg_span: Span) {
        let numbers = seg
            .values
            .iter()
            .filter(|(_, v)| v.number().is_some())
            .count();
        if numbers < MIN_NUMBERS_OF_A_ROW || self.span.is_none() {
            return;
        }
        let text: String = self.wins.frags.iter().map(|c| c.text.as_ref()).collect();
        let (t, next) = (&self.t, self.next);
        let like_in = |label: &str| {
            let norm = normalize(label);
            (next..TABLE3_ROWS.len()).find(|&i| t.rows[i].is_none() && looks3(i, norm.view()))
        };
        let like = like_in(&text).or_else(|| like_in(without_group_prefix(&text)?));
        let problem = unmatched_row(&text, seg_span, like, "表三", &|i| TABLE3_ROWS[i].label());
        self.t.problems.push(problem);
    }

    /// A segment matched to template row `m.row`: its values placed (or
    /// kept to be split, or recorded as unreadable).
    fn matched(&mut self, seg: &Segment<'_, 'c, 'a>, m: Match, seg_span: Span) {
        let w = self.wins.get(m.window);
        // Fragments before the window may finish the previous row's label (a wrap).
        if m.window + 1 < self.wins.len() || w.start > 0 {
            self.finish_wrapped_label(&w);
        }
        let values = fit_values(seg.values, Self::WANT, self.layout);
        self.cover(seg_span);
        if self.t.rows[m.row].is_some() {
            return;
        }
        if let Some(run) = run_together(values, Self::WANT) {
            self.runs.push(RunTogether {
                row: m.row,
                span: row_span(&w, seg.values),
                label: row_label(w, m.quality),
                run,
            });
        } else {
            let t = &mut self.t;
            let (row, quality, want) = (m.row, m.quality, Self::WANT);
            place_row(
                &mut t.rows,
                &mut t.problems,
                row,
                quality,
                w,
                want,
                values,
                seg.values,
            );
        }
        self.last_matched = Some(m.row);
        self.next = m.row + 1;
    }

    /// The first fragment of a segment whose label window starts later may
    /// be the end of the previous row's label, cut by a wrap: joined to it
    /// when that makes the template's exact text.
    fn finish_wrapped_label(&mut self, w: &LabelWindow) {
        let (Some(prev), Some(first)) = (self.last_matched, self.wins.frags.first()) else {
            return;
        };
        let Some(row) = self.t.rows[prev].as_mut() else {
            return;
        };
        if row.label.exact || w.start == 0 {
            return;
        }
        let joined = format!("{}{}", row.label.text, first.text);
        if TABLE3_CANON[prev].matches(normalize(&joined).view(), None) == Some(Quality::Exact) {
            row.label.text = joined;
            row.label.span = row.label.span.cover(first.span);
            row.label.exact = true;
        }
    }
}

/// A table 三 row whose cells came as one run of digits (`300000030`).
struct RunTogether<'c, 'a> {
    row: usize,
    label: RowLabel,
    run: &'c RawCell<'a>,
    span: Span,
}

/// The single value of a row that should have `want`, when it is a run of
/// at least `want` digits: the cells may have been run together.
fn run_together<'c, 'a>(values: &[Value<'c, 'a>], want: usize) -> Option<&'c RawCell<'a>> {
    let [(cell, CellValue::Int(_))] = values else {
        return None;
    };
    let digits = cell.text.trim();
    (digits.len() >= want && digits.bytes().all(|b| b.is_ascii_digit())).then_some(*cell)
}

/// Read run-together rows only where exactly one way of cutting the digits
/// satisfies the row total (总计 = the six columns) and every column
/// relation of table 三 whose other cells were read; otherwise E001 with what
/// was seen. Rounds: a row read in one round can decide another in the next;
/// at the end every row read is checked again against all that was read.
fn split_run_together(t: &mut ApplicationsTable, mut runs: Vec<RunTogether>) {
    let mut placed: Vec<RunTogether> = Vec::new();
    loop {
        let decided: Vec<Vec<Vec<Cell>>> = runs.iter().map(|r| run_fits(t, r)).collect();
        if !decided.iter().any(|f| f.len() == 1) {
            for (r, fits) in runs.into_iter().zip(decided) {
                t.problems.push(run_problem(&r, &fits));
            }
            break;
        }
        let mut left = Vec::new();
        for (r, mut fits) in runs.into_iter().zip(decided) {
            if fits.len() == 1 {
                t.rows[r.row] = Some(Row {
                    label: r.label.clone(),
                    cells: fits.pop().expect("one"),
                });
                placed.push(r);
            } else {
                left.push(r);
            }
        }
        runs = left;
    }
    for r in placed {
        let row = t.rows[r.row].take();
        let fits = run_fits(t, &r);
        let same = row
            .as_ref()
            .is_some_and(|row| fits.len() == 1 && fits[0] == row.cells);
        if same {
            t.rows[r.row] = row;
        } else {
            t.problems.push(run_problem(&r, &fits));
        }
    }
}

/// The cuts of a run-together row that keep the row total and the column
/// relations, as cells pointing at their digits.
fn run_fits(t: &ApplicationsTable, r: &RunTogether) -> Vec<Vec<Cell>> {
    let digits = r.run.text.trim();
    let base = r.run.span.start + (r.run.text.len() - r.run.text.trim_start().len());
    super::cells::splits(digits, template::TABLE3_COLUMNS.len())
        .into_iter()
        .filter_map(|cut| {
            let v: Vec<i64> = cut
                .iter()
                .map(|c| digits[c.clone()].parse().ok())
                .collect::<Option<_>>()?;
            let total = v[template::TABLE3_TOTAL_COLUMN];
            let ok = v[..template::TABLE3_TOTAL_COLUMN].iter().sum::<i64>() == total
                && fits_columns(t, r.row, &v);
            ok.then(|| {
                cut.iter()
                    .zip(&v)
                    .map(|(c, &n)| Cell {
                        value: CellValue::Int(n),
                        span: Span::new(base + c.start, base + c.end),
                    })
                    .collect()
            })
        })
        .collect()
}

fn run_problem(r: &RunTogether, fits: &[Vec<Cell>]) -> Unreadable {
    let digits = r.run.text.trim();
    let label = &r.label.text;
    let reason = if fits.len() < 2 {
        format!(
            "「{label}」的7个数值连在了一起（「{digits}」），没有一种拆分能同时满足本行合计和表中的勾稽关系，无法确定各自的数值"
        )
    } else {
        let show = |cells: &[Cell]| {
            cells
                .iter()
                .filter_map(|c| c.value.int().map(|n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        format!(
            "「{label}」的7个数值连在了一起（「{digits}」），有{}种拆分都满足本行合计和表中的勾稽关系（如「{}」与「{}」），无法确定各自的数值",
            fits.len(),
            show(&fits[0]),
            show(&fits[1])
        )
    };
    Unreadable {
        span: r.span,
        reason,
        row: Some(r.row),
    }
}

/// Whether the values `v` for row `row` keep every column relation of table
/// 三 whose other cells were all read: 一 + 二 = （七） + 四, and （七） = the
/// sum of the outcome rows (the 2019 form's （六） row in place of its three).
fn fits_columns(t: &ApplicationsTable, row: usize, v: &[i64]) -> bool {
    use template::{
        TABLE3_CARRIED_FORWARD as FWD, TABLE3_CARRIED_OVER as OVER, TABLE3_NEW as NEW,
        TABLE3_OTHER_SUBROWS as SUB, TABLE3_OUTCOME_ROWS as OUT, TABLE3_OUTCOME_TOTAL as TOTAL,
    };
    let legacy = t.legacy_other.as_ref();
    let get = |r: usize, col: usize| -> Option<i64> {
        if r == row {
            return Some(v[col]);
        }
        t.rows[r].as_ref()?.cells.get(col)?.value.int()
    };
    let outcome: Vec<usize> = OUT
        .filter(|i| !(legacy.is_some() && SUB.contains(i)))
        .collect();
    for col in 0..v.len() {
        if [NEW, OVER, TOTAL, FWD].contains(&row) {
            if let (Some(a), Some(b), Some(c), Some(d)) = (
                get(NEW, col),
                get(OVER, col),
                get(TOTAL, col),
                get(FWD, col),
            ) {
                if a + b != c + d {
                    return false;
                }
            }
        }
        if row == TOTAL || outcome.contains(&row) {
            let legacy_cell = legacy.map(|l| l.cells.get(col).and_then(|c| c.value.int()));
            let parts: Option<i64> = outcome
                .iter()
                .map(|&i| get(i, col))
                .chain(legacy_cell)
                .sum();
            if let (Some(total), Some(parts)) = (get(TOTAL, col), parts) {
                if total != parts {
                    return false;
                }
            }
        }
    }
    true
}

/// `text` without a leading piece of a group label (`三、本年（一）予以公开`
/// → `（一）予以公开`): PDF text glues characters of a group label printed
/// beside the rows onto a row's own label. Only used to say which row an
/// unread line is (E001, not E002), never to read a number.
fn without_group_prefix(text: &str) -> Option<&str> {
    // The piece may follow the tail of the line before (`、` of `三、…`).
    let text =
        text.trim_start_matches(|c: char| matches!(c, '、' | '，' | '.') || c.is_whitespace());
    let cut = text
        .char_indices()
        .skip(1)
        .take(MAX_GROUP_PREFIX_CHARS)
        .map(|(i, _)| i)
        .filter(|&i| is_group_piece(&text[..i]))
        .last()?;
    Some(&text[cut..]).filter(|rest| !rest.trim().is_empty())
}

fn looks3(i: usize, w: NormRef) -> bool {
    let c = &TABLE3_CANON[i];
    c.matches(w, None).is_some() || resembles(w, c.canon.number, &c.canon.core)
}

fn looks2(i: usize, w: NormRef) -> bool {
    let c = &TABLE2_CANON[i];
    c.matches(w, None).is_some() || resembles(w, None, &c.canon.core)
}

/// A segment with numbers whose label matches no row: unreadable, and tied
/// to the template row it resembles, if any, so that row is not also
/// reported as missing.
fn unmatched_row(
    text: &str,
    span: Span,
    like: Option<usize>,
    table: &str,
    label: &dyn Fn(usize) -> String,
) -> Unreadable {
    let reason = match like {
        Some(i) => format!(
            "行标签「{text}」像是{table}的「{}」，但与模板对不上，这一行的数值没有读取",
            label(i)
        ),
        None => format!("行标签「{text}」与{table}模板中的任何一行都对不上，这一行的数值没有读取"),
    };
    Unreadable {
        span,
        reason,
        row: like,
    }
}

/// What [`present_but_unread`] needs to know about a table.
trait Net {
    fn skip(&self, row: usize) -> bool;
    fn looks(&self, row: usize, w: NormRef) -> bool;
    fn label(&self, row: usize) -> String;
    fn want(&self, row: usize) -> usize;
}

struct Table3Net<'f>(&'f dyn Fn(usize) -> bool);

impl Net for Table3Net<'_> {
    fn skip(&self, row: usize) -> bool {
        (self.0)(row)
    }
    fn looks(&self, row: usize, w: NormRef) -> bool {
        looks3(row, w)
    }
    fn label(&self, row: usize) -> String {
        TABLE3_ROWS[row].label()
    }
    fn want(&self, _: usize) -> usize {
        template::TABLE3_COLUMNS.len()
    }
}

struct Table2Net;

impl Net for Table2Net {
    fn skip(&self, _: usize) -> bool {
        false
    }
    fn looks(&self, row: usize, w: NormRef) -> bool {
        looks2(row, w)
    }
    fn label(&self, row: usize) -> String {
        TABLE2_ROWS[row].text.to_string()
    }
    fn want(&self, row: usize) -> usize {
        TABLE2_ROWS[row].columns.len()
    }
}

/// "Not found" is a claim: a row that was not read but whose label is in the
/// table (its numbering and most of its text, within up to three adjacent
/// fragments) is unreadable (E001, with what was seen), not missing (E002).
fn present_but_unread(
    segs: &Segments,
    rows: &[Option<Row>],
    problems: &mut Vec<Unreadable>,
    net: &dyn Net,
) {
    let unread =
        |i: usize| rows[i].is_none() && !net.skip(i) && !problems.iter().any(|p| p.row == Some(i));
    if !(0..rows.len()).any(unread) {
        return;
    }
    let frags: Vec<&RawCell> = segs
        .fragments
        .iter()
        .copied()
        .filter(|c| !is_group_piece(&c.text))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        if row.is_some() || net.skip(i) || problems.iter().any(|p| p.row == Some(i)) {
            continue;
        }
        // The shortest run of fragments that shows the label.
        let seen = (1..=MAX_SEEN_FRAGMENTS).find_map(|k| {
            frags.windows(k).find_map(|w| {
                let text: String = w.iter().map(|c| c.text.as_ref()).collect();
                net.looks(i, normalize(&text).view())
                    .then(|| (text, w[0].span.cover(w[k - 1].span)))
            })
        });
        if let Some((text, span)) = seen {
            problems.push(Unreadable {
                span,
                reason: format!(
                    "「{}」这一行在表中（读到「{text}」），但没有读到属于它的{}个数值",
                    net.label(i),
                    net.want(i)
                ),
                row: Some(i),
            });
        }
    }
}

/// Table 二 from its segments.
pub fn active(segs: &Segments, layout: Layout, extra: &ExtraAliases) -> ActiveTable {
    let mut t = ActiveTable {
        rows: vec![None; TABLE2_ROWS.len()],
        ..Default::default()
    };
    let canon = &*TABLE2_CANON;
    let extras: Vec<Option<&Vec<String>>> = TABLE2_ROWS.iter().map(|r| extra.get(r.key)).collect();
    let matches = |i: usize, w: NormRef| canon[i].matches(w, extras[i]);
    let mut span: Option<Span> = None;
    let mut next = 0usize;
    let mut wins = Windows::new();
    for seg in segs.iter() {
        if seg.values.is_empty() || seg.fragments.is_empty() {
            continue;
        }
        wins.reset(seg.fragments);
        let exact = |i: usize, n: Option<u32>, w: &str| canon[i].exact(n, w);
        let rows = next..TABLE2_ROWS.len();
        let longest = || longest_core(canon, rows.clone());
        let Some(m) = best_match(&mut wins, rows.clone(), &matches, &exact, &longest) else {
            let text: String = seg.fragments.iter().map(|c| c.text.as_ref()).collect();
            let norm = normalize(&text);
            let like =
                (next..TABLE2_ROWS.len()).find(|&i| t.rows[i].is_none() && looks2(i, norm.view()));
            if let (Some(i), Some(sp)) = (like, seg.span()) {
                t.problems
                    .push(unmatched_row(&text, sp, Some(i), "表二", &|i| {
                        TABLE2_ROWS[i].text.to_string()
                    }));
            }
            continue;
        };
        let spec = &TABLE2_ROWS[m.row];
        let want = spec.columns.len();
        let values = fit_values(seg.values, want, layout);
        let seg_span = seg.span().unwrap_or_default();
        span = Some(span.map_or(seg_span, |s| s.cover(seg_span)));
        let w = wins.get(m.window);
        place_row(
            &mut t.rows,
            &mut t.problems,
            m.row,
            m.quality,
            w,
            want,
            values,
            seg.values,
        );
        next = m.row + 1;
    }
    present_but_unread(segs, &t.rows, &mut t.problems, &Table2Net);
    t.span = span.unwrap_or_default();
    t
}

/// Table 四: after its header, one run of 15 values.
pub fn review(segs: &Segments, layout: Layout) -> ReviewTable {
    let mut t = ReviewTable::default();
    let want = template::TABLE4_LEN;
    let with_values: Vec<Segment> = segs.iter().filter(|s| !s.values.is_empty()).collect();
    let Some(last_idx) = with_values
        .iter()
        .rposition(|s| s.values.iter().any(|(_, v)| !matches!(v, CellValue::Blank)))
        .or_else(|| with_values.len().checked_sub(1))
    else {
        return t;
    };
    // Values split over several lines with nothing between them belong together.
    let mut values: Vec<Value> = with_values[last_idx].values.to_vec();
    let mut first = last_idx;
    while with_values[first].fragments.is_empty() && first > 0 && values.len() < want {
        first -= 1;
        let mut v = with_values[first].values.to_vec();
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
            values,
            t.span,
        ));
    }
    t
}

#[cfg(test)]
mod tests {

    use crate::parse::parse;

    /// Cells of `texts` as one row's, without values: what `Windows` reads.
    fn plain_cells(texts: &[String]) -> Vec<crate::parse::cells::RawCell<'_>> {
        texts
            .iter()
            .map(|t| crate::parse::cells::RawCell {
                text: t.as_str().into(),
                span: crate::span::Span::new(0, t.len()),
                row_start: false,
                prose: false,
                value: None,
            })
            .collect()
    }

    fn table3(rows: &str) -> crate::model::ApplicationsTable {
        let src = format!(
            "三、收到和处理政府信息公开申请情况\n{rows}四、政府信息公开行政复议、行政诉讼情况\n"
        );
        parse(&src).applications.expect("table 三")
    }

    #[test]
    fn windows_read_as_their_joined_text_normalised() {
        use super::{Windows, MAX_LABEL_FRAGMENTS};
        use crate::parse::cells::RawCell;
        use crate::parse::labels::normalize;
        use crate::span::Span;
        let cell = |t: &'static str| RawCell {
            text: t.into(),
            span: Span::new(0, t.len()),
            row_start: false,
            prose: false,
            value: None,
        };
        let labels: [&[&'static str]; 7] = [
            &["（一）予以公开"],
            &["（", "一", "）予以", "公开"],
            &["申请人情况", "自然人", "1", "．", "属于 国家秘密"],
            &[
                "三",
                "、",
                "本",
                "年",
                "度",
                "（三）不予公开",
                "１、属于“国家秘密”",
            ],
            &["", " ", "\u{3000}", "（七）总计"],
            &[
                "a",
                "b",
                "c",
                "d",
                "e",
                "f",
                "g",
                "h",
                "i",
                "j",
                "k",
                "l",
                "m",
                "（二）",
            ],
            &["5.要求行政机关确认或重新", "出具已获取信息"],
        ];
        for frags in labels {
            let cells: Vec<RawCell> = frags.iter().map(|t| cell(t)).collect();
            let refs: Vec<&RawCell> = cells.iter().collect();
            let mut wins = Windows::new();
            wins.reset(&refs);
            assert_eq!(wins.len(), frags.len().min(MAX_LABEL_FRAGMENTS));
            for i in 0..wins.len() {
                let joined: String = frags[frags.len() - 1 - i..].concat();
                assert_eq!(wins.norm(i), normalize(&joined).view(), "{frags:?} {i}");
            }
        }
    }

    #[test]
    fn windows_read_the_same_in_any_order_and_after_a_reset() {
        use super::Windows;
        use crate::parse::cells::RawCell;
        use crate::parse::labels::normalize;
        use crate::parse::text::random_texts;
        let pieces = [
            "（",
            "一",
            "）",
            "予以",
            "公开",
            "1",
            "．",
            "、",
            " ",
            "\u{3000}",
            "“",
            "三",
            "其他",
            "总计",
            "(2)",
            "第二十条",
            "ａ",
        ];
        let texts: Vec<String> = random_texts(&pieces, 3000).collect();
        let cells = plain_cells(&texts);
        // One `Windows` for every label, as the readers reuse theirs.
        let mut wins = Windows::new();
        for (k, (chunk, cells)) in texts.chunks(5).zip(cells.chunks(5)).enumerate() {
            let refs: Vec<&RawCell> = cells.iter().collect();
            wins.reset(&refs);
            let order: Vec<usize> = if k % 2 == 0 {
                (0..wins.len()).rev().collect()
            } else {
                (0..wins.len()).chain(0..wins.len()).collect()
            };
            for i in order {
                let joined: String = chunk[chunk.len() - 1 - i..].concat();
                assert_eq!(wins.norm(i), normalize(&joined).view(), "{chunk:?} {i}");
            }
        }
    }

    #[test]
    fn exact_matches_cut_short_by_length_find_what_every_window_finds() {
        use super::{exact_match, longest_core, Windows, TABLE3_CANON};
        use crate::parse::cells::RawCell;
        use crate::parse::labels::normalize;
        use crate::parse::text::random_texts;
        // Template labels cut in pieces, numberings and header text.
        let labels: Vec<String> = crate::template::TABLE3_ROWS
            .iter()
            .map(|r| r.label())
            .collect();
        let mut pieces: Vec<&str> = vec!["（一）", "1.", "、", " ", "申请人情况", "自然人"];
        for l in &labels {
            let cut = l
                .char_indices()
                .nth(l.chars().count() / 2)
                .map_or(0, |c| c.0);
            pieces.extend([l.as_str(), &l[..cut], &l[cut..]]);
        }
        let mut texts: Vec<String> = random_texts(&pieces, 4000).collect();
        // Labels whole or cut in two at the end of a window, after other text.
        for (k, l) in labels.iter().enumerate() {
            let cut = l.char_indices().nth(3).map_or(0, |c| c.0);
            let other = texts[k].clone();
            texts.extend([
                other.clone(),
                "（一）".into(),
                l[..cut].into(),
                l[cut..].into(),
            ]);
            texts.extend(["　".into(), other, "三".into(), l.clone()]);
        }
        let cells = plain_cells(&texts);
        let mut wins = Windows::new();
        let mut found = 0;
        for (k, (chunk, cells)) in texts.chunks(4).zip(cells.chunks(4)).enumerate() {
            let refs: Vec<&RawCell> = cells.iter().collect();
            wins.reset(&refs);
            let first = if k < 1000 { k % 20 } else { (k - 1000) / 2 };
            let rows = first.saturating_sub(3)..(first + 5).min(TABLE3_CANON.len());
            let exact = |i: usize, n: Option<u32>, w: &str| TABLE3_CANON[i].exact(n, w);
            let longest = || longest_core(&TABLE3_CANON, rows.clone());
            let got =
                exact_match(&mut wins, rows.clone(), &exact, &longest).map(|m| (m.window, m.row));
            // Every window, normalised from its joined text.
            let want = (0..wins.len()).find_map(|wi| {
                let norm = normalize(&chunk[chunk.len() - 1 - wi..].concat());
                let row = rows
                    .clone()
                    .find(|&i| TABLE3_CANON[i].exact(norm.number, &norm.core))?;
                Some((wi, row))
            });
            assert_eq!(got, want, "{chunk:?}");
            found += usize::from(got.is_some());
        }
        assert!(
            found > 20,
            "{found} exact matches: the test would show nothing"
        );
    }

    #[test]
    fn run_together_cells_split_only_when_one_cut_fits() {
        // Alone in its table: only the row total decides.
        let t = table3("一、本年新收政府信息公开申请数量 801000081\n");
        let v: Vec<i64> = t.rows[0]
            .as_ref()
            .expect("read")
            .cells
            .iter()
            .filter_map(|c| c.value.int())
            .collect();
        assert_eq!(v, [80, 1, 0, 0, 0, 0, 81]);
        // 11 0 0 0 0 0 11 and 1 10 0 0 0 0 11: two cuts keep the total.
        let t = table3("一、本年新收政府信息公开申请数量 110000011\n");
        assert!(t.rows[0].is_none());
        assert_eq!(t.problems.len(), 1);
        assert_eq!(t.problems[0].row, Some(0));
        assert!(
            t.problems[0].reason.contains("有2种拆分"),
            "{}",
            t.problems[0].reason
        );
    }

    #[test]
    fn group_label_before_the_row_in_tabs() {
        let t = table3(
            "三、本年度办理结果\t（一）予以公开\t33\t0\t0\t0\t0\t0\t33\n（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n",
        );
        assert_eq!(
            t.rows[2].as_ref().expect("（一）").cells[0].value.int(),
            Some(33)
        );
        assert_eq!(
            t.rows[4].as_ref().expect("1.属于国家秘密").cells[6]
                .value
                .int(),
            Some(1)
        );
        assert!(t.problems.is_empty(), "{:?}", t.problems);
    }

    #[test]
    fn an_unmatched_row_that_resembles_a_template_row_is_unreadable_not_missing() {
        let t = table3("（四）无 2.没有现成信息需另行制做了 1 0 0 0 0 0 1\n");
        assert!(t.rows[13].is_none());
        let p = t
            .problems
            .iter()
            .find(|p| p.row == Some(13))
            .expect("tied to its row");
        assert!(
            p.reason.contains("2.没有现成信息需要另行制作"),
            "{}",
            p.reason
        );
    }
}
