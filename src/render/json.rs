//! `--format json`: an array of diagnostics with 1-based positions, columns in characters.

use super::{position, FileReport};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub location: Location,
    pub end_location: Location,
    pub content: &'a str,
}

/// Whether and how `xxgk check --fix` applies a fix (ruff's three values).
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum JsonApplicability {
    /// `--fix` applies it.
    Safe,
    /// `--fix --unsafe-fixes` applies it.
    Unsafe,
    /// Never applied: the file is a .docx, .doc/.wps, PDF or web page, which
    /// xxgk does not rewrite. The edits say what to change in the original,
    /// at the positions of the text view (`xxgk inspect --view`).
    DisplayOnly,
}

impl JsonApplicability {
    pub fn of(fix: &crate::diagnostic::Fix, rewritable: bool) -> Self {
        use crate::diagnostic::Applicability;
        match fix.applicability {
            _ if !rewritable => JsonApplicability::DisplayOnly,
            Applicability::Safe => JsonApplicability::Safe,
            Applicability::Unsafe => JsonApplicability::Unsafe,
        }
    }
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub applicability: JsonApplicability,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub message: &'a str,
    pub location: Location,
    pub end_location: Location,
}

/// A finding as JSON, borrowing its texts from the diagnostic and the file
/// (serialized at once: nothing is copied).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: crate::diagnostic::Severity,
    pub message: &'a str,
    pub path: &'a str,
    /// The report's issuing body and year (the same for every finding of a file).
    pub issuer: Option<&'a str>,
    pub year: Option<i32>,
    pub location: Location,
    pub end_location: Location,
    /// 1-based page of a PDF; absent for text formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Where in a .docx, in Word's terms (`第3段`, `第2个表格 第4行 第7列`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_place: Option<String>,
    pub labels: Vec<JsonLabel<'a>>,
    pub notes: &'a [String],
    pub fix: Option<JsonFix<'a>>,
}

fn loc(file: &FileReport, offset: usize) -> Location {
    let (line, column) = position(file.text, file.index, offset);
    Location { line, column }
}

pub fn convert<'a>(file: &FileReport<'a>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: &d.message,
        path: file.path,
        issuer: file.issuer,
        year: file.year,
        location: loc(file, d.span.start),
        page: file.page(d.span.start),
        word_place: file.word_place(d.span.start),
        end_location: loc(file, d.span.end),
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                message: &l.message,
                location: loc(file, l.span.start),
                end_location: loc(file, l.span.end),
            })
            .collect(),
        notes: &d.notes,
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: &f.title,
            applicability: JsonApplicability::of(f, file.rewritable),
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    location: loc(file, e.span.start),
                    end_location: loc(file, e.span.end),
                    content: &e.replacement,
                })
                .collect(),
        }),
    }
}

/// A JSON key as written before its value: `"name": `.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\": ")
    };
}

/// A finding as pretty JSON nested at `base`, written straight into `out`:
/// the bytes `serde_json::to_string_pretty` gives with `base` before each
/// line (the oracle test below holds them equal). Written by hand because
/// the output of a findings-heavy run is mostly these (issue 15: serde's
/// formatter calls and byte-by-byte string escaping were 2/3 of rendering).
pub fn write_pretty(d: &JsonDiagnostic, base: &str, out: &mut String) {
    let mut w = Pretty::new(out, base);
    w.open('{');
    w.key(key!("code"), true);
    w.string(d.code);
    w.key(key!("name"), false);
    w.string(d.name);
    w.key(key!("severity"), false);
    w.string(d.severity.as_str());
    w.key(key!("message"), false);
    w.string(d.message);
    w.key(key!("path"), false);
    w.string(d.path);
    w.key(key!("issuer"), false);
    match d.issuer {
        Some(s) => w.string(s),
        None => w.raw("null"),
    }
    w.key(key!("year"), false);
    match d.year {
        Some(y) => w.number(i64::from(y)),
        None => w.raw("null"),
    }
    w.key(key!("location"), false);
    w.location(&d.location);
    w.key(key!("end_location"), false);
    w.location(&d.end_location);
    if let Some(page) = d.page {
        w.key(key!("page"), false);
        w.number(page as i64);
    }
    if let Some(place) = &d.word_place {
        w.key(key!("word_place"), false);
        w.string(place);
    }
    w.key(key!("labels"), false);
    w.array(&d.labels, |w, l| {
        w.open('{');
        w.key(key!("message"), true);
        w.string(l.message);
        w.key(key!("location"), false);
        w.location(&l.location);
        w.key(key!("end_location"), false);
        w.location(&l.end_location);
        w.close('}');
    });
    w.key(key!("notes"), false);
    w.array(d.notes, |w, n| w.string(n));
    w.key(key!("fix"), false);
    match &d.fix {
        Some(f) => w.fix(f),
        None => w.raw("null"),
    }
    w.close('}');
}

/// The pretty printer's state: the bytes so far, and a comma and a new line
/// with the base indentation and two spaces a level after it, of which a
/// line takes as much as it needs (one copy, not one a level; the comma
/// before it too when there is one).
struct Pretty<'o> {
    out: &'o mut String,
    comma_newline: std::borrow::Cow<'static, str>,
    base: usize,
    level: usize,
}

/// Levels a finding's JSON goes (fix → edits → edit → location).
const DEEPEST: usize = 5;

/// `,\n` and spaces, for any base indentation of spaces up to 50 (no
/// string made per finding).
const COMMA_NEWLINE: &str = concat!(
    ",\n",
    "                                                  ",
    "          "
);

impl<'o> Pretty<'o> {
    fn new(out: &'o mut String, base: &str) -> Self {
        let longest = 2 + base.len() + 2 * DEEPEST;
        let comma_newline = if base.bytes().all(|b| b == b' ') && longest <= COMMA_NEWLINE.len() {
            std::borrow::Cow::Borrowed(COMMA_NEWLINE)
        } else {
            std::borrow::Cow::Owned(format!(",\n{base}{:1$}", "", 2 * DEEPEST))
        };
        Pretty {
            out,
            comma_newline,
            base: base.len(),
            level: 0,
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A new line at the current level, after a comma when `comma`.
    fn line(&mut self, comma: bool) {
        let start = usize::from(!comma);
        let end = 2 + self.base + 2 * self.level;
        self.out.push_str(&self.comma_newline[start..end]);
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.level += 1;
    }

    /// Close a non-empty object or array.
    fn close(&mut self, bracket: char) {
        self.level -= 1;
        self.line(false);
        self.out.push(bracket);
    }

    /// A key, quoted and with the `: ` after it (`key!`), on a line of its own.
    fn key(&mut self, quoted: &str, first: bool) {
        self.line(!first);
        self.out.push_str(quoted);
    }

    fn number(&mut self, n: i64) {
        self.raw(itoa::Buffer::new().format(n));
    }

    fn location(&mut self, l: &Location) {
        self.open('{');
        self.key(key!("line"), true);
        self.number(l.line as i64);
        self.key(key!("column"), false);
        self.number(l.column as i64);
        self.close('}');
    }

    /// `[]`, or the items one a line.
    fn array<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        if items.is_empty() {
            return self.raw("[]");
        }
        self.open('[');
        for (n, x) in items.iter().enumerate() {
            self.line(n > 0);
            item(self, x);
        }
        self.close(']');
    }

    fn fix(&mut self, f: &JsonFix) {
        self.open('{');
        self.key(key!("message"), true);
        self.string(f.message);
        self.key(key!("applicability"), false);
        self.string(match f.applicability {
            JsonApplicability::Safe => "safe",
            JsonApplicability::Unsafe => "unsafe",
            JsonApplicability::DisplayOnly => "display-only",
        });
        self.key(key!("edits"), false);
        self.array(&f.edits, |w, e| {
            w.open('{');
            w.key(key!("location"), true);
            w.location(&e.location);
            w.key(key!("end_location"), false);
            w.location(&e.end_location);
            w.key(key!("content"), false);
            w.string(e.content);
            w.close('}');
        });
        self.close('}');
    }

    /// A JSON string escaped as serde_json escapes it: `"`, `\\` and the
    /// controls below U+0020 (`\\b \\t \\n \\f \\r`, else `\\u00xx`); the runs
    /// between them are copied whole, found eight bytes at a time.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push('"');
        let (mut from, mut i) = (0, 0);
        while i < bytes.len() {
            if let Some(word) = bytes.get(i..i + 8) {
                if plain(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            i += 1;
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            // Between ASCII bytes: whole characters.
            self.out.push_str(&s[from..i - 1]);
            from = i;
            self.escape(b);
        }
        self.out.push_str(&s[from..]);
        self.out.push('"');
    }

    fn escape(&mut self, b: u8) {
        match b {
            b'"' => self.raw("\\\""),
            b'\\' => self.raw("\\\\"),
            0x08 => self.raw("\\b"),
            0x09 => self.raw("\\t"),
            0x0a => self.raw("\\n"),
            0x0c => self.raw("\\f"),
            0x0d => self.raw("\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.raw("\\u00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
    }
}

/// Whether none of the eight bytes of `word` is escaped in JSON: none is
/// below 0x20, `"` or `\\` (the bit tests of "Bit Twiddling Hacks": a byte
/// below n ≤ 128 and a zero byte, which are exact about whether there is one).
fn plain(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    /// `to_string_pretty` with `base` before every line: what `write_pretty` must write.
    fn oracle(d: &JsonDiagnostic, base: &str) -> String {
        let pretty = serde_json::to_string_pretty(d).unwrap();
        let lines: Vec<String> = pretty.lines().map(|l| format!("{base}{l}")).collect();
        lines.join("\n")[base.len()..].to_string()
    }

    fn agree(d: &JsonDiagnostic) {
        for base in ["", "  ", "        "] {
            let mut out = String::new();
            write_pretty(d, base, &mut out);
            assert_eq!(out, oracle(d, base));
        }
    }

    /// A base of other than spaces, or longer than the spaces kept for new
    /// lines, takes its own string of them: the same bytes.
    #[test]
    fn pretty_writer_with_any_base() {
        let notes = vec!["注".to_string()];
        let d = JsonDiagnostic {
            code: "T001",
            name: "unbalanced-applications",
            severity: crate::diagnostic::Severity::Error,
            message: "表三不平衡",
            path: "a.txt",
            issuer: None,
            year: Some(2024),
            location: loc(1, 1),
            end_location: loc(1, 2),
            page: None,
            word_place: None,
            labels: vec![JsonLabel {
                message: "四",
                location: loc(2, 1),
                end_location: loc(2, 2),
            }],
            notes: &notes,
            fix: Some(JsonFix {
                message: "改为 1",
                applicability: JsonApplicability::Unsafe,
                edits: vec![JsonEdit {
                    location: loc(2, 1),
                    end_location: loc(2, 2),
                    content: "1",
                }],
            }),
        };
        for base in [
            "\t",
            " \t ",
            &" ".repeat(50),
            &" ".repeat(51),
            &" ".repeat(80),
        ] {
            let mut out = String::new();
            write_pretty(&d, base, &mut out);
            assert_eq!(out, oracle(&d, base), "{base:?}");
        }
    }

    #[test]
    fn pretty_writer_writes_what_serde_json_writes() {
        // Each escaped byte at every place in and around an eight-byte word.
        let special = [
            '"', '\\', '\n', '\u{1f}', ' ', '\u{7f}', 'é', '中', '!', '#', '[', ']',
        ];
        let messages: Vec<String> = (0..20)
            .flat_map(|k| special.map(|c| format!("{}{c}{}", "a".repeat(k), "é".repeat(k % 5))))
            .collect();
        let notes = vec![
            "注：\"引号\"\\反斜线".to_string(),
            "\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f}é".to_string(),
        ];
        let mut d = JsonDiagnostic {
            code: "N001",
            name: "applications-received",
            severity: crate::diagnostic::Severity::Warning,
            message: "正文称收到申请5件，表三为6件",
            path: "C:\\报告\\a \"b\".txt",
            issuer: Some("某市人民政府办公室"),
            year: Some(2024),
            location: loc(3, 14),
            end_location: loc(3, 15),
            page: Some(2),
            word_place: Some("第2个表格 第4行 第7列".to_string()),
            labels: vec![JsonLabel {
                message: "表三",
                location: loc(60, 1),
                end_location: loc(60, 3),
            }],
            notes: &notes,
            fix: Some(JsonFix {
                message: "删除",
                applicability: JsonApplicability::DisplayOnly,
                edits: vec![
                    JsonEdit {
                        location: loc(1, 1),
                        end_location: loc(1, 2),
                        content: "",
                    },
                    JsonEdit {
                        location: loc(1, 3),
                        end_location: loc(1, 3),
                        content: "x\ny",
                    },
                ],
            }),
        };
        agree(&d);
        for a in [JsonApplicability::Safe, JsonApplicability::Unsafe] {
            d.fix.as_mut().unwrap().applicability = a;
            agree(&d);
        }
        d.fix.as_mut().unwrap().edits.clear();
        agree(&d);
        (d.issuer, d.year, d.page, d.word_place, d.fix) = (None, None, None, None, None);
        d.labels.clear();
        d.notes = &[];
        agree(&d);
        for severity in [
            crate::diagnostic::Severity::Info,
            crate::diagnostic::Severity::Error,
        ] {
            d.severity = severity;
            agree(&d);
        }
        for m in &messages {
            d.message = m;
            agree(&d);
        }
    }
}
