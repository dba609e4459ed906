//! Pages → the flattened text view the parser reads (the same as the .docx
//! reader's): paragraphs as lines with a blank line after each; every table
//! cell a line starting with a tab, a blank line after each row and one more
//! after the table.
//!
//! Page furniture is dropped (page numbers such as `- 5 -`, running headers
//! and footers), paragraphs wrapped over lines or pages are joined, and a
//! table that runs over a page break is written as one table: its repeated
//! header rows dropped, a row or a merged group label cut by the break put
//! back together.

use super::extract::{Glyph, PageContent};
use super::grid::{self, is_number, Grid};
use super::lines::{join_lines, text_lines, TextLine};

/// One thing on a page, in reading order.
#[derive(Debug)]
pub enum Block {
    Line(TextLine),
    Table(Grid),
    /// A table drawn without rulings, one line per row (`super::borderless`).
    Rows(Vec<String>),
}

/// What a page holds once read.
#[derive(Debug, Default)]
pub struct PageBlocks {
    pub blocks: Vec<Block>,
    /// No text at all but an image: a scan.
    pub scanned: bool,
    /// Most of the page's text is in a font that cannot be decoded: the
    /// font's name.
    pub undecoded_font: Option<String>,
    /// Text, and an image large enough to be a table printed as a picture.
    pub large_image: bool,
    pub height: f64,
}

/// A page with fewer visible glyphs than this and an image is a scan (a
/// scanned page may still carry a page number as text).
const SCAN_MAX_GLYPHS: usize = 20;
/// A page with this many undecodable glyphs, a tenth of its glyphs or
/// more, is a page whose text cannot be read.
const UNDECODED_MIN: usize = 20;
/// Share of the page an image must cover to be taken for a scanned page or
/// a table printed as a picture; a seal or a logo covers far less.
const LARGE_IMAGE: f64 = 0.2;

pub fn blocks_of(page: &PageContent) -> PageBlocks {
    let visible = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .count();
    let mut out = PageBlocks {
        height: page.height,
        ..PageBlocks::default()
    };
    // Text the reader cannot decode would read as missing sections and
    // tables; a few odd symbols (a bullet, a logo glyph) would not.
    if page.undecoded >= UNDECODED_MIN && page.undecoded * 10 >= page.undecoded + visible {
        out.undecoded_font = page.undecoded_font.clone();
        return out;
    }
    if visible < SCAN_MAX_GLYPHS && page.image_cover >= LARGE_IMAGE {
        out.scanned = true;
        return out;
    }
    out.large_image = page.image_cover >= LARGE_IMAGE;
    let mut tables: Vec<Grid> = Vec::new();
    let mut free: Vec<&Glyph> = Vec::new();
    let mut in_table: Vec<Vec<&Glyph>> = vec![Vec::new(); page.tables.len()];
    for g in &page.glyphs {
        match page
            .tables
            .iter()
            .position(|t| t.bbox.contains(g.cx(), g.cy()))
        {
            Some(i) => in_table[i].push(g),
            None => free.push(g),
        }
    }
    for (t, glyphs) in page.tables.iter().zip(&in_table) {
        let grid = grid::build(t, glyphs);
        if !grid.rows.is_empty() {
            tables.push(grid);
        }
    }
    let lines: Vec<TextLine> = text_lines(&free)
        .into_iter()
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    let mut blocks = super::borderless::rebuild(lines, page.height);
    blocks.extend(tables.into_iter().map(|t| (t.top, Block::Table(t))));
    blocks.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.blocks = blocks.into_iter().map(|(_, b)| b).collect();
    out
}

/// Drop page numbers and running headers/footers: lines in the top or bottom
/// margin that are a page number, or whose text (digits aside) recurs in the
/// margins of other pages.
pub fn drop_furniture(pages: &mut [PageBlocks]) {
    let key = |l: &TextLine| -> String { l.text.chars().filter(|c| !c.is_ascii_digit()).collect() };
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for p in pages.iter() {
        for l in margin_lines(p) {
            *counts.entry(key(l)).or_default() += 1;
        }
    }
    for p in pages.iter_mut() {
        let height = p.height;
        p.blocks.retain(|b| match b {
            Block::Line(l) if in_margin(l, height) => {
                !(is_page_number(&l.text) || counts.get(&key(l)).copied().unwrap_or(0) >= 2)
            }
            _ => true,
        });
    }
}

/// A web page printed to PDF ends with the site's footer (`版权所有…`,
/// `鲁ICP备…号`). What the printer put after it on the last page (text the
/// page hid from the screen, a second menu) is not the report: dropped, so
/// that it is never read as a repeated section.
pub fn drop_after_site_footer(pages: &mut [PageBlocks]) {
    let Some(p) = pages.last_mut() else {
        return;
    };
    let footer = p
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Line(l) if is_site_footer(&l.text)));
    if let Some(i) = footer {
        p.blocks.truncate(i + 1);
    }
}

fn is_site_footer(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let icp = t
        .find("ICP备")
        .is_some_and(|i| t[i + "ICP备".len()..].starts_with(|c: char| c.is_ascii_digit()));
    t.chars().count() <= 80 && (t.starts_with("版权所有") || icp)
}

fn in_margin(l: &TextLine, height: f64) -> bool {
    l.top > height * 0.88 || l.bottom < height * 0.1
}

fn margin_lines(p: &PageBlocks) -> impl Iterator<Item = &TextLine> {
    p.blocks.iter().filter_map(move |b| match b {
        Block::Line(l) if in_margin(l, p.height) => Some(l),
        _ => None,
    })
}

/// `- 5 -`, `—5—`, `5`, `第5页`, `第 5 页 共 6 页`, `5/6`.
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| "-－—–_~·.".contains(c));
    if core.is_empty() || !core.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    core.chars()
        .all(|c| c.is_ascii_digit() || "第页共/".contains(c))
}

/// The writer: pages' blocks → text, and where each page's text starts.
pub struct Writer {
    pub text: String,
    pub pages: Vec<usize>,
    /// The paragraph being assembled, and where its page's text started.
    para: Vec<String>,
    /// The table being written: its rows so far (not yet written, so a
    /// fragment on the next page can still join its last row).
    table: Option<Vec<Vec<String>>>,
    /// Header rows of the table's first fragment, to drop repeats.
    header: Vec<Vec<String>>,
    /// Geometry of the previous line, to tell wrapped lines from new paragraphs.
    prev_line: Option<(f64, f64, f64, bool)>,
    /// A run of scanned pages not yet written (first and last page, and the
    /// font when the text is there but cannot be decoded): a scan of a whole
    /// report is one finding, not one per page.
    scanned: Option<(usize, usize, Option<String>)>,
}

/// Left edge and right edge of the page's text body.
fn body_edges(p: &PageBlocks) -> (f64, f64) {
    let lines: Vec<&TextLine> = p
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    let widest = lines.iter().map(|l| l.x1 - l.x0).fold(0.0, f64::max);
    let full: Vec<&&TextLine> = lines
        .iter()
        .filter(|l| l.x1 - l.x0 >= widest * 0.6)
        .collect();
    let left = full.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let right = full.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    (left, right)
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            text: String::new(),
            pages: Vec::new(),
            para: Vec::new(),
            table: None,
            header: Vec::new(),
            prev_line: None,
            scanned: None,
        }
    }

    pub fn page(&mut self, page_no: usize, p: &PageBlocks) {
        // The page starts where its first own text will go, which may be
        // inside a paragraph or a table carried over from the page before.
        let (left, right) = body_edges(p);
        if p.scanned || p.undecoded_font.is_some() {
            self.flush_all();
            if self
                .scanned
                .as_ref()
                .is_some_and(|s| s.2 != p.undecoded_font)
            {
                self.flush_scanned();
            }
            self.pages.push(self.text.len());
            let first = self.scanned.as_ref().map_or(page_no, |s| s.0);
            self.scanned = Some((first, page_no, p.undecoded_font.clone()));
            return;
        }
        self.flush_scanned();
        let carry_table = matches!(p.blocks.first(), Some(Block::Table(_))) && self.table.is_some();
        if !carry_table {
            self.flush_table();
        }
        self.pages.push(self.text.len() + self.pending_len());
        if p.large_image {
            self.flush_all();
            self.text.push_str(&super::image_marker(page_no));
            self.text.push_str("\n\n");
        }
        for b in &p.blocks {
            match b {
                Block::Line(l) => {
                    self.flush_table();
                    self.line(l, left, right);
                }
                Block::Table(g) => {
                    self.flush_para();
                    self.grid(g);
                }
                Block::Rows(rows) => {
                    self.flush_all();
                    for r in rows {
                        self.text.push_str(r);
                        self.text.push('\n');
                    }
                    self.text.push('\n');
                }
            }
        }
    }

    /// Bytes already read but not yet written (the open paragraph or
    /// table), so a page that starts inside one is mapped to where its own
    /// lines begin in it.
    fn pending_len(&self) -> usize {
        let para = join_lines(self.para.iter().map(String::as_str)).len();
        let table = self
            .table
            .as_ref()
            .map_or(0, |rows| render_rows(rows).len());
        para + table
    }

    fn line(&mut self, l: &TextLine, left: f64, right: f64) {
        let indent = l.x0 > left + 0.8 * l.size;
        let prev = self.para.last().map_or("", |p| p.trim_end());
        // A line that stopped short of the right edge ends its paragraph,
        // unless it is a URL or Latin word the writer could not break
        // (`…index.html?` / `jh=264）…`).
        let short = self
            .prev_line
            .is_none_or(|(_, x1, size, _)| x1 < right - 1.5 * size);
        let unbreakable = ends_ascii(prev) && l.text.starts_with(|c: char| c.is_ascii_graphic());
        // A full line ending a sentence, then a numbered heading or item.
        let heading = prev.ends_with(['。', '！', '？', '；', '：']) && starts_label(&l.text);
        // Rows of a table drawn without rulings stay one per line.
        let row = l.columns || self.prev_line.is_some_and(|(_, _, _, columns)| columns);
        if indent || (short && !unbreakable) || heading || row {
            self.flush_para();
        }
        self.para.push(l.text.clone());
        self.prev_line = Some((l.x0, l.x1, l.size, l.columns));
    }

    fn flush_para(&mut self) {
        if !self.para.is_empty() {
            let text = join_lines(self.para.iter().map(String::as_str));
            self.text.push_str(&text);
            self.text.push_str("\n\n");
            self.para.clear();
        }
        self.prev_line = None;
    }

    fn grid(&mut self, g: &Grid) {
        let mut rows = g.rows.clone();
        match self.table.as_mut() {
            Some(prev) => {
                // A fragment continuing the table from the previous page.
                let repeated = self
                    .header
                    .iter()
                    .zip(&rows)
                    .take_while(|(h, r)| h == r)
                    .count();
                rows.drain(..repeated);
                join_across_break(prev, &mut rows);
                prev.extend(rows);
            }
            None => {
                self.header = rows
                    .iter()
                    .take_while(|r| !r.iter().any(|c| is_number(c)))
                    .cloned()
                    .collect();
                self.table = Some(rows);
            }
        }
    }

    fn flush_table(&mut self) {
        let Some(rows) = self.table.take() else {
            return;
        };
        self.text.push_str(&render_rows(&rows));
        self.text.push('\n');
        self.header.clear();
    }

    fn flush_all(&mut self) {
        self.flush_para();
        self.flush_table();
    }

    fn flush_scanned(&mut self) {
        if let Some((first, last, font)) = self.scanned.take() {
            let marker = match font {
                None => super::no_text_marker(first, last),
                Some(font) => super::undecodable_marker(first, last, &font),
            };
            self.text.push_str(&marker);
            self.text.push_str("\n\n");
        }
    }

    pub fn finish(mut self) -> (String, Vec<usize>) {
        self.flush_all();
        self.flush_scanned();
        (self.text, self.pages)
    }
}

fn render_rows(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())) {
        for cell in row {
            out.push('\t');
            out.push_str(cell);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Put back together what a page break cut: the last row of the previous
/// fragment and the first row of the next.
///
/// - A row broken over the pages: the next fragment's first row has no
///   number at all while the previous row has its numbers: one row, its cells
///   joined.
/// - A merged group label cut by the break (`（四）无` / `法提供`): a label
///   cell of the first row that does not start a new label (no `（五）`,
///   `2.`, `三、` of its own) continues the label above it.
fn join_across_break(prev: &mut [Vec<String>], rows: &mut Vec<Vec<String>>) {
    let (Some(last), Some(first)) = (prev.last_mut(), rows.first_mut()) else {
        return;
    };
    if last.len() != first.len() {
        return;
    }
    let has_number = |r: &[String]| r.iter().any(|c| is_number(c));
    let has_label = |r: &[String]| r.iter().any(|c| !c.is_empty() && !is_number(c));
    let continues = first.iter().all(|c| c.is_empty() || !starts_label(c));
    // A row broken over the pages: the rest of its label without numbers,
    // or the rest of its numbers (`3` / `4` of a wrapped 34) without label.
    if has_number(last) && has_label(last) && continues && (!has_number(first) || !has_label(first))
    {
        for (a, b) in last.iter_mut().zip(first.iter()) {
            a.push_str(b);
        }
        rows.remove(0);
        return;
    }
    let labels = first
        .iter()
        .rposition(|c| !c.is_empty() && !is_number(c))
        .unwrap_or(0);
    for c in 0..labels {
        let (a, b) = (&last[c], &first[c]);
        if !a.is_empty() && !is_number(a) && !b.is_empty() && !is_number(b) && !starts_label(b) {
            let joined = format!("{a}{b}");
            last[c] = joined;
            first[c].clear();
        }
    }
}

fn ends_ascii(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_ascii_graphic())
}

/// `（五）…`, `(5)…`, `2.…`, `2、…`, `三、…`: the start of a numbered label.
pub fn starts_label(s: &str) -> bool {
    let s = s.trim_start();
    let mut chars = s.chars();
    match chars.next() {
        Some('（') | Some('(') => true,
        Some(c) if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) => {
            let rest: String = chars
                .skip_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                .take(1)
                .collect();
            matches!(rest.as_str(), "." | "、" | "．")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn site_footers() {
        for t in [
            "版权所有 未经授权不得转载",
            "网站标识码：3704000000 鲁 ICP 备 00000000 号",
        ] {
            assert!(is_site_footer(t), "{t}");
        }
        for t in ["本机关网站已完成ICP备案。", "一、总体情况"] {
            assert!(!is_site_footer(t), "{t}");
        }
    }

    #[test]
    fn page_numbers() {
        for t in [
            "- 5 -",
            "-5-",
            "—12—",
            "5",
            "第5页",
            "第 5 页 共 6 页",
            "5/6",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024年", "一、总体情况", "", "- -", "3119件"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn a_group_label_cut_by_the_page_break_is_joined() {
        let mut prev = vec![row(&[
            "（四）无",
            "1.本机关不掌握相关政府信息",
            "746",
            "769",
        ])];
        let mut next = vec![
            row(&["法提供", "2.没有现成信息需要另行制作", "11", "11"]),
            row(&["", "3.补正后申请内容仍不明确", "1", "1"]),
        ];
        join_across_break(&mut prev, &mut next);
        assert_eq!(prev[0][0], "（四）无法提供");
        assert_eq!(next[0][0], "");
    }

    #[test]
    fn a_new_group_label_after_the_break_stays() {
        let mut prev = vec![row(&[
            "（四）无法提供",
            "3.补正后申请内容仍不明确",
            "1",
            "1",
        ])];
        let mut next = vec![row(&["（五）不予处理", "1.信访举报投诉类申请", "56", "62"])];
        join_across_break(&mut prev, &mut next);
        assert_eq!(prev[0][0], "（四）无法提供");
        assert_eq!(next[0][0], "（五）不予处理");
    }

    #[test]
    fn a_row_broken_over_the_pages_is_one_row() {
        let mut prev = vec![row(&[
            "",
            "1.申请人逾期不补正、行政机关不再处理其政府信息公开申",
            "0",
            "0",
        ])];
        let mut next = vec![row(&["", "请", "", ""]), row(&["", "3.其他", "0", "0"])];
        join_across_break(&mut prev, &mut next);
        assert_eq!(
            prev[0][1],
            "1.申请人逾期不补正、行政机关不再处理其政府信息公开申请"
        );
        assert_eq!(next, vec![row(&["", "3.其他", "0", "0"])]);
    }
}
