//! Bytes of a web page → text: the byte-order mark, then what the page says
//! about itself (`<meta charset>`, `http-equiv` Content-Type, an XML
//! declaration), checked against the bytes, since pages saved or migrated by
//! content-management systems often declare one encoding and hold another.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

use super::HtmlError;

/// How far into the page a charset declaration is looked for. Browsers scan
/// 1 KiB first but honour a later `<meta>` too; government pages often put
/// a screenful of script before it.
const PRESCAN_BYTES: usize = 64 * 1024;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).unwrap()
});

static XML_ENCODING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_:.\-]+)["']"#).unwrap()
});

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
    let label = XML_ENCODING
        .captures(head)
        .or_else(|| META_CHARSET.captures(head))?
        .get(1)?
        .as_bytes();
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
}
