//! Bytes → text. UTF-16 with a BOM (what Word's and Notepad's "Unicode" save
//! writes); then UTF-8 (with or without BOM); otherwise GB18030, which is what
//! GBK-era Windows tools save. Anything else is refused, UTF-16 without a BOM
//! included: its byte order is a guess, and a wrong guess reads every
//! character wrong.

use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Utf8,
    Gb18030,
    /// Little-endian, with the BOM FF FE (Windows "Unicode").
    Utf16Le,
    /// Big-endian, with the BOM FE FF ("Unicode big endian").
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// The byte order mark a file of this encoding may begin with (UTF-16
    /// files are only read with it; GB18030 files are read without one).
    pub fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"\xEF\xBB\xBF",
            Encoding::Gb18030 => b"",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
        }
    }

    /// Decode bytes of this encoding; `None` if they are not valid in it.
    pub fn decode_exact(self, bytes: &[u8]) -> Option<String> {
        match self {
            Encoding::Utf8 => String::from_utf8(bytes.to_vec()).ok(),
            Encoding::Gb18030 => encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|c| c.into_owned()),
            Encoding::Utf16Le | Encoding::Utf16Be => utf16_decode(bytes, self).ok(),
        }
    }

    /// Encode text back in this encoding (for `--fix`, which must keep it).
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
            // encoding_rs encodes to UTF-16 never (its output there is UTF-8).
            Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        }
    }
}

/// UTF-16 code units of `bytes` in the byte order of `enc` to text; the error
/// is the byte offset of an odd last byte or an unpaired surrogate.
fn utf16_decode(bytes: &[u8], enc: Encoding) -> Result<String, usize> {
    let units = bytes.chunks(2).map(|c| match (c, enc) {
        ([a, b], Encoding::Utf16Be) => Some(u16::from_be_bytes([*a, *b])),
        ([a, b], _) => Some(u16::from_le_bytes([*a, *b])),
        _ => None,
    });
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    for c in char::decode_utf16(units.map_while(|u| u)) {
        let c = c.map_err(|_| offset)?;
        offset += 2 * c.len_utf16();
        text.push(c);
    }
    if offset != bytes.len() {
        return Err(offset);
    }
    Ok(text)
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
    /// UTF-16 after its BOM, but cut off or with an unpaired surrogate.
    BadUtf16 { offset: usize },
    /// Reads cleanly as UTF-16 but has no BOM to say which byte order.
    Utf16WithoutBom,
}

use crate::messages as m;

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => f.write_str(&m::BINARY_FILE.fill(&[offset])),
            DecodeError::Undecodable { offset } => f.write_str(&m::UNDECODABLE.fill(&[offset])),
            DecodeError::BadUtf16 { offset } => f.write_str(&m::BAD_UTF16.fill(&[offset])),
            DecodeError::Utf16WithoutBom => f.write_str(m::UTF16_WITHOUT_BOM.text()),
        }
    }
}

impl std::error::Error for DecodeError {}

fn looks_binary(bytes: &[u8]) -> Option<usize> {
    // A NUL, or a control byte other than tab/newline/CR/form feed, does not occur
    // in a report typed by a clerk.
    // Written with `&` and `|` on every byte into a `u8`, not `&&`, `||` and
    // `matches!` (branches and a bit test): so the compiler compares vectors.
    let bad = |b: u8| {
        let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c);
        u8::from(((b < 0x20) & !allowed) | (b == 0x7f))
    };
    // Whole blocks of a fixed size first, without an early exit (the
    // compiler vectorises that); the byte itself is looked for only from the
    // block that has one.
    const BLOCK: usize = 64;
    let has_bad = |block: &[u8]| block.iter().fold(0u8, |any, &b| any | bad(b)) != 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let from = match blocks.position(has_bad) {
        Some(k) => k * BLOCK,
        None if has_bad(blocks.remainder()) => bytes.len() - blocks.remainder().len(),
        None => return None,
    };
    Some(
        from + bytes[from..]
            .iter()
            .position(|&b| bad(b) != 0)
            .expect("in the block"),
    )
}

pub fn line_ending_of(text: &str) -> LineEnding {
    let b = text.as_bytes();
    let crlf = if memchr::memchr(b'\r', b).is_some() {
        memchr::memmem::find_iter(b, b"\r\n").count()
    } else {
        0
    };
    let lf = memchr::memchr_iter(b'\n', b).count();
    match (crlf, lf) {
        (0, _) => LineEnding::Lf,
        (c, l) if c == l => LineEnding::Crlf,
        _ => LineEnding::Mixed,
    }
}

/// Whether `bytes` (which hold NULs) read as a Chinese text in one of the
/// UTF-16 byte orders: clean, with line breaks and Han characters. Short
/// byte runs read as *something* in UTF-16; a report's lines and characters
/// do not come out of a binary file by chance.
fn looks_like_bomless_utf16(bytes: &[u8]) -> bool {
    let chinese_text = |enc| {
        utf16_decode(bytes, enc).is_ok_and(|t| {
            looks_binary(t.as_bytes()).is_none()
                && t.contains('\n')
                && t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
    };
    chinese_text(Encoding::Utf16Le) || chinese_text(Encoding::Utf16Be)
}

/// The UTF-16 byte offset of the first control character [`looks_binary`]
/// refuses, if any.
fn first_control_utf16(text: &str) -> Option<usize> {
    let at = looks_binary(text.as_bytes())?;
    Some(2 * text[..at].encode_utf16().count())
}

/// A file that begins with a UTF-16 BOM, decoded; `None` when it has none.
fn decode_utf16(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    let enc = [Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .find(|e| bytes.starts_with(e.bom()))?;
    let bom = enc.bom().len();
    let decoded = utf16_decode(&bytes[bom..], enc)
        .map_err(|o| DecodeError::BadUtf16 { offset: o + bom })
        .and_then(|text| match first_control_utf16(&text) {
            // FF FE 00 00 is UTF-32's BOM: its NULs are refused here.
            Some(at) => Err(DecodeError::Binary { offset: at + bom }),
            None => Ok(with_line_ending(text, enc, true)),
        });
    Some(decoded)
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    // Before the control-byte test: UTF-16 is full of NULs.
    if let Some(utf16) = decode_utf16(bytes) {
        return utf16;
    }
    let (text, encoding, had_bom) = decode_8bit(bytes)?;
    Ok(with_line_ending(text.into_owned(), encoding, had_bom))
}

/// [`decode`] of bytes the caller owns: UTF-8 without a BOM becomes the text
/// without a copy (issue 15).
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let boms = [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be].map(Encoding::bom);
    if boms.iter().any(|bom| bytes.starts_with(bom)) {
        return decode(&bytes);
    }
    let (text, encoding, had_bom) = decode_8bit(&bytes)?;
    let text = match text {
        // SAFETY: `decode_8bit` borrows the text only when `bytes` as a whole
        // passed `simdutf8`'s UTF-8 validation (same verdict as the standard
        // library's): the bytes are the text, kept without a copy or a
        // second validation.
        Cow::Borrowed(_) => unsafe { String::from_utf8_unchecked(bytes) },
        Cow::Owned(text) => text,
    };
    Ok(with_line_ending(text, encoding, had_bom))
}

/// The text of `bytes` as [`decode`] reads it, but borrowed when it is UTF-8
/// and without the line-ending survey: enough to look for words in it.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if let Some(utf16) = decode_utf16(bytes) {
        return utf16.map(|d| Cow::Owned(d.text));
    }
    decode_8bit(bytes).map(|(text, _, _)| text)
}

/// UTF-8 (with or without BOM) or else GB18030, after the control-byte test;
/// the text (borrowed when UTF-8), its encoding and whether it had a BOM.
fn decode_8bit(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding, bool), DecodeError> {
    if let Some(offset) = looks_binary(bytes) {
        if looks_like_bomless_utf16(bytes) {
            return Err(DecodeError::Utf16WithoutBom);
        }
        return Err(DecodeError::Binary { offset });
    }
    let (body, had_bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    // The fast check first; the standard one only to say where it breaks.
    if let Ok(s) = simdutf8::basic::from_utf8(body) {
        return Ok((Cow::Borrowed(s), Encoding::Utf8, had_bom));
    }
    let utf8_err = std::str::from_utf8(body).expect_err("not UTF-8 by the fast check");
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
    Ok((Cow::Owned(cow.into_owned()), Encoding::Gb18030, false))
}

fn with_line_ending(mut text: String, encoding: Encoding, had_bom: bool) -> Decoded {
    let mut line_ending = line_ending_of(&text);
    if !text.contains('\n') && text.contains('\r') {
        // Read as one line, a report has no headings at all.
        text = text.replace('\r', "\n");
        line_ending = LineEnding::Cr;
    }
    Decoded {
        text,
        encoding,
        had_bom,
        line_ending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_bytes_are_the_control_bytes() {
        for b in 0..=255u8 {
            let bad =
                b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
            for at in [0, 63, 64, 130, 192, 199] {
                let mut bytes = vec![b'a'; 200];
                bytes[at] = b;
                assert_eq!(looks_binary(&bytes), bad.then_some(at), "{b:#x} @{at}");
            }
        }
    }

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

    fn utf16(enc: Encoding, text: &str) -> Vec<u8> {
        [enc.bom(), &enc.encode(text)].concat()
    }

    #[test]
    fn utf16_with_bom_is_read_in_either_byte_order() {
        // 𠀀 (U+20000) is a surrogate pair: four bytes, one character.
        let text = "一、总体情况\r\n𠀀行政许可\t0\r\n";
        for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let d = decode(&utf16(enc, text)).unwrap();
            assert_eq!(d.text, text);
            assert_eq!((d.encoding, d.had_bom), (enc, true));
            assert_eq!(d.line_ending, LineEnding::Crlf);
            assert_eq!(enc.decode_exact(&enc.encode(text)).as_deref(), Some(text));
        }
        assert_eq!(&utf16(Encoding::Utf16Le, "一")[..], b"\xFF\xFE\x00\x4E");
        assert_eq!(&utf16(Encoding::Utf16Be, "一")[..], b"\xFE\xFF\x4E\x00");
    }

    #[test]
    fn damaged_utf16_is_refused_at_the_damage() {
        let mut cut = utf16(Encoding::Utf16Le, "一二");
        cut.push(0x41);
        assert_eq!(
            decode(&cut).unwrap_err(),
            DecodeError::BadUtf16 { offset: 6 }
        );
        // A high surrogate followed by an ordinary character.
        let lone = [0xFF, 0xFE, 0x00, 0x4E, 0x00, 0xD8, 0x41, 0x00];
        assert_eq!(
            decode(&lone).unwrap_err(),
            DecodeError::BadUtf16 { offset: 4 }
        );
        // UTF-32's BOM begins like UTF-16 LE's, then a NUL: binary.
        let utf32 = [0xFF, 0xFE, 0x00, 0x00, 0x00, 0x4E, 0x00, 0x00];
        assert_eq!(
            decode(&utf32).unwrap_err(),
            DecodeError::Binary { offset: 2 }
        );
    }

    #[test]
    fn utf16_without_bom_is_refused_with_its_own_message() {
        let text = "一、总体情况\n行政许可\t0\n";
        for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let err = decode(&enc.encode(text)).unwrap_err();
            assert_eq!(err, DecodeError::Utf16WithoutBom);
            assert!(err.to_string().contains("BOM"), "{err}");
        }
        // Other NULs stay a binary file.
        assert!(matches!(
            decode(b"abc\x00"),
            Err(DecodeError::Binary { offset: 3 })
        ));
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
