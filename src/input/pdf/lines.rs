//! Glyphs → lines of text, by position rather than by the order the content
//! stream happens to draw them in.

use super::extract::Glyph;

#[derive(Debug, Clone)]
pub struct TextLine {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// The font size of the line's first glyph.
    pub size: f64,
    /// The line has a gap of several glyphs inside: cells of a table drawn
    /// without rulings, never wrapped prose.
    pub columns: bool,
    /// The glyphs kept, left to right: what a table drawn without rulings
    /// is rebuilt from (see `super::borderless`).
    pub glyphs: Vec<Placed>,
}

/// A glyph's text and horizontal extent within its line.
#[derive(Debug, Clone)]
pub struct Placed {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
}

/// Group glyphs into lines (top to bottom), each line left to right.
pub fn text_lines(glyphs: &[&Glyph]) -> Vec<TextLine> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match groups.last_mut() {
            // Same line when the centres are within half a glyph height:
            // a line's CJK and Latin glyphs differ a little, lines do not.
            Some(line) if (g.cy() - line_cy(line)).abs() < 0.5 * g.size.min(line[0].size) => {
                line.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    groups.into_iter().map(line_of).collect()
}

fn line_cy(line: &[&Glyph]) -> f64 {
    line.iter().map(|g| g.cy()).sum::<f64>() / line.len() as f64
}

fn line_of(mut glyphs: Vec<&Glyph>) -> TextLine {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut text = String::new();
    let mut columns = false;
    let mut prev: Option<&Glyph> = None;
    let mut placed = Vec::with_capacity(glyphs.len());
    // Where a number starts a little apart from the text before it.
    let mut number_at: Option<usize> = None;
    for g in &glyphs {
        if let Some(p) = prev {
            // The same glyph drawn twice a hair apart fakes bold: keep one.
            // A hair is a fraction of the glyph's own width, not of the font
            // size: `tt` of `http` in Times is two glyphs 0.28 em apart, and
            // dropping one gave `ht p:`.
            if p.text == g.text && (g.x0 - p.x0).abs() < 0.3 * (p.x1 - p.x0) {
                continue;
            }
            // Latin words get their space back when the writer positioned
            // them apart instead of drawing a space glyph; and a gap of a
            // whole glyph or more is a column gap whatever the script (a
            // table without rulings: `申请数量   3001   53`).
            let gap = g.x0 - p.x1;
            let latin = ascii_word_end(&text) && ascii_word_start(&g.text);
            if (gap > 0.25 * g.size && latin) || gap > 0.9 * g.size {
                text.push(' ');
            }
            columns |= gap > 2.0 * g.size;
            let digit = |s: &str, last: bool| {
                let c = if last {
                    s.chars().last()
                } else {
                    s.chars().next()
                };
                c.is_some_and(|c| c.is_ascii_digit())
            };
            if gap > 0.4 * g.size && digit(&g.text, false) && !digit(&p.text, true) {
                number_at = Some(text.len());
            }
        }
        text.push_str(&g.text);
        placed.push(Placed {
            text: g.text.clone(),
            x0: g.x0,
            x1: g.x1,
        });
        prev = Some(g);
    }
    // A value ending the line, set apart from its label by less than a
    // glyph (`行政事业性收费 1421` in a narrow table): a cell of its own.
    if let Some(at) = number_at {
        let tail = &text[at..];
        if !tail.trim().is_empty() && tail.trim().chars().all(|c| c.is_ascii_digit() || c == '.') {
            text.insert(at, ' ');
        }
    }
    TextLine {
        text: collapse_spaces(&text),
        x0: glyphs.first().map_or(0.0, |g| g.x0),
        x1: glyphs.iter().map(|g| g.x1).fold(f64::MIN, f64::max),
        top: glyphs.iter().map(|g| g.top).fold(f64::MAX, f64::min),
        bottom: glyphs.iter().map(|g| g.bottom).fold(f64::MIN, f64::max),
        size: glyphs.first().map_or(10.0, |g| g.size),
        columns,
        glyphs: placed,
    }
}

// Any two ASCII glyphs set apart: words, and `[bookmark: _Hlk…]`.
fn ascii_word_end(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_ascii_graphic())
}

fn ascii_word_start(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_graphic())
}

/// Runs of spaces become one; leading ones go. A trailing space is kept:
/// it tells `join_lines` that the writer wrapped the line at a space.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if s.ends_with(char::is_whitespace) && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Join wrapped lines of one paragraph or cell. Chinese text wraps anywhere
/// and takes no space at the break; only two Latin words get one.
pub fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut wrapped_at_space = false;
    for line in lines {
        let line = line.trim_start();
        if line.trim_end().is_empty() {
            continue;
        }
        let next_ascii = line.starts_with(|c: char| c.is_ascii_graphic());
        if (wrapped_at_space && ends_ascii(&out) && next_ascii)
            || (ascii_letter_end(&out) && line.starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            out.push(' ');
        }
        wrapped_at_space = line.ends_with(' ');
        out.push_str(line.trim_end());
    }
    out
}

fn ends_ascii(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_ascii_graphic())
}

fn ascii_letter_end(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f64) -> Glyph {
        Glyph {
            text: text.to_string(),
            x0,
            x1: x0 + 10.0,
            top: 0.0,
            bottom: 10.0,
            size: 10.0,
        }
    }

    #[test]
    fn spaces_come_from_gaps() {
        let g = [
            glyph("量", 0.0),
            glyph("3", 40.0),
            glyph("0", 50.0),
            glyph("年", 62.0),
            glyph("a", 100.0),
            glyph("b", 114.0),
        ];
        let refs: Vec<&Glyph> = g.iter().collect();
        let lines = text_lines(&refs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "量 30年 a b");
    }

    #[test]
    fn double_letters_stay_and_fake_bold_goes() {
        // `http` in a narrow Latin font: each `t` 2.8 wide at size 10.
        let mut g = Vec::new();
        for (c, x0, x1) in [
            ("h", 0.0, 5.0),
            ("t", 5.0, 7.8),
            ("t", 7.8, 10.6),
            ("p", 10.6, 15.6),
        ] {
            g.push(Glyph {
                text: c.to_string(),
                x0,
                x1,
                top: 0.0,
                bottom: 10.0,
                size: 10.0,
            });
        }
        // `年` drawn twice 0.3 apart to look bold.
        let mut bold = glyph("年", 20.0);
        g.push(bold.clone());
        bold.x0 += 0.3;
        bold.x1 += 0.3;
        g.push(bold);
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(text_lines(&refs)[0].text, "http年");
    }

    #[test]
    fn wrapped_lines_join() {
        let lines = ["（四）无", "法提供"];
        assert_eq!(join_lines(lines.into_iter()), "（四）无法提供");
        let url = ["http://", "www.example.gov.cn/"];
        assert_eq!(join_lines(url.into_iter()), "http://www.example.gov.cn/");
        let words = ["[bookmark: ", "_Hlk1]"];
        assert_eq!(join_lines(words.into_iter()), "[bookmark: _Hlk1]");
    }
}
