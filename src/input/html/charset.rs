//! Bytes of a web page → text: the byte-order mark, then what the page says
//! about itself (`<meta charset>`, `http-equiv` Content-Type, an XML
//! declaration), checked against the bytes, since pages saved or migrated by
//! content-management systems often declare one encoding and hold another.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

use super::HtmlError;

/// How far into the page a charset declaration is looked for. Browsers scan
/// 1 KiB first but honour a later `<meta>` too; government pages often put
/// a screenful of script before it.
const PRESCAN_BYTES: usize = 64 * 1024;

// The declarations are read by hand rather than by two regexes, which cost
// more to compile than reading a page: ASCII only, case-insensitive, as a
// browser's prescan does.

/// An ASCII word byte (`\w` without Unicode).
fn word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A byte of an encoding label (`gb2312`, `utf-8`, `x-mac-chinesesimp`).
fn label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
}

/// `s` from `at` past ASCII whitespace (`\s` without Unicode).
fn skip_spaces(s: &[u8], at: usize) -> usize {
    at + s[at..]
        .iter()
        .take_while(|b| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' '))
        .count()
}

/// Whether `s[at..]` starts with `word` in any case, after a word boundary.
fn word_at(s: &[u8], at: usize, word_: &[u8]) -> bool {
    let boundary = at == 0 || !word(s[at - 1]);
    boundary && s.len() - at >= word_.len() && s[at..at + word_.len()].eq_ignore_ascii_case(word_)
}

/// Inside the tag that `name` opens at `start` (`<meta`, `<?xml`, followed by
/// a word boundary), the first `attribute =` whose value `value` reads; the
/// tag ends at the first `>`.
fn attribute<'a>(
    s: &'a [u8],
    start: usize,
    name: &[u8],
    attribute: &[u8],
    value: impl Fn(&'a [u8], usize) -> Option<&'a [u8]>,
) -> Option<&'a [u8]> {
    let after = start + name.len();
    let opens = s.len() - start >= name.len()
        && s[start..after].eq_ignore_ascii_case(name)
        && s.get(after).is_none_or(|&b| !word(b));
    if !opens {
        return None;
    }
    let end = s[after..]
        .iter()
        .position(|&b| b == b'>')
        .map_or(s.len(), |i| after + i);
    (after..end).find_map(|p| {
        if !word_at(s, p, attribute) {
            return None;
        }
        let eq = skip_spaces(s, p + attribute.len());
        (s.get(eq) == Some(&b'=')).then(|| value(s, skip_spaces(s, eq + 1)))?
    })
}

/// The label of `<meta … charset = "label"`, the quote optional, in the first
/// `<meta` tag that has one: what `(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`
/// found.
fn meta_charset(s: &[u8]) -> Option<&[u8]> {
    fn value(s: &[u8], at: usize) -> Option<&[u8]> {
        let at = match s.get(at) {
            Some(b'"' | b'\'') => skip_spaces(s, at + 1),
            _ => at,
        };
        let n = s[at..].iter().take_while(|&&b| label_byte(b)).count();
        (n > 0).then(|| &s[at..at + n])
    }
    (0..s.len())
        .filter(|&i| s[i] == b'<')
        .find_map(|i| attribute(s, i, b"<meta", b"charset", value))
}

/// The label of `<?xml … encoding="label"` at the very start (after spaces):
/// what `(?i-u)\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_:.\-]+)["']` found.
fn xml_encoding(s: &[u8]) -> Option<&[u8]> {
    fn value(s: &[u8], at: usize) -> Option<&[u8]> {
        s.get(at).filter(|&&b| b == b'"' || b == b'\'')?;
        let n = s[at + 1..].iter().take_while(|&&b| label_byte(b)).count();
        let closed = matches!(s.get(at + 1 + n), Some(b'"' | b'\''));
        (n > 0 && closed).then(|| &s[at + 1..at + 1 + n])
    }
    attribute(s, skip_spaces(s, 0), b"<?xml", b"encoding", value)
}

#[derive(Debug)]
pub(super) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub had_bom: bool,
    /// The page said which encoding it is in (BOM or declaration) and was
    /// read in it; false when the encoding was inferred from the bytes.
    pub declared: bool,
}

/// The encoding the page declares, if any (UTF-16 labels mean UTF-8 in a
/// `<meta>`, as in browsers: a page that can be read as ASCII to find the tag
/// is not UTF-16).
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = xml_encoding(head).or_else(|| meta_charset(head))?;
    let enc = Encoding::for_label(label)?;
    Some(if enc.output_encoding() == UTF_8 {
        UTF_8
    } else {
        enc
    })
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, HtmlError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        // A BOM is the strongest signal there is; don't second-guess it.
        let body = &bytes[bom_len..];
        let text = strict(enc, body).ok_or_else(|| undecodable(enc, body, bom_len))?;
        return Ok(Decoded {
            text,
            encoding: enc,
            had_bom: true,
            declared: true,
        });
    }
    // Text in GBK that happens to be valid UTF-8 does not occur in practice,
    // while UTF-8 pages that still declare gb2312 (re-saved by a browser or a
    // new CMS) do, and GBK would read them as plausible-looking nonsense.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(plain(s.to_owned(), UTF_8, true));
    }
    let declared = declared(bytes);
    // Then the declaration, unless it names a one-byte Western encoding:
    // those decode any bytes at all, and on a Chinese page they are a
    // template's default left unchanged.
    let mut order: Vec<&'static Encoding> = Vec::with_capacity(2);
    if let Some(enc) = declared.filter(|e| !e.is_single_byte() && *e != UTF_8) {
        order.push(enc);
    }
    // GB2312 and GBK pages are read as GB18030, their superset.
    if !order.iter().any(|e| *e == GBK || *e == GB18030) {
        order.push(GB18030);
    }
    for enc in order {
        if let Some(text) = strict(enc, bytes) {
            return Ok(plain(text, enc, Some(enc) == declared));
        }
    }
    Err(undecodable(declared.unwrap_or(GB18030), bytes, 0))
}

fn plain(text: String, encoding: &'static Encoding, declared: bool) -> Decoded {
    Decoded {
        text,
        encoding,
        had_bom: false,
        declared,
    }
}

fn undecodable(enc: &'static Encoding, bytes: &[u8], skipped: usize) -> HtmlError {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_mul(3).min(1 << 26));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let offset = match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    };
    HtmlError::Undecodable {
        charset: enc.name().to_string(),
        offset: offset + skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GBK.encode(s).0.into_owned()
    }

    #[test]
    fn meta_http_equiv_gb2312() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>".to_vec();
        page.extend(gbk("行政许可"));
        let d = decode(&page).unwrap();
        assert!(d.text.ends_with("行政许可"));
        assert_eq!((d.encoding, d.declared), (GBK, true));
    }

    #[test]
    fn meta_charset_attribute_and_xml_declaration() {
        assert_eq!(declared(b"<meta charset='GBK'>"), Some(GBK));
        assert_eq!(declared(b"<META CHARSET=gb18030 />"), Some(GB18030));
        assert_eq!(
            declared(b"<?xml version=\"1.0\" encoding=\"gb2312\"?><html>"),
            Some(GBK)
        );
        assert_eq!(declared(b"<meta charset=\"utf-16\">"), Some(UTF_8));
        assert_eq!(declared(b"<meta name=\"x\" content=\"y\">"), None);
    }

    #[test]
    fn utf8_wins_over_a_stale_gb2312_declaration() {
        let page = "<meta charset=\"gb2312\"><p>行政处罚</p>";
        let d = decode(page.as_bytes()).unwrap();
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn undeclared_gbk_is_sniffed_and_western_declarations_are_distrusted() {
        let mut page = b"<p>".to_vec();
        page.extend(gbk("结转下年度继续办理"));
        assert!(decode(&page).unwrap().text.contains("结转下年度继续办理"));
        let mut page = b"<meta charset=\"iso-8859-1\"><p>".to_vec();
        page.extend(gbk("行政复议"));
        let d = decode(&page).unwrap();
        assert!(d.text.contains("行政复议"), "{}", d.text);
        assert_eq!((d.encoding, d.declared), (GB18030, false));
    }

    #[test]
    fn boms_are_honoured() {
        let mut page = vec![0xFF, 0xFE];
        for u in "<p>总计</p>".encode_utf16() {
            page.extend(u.to_le_bytes());
        }
        let d = decode(&page).unwrap();
        assert_eq!(d.text, "<p>总计</p>");
        assert!(d.had_bom);
        let d = decode("\u{feff}<p>总计</p>".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("<p>总计</p>", UTF_8));
    }

    #[test]
    fn bytes_no_encoding_accepts_are_refused_with_an_offset() {
        let mut page = b"<meta charset=\"gbk\"><p>".to_vec();
        let at = page.len();
        page.extend([0xFF, 0xFF, b'x']);
        match decode(&page) {
            Err(HtmlError::Undecodable { charset, offset }) => {
                assert_eq!((charset.as_str(), offset), ("GBK", at));
            }
            other => panic!("{other:?}"),
        }
    }

    /// The scans read what the regexes they replaced read (the oracles, here only).
    mod oracle {
        use super::super::{meta_charset, xml_encoding};
        use crate::pattern::oracle::{corpus, line, slots};
        use proptest::prelude::*;
        use regex::bytes::Regex;
        use std::sync::LazyLock;

        fn agree(s: &[u8]) {
            static META: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
                    .unwrap()
            });
            static XML: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r#"(?i-u)\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_:.\-]+)["']"#)
                    .unwrap()
            });
            let old = |re: &Regex| re.captures(s).and_then(|c| c.get(1)).map(|m| m.as_bytes());
            assert_eq!(
                meta_charset(s),
                old(&META),
                "{:?}",
                String::from_utf8_lossy(s)
            );
            assert_eq!(
                xml_encoding(s),
                old(&XML),
                "{:?}",
                String::from_utf8_lossy(s)
            );
        }

        #[test]
        fn fixtures() {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html");
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let page = std::fs::read(e.path()).unwrap();
                agree(&page);
                agree(&page[..page.len().min(super::super::PRESCAN_BYTES)]);
            }
            for s in corpus() {
                agree(s.as_bytes());
            }
        }

        const WORDS: &[&str] = &[
            "<meta",
            "<META",
            "<Meta",
            "<metax",
            "<?xml",
            "<?XML",
            "charset",
            "CharSet",
            "xcharset",
            "encoding",
            "ENCODING",
            "=",
            "\"",
            "'",
            " ",
            "\t",
            "\n",
            ">",
            "<",
            "gb2312",
            "UTF-8",
            "x-gbk",
            "a.b:c_d",
            "http-equiv",
            "content=\"text/html;",
            "<p>",
        ];
        const SLOTS: &[&[&str]] = &[
            &["", " ", "\n\t"],
            &[
                "<?xml",
                "<meta",
                "<META",
                "<?xml version=\"1.0\"",
                "<metas",
                "<p>",
            ],
            &[
                " ",
                "",
                "_",
                " http-equiv=\"Content-Type\" content=\"text/html; ",
                ">",
            ],
            &[
                "charset",
                "encoding",
                "ENCODING",
                "CHARSET",
                "xcharset",
                "_encoding",
            ],
            &["", " ", "\t"],
            &["=", "", "=="],
            &["", " "],
            &["\"", "'", ""],
            &["", " "],
            &["gb2312", "GBK", "utf-8", "", "x-mac-chinesesimp", "gb 2312"],
            &["\"", "'", "", ">", " "],
            &["?>", ">", "", "/>"],
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]
            #[test]
            fn generated(s in line(WORDS), t in slots(SLOTS)) {
                agree(s.as_bytes());
                agree(t.as_bytes());
                let both = format!("{t}{s}{t}");
                agree(both.as_bytes());
            }
        }
    }
}
