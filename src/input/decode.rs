//! Bytes → text. UTF-8 (with or without BOM) first; otherwise GB18030, which
//! is what GBK-era Windows tools save. Anything that is neither is refused.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// Decode bytes of this encoding; `None` if they are not valid in it.
    pub fn decode_exact(self, bytes: &[u8]) -> Option<String> {
        match self {
            Encoding::Utf8 => String::from_utf8(bytes.to_vec()).ok(),
            Encoding::Gb18030 => encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|c| c.into_owned()),
        }
    }

    /// Encode text back in this encoding (for `--fix`, which must keep it).
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEnding {
    Lf,
    Crlf,
    /// Both occur; kept as found.
    Mixed,
    /// Lone carriage returns only (classic Mac OS). The text holds `\n` in
    /// their place, one byte for one, so every offset is the file's; writing
    /// puts the `\r` back.
    Cr,
}

#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text with any BOM removed and line endings kept as they were.
    pub text: String,
    pub encoding: Encoding,
    pub had_bom: bool,
    pub line_ending: LineEnding,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other control bytes: not a text report.
    Binary { offset: usize },
    /// Neither valid UTF-8 nor valid GB18030.
    Undecodable { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => write!(
                f,
                "looks like a binary file (control byte at offset {offset}), not a text report; \
                 pass a .txt, .md or .docx report"
            ),
            DecodeError::Undecodable { offset } => write!(
                f,
                "is neither UTF-8 nor GB18030 (invalid byte sequence at offset {offset}); \
                 re-save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

fn looks_binary(bytes: &[u8]) -> Option<usize> {
    // A NUL, or a control byte other than tab/newline/CR/form feed, does not occur
    // in a report typed by a clerk.
    bytes.iter().position(|&b| {
        b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f
    })
}

pub fn line_ending_of(text: &str) -> LineEnding {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count();
    match (crlf, lf) {
        (0, _) => LineEnding::Lf,
        (c, l) if c == l => LineEnding::Crlf,
        _ => LineEnding::Mixed,
    }
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(offset) = looks_binary(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let (body, had_bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(utf8_err) => {
            if had_bom {
                // A BOM promises UTF-8; don't second-guess it.
                return Err(DecodeError::Undecodable {
                    offset: utf8_err.valid_up_to() + 3,
                });
            }
            let (cow, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
            if had_errors {
                // Where the UTF-8 reading breaks: a file that is UTF-8 up to a
                // damaged spot is told that spot, not where GB18030 gave up.
                return Err(DecodeError::Undecodable {
                    offset: utf8_err.valid_up_to(),
                });
            }
            (cow.into_owned(), Encoding::Gb18030)
        }
    };
    let mut text = text;
    let mut line_ending = line_ending_of(&text);
    if !text.contains('\n') && text.contains('\r') {
        // Read as one line, a report has no headings at all.
        text = text.replace('\r', "\n");
        line_ending = LineEnding::Cr;
    }
    Ok(Decoded {
        text,
        encoding,
        had_bom,
        line_ending,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode("\u{feff}一、总体情况\r\n".as_bytes()).unwrap();
        assert_eq!(d.text, "一、总体情况\r\n");
        assert!(d.had_bom);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.line_ending, LineEnding::Crlf);
    }

    #[test]
    fn gb18030_round_trips() {
        let text = "二、主动公开政府信息情况\n行政许可\t0\n";
        let bytes = Encoding::Gb18030.encode(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, Encoding::Gb18030);
        assert_eq!(Encoding::Gb18030.encode(&d.text), bytes);
    }

    #[test]
    fn lone_carriage_returns_are_lines() {
        let d = decode("一、总体情况\r二、主动公开\r".as_bytes()).unwrap();
        assert_eq!(d.text, "一、总体情况\n二、主动公开\n");
        assert_eq!(d.line_ending, LineEnding::Cr);
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"abc\x00def"),
            Err(DecodeError::Binary { offset: 3 })
        ));
    }

    #[test]
    fn the_offset_is_the_first_invalid_byte_of_the_utf8_reading() {
        // Issue 11: a UTF-8 file cut mid-character at byte 7999 was reported
        // at the offset where the GB18030 fallback failed.
        let mut bytes = "政务公开".repeat(700).into_bytes();
        bytes.truncate(7999);
        assert_eq!(bytes.len() % 3, 1);
        assert_eq!(
            decode(&bytes).unwrap_err(),
            DecodeError::Undecodable { offset: 7998 }
        );
    }

    #[test]
    fn invalid_sequences_are_refused() {
        // 0xFF is invalid as a lead byte in both UTF-8 and GB18030.
        assert!(matches!(
            decode(&[0xe4, 0xb8, 0x80, 0xff, 0xff]),
            Err(DecodeError::Undecodable { .. })
        ));
    }
}
