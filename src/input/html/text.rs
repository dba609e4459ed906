//! Text as a browser shows it: runs of spaces and line breaks in the source
//! collapse to one space (none at all between Chinese characters), `&nbsp;`
//! is an ordinary space, `<br>` and block boundaries end a line, and every
//! line is trimmed of spaces, including full-width ones.

use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    None,
    Space,
    /// The collapsed run contained a line break of the source.
    Break,
}

/// The lines of one paragraph or one table cell, as they are built.
#[derive(Debug)]
pub(super) struct Lines {
    lines: Vec<String>,
    cur: String,
    pending: Pending,
}

impl Lines {
    pub fn new() -> Self {
        Lines {
            lines: Vec::new(),
            cur: String::new(),
            pending: Pending::None,
        }
    }

    /// Text from the source; `pre` keeps its line breaks, as `<pre>` does.
    pub fn push(&mut self, text: &str, pre: bool) {
        for c in text.chars() {
            match c {
                '\n' if pre => self.end_line(),
                '\n' | '\r' => self.pending = self.pending.max(Pending::Break),
                ' ' | '\t' | '\x0c' => self.pending = self.pending.max(Pending::Space),
                // No-break spaces do not collapse, but a tab or NBSP must not
                // survive as such: a leading tab marks a table cell.
                '\u{a0}' => {
                    self.flush_pending(' ');
                    self.cur.push(' ');
                }
                // Invisible: zero-width spaces and joiners, BOMs pasted into
                // the middle of text, soft hyphens.
                '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
                c if c.is_control() => {}
                c => {
                    self.flush_pending(c);
                    self.cur.push(c);
                }
            }
        }
    }

    fn flush_pending(&mut self, next: char) {
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        let Some(last) = self.cur.chars().next_back() else {
            return;
        };
        // A source line break between two Chinese characters is layout of
        // the HTML file, not a space in the text (CSS Text 3 drops it too).
        let wide = |c: char| c.width() == Some(2);
        match pending {
            Pending::None => {}
            Pending::Break if wide(last) || wide(next) => {}
            _ => self.cur.push(' '),
        }
    }

    pub fn end_line(&mut self) {
        let line = self.cur.trim_matches(char::is_whitespace);
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.cur.clear();
        self.pending = Pending::None;
    }

    /// The finished lines, leaving this empty for the next paragraph.
    pub fn take(&mut self) -> Vec<String> {
        self.end_line();
        std::mem::take(&mut self.lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(parts: &[&str]) -> Vec<String> {
        let mut l = Lines::new();
        for p in parts {
            if *p == "<br>" {
                l.end_line();
            } else {
                l.push(p, false);
            }
        }
        l.take()
    }

    #[test]
    fn whitespace_collapses_and_lines_are_trimmed() {
        assert_eq!(lines(&["  行政  \t 许可  "]), ["行政 许可"]);
        assert_eq!(lines(&["  行政 \n\t 许可  "]), ["行政许可"]);
        assert_eq!(lines(&["本年新收\n  政府信息"]), ["本年新收政府信息"]);
        assert_eq!(lines(&["共 34\n件"]), ["共 34件"]);
        assert_eq!(lines(&["see\nalso"]), ["see also"]);
    }

    #[test]
    fn nbsp_full_width_spaces_and_invisible_characters() {
        assert_eq!(lines(&["\u{a0}\u{a0}34\u{a0}"]), ["34"]);
        assert_eq!(lines(&["\u{3000}\u{3000}一、总体情况"]), ["一、总体情况"]);
        assert_eq!(lines(&["0\u{3000}"]), ["0"]);
        assert_eq!(lines(&["行\u{200b}政\u{feff}许可\u{1}"]), ["行政许可"]);
        assert_eq!(lines(&["a\u{a0}\u{a0}b"]), ["a  b"]);
    }

    #[test]
    fn breaks_end_lines_and_empty_lines_vanish() {
        assert_eq!(
            lines(&["1.本机关不", "<br>", " ", "<br>", "掌握相关政府信息"]),
            ["1.本机关不", "掌握相关政府信息"]
        );
        let mut l = Lines::new();
        l.push("一\n二", true);
        assert_eq!(l.take(), ["一", "二"]);
        assert!(l.take().is_empty());
    }
}
