//! What the office formats (`html`, `xlsx`) share: a row per report, the
//! Chinese names of severities and rule families, and the excerpt of the
//! text a finding points at.

use super::{position, FileReport};
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Characters of context on each side of the flagged text in an excerpt.
const CONTEXT: usize = 20;
/// At most this many characters of the flagged text itself.
const MARKED: usize = 60;

pub fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// `S 结构` for a code's family letter (the letter alone for a family this list does not know).
pub fn family(code: &str) -> String {
    let letter = code.get(..1).unwrap_or(code);
    let name = match letter {
        "E" => "读取",
        "S" => "结构",
        "T" => "表格",
        "Y" => "年份与日期",
        "F" => "收费",
        "N" => "正文与表格",
        "X" => "跨年度",
        "H" => "文字规范",
        _ => return letter.to_string(),
    };
    format!("{letter} {name}")
}

/// An input that could not be read at all, and why (as printed on stderr).
#[derive(Debug, Clone)]
pub struct Unread {
    pub path: String,
    pub error: String,
}

impl Unread {
    /// Control characters are escaped: a file name is shown in the page and the workbook.
    pub fn new(path: String, error: String) -> Unread {
        Unread {
            path: super::escape_controls(&path).into_owned(),
            error: super::escape_controls(&error).into_owned(),
        }
    }
}

/// Counts by severity of one report's findings: (errors, warnings, notes).
pub fn counts(severities: impl IntoIterator<Item = Severity>) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for severity in severities {
        match severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
            Severity::Info => c.2 += 1,
        }
    }
    c
}

/// The totals at the top of the page. A report is clean when it has no
/// error and no warning (notes are not problems to send back).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Every input: read or not.
    pub reports: usize,
    pub clean: usize,
    pub with_errors: usize,
    pub with_warnings: usize,
    pub unreadable: usize,
}

pub fn totals(files: &[Summary], unreadable: &[Unread]) -> Totals {
    let mut t = Totals {
        reports: files.len() + unreadable.len(),
        unreadable: unreadable.len(),
        ..Totals::default()
    };
    for f in files {
        let (e, w, _) = f.counts();
        t.clean += usize::from(e + w == 0);
        t.with_errors += usize::from(e > 0);
        t.with_warnings += usize::from(w > 0);
    }
    t
}

/// The excerpt of a finding: up to `CONTEXT` characters before, the flagged
/// text (cut at its line's end and at `MARKED` characters) and after, all on
/// the finding's first line.
#[derive(Serialize, Deserialize)]
pub struct Excerpt {
    pub before: String,
    pub marked: String,
    pub after: String,
}

impl Excerpt {
    pub fn plain(&self) -> String {
        format!("{}{}{}", self.before, self.marked, self.after)
    }
}

fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub fn excerpt(text: &str, span: Span) -> Excerpt {
    let start = boundary(text, span.start);
    let end = boundary(text, span.end.max(start));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = end.min(line_end);
    let tail = |s: &str, n: usize| {
        let chars: Vec<char> = s.chars().collect();
        chars[chars.len().saturating_sub(n)..]
            .iter()
            .collect::<String>()
    };
    let head = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut marked = head(&text[start..end], MARKED);
    if text[start..end].chars().count() > MARKED {
        marked.push('…');
    }
    Excerpt {
        before: tail(text[line_start..start].trim_start(), CONTEXT),
        marked,
        after: head(text[end..line_end].trim_end(), CONTEXT),
    }
}

/// What the overview of the page and the workbook needs of one checked
/// report: who, which year, and the rule of each finding. Small: a run over
/// any number of reports keeps these in memory, and each report's
/// [`Finding`]s elsewhere ([`Findings`]). Boxed strings and [`Tally`]s: at
/// 100,000 reports each byte here is 100 KB of the run's peak (issue 15).
pub struct Summary {
    pub path: Box<str>,
    pub issuer: Option<Box<str>>,
    pub year: Option<i32>,
    /// The rule and severity of each finding, in order.
    pub rules: Box<[Tally]>,
}

impl Summary {
    /// Counts by severity: (errors, warnings, notes).
    pub fn counts(&self) -> (usize, usize, usize) {
        counts(self.rules.iter().map(|r| r.severity))
    }
}

/// The rule and the severity of one finding, in four bytes (against forty
/// for the code, the name and the severity): the rule is its place in
/// [`crate::rules::ALL`], or in a list of the codes not there (none in a
/// real run; a test's made-up diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    rule: u16,
    pub severity: Severity,
}

/// Code and name of each rule a [`Tally`] can point at beyond `rules::ALL`.
static OTHER_RULES: std::sync::Mutex<Vec<(&str, &str)>> = std::sync::Mutex::new(Vec::new());

impl Tally {
    pub fn of(d: &Diagnostic) -> Tally {
        let known = crate::rules::ALL
            .iter()
            .position(|r| r.code == d.code && r.name == d.name);
        let rule = known.unwrap_or_else(|| {
            let mut other = OTHER_RULES.lock().unwrap_or_else(|e| e.into_inner());
            let at = other.iter().position(|&r| r == (d.code, d.name));
            crate::rules::ALL.len()
                + at.unwrap_or_else(|| {
                    other.push((d.code, d.name));
                    other.len() - 1
                })
        });
        Tally {
            rule: u16::try_from(rule).expect("fewer than 65,536 rule codes"),
            severity: d.severity,
        }
    }

    /// The rule's code and name.
    fn rule(self) -> (&'static str, &'static str) {
        let k = usize::from(self.rule);
        match crate::rules::ALL.get(k) {
            Some(r) => (r.code, r.name),
            None => {
                let other = OTHER_RULES.lock().unwrap_or_else(|e| e.into_inner());
                other[k - crate::rules::ALL.len()]
            }
        }
    }

    pub fn code(self) -> &'static str {
        self.rule().0
    }

    pub fn name(self) -> &'static str {
        self.rule().1
    }
}

/// One finding, flattened for a table row: placed (line, column, excerpt)
/// while its report's text was at hand, and owned, so that it can wait on
/// disk until its turn.
#[derive(Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub notes: Vec<String>,
    pub excerpt: Excerpt,
}

/// Where the page and the workbook fetch the findings of the `k`th
/// [`Summary`], in order, each report once per table.
pub trait Findings {
    fn of(&mut self, k: usize) -> std::io::Result<Vec<Finding>>;
}

/// Findings held in memory, by report (a fixing run already holds the texts).
impl Findings for Vec<Vec<Finding>> {
    fn of(&mut self, k: usize) -> std::io::Result<Vec<Finding>> {
        Ok(std::mem::take(&mut self[k]))
    }
}

/// The summary and the findings of one checked report.
pub fn digest(f: &FileReport) -> (Summary, Vec<Finding>) {
    let findings = f
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = position(f.text, f.index, d.span.start);
            Finding {
                code: d.code.to_owned(),
                name: d.name.to_owned(),
                severity: d.severity,
                line,
                column,
                message: d.message.clone(),
                notes: d.notes.clone(),
                excerpt: excerpt(f.text, d.span),
            }
        })
        .collect();
    let summary = Summary {
        path: f.path.into(),
        issuer: f.issuer.map(Box::from),
        year: f.year,
        rules: f.diagnostics.iter().map(Tally::of).collect(),
    };
    (summary, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_gives_back_the_code_name_and_severity_of_its_finding() {
        let d = |code, name, severity| Diagnostic::new(code, name, severity, Span::new(0, 1), "m");
        // Every rule of the registry, and codes it does not have (made up
        // by tests), each given back as it was, whatever the order.
        let mut findings: Vec<Diagnostic> = crate::rules::ALL
            .iter()
            .map(|r| d(r.code, r.name, Severity::Warning))
            .collect();
        findings.push(d("Q901", "made-up", Severity::Error));
        findings.push(d("Q902", "made-up-too", Severity::Info));
        findings.push(d("Q901", "made-up", Severity::Info));
        findings.push(d("T001", "not-its-name", Severity::Error));
        for f in &findings {
            let t = Tally::of(f);
            assert_eq!(
                (t.code(), t.name(), t.severity),
                (f.code, f.name, f.severity)
            );
        }
        assert_eq!(Tally::of(&findings[0]), Tally::of(&findings[0]));
        assert_ne!(Tally::of(&findings[0]), Tally::of(&findings[1]));
        assert_eq!(std::mem::size_of::<Tally>(), 4);
    }

    #[test]
    fn excerpt_stays_on_the_line_and_on_char_boundaries() {
        let t = "第一行\n前文前文通过通过后文\n下一行";
        let at = t.find("通过通过").unwrap();
        let e = excerpt(t, Span::new(at, at + "通过通过".len()));
        assert_eq!(
            (e.before.as_str(), e.marked.as_str(), e.after.as_str()),
            ("前文前文", "通过通过", "后文")
        );
        // A span across lines is cut at the line's end; an offset inside a
        // character is moved back to its start.
        let e = excerpt(t, Span::new(1, t.len()));
        assert_eq!((e.marked.as_str(), e.after.as_str()), ("第一行", ""));
    }
}
