//! Table regions → a flat stream of cells, whatever the layout the report
//! arrived in. Row boundaries are kept where the layout has them.

use super::labels::is_group_piece;
use super::text::{self, fold_width, trim_span, Line};
use crate::model::CellValue;
use crate::span::Span;
use std::borrow::Cow;

/// Lines of one kind (tab-separated rows, tab-led cells, `|`-ended cells) a
/// table needs before its layout is taken to be that kind: one or two could
/// be a stray line of prose.
const MIN_LAYOUT_LINES: usize = 3;
/// Share (per cent) of a region's non-blank lines followed by a blank line
/// for a web copy's one-cell-per-paragraph layout: a web copy has it after
/// nearly every cell, prose after its paragraphs only.
const WEB_BLANK_PERCENT: usize = 80;
/// Characters after which a cell is prose even without a full stop: no
/// template label is half as long.
const PROSE_MIN_CHARS: usize = 60;
/// Digits of a whole-number cell at most: longer runs are no count (and
/// stay far from `i64`'s limit).
const MAX_INT_DIGITS: usize = 15;
/// Characters (digits, the point, the sign removed) of a decimal cell at most.
const MAX_DECIMAL_CHARS: usize = 18;
/// Digits glued to the end of a label that are table 三's seven cells run
/// together (`…申请数量801000081`): a shorter run is part of the label
/// (`第二十条第（一）项`, `2024`), and seven cells need seven digits.
const GLUED_RUN_MIN_DIGITS: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Word saved as text: a cell per line starting with a tab.
    WordText,
    /// Markdown pipe tables.
    Markdown,
    /// Web copy: a cell per line ending in ` |`.
    WebPipes,
    /// Web copy: a cell per line, blank lines between, an extra blank line per empty cell.
    WebBlank,
    /// PDF extraction: a row's label and values on one line, separated by spaces.
    Plain,
    /// A row per line, cells separated by tabs (a table copied from a browser,
    /// Word or WPS); merged cells empty or repeated.
    Tabs,
    /// A cell per line with nothing to mark it (LibreOffice's and WPS's
    /// 「文本」 export of a Word table): an empty cell is a blank line, and
    /// so is the end of some rows, so neither blank lines nor rows can be trusted.
    Lines,
}

impl Layout {
    /// Layouts where a physical row is known, so leading blank cells are merged cells.
    pub fn has_rows(self) -> bool {
        matches!(
            self,
            Layout::WordText | Layout::Markdown | Layout::WebPipes | Layout::Tabs
        )
    }
}

/// A cell's text borrows the source; only a Word label continued on an
/// untabbed line owns its joined text.
#[derive(Debug, Clone)]
pub struct RawCell<'a> {
    pub text: Cow<'a, str>,
    pub span: Span,
    /// First cell of a physical row.
    pub row_start: bool,
    /// Text that reads as a whole sentence of prose (ends in 。), not a label.
    pub prose: bool,
    /// `value_of(text)`, classified once.
    pub value: Option<CellValue>,
}

impl<'a> RawCell<'a> {
    fn new(text: &'a str, span: Span, row_start: bool, prose: bool) -> Self {
        RawCell {
            text: Cow::Borrowed(text),
            span,
            row_start,
            prose,
            value: value_of(text),
        }
    }
}

/// Classify what a cell holds. `None` means it is label text.
#[inline]
pub fn value_of(text: &str) -> Option<CellValue> {
    // Fast paths with the same results as the general reading: an empty
    // cell, a plain run of ASCII digits, and text whose first character
    // (printable ASCII or a CJK ideograph, U+4000–U+9FFF: neither a space
    // nor changed by folding) no value starts with. Inlined where cells are
    // made: most cells are decided here, without the general reading's frame.
    let b = text.as_bytes();
    match b.first() {
        None => return Some(CellValue::Blank),
        Some(b'0'..=b'9') if b.len() <= MAX_INT_DIGITS => {
            // Fifteen digits at most: no overflow.
            let mut v = 0i64;
            for &d in b {
                if !d.is_ascii_digit() {
                    return value_in_general(text);
                }
                v = v * 10 + i64::from(d - b'0');
            }
            return Some(CellValue::Int(v));
        }
        Some(b'!'..=b'~' | 0xE4..=0xE9) if !text.chars().next().is_some_and(starts_a_value) => {
            return None
        }
        _ => {}
    }
    value_in_general(text)
}

/// [`value_of`] past its fast paths.
fn value_in_general(text: &str) -> Option<CellValue> {
    match text.chars().find(|c| !is_space(*c)).map(fold_width) {
        None => return Some(CellValue::Blank),
        Some(c) if !starts_a_value(c) => return None,
        Some(_) => {}
    }
    // Every reading below is made only of value characters: a label that
    // merely starts like a value (`一、本年新收…`, `不予公开`) is told apart
    // here, before its folded copy is built.
    if !text
        .chars()
        .filter(|c| !is_space(*c))
        .all(|c| value_char(fold_width(c)))
    {
        return None;
    }
    let t: String = text
        .chars()
        .filter(|c| !is_space(*c))
        .map(fold_width)
        .collect();
    folded_value(text, t)
}

/// Whether a value can start with `c` (folded): a digit, a sign, a dash, a
/// slash, or the first character of 无 / 暂无 / 空 / 不适用.
fn starts_a_value(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '-' | '+'
                | ','
                | '—'
                | '–'
                | '－'
                | '/'
                | '\\'
                | '一'
                | '―'
                | '无'
                | '暂'
                | '空'
                | '不'
        )
}

/// Whether `c` (folded) can be part of a value.
fn value_char(c: char) -> bool {
    starts_a_value(c) || matches!(c, '.' | '适' | '用' | '数' | '据')
}

/// The value of `t`, the cell's text without spaces and width-folded
/// (`text`: as written, kept for a dash).
fn folded_value(text: &str, t: String) -> Option<CellValue> {
    if t.is_empty() {
        return Some(CellValue::Blank);
    }
    if matches!(
        t.as_str(),
        "-" | "—" | "——" | "–" | "－" | "/" | "\\" | "一" | "--" | "—-" | "―"
    ) {
        return Some(CellValue::Dash(text.trim_matches(is_space).to_string()));
    }
    if matches!(t.as_str(), "无" | "暂无" | "空" | "不适用" | "无数据") {
        return Some(CellValue::Text(t));
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(&t);
    let no_commas: String = digits.chars().filter(|&c| c != ',').collect();
    if !no_commas.is_empty()
        && no_commas.chars().all(|c| c.is_ascii_digit())
        && no_commas.len() <= MAX_INT_DIGITS
    {
        let v: i64 = no_commas.parse().ok()?;
        return Some(CellValue::Int(if t.starts_with('-') { -v } else { v }));
    }
    if let Some((a, b)) = no_commas.split_once('.') {
        if !a.is_empty()
            && !b.is_empty()
            && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
            && no_commas.len() <= MAX_DECIMAL_CHARS
        {
            let v: f64 = no_commas.parse().ok()?;
            return Some(CellValue::Decimal(if t.starts_with('-') { -v } else { v }));
        }
    }
    None
}

/// `- 5 -`, `— 12 —`, `第 3 页`: page furniture from PDF extraction.
pub fn is_page_marker(s: &str) -> bool {
    // Either form starts with a dash or 第: most cells and lines are
    // rejected by their first byte (neither one of theirs nor a space's).
    if !matches!(
        s.as_bytes().first(),
        Some(b'-' | 0xE2 | 0xEF | 0xE7 | b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE3)
    ) {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    // Read without spaces and width-folded, without a copy: dashes, digits,
    // dashes (`-5` alone is a negative value, not page furniture), or 第,
    // digits, 页.
    let mut chars = s.chars().filter(|c| !is_space(*c)).map(fold_width);
    let framed = match chars.next() {
        Some('第') => false,
        Some(c) if dash(c) => true,
        _ => return false,
    };
    // 0: the opening dashes, 1: the digits, 2: the closing dashes or 页.
    let mut state = if framed { 0 } else { 1 };
    let mut digits = false;
    for c in chars {
        state = match state {
            0 if dash(c) => 0,
            0 | 1 if c.is_ascii_digit() => {
                digits = true;
                1
            }
            1 if digits && framed && dash(c) => 2,
            1 if digits && !framed && c == '页' => 2,
            2 if framed && dash(c) => 2,
            _ => return false,
        };
    }
    state == 2
}

/// A Markdown table row, with or without the leading pipe (`| 规章 | 0 |`,
/// `规章| 0| 0| 0` as html2text and pandoc write it).
fn is_pipe_row(t: &str) -> bool {
    // Counted on the bytes, stopping at the second: a char pattern's
    // searcher sets up a `memchr` per pipe.
    t.bytes().filter(|&b| b == b'|').nth(1).is_some()
}

/// A line of tab-separated cells: a tab after the first cell. (Word saved
/// as text puts a single tab before each cell, one cell per line.)
fn is_tab_row(line: &str) -> bool {
    let t = line.strip_prefix('\t').unwrap_or(line);
    has_either(t.as_bytes(), b'\t', b'\t') && t.chars().any(|c| !is_space(c))
}

fn is_pipe_suffix(t: &str) -> bool {
    !t.starts_with('|') && t.ends_with('|') || t == "|"
}

/// [`text::is_space`], with printable ASCII and U+3001–U+FEFE (CJK
/// punctuation and ideographs), most characters of a table, decided first.
fn is_space(c: char) -> bool {
    !matches!(c, '!'..='~' | '\u{3001}'..='\u{fefe}') && text::is_space(c)
}

/// [`trim_span`], with text that starts and ends with printable ASCII or a
/// CJK ideograph (U+4000–U+9FFF), as most cells and lines do, taken whole
/// once the ASCII spaces around it (` 0 ` between pipes) are stripped.
#[inline]
fn trim(s: &str, base: usize) -> (&str, Span) {
    let b = s.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    let trail = b[lead..].iter().rev().take_while(|&&c| c == b' ').count();
    let end = b.len() - trail;
    let inner = &b[lead..end];
    if inner.is_empty() {
        return (&s[b.len()..], Span::new(base + b.len(), base + b.len()));
    }
    let starts = matches!(inner.first(), Some(b'!'..=b'~' | 0xE4..=0xE9));
    // A three-byte lead byte three from the end starts the last character.
    let ends = matches!(inner.last(), Some(b'!'..=b'~'))
        || (inner.len() >= 3 && matches!(inner[inner.len() - 3], 0xE4..=0xE9));
    if starts && ends {
        return (&s[lead..end], Span::new(base + lead, base + end));
    }
    trim_span(s, base)
}

pub fn detect(lines: &[Line]) -> Layout {
    let (mut tab, mut pipe_row, mut pipe_suffix, mut nonblank, mut followed_by_blank) =
        (0, 0, 0, 0, 0);
    let mut tab_rows = 0;
    // Whether the current line is blank, carried over from the look-ahead.
    let mut blank = lines.first().is_some_and(Line::is_blank);
    for (i, l) in lines.iter().enumerate() {
        let next_blank = lines.get(i + 1).is_some_and(Line::is_blank);
        if std::mem::replace(&mut blank, next_blank) {
            continue;
        }
        nonblank += 1;
        if next_blank {
            followed_by_blank += 1;
        }
        // Most lines have neither a tab nor a pipe, and count for no kind.
        if !has_tab_or_pipe(l.text.as_bytes()) {
            continue;
        }
        let (t, _) = l.trimmed();
        if is_tab_row(l.text) {
            tab_rows += 1;
        } else if l.text.starts_with('\t') {
            tab += 1;
        } else if is_pipe_row(t) {
            pipe_row += 1;
        } else if is_pipe_suffix(t) {
            pipe_suffix += 1;
        }
    }
    // Looked at only for lines without tabs or pipes; stops at the second
    // row it finds, and is counted once.
    let mut plain_rows = None;
    let mut plain_rows = || {
        *plain_rows.get_or_insert_with(|| {
            lines
                .iter()
                .filter(|l| is_plain_row(l.trimmed().0))
                .take(2)
                .count()
        })
    };
    if pipe_row >= 2 {
        Layout::Markdown
    } else if tab_rows >= MIN_LAYOUT_LINES {
        Layout::Tabs
    } else if tab >= MIN_LAYOUT_LINES {
        Layout::WordText
    } else if pipe_suffix >= MIN_LAYOUT_LINES {
        Layout::WebPipes
    } else if nonblank > 0
        && followed_by_blank * 100 >= nonblank * WEB_BLANK_PERCENT
        && plain_rows() < 2
    {
        Layout::WebBlank
    } else if plain_rows() < 2 && is_cell_per_line(lines, nonblank) {
        Layout::Lines
    } else {
        Layout::Plain
    }
}

/// Whether `b` holds a tab or a pipe, eight bytes at a time: table lines
/// are short, and a `memchr2` call per line cost more in its set-up than
/// in its search.
fn has_tab_or_pipe(b: &[u8]) -> bool {
    has_either(b, b'\t', b'|')
}

/// Whether `b` holds byte `x` or byte `y`, eight bytes at a time.
fn has_either(b: &[u8], x: u8, y: u8) -> bool {
    use crate::swar::{splat, word_at, zero_bytes};
    if b.len() < 8 {
        return b.iter().any(|&c| c == x || c == y);
    }
    let hit = |at: usize| {
        let v = word_at(b, at);
        zero_bytes(v ^ splat(x)) | zero_bytes(v ^ splat(y)) != 0
    };
    let mut at = 0;
    while at + 8 <= b.len() {
        if hit(at) {
            return true;
        }
        at += 8;
    }
    // The last eight bytes, overlapping those read, for the rest.
    at < b.len() && hit(b.len() - 8)
}

/// The last space-separated token of `t` and whether another one comes
/// before it, told from the bytes (spaces by [`text::space_len`]).
fn last_token(t: &str) -> Option<(&str, bool)> {
    let (mut last, mut tokens) = (None, 0usize);
    each_token(t, |s, e| {
        last = Some((s, e));
        tokens += 1;
    });
    last.map(|(s, e)| (&t[s..e], tokens > 1))
}

/// Each space-separated token of `t` as its byte range, in order: spaces
/// told from their bytes ([`text::space_len`]), characters not decoded.
fn each_token(t: &str, mut token: impl FnMut(usize, usize)) {
    let b = t.as_bytes();
    let (mut i, mut start) = (0, None);
    while i < b.len() {
        match text::space_len(b, i) {
            0 => {
                start.get_or_insert(i);
                i += text::utf8_width(b[i]);
            }
            n => {
                if let Some(s) = start.take() {
                    token(s, i);
                }
                i += n;
            }
        }
    }
    if let Some(s) = start {
        token(s, b.len());
    }
}

/// A line holding several space-separated values at its end (`规章 1 0 11`,
/// `72 64 178`): a row as `pdftotext -layout` prints it, even when it puts a
/// blank line between rows. A web copy has one cell per line instead.
fn is_plain_row(t: &str) -> bool {
    // Two or more tokens, the last a value: the last two values, or one
    // value after a label. (A token has no spaces, so it is never Blank.)
    // The last character can end a value, or the last token is none.
    if !t
        .chars()
        .rev()
        .find(|c| !is_space(*c))
        .is_some_and(|c| value_char(fold_width(c)))
    {
        return false;
    }
    // A lone token (a value on its own line, most lines of a web copy)
    // is no row, whatever it holds.
    last_token(t).is_some_and(|(last, more)| more && value_of(last).is_some())
}

/// Many lines hold a single number, several right after another: values
/// one per line, as a text export of a Word table writes them.
/// (A web copy puts a blank line after every cell instead; pdftotext puts a
/// row's values on one line.)
fn is_cell_per_line(lines: &[Line], nonblank: usize) -> bool {
    let lone_value = |l: &Line| matches!(value_of(l.trimmed().0), Some(v) if v != CellValue::Blank);
    let (mut values, mut runs, mut after_value) = (0, 0, false);
    for l in lines {
        let value = lone_value(l);
        values += usize::from(value);
        runs += usize::from(value && after_value);
        after_value = value;
    }
    values >= MIN_LINE_VALUES && values * 4 >= nonblank && runs >= MIN_LINE_RUNS
}

/// Fewer lone numbers than this are not a table written a cell per line
/// (table 二 alone has ten).
const MIN_LINE_VALUES: usize = 8;
/// Values one right after another at least this often: a row's cells.
const MIN_LINE_RUNS: usize = 3;

#[inline]
fn ends_sentence(t: &str) -> bool {
    // More characters than the limit: as many bytes at least, and a character past it.
    t.ends_with('。') || (t.len() > PROSE_MIN_CHARS && t.chars().nth(PROSE_MIN_CHARS).is_some())
}

fn cell(text: &str, span: Span, row_start: bool) -> RawCell<'_> {
    RawCell::new(text, span, row_start, ends_sentence(text))
}

/// Cells reserved per line for the layouts with a row per line: table 三's
/// seven values and its label, so its rows need no second allocation.
const CELLS_PER_ROW: usize = 8;
/// The same for rows split by pipes or tabs, which keep table 三's merged
/// label columns as cells of their own (three, empty below their first
/// row): the vector of such a table grows no more (a copy of all cells).
const CELLS_PER_SPLIT_ROW: usize = 10;

/// Tokenise the lines of one table region.
pub fn tokenize<'a>(lines: &[Line<'a>], layout: Layout) -> Vec<RawCell<'a>> {
    match layout {
        Layout::WordText => word_text(lines),
        Layout::Markdown => markdown(lines),
        Layout::WebPipes => web_pipes(lines),
        Layout::WebBlank => web_blank(lines),
        Layout::Plain => plain(lines),
        Layout::Tabs => tabs(lines),
        Layout::Lines => cell_per_line(lines),
    }
}

/// Every non-blank line is a cell. Blank lines are dropped: they may be empty
/// cells or row ends, and nothing tells which, so a row with an empty cell
/// comes out a value short and is reported unreadable rather than shifted.
fn cell_per_line<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let (t, sp) = l.trimmed();
        if !t.is_empty() && !is_page_marker(t) {
            out.push(cell(t, sp, false));
        }
    }
    out
}

fn word_text<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    let mut out: Vec<RawCell<'a>> = Vec::with_capacity(lines.len());
    let mut blanks = 0;
    let mut row_start = true;
    for l in lines {
        if l.is_blank() && !l.text.starts_with('\t') {
            blanks += 1;
            row_start = true;
            continue;
        }
        if l.text.starts_with('\t') {
            // The line trimmed is the text after its tab trimmed: the tab is a space.
            let (t, sp) = l.trimmed();
            // An empty cell sits just after its tab.
            let sp = if t.is_empty() {
                Span::new(l.span.start + 1, l.span.start + 1)
            } else {
                sp
            };
            out.push(cell(t, sp, row_start));
            row_start = false;
        } else {
            let (t, sp) = l.trimmed();
            // An untabbed line continues the previous text cell (a wrapped label,
            // a header split mid-word), unless it is prose after the table.
            let continues = blanks <= 1
                && out.last().is_some_and(|c| c.value.is_none() && !c.prose)
                && !ends_sentence(t)
                && !is_page_marker(t);
            if continues {
                let last = out.last_mut().expect("checked");
                last.text.to_mut().push_str(t);
                last.span = last.span.cover(sp);
                last.value = value_of(&last.text);
            } else if !is_page_marker(t) {
                out.push(RawCell::new(t, sp, true, true));
                row_start = true;
            }
        }
        blanks = 0;
    }
    out
}

fn markdown<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    let mut out = Vec::with_capacity(lines.len() * CELLS_PER_SPLIT_ROW);
    for l in lines {
        let (t, sp) = l.trimmed();
        if !is_pipe_row(t) {
            if !t.is_empty() && !is_page_marker(t) {
                out.push(RawCell::new(t, sp, true, true));
            }
            continue;
        }
        let lead = usize::from(t.starts_with('|'));
        let inner = &t[lead..];
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        // Separator row: only dashes, colons and spaces.
        if inner
            .chars()
            .all(|c| matches!(c, '-' | ':' | '|') || is_space(c))
        {
            continue;
        }
        split_cells(inner, sp.start + lead, b'|', &mut out);
    }
    out
}

/// The cells of one table row written on one line, separated by `sep`
/// (`|` or a tab); `base` is where `text` starts. An empty cell is an empty
/// span at its place, so blank cells stay countable (T005).
fn split_cells<'a>(text: &'a str, mut base: usize, sep: u8, out: &mut Vec<RawCell<'a>>) {
    // `sep` is ASCII: a byte search finds it, and cuts only at characters.
    let bytes = text.as_bytes();
    let mut start = 0;
    for k in 0.. {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == sep)
            .map_or(bytes.len(), |p| start + p);
        let part = &text[start..end];
        let (ct, csp) = trim(part, base);
        let csp = if ct.is_empty() {
            Span::new(base, base)
        } else {
            csp
        };
        out.push(RawCell::new(ct, csp, k == 0, false));
        if end == bytes.len() {
            break;
        }
        base += part.len() + 1;
        start = end + 1;
    }
}

fn tabs<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    let mut out = Vec::with_capacity(lines.len() * CELLS_PER_SPLIT_ROW);
    for l in lines {
        let (t, sp) = l.trimmed();
        if t.is_empty() || is_page_marker(t) {
            continue;
        }
        if !l.text.bytes().any(|b| b == b'\t') {
            out.push(cell(t, sp, true));
            continue;
        }
        split_cells(l.text, l.span.start, b'\t', &mut out);
    }
    out
}

fn web_pipes<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut row_start = true;
    for l in lines {
        let (t, sp) = l.trimmed();
        if t.is_empty() {
            row_start = true;
            continue;
        }
        if is_pipe_suffix(t) {
            let body = &t[..t.len() - 1];
            let (ct, csp) = trim(body, sp.start);
            let csp = if ct.is_empty() {
                Span::new(sp.start, sp.start)
            } else {
                csp
            };
            out.push(RawCell::new(ct, csp, row_start, false));
            row_start = false;
        } else if !is_page_marker(t) {
            out.push(RawCell::new(t, sp, true, true));
            row_start = true;
        }
    }
    out
}

fn web_blank<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    // A cell per line at most: a non-blank line, or a blank one past the first.
    let mut out = Vec::with_capacity(lines.len());
    let mut blanks = 0usize;
    let mut seen = false;
    for l in lines {
        let (t, sp) = l.trimmed();
        if t.is_empty() {
            blanks += 1;
            continue;
        }
        if is_page_marker(t) {
            continue;
        }
        if seen {
            // One blank line separates cells; each further one is an empty cell.
            for _ in 1..blanks {
                out.push(cell("", Span::new(sp.start, sp.start), false));
            }
        }
        out.push(cell(t, sp, false));
        seen = true;
        blanks = 0;
    }
    out
}

fn plain<'a>(lines: &[Line<'a>]) -> Vec<RawCell<'a>> {
    let mut out = Vec::with_capacity(lines.len() * CELLS_PER_ROW);
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    // The previous line if it held only a row's values, and where it ended.
    let mut last_values: Option<(&'a str, usize)> = None;
    for l in lines {
        let (t, sp) = l.trimmed();
        if t.is_empty() || is_page_marker(t) {
            continue;
        }
        // Split into space-separated tokens; trailing value-like tokens are cells.
        tokens.clear();
        each_token(t, |s, e| tokens.push((s, e)));
        // Pieces of a group label printed after the row's values (`… 0 0 （六）其`).
        let mut end = tokens.len();
        while end > 1
            && is_group_piece(&t[tokens[end - 1].0..tokens[end - 1].1])
            && value_of(&t[tokens[end - 2].0..tokens[end - 2].1]).is_some()
        {
            end -= 1;
        }
        let after = tokens.split_off(end);
        split_glued_digits(t, &mut tokens);
        let mut first_value = tokens.len();
        while first_value > 0 {
            let (s, e) = tokens[first_value - 1];
            match value_of(&t[s..e]) {
                Some(CellValue::Blank) | None => break,
                Some(_) => first_value -= 1,
            }
        }
        let values = &tokens[first_value..];
        // `pdftotext -layout` can print a row's values twice on adjacent
        // lines (text drawn twice in the PDF): the copy is not a second row.
        let line_no = l.span.start;
        if values.len() == crate::template::TABLE3_COLUMNS.len() && first_value == 0 {
            let text = &t[values[0].0..];
            if last_values
                .as_ref()
                .is_some_and(|(p, end)| *p == text && *end + 2 >= line_no)
            {
                continue;
            }
            last_values = Some((text, l.span.end));
        } else {
            last_values = None;
        }
        let mut row_start = true;
        if first_value > 0 {
            push_label(&mut out, t, sp.start, &tokens[..first_value]);
            row_start = false;
        }
        for &(s, e) in values {
            out.push(RawCell::new(
                &t[s..e],
                Span::new(sp.start + s, sp.start + e),
                row_start,
                false,
            ));
            row_start = false;
        }
        for &(s, e) in &after {
            out.push(cell(&t[s..e], Span::new(sp.start + s, sp.start + e), false));
        }
    }
    out
}

/// `一、本年新收政府信息公开申请数量801000081`: a label with its cells run
/// together and glued to it. The run of seven or more digits becomes a token
/// of its own (read as unreadable, or split by the table where only one
/// reading fits). Shorter runs stay in the label (`第二十条第（一）项`, `2024`).
fn split_glued_digits(t: &str, tokens: &mut Vec<(usize, usize)>) {
    let Some(&(s, e)) = tokens.last() else { return };
    let tok = &t[s..e];
    let digits = tok.len() - tok.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let head = &tok[..tok.len() - digits];
    let glued =
        digits >= GLUED_RUN_MIN_DIGITS && head.chars().next_back().is_some_and(|c| !c.is_ascii());
    if glued {
        let at = e - digits;
        tokens.pop();
        tokens.push((s, at));
        tokens.push((at, e));
    }
}

/// Every way to cut a run of digits (`801000081`) into `parts` whole numbers
/// written without leading zeros, as byte ranges of the run. Empty when the
/// run is too short, too long to try, or not all ASCII digits.
pub fn splits(digits: &str, parts: usize) -> Vec<Vec<std::ops::Range<usize>>> {
    // C(20, parts - 1) cuts at most: a longer run is left unread.
    const MAX_DIGITS: usize = 21;
    let n = digits.len();
    if parts == 0 || n < parts || n > MAX_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(parts);
    cut(digits, 0, parts, &mut cur, &mut out);
    out
}

fn cut(
    digits: &str,
    start: usize,
    left: usize,
    cur: &mut Vec<std::ops::Range<usize>>,
    out: &mut Vec<Vec<std::ops::Range<usize>>>,
) {
    let n = digits.len();
    if left == 1 {
        if n - start == 1 || digits.as_bytes()[start] != b'0' {
            cur.push(start..n);
            out.push(cur.clone());
            cur.pop();
        }
        return;
    }
    // A number starting with 0 is the 0 itself.
    let longest = if digits.as_bytes()[start] == b'0' {
        1
    } else {
        n - start - (left - 1)
    };
    for len in 1..=longest {
        cur.push(start..start + len);
        cut(digits, start + len, left - 1, cur, out);
        cur.pop();
    }
}

/// A plain line's label: one cell, except that pieces of table 三's group
/// labels printed beside it (`（四）无 1.本机关不掌握…`, `本 2.其他法律…`, or
/// after it) become cells of their own, so that they do not spoil the row's label.
fn push_label<'a>(out: &mut Vec<RawCell<'a>>, t: &'a str, base: usize, tokens: &[(usize, usize)]) {
    let piece = |&(s, e): &(usize, usize)| is_group_piece(&t[s..e]);
    let lead = tokens.iter().take_while(|tk| piece(tk)).count();
    let trail = tokens[lead..]
        .iter()
        .rev()
        .take_while(|tk| piece(tk))
        .count();
    if lead == tokens.len() {
        let (lt, lsp) = trim(&t[..tokens[tokens.len() - 1].1], base);
        out.push(cell(lt, lsp, true));
        return;
    }
    let mut row_start = true;
    let mut push = |s: usize, e: usize| {
        let (ct, csp) = trim(&t[s..e], base + s);
        out.push(cell(ct, csp, row_start));
        row_start = false;
    };
    for &(s, e) in &tokens[..lead] {
        push(s, e);
    }
    let own = &tokens[lead..tokens.len() - trail];
    push(own[0].0, own[own.len() - 1].1);
    for &(s, e) in &tokens[tokens.len() - trail..] {
        push(s, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::lines;

    /// Cells and lines the fast paths are checked against.
    const ODD: [&str; 22] = [
        "",
        " ",
        "\r",
        "规章\r",
        "0",
        "007",
        "123456789012345",
        "1234567890123456",
        "１４",
        "\u{3000}14\u{3000}",
        "\u{a0}规章 1 0 11\u{feff}",
        "a一",
        "一a",
        "（一）予以公开",
        "1.属于国家秘密。",
        "— 12 —",
        "-5",
        "1,234",
        "0.5",
        "é",
        "規章 １ ０\t11",
        "\t规章\t0\t",
    ];

    #[test]
    fn fast_trims_and_values_read_as_the_plain_ones() {
        let long = "很".repeat(PROSE_MIN_CHARS);
        let longer = "很".repeat(PROSE_MIN_CHARS + 1);
        let ascii = "a".repeat(PROSE_MIN_CHARS + 1);
        let mut all: Vec<&str> = ODD.to_vec();
        all.extend([long.as_str(), longer.as_str(), ascii.as_str()]);
        for s in all {
            assert_eq!(trim(s, 7), trim_span(s, 7), "{s:?}");
            assert_eq!(
                ends_sentence(s),
                s.ends_with('。') || s.chars().count() > PROSE_MIN_CHARS,
                "{s:?}"
            );
            // The row test as it read before: every token, then the values at the end.
            let toks: Vec<&str> = s.split(text::is_space).filter(|t| !t.is_empty()).collect();
            let values = toks
                .iter()
                .rev()
                .take_while(|t| matches!(value_of(t), Some(v) if v != CellValue::Blank))
                .count();
            let plain_row = values >= 2 || (values == 1 && toks.len() > 1);
            assert_eq!(is_plain_row(s), plain_row, "{s:?}");
            for c in s.chars() {
                assert_eq!(is_space(c), text::is_space(c), "{c:?}");
            }
        }
        assert_eq!(value_of("007"), Some(CellValue::Int(7)));
        assert_eq!(
            value_of("123456789012345"),
            Some(CellValue::Int(123_456_789_012_345))
        );
        assert_eq!(value_of("1234567890123456"), None);
    }

    /// Pieces of table lines for the random strings the byte readers are
    /// held against their plain readings on.
    const PIECES: [&str; 24] = [
        "规章",
        "0",
        "14",
        "１４",
        "-",
        "—",
        "/",
        "一",
        "、",
        "（一）",
        " ",
        "\u{3000}",
        "\u{a0}",
        "\u{feff}",
        "\t",
        "|",
        "\r\n",
        "\r",
        "。",
        "第",
        "页",
        ".",
        "无",
        "é",
    ];

    /// `value_of` as it read before its fast paths.
    fn value_plainly(text: &str) -> Option<CellValue> {
        let t: String = text
            .chars()
            .filter(|c| !is_space(*c))
            .map(fold_width)
            .collect();
        folded_value(text, t)
    }

    #[test]
    fn line_tests_by_bytes_read_as_by_chars() {
        for s in text::random_texts(&PIECES, 20_000) {
            assert_eq!(trim(&s, 3), trim_span(&s, 3), "{s:?}");
            let b = s.as_bytes();
            assert_eq!(
                has_tab_or_pipe(b),
                memchr::memchr2(b'\t', b'|', b).is_some(),
                "{s:?}"
            );
            assert_eq!(value_of(&s), value_plainly(&s), "{s:?}");
            let rest = s.strip_prefix('\t').unwrap_or(&s);
            let tab_row = rest.contains('\t') && rest.chars().any(|c| !is_space(c));
            assert_eq!(is_tab_row(&s), tab_row, "{s:?}");
            // The row test as it read before: the last token and any other.
            let mut toks = s.split(is_space).filter(|t| !t.is_empty());
            let last = toks.next_back();
            let want = last.map(|l| (l, toks.next().is_some()));
            assert_eq!(last_token(&s), want, "{s:?}");
        }
    }

    #[test]
    fn page_markers_and_pipe_rows_read_as_before() {
        // The readings before: a folded copy without spaces; a pipe count.
        let plainly = |s: &str| {
            let t: String = s
                .chars()
                .filter(|c| !is_space(*c))
                .map(fold_width)
                .collect();
            let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
            let inner = t.trim_matches(dash);
            if t.starts_with(dash)
                && t.ends_with(dash)
                && !inner.is_empty()
                && inner.chars().all(|c| c.is_ascii_digit())
            {
                return true;
            }
            t.strip_prefix('第')
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
        };
        let markers = [
            "- 5 -",
            "— 12 —",
            "第 3 页",
            "－１－",
            "--",
            "-5",
            "第页",
            "第5",
            "5页",
        ];
        let random = text::random_texts(&PIECES, 20_000);
        for s in random.chain(markers.iter().map(|m| m.to_string())) {
            assert_eq!(is_page_marker(&s), plainly(&s), "{s:?}");
            assert_eq!(is_pipe_row(&s), s.matches('|').count() >= 2, "{s:?}");
        }
    }

    #[test]
    fn cells_split_by_bytes_as_by_chars() {
        // The reading before the byte search: `str::split`, each part trimmed.
        let plainly = |text: &str, mut base: usize, sep: char| {
            let mut out = Vec::new();
            for (k, part) in text.split(sep).enumerate() {
                let (ct, csp) = trim_span(part, base);
                let csp = if ct.is_empty() {
                    Span::new(base, base)
                } else {
                    csp
                };
                out.push((ct.to_string(), csp, k == 0));
                base += part.len() + sep.len_utf8();
            }
            out
        };
        let rows = [
            "",
            "|",
            "||",
            " 规章 | 0 |　１４ | ",
            "（一）予以公开|3|",
            "商业企业\t\t0\t—\t",
            "\t\t",
            "a|b\tc|",
        ];
        for row in rows {
            for sep in ['|', '\t'] {
                let mut out = Vec::new();
                split_cells(row, 5, sep as u8, &mut out);
                let got: Vec<(String, Span, bool)> = out
                    .iter()
                    .map(|c| (c.text.to_string(), c.span, c.row_start))
                    .collect();
                assert_eq!(got, plainly(row, 5, sep), "{row:?} {sep:?}");
            }
        }
    }

    #[test]
    fn values() {
        assert_eq!(value_of("0　"), Some(CellValue::Int(0)));
        assert_eq!(value_of("１４"), Some(CellValue::Int(14)));
        assert_eq!(value_of("1421.5"), Some(CellValue::Decimal(1421.5)));
        assert_eq!(value_of(""), Some(CellValue::Blank));
        assert_eq!(value_of("—"), Some(CellValue::Dash("—".into())));
        assert_eq!(value_of("-3"), Some(CellValue::Int(-3)));
        assert_eq!(value_of("规章"), None);
    }

    #[test]
    fn page_markers() {
        assert!(is_page_marker("- 5 -"));
        assert!(is_page_marker("— 12 —"));
        assert!(!is_page_marker("-5"));
        assert!(!is_page_marker("0"));
    }

    #[test]
    fn plain_line_splits_label_and_values() {
        let src = "（一）予以公开 30 0 0 0 0 0 30\n";
        let cells = tokenize(&lines(src), Layout::Plain);
        assert_eq!(cells.len(), 8);
        assert_eq!(cells[0].text, "（一）予以公开");
        assert_eq!(&src[cells[7].span.range()], "30");
    }

    #[test]
    fn plain_line_sets_group_pieces_apart() {
        let src = "（四）无 1.本机关不掌握相关政府信息 2 0 0 0 0 0 2 （五）不\n";
        let cells = tokenize(&lines(src), Layout::Plain);
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_ref()).collect();
        assert_eq!(texts[..2], ["（四）无", "1.本机关不掌握相关政府信息"]);
        assert_eq!(texts[9], "（五）不");
        assert_eq!(cells[2].value, Some(CellValue::Int(2)));
    }

    #[test]
    fn plain_drops_a_values_line_printed_twice() {
        let src = "（二）部分公开\n447 7 0 0 0 0 454\n447 7 0 0 0 0 454\n形，不计其他情形）\n";
        let cells = tokenize(&lines(src), Layout::Plain);
        assert_eq!(cells.iter().filter(|c| c.value.is_some()).count(), 7);
    }

    #[test]
    fn digit_runs_cut_every_way_without_leading_zeros() {
        fn show(d: &str, k: usize) -> Vec<Vec<&str>> {
            splits(d, k)
                .into_iter()
                .map(|v| v.into_iter().map(|r| &d[r]).collect())
                .collect()
        }
        assert_eq!(show("300", 2), [["30", "0"]]);
        assert_eq!(show("0000000", 7).len(), 1);
        // Counted independently (itertools.combinations, leading zeros dropped).
        assert_eq!(splits("801000081", 7).len(), 5);
        assert!(splits("12a4567", 7).is_empty());
        let glued = "一、本年新收政府信息公开申请数量801000081\n";
        let cells = tokenize(&lines(glued), Layout::Plain);
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[1].text, "801000081");
    }

    #[test]
    fn layouts_detected() {
        let tabs =
            "三、本年度办理结果\t（一）予以公开\t3\n\t（二）部分公开\t0\n\t\t1.属于国家秘密\t0\n";
        assert_eq!(detect(&lines(tabs)), Layout::Tabs);
        let md = "信息内容| 本年制发件数| 本年废止件数\n---|---|---\n规章| 0| 0\n";
        assert_eq!(detect(&lines(md)), Layout::Markdown);
        let cells = tokenize(&lines(md), Layout::Markdown);
        let row: Vec<&str> = cells[cells.len() - 3..]
            .iter()
            .map(|c| c.text.as_ref())
            .collect();
        assert_eq!(row, ["规章", "0", "0"]);
        let layout = "规章   1   0   11\n\n行政规范性文件   8   26   66\n\n行政许可   447228\n";
        assert_eq!(detect(&lines(layout)), Layout::Plain);
        let web = "规章\n\n1\n\n0\n\n11\n\n行政规范性文件\n\n8\n";
        assert_eq!(detect(&lines(web)), Layout::WebBlank);
        let export = "信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n\
                      行政规范性文件\n3\n1\n7\n\n行政许可\n14285\n\n行政处罚\n98001\n";
        assert_eq!(detect(&lines(export)), Layout::Lines);
        let cells = tokenize(&lines(export), Layout::Lines);
        let texts: Vec<&str> = cells[8..12].iter().map(|c| c.text.as_ref()).collect();
        assert_eq!(texts, ["行政规范性文件", "3", "1", "7"]);
        // Three lone numbers are a list, not a table.
        let prose = "办理情况如下：\n1\n2\n3\n其余均已办结。\n";
        assert_ne!(detect(&lines(prose)), Layout::Lines);
    }

    #[test]
    fn word_continuation_and_empty_cells() {
        let src = "\t\n\t5.要求行政机关确认或重新\n出具已获取信息\n\t0\n";
        let cells = tokenize(&lines(src), Layout::WordText);
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[1].text, "5.要求行政机关确认或重新出具已获取信息");
        assert_eq!(cells[0].text, "");
    }
}
