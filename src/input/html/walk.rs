//! One pass over the parsed page, in document order, that writes the text
//! view piece by piece: a paragraph (the text of one block, its `<br>`s as
//! line breaks) or a data table (see `grid`). Each piece remembers the
//! element it came from, so that `article` can keep only the report's own.
//!
//! The walk is iterative (`ego_tree`'s `traverse`), so a page nested a
//! hundred thousand levels deep costs time in proportion to its size and
//! never the stack.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{Html, Node};

use super::grid::Grid;
use super::text::Lines;
use super::HtmlError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Paragraph,
    Table,
}

#[derive(Debug)]
pub(super) struct Piece {
    /// Ready to concatenate: a paragraph ends with a blank line, a table
    /// with two.
    pub text: String,
    pub kind: Kind,
    /// Pre-order number of the element the piece belongs to.
    pub order: usize,
    /// Every word of it is inside links (a menu, a list of other reports).
    pub linked: bool,
}

/// The page as pieces, with what is needed to tell which lie inside an
/// element.
pub(super) struct Walked {
    pub pieces: Vec<Piece>,
    /// Pre-order number of each element walked (skipped subtrees have none).
    pub order: HashMap<NodeId, usize>,
    /// For each pre-order number, the last number inside that element.
    pub last_inside: Vec<usize>,
}

/// Elements whose content a reader of the page does not see as text, or
/// which are never part of a report (form controls, navigation).
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "frame"
            | "frameset"
            | "object"
            | "embed"
            | "applet"
            | "canvas"
            | "svg"
            | "math"
            | "audio"
            | "video"
            | "map"
            | "select"
            | "datalist"
            | "textarea"
            | "button"
            | "input"
            | "nav"
            | "rt"
            | "rp"
    )
}

/// Elements that start and end a block of text (a paragraph outside
/// tables, a line inside a cell).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "ul"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
    )
}

/// `hidden`, `display: none` or `visibility: hidden` written on the element
/// (style sheets are not evaluated).
fn hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Tables that hold data, as opposed to tables that lay out the page: a
/// layout table has another table inside it, or never more than one cell
/// in a row. Report tables are neither.
fn data_tables(html: &Html) -> HashSet<NodeId> {
    struct Open {
        id: NodeId,
        nested: bool,
        row: usize,
        widest: usize,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut data = HashSet::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(el) = node.value().as_element() else {
                    continue;
                };
                match el.name() {
                    "table" => {
                        if let Some(outer) = open.last_mut() {
                            outer.nested = true;
                        }
                        open.push(Open {
                            id: node.id(),
                            nested: false,
                            row: 0,
                            widest: 0,
                        });
                    }
                    "tr" => {
                        if let Some(t) = open.last_mut() {
                            t.row = 0;
                        }
                    }
                    "td" | "th" => {
                        if let Some(t) = open.last_mut() {
                            t.row += 1;
                            t.widest = t.widest.max(t.row);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|e| e.name() == "table")
                {
                    if let Some(t) = open.pop() {
                        if !t.nested && t.widest >= 2 {
                            data.insert(t.id);
                        }
                    }
                }
            }
        }
    }
    data
}

struct Walker {
    pieces: Vec<Piece>,
    order: HashMap<NodeId, usize>,
    last_inside: Vec<usize>,
    /// Pre-order numbers of the open elements (to close `last_inside`).
    open: Vec<usize>,
    /// Pre-order numbers of the open block elements: a paragraph belongs to
    /// the innermost one when its first text arrives.
    blocks: Vec<usize>,
    para: Lines,
    para_owner: Option<usize>,
    /// Some text of the paragraph is outside any `<a>`.
    para_unlinked: bool,
    links: usize,
    /// Open tables, innermost last: `Some` for a data table being read.
    tables: Vec<Option<(Grid, usize)>>,
    pre: usize,
    size: usize,
    limit: usize,
}

pub(super) fn walk(html: &Html, limit: usize) -> Result<Walked, HtmlError> {
    let data = data_tables(html);
    let mut w = Walker {
        pieces: Vec::new(),
        order: HashMap::new(),
        last_inside: Vec::new(),
        open: Vec::new(),
        blocks: Vec::new(),
        para: Lines::new(),
        para_owner: None,
        para_unlinked: false,
        links: 0,
        tables: Vec::new(),
        pre: 0,
        size: 0,
        limit,
    };
    let mut skip: Option<NodeId> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.text(&t.text),
                    Node::Element(el) if skipped(el.name()) || hidden(el) => skip = Some(node.id()),
                    Node::Element(el) => w.open(node.id(), el, data.contains(&node.id()))?,
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    w.close(el)?;
                }
            }
        }
    }
    w.end_paragraph()?;
    Ok(Walked {
        pieces: w.pieces,
        order: w.order,
        last_inside: w.last_inside,
    })
}

impl Walker {
    fn grid(&mut self) -> Option<&mut Grid> {
        self.tables.last_mut()?.as_mut().map(|(g, _)| g)
    }

    fn text(&mut self, text: &str) {
        let pre = self.pre > 0;
        if let Some(grid) = self.grid() {
            if let Some(lines) = grid.target() {
                lines.push(text, pre);
            }
            return;
        }
        if self.para_owner.is_none() {
            if text.chars().all(char::is_whitespace) {
                return;
            }
            self.para_owner = Some(self.blocks.last().copied().unwrap_or(0));
        }
        if self.links == 0 && !text.chars().all(char::is_whitespace) {
            self.para_unlinked = true;
        }
        self.para.push(text, pre);
    }

    fn open(&mut self, id: NodeId, el: &Element, data: bool) -> Result<(), HtmlError> {
        let n = self.last_inside.len();
        self.order.insert(id, n);
        self.last_inside.push(n);
        self.open.push(n);
        let name = el.name();
        match name {
            "pre" => self.pre += 1,
            "a" => self.links += 1,
            _ => {}
        }
        if name == "br" {
            // Inside a paragraph a line break, not a new paragraph, as in Word.
            match self.grid() {
                Some(grid) => grid.end_line(),
                None => self.para.end_line(),
            }
            return Ok(());
        }
        if name == "table" {
            self.end_paragraph()?;
            self.tables.push(data.then(|| (Grid::new(), n)));
            return Ok(());
        }
        if let Some(grid) = self.grid() {
            match name {
                "tr" => grid.start_row(),
                "td" | "th" => grid.start_cell(el.attr("colspan"), el.attr("rowspan")),
                "thead" | "tbody" | "tfoot" => grid.start_group(),
                "caption" => grid.in_caption += 1,
                _ if is_block(name) => grid.end_line(),
                _ => {}
            }
            return Ok(());
        }
        if is_block(name) {
            self.end_paragraph()?;
            self.blocks.push(n);
        }
        Ok(())
    }

    fn close(&mut self, el: &Element) -> Result<(), HtmlError> {
        if let Some(n) = self.open.pop() {
            self.last_inside[n] = self.last_inside.len() - 1;
        }
        let name = el.name();
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            "a" => self.links = self.links.saturating_sub(1),
            _ => {}
        }
        if name == "br" {
            return Ok(());
        }
        if name == "table" {
            if let Some(Some((grid, order))) = self.tables.pop() {
                return self.end_table(grid, order);
            }
            return self.end_paragraph();
        }
        if let Some(grid) = self.grid() {
            match name {
                "td" | "th" => grid.end_cell(),
                "tr" => grid.end_row(),
                "caption" => {
                    grid.in_caption = grid.in_caption.saturating_sub(1);
                    grid.caption.end_line();
                }
                _ if is_block(name) => grid.end_line(),
                _ => {}
            }
            let bytes = grid.bytes();
            if self.size + bytes > self.limit {
                return Err(HtmlError::TooLarge { limit: self.limit });
            }
            return Ok(());
        }
        if is_block(name) {
            self.end_paragraph()?;
            self.blocks.pop();
        }
        Ok(())
    }

    fn end_paragraph(&mut self) -> Result<(), HtmlError> {
        let lines = self.para.take();
        let owner = self.para_owner.take();
        let linked = !std::mem::take(&mut self.para_unlinked);
        if let (false, Some(order)) = (lines.is_empty(), owner) {
            let mut text = lines.join("\n");
            text.push_str("\n\n");
            self.push(text, Kind::Paragraph, order, linked)?;
        }
        Ok(())
    }

    fn end_table(&mut self, mut grid: Grid, order: usize) -> Result<(), HtmlError> {
        let caption = grid.caption.take();
        if !caption.is_empty() {
            self.push(caption.join("\n") + "\n\n", Kind::Paragraph, order, false)?;
        }
        let text = grid.render();
        if !text.is_empty() {
            self.push(text, Kind::Table, order, false)?;
        }
        Ok(())
    }

    fn push(
        &mut self,
        text: String,
        kind: Kind,
        order: usize,
        linked: bool,
    ) -> Result<(), HtmlError> {
        self.size += text.len();
        if self.size > self.limit {
            return Err(HtmlError::TooLarge { limit: self.limit });
        }
        self.pieces.push(Piece {
            text,
            kind,
            order,
            linked,
        });
        Ok(())
    }
}
