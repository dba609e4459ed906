//! What is read off each page: the glyphs with their boxes, the ruled tables
//! (cells found from the drawn lines and rectangles), and the images.
//!
//! The PDF itself is opened and interpreted by the `pdfplumber` crate (fonts,
//! CID maps, ToUnicode, the lattice table finder); this file only turns its
//! results into the plain geometry the rest of the reader works on.

use pdfplumber::{BBox, Color, PageObject, Pdf, TableSettings};

use super::PdfError;

/// A glyph: its text (one or a few chars) and its box, y growing downwards.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub size: f64,
}

impl Glyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A cell of a ruled table as drawn: its box, in page coordinates.
#[derive(Debug, Clone, Copy)]
pub struct CellBox {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

impl CellBox {
    fn of(b: &BBox) -> Self {
        CellBox {
            x0: b.x0,
            x1: b.x1,
            top: b.top,
            bottom: b.bottom,
        }
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.top && y <= self.bottom
    }
}

/// A table found from the ruling lines: its outline and its cells.
#[derive(Debug, Clone)]
pub struct RuledTable {
    pub bbox: CellBox,
    pub cells: Vec<CellBox>,
}

#[derive(Debug, Clone)]
pub struct PageContent {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub tables: Vec<RuledTable>,
    /// Area of the page covered by images, as a share of the page (0..1).
    pub image_cover: f64,
    /// Glyphs whose text could not be decoded (left out of `glyphs`), and
    /// the font most of them are in.
    pub undecoded: usize,
    pub undecoded_font: Option<String>,
}

/// A glyph the reader could not map to text: its font has no usable
/// ToUnicode map or encoding, and pdfplumber gives `(cid:70)` for it (or
/// U+FFFD, or a control character).
fn undecodable(text: &str) -> bool {
    (text.starts_with("(cid:") && text.ends_with(')'))
        || text
            .chars()
            .any(|c| c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
}

/// Limits on what one page may hold; a hostile file hits these, a report
/// (a few thousand glyphs a page) never does.
const MAX_OBJECTS_PER_PAGE: usize = 200_000;
const MAX_PAGES: usize = 2_000;
const MAX_TOTAL_OBJECTS: usize = 5_000_000;

pub fn open(bytes: &[u8]) -> Result<Pdf, PdfError> {
    let options = pdfplumber::ExtractOptions {
        max_objects_per_page: MAX_OBJECTS_PER_PAGE,
        max_pages: Some(MAX_PAGES),
        max_total_objects: Some(MAX_TOTAL_OBJECTS),
        max_input_bytes: Some(super::super::MAX_FILE_BYTES as usize),
        collect_warnings: false,
        ..Default::default()
    };
    Pdf::open(bytes, Some(options)).map_err(PdfError::from_pdfplumber)
}

fn is_white(c: &Color) -> bool {
    const PAPER: f32 = 0.95;
    match c {
        Color::Gray(g) => *g >= PAPER,
        Color::Rgb(r, g, b) => [r, g, b].iter().all(|v| **v >= PAPER),
        Color::Cmyk(c, m, y, k) => [c, m, y, k].iter().all(|v| **v <= 1.0 - PAPER),
        _ => false,
    }
}

pub fn page(pdf: &Pdf, index: usize) -> Result<PageContent, PdfError> {
    let page = pdf.page(index).map_err(PdfError::from_pdfplumber)?;
    let mut glyphs = Vec::new();
    let mut undecoded = std::collections::HashMap::<&str, usize>::new();
    for c in page.chars().iter().filter(|c| !c.text.is_empty()) {
        if undecodable(&c.text) {
            *undecoded.entry(c.fontname.as_str()).or_default() += 1;
            continue;
        }
        glyphs.push(Glyph {
            text: c.text.clone(),
            x0: c.bbox.x0,
            x1: c.bbox.x1,
            top: c.bbox.top,
            bottom: c.bbox.bottom,
            size: c.size.max(1.0),
        });
    }
    let undecoded_font = undecoded
        .iter()
        .max_by_key(|(name, n)| (**n, std::cmp::Reverse(*name)))
        .map(|(name, _)| name.to_string());
    let undecoded = undecoded.values().sum();
    // Only what is visible rules a table: Word paints white rectangles
    // behind shaded or framed paragraphs, and their edges are no grid.
    let tables = page
        .filter(|o| match o {
            PageObject::Rect(r) => {
                (r.stroke && !is_white(&r.stroke_color)) || (r.fill && !is_white(&r.fill_color))
            }
            PageObject::Line(l) => !is_white(&l.stroke_color),
            PageObject::Curve(_) => false,
            _ => true,
        })
        .find_tables(&TableSettings::default())
        .iter()
        .filter(|t| t.cells.len() >= 2)
        .map(|t| RuledTable {
            bbox: CellBox::of(&t.bbox),
            cells: t.cells.iter().map(|c| CellBox::of(&c.bbox)).collect(),
        })
        .collect();
    let area = (page.width() * page.height()).max(1.0);
    let image_cover = page
        .images()
        .iter()
        .map(|i| ((i.x1 - i.x0) * (i.bottom - i.top)).abs())
        .sum::<f64>()
        / area;
    Ok(PageContent {
        height: page.height(),
        glyphs,
        tables,
        image_cover,
        undecoded,
        undecoded_font,
    })
}

#[cfg(test)]
mod tests {
    use super::undecodable;

    #[test]
    fn glyph_numbers_are_not_text() {
        for t in ["(cid:70)", "\u{fffd}", "\u{1}"] {
            assert!(undecodable(t), "{t:?}");
        }
        for t in ["年", "(", "cid", " ", "•"] {
            assert!(!undecodable(t), "{t:?}");
        }
    }
}
