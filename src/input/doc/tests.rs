//! A tiny writer of Word 97 binary files, so each structure the reader
//! handles can be tested on its own: the FIB, one piece, one PAPX page.

use super::*;
use std::io::Write;

const SPRM_IN_TABLE: [u8; 3] = [0x16, 0x24, 1];
const SPRM_TTP: [u8; 3] = [0x17, 0x24, 1];

/// A paragraph (or cell, or row-end mark): its characters including the
/// final mark, and its paragraph sprms.
struct Para {
    text: Vec<u16>,
    sprms: Vec<u8>,
}

fn body(text: &str) -> Para {
    Para {
        text: format!("{text}\r").encode_utf16().collect(),
        sprms: Vec::new(),
    }
}

fn cell(text: &str) -> Para {
    Para {
        text: format!("{text}\u{7}").encode_utf16().collect(),
        sprms: SPRM_IN_TABLE.to_vec(),
    }
}

/// A row-end mark; `edges` (twips) become its `sprmTDefTable`, with the
/// TC80 merge flags of each cell.
fn row_end(edges: &[i16], flags: &[u16]) -> Para {
    let mut sprms = [SPRM_IN_TABLE, SPRM_TTP].concat();
    if !edges.is_empty() {
        let mut op = vec![(edges.len() - 1) as u8];
        edges.iter().for_each(|e| op.extend(e.to_le_bytes()));
        for i in 0..edges.len() - 1 {
            op.extend(flags.get(i).copied().unwrap_or(0).to_le_bytes());
            op.extend([0u8; 18]);
        }
        sprms.extend([0x08, 0xD6]);
        sprms.extend(((op.len() + 1) as u16).to_le_bytes());
        sprms.extend(op);
    }
    Para {
        text: vec![0x07],
        sprms,
    }
}

struct Options {
    /// Paragraphs from this index on are stored 8-bit, in a second piece
    /// (0: all of them, in one piece).
    compressed_from: usize,
    /// Character runs (first, last + 1 character; UTF-16 text only) with
    /// their character sprms, written as one CHPX page.
    chpx: &'static [(usize, usize, &'static [u8])],
    flags: u16,
    ident: u16,
}

const PLAIN: Options = Options {
    compressed_from: usize::MAX,
    chpx: &[],
    flags: 0x0200,
    ident: 0xA5EC,
};

const TEXT_AT: usize = 1024;

fn word_stream(paras: &[Para], o: &Options) -> (Vec<u8>, Vec<u8>) {
    let text: Vec<u16> = paras.iter().flat_map(|p| p.text.clone()).collect();
    let split = o.compressed_from.min(paras.len());
    let wide: usize = paras[..split].iter().map(|p| p.text.len()).sum();
    let mut w = vec![0u8; TEXT_AT];
    w[0..2].copy_from_slice(&o.ident.to_le_bytes());
    w[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    w[0x0A..0x0C].copy_from_slice(&o.flags.to_le_bytes());
    w[32..34].copy_from_slice(&14u16.to_le_bytes());
    w[62..64].copy_from_slice(&22u16.to_le_bytes());
    w[76..80].copy_from_slice(&(text.len() as u32).to_le_bytes());
    w[152..154].copy_from_slice(&93u16.to_le_bytes());
    for (k, &u) in text.iter().enumerate() {
        if k >= wide {
            w.push(u as u8);
        } else {
            w.extend(u.to_le_bytes());
        }
    }
    // One PAPX page; paragraph i spans [fcs[i], fcs[i + 1]).
    w.resize(w.len().next_multiple_of(512), 0);
    let pn = w.len() / 512;
    let mut page = [0u8; 512];
    let mut fc = TEXT_AT;
    let mut fcs = vec![fc];
    for (i, p) in paras.iter().enumerate() {
        fc += p.text.len() * if i >= split { 1 } else { 2 };
        fcs.push(fc);
    }
    let crun = paras.len();
    for (i, f) in fcs.iter().enumerate() {
        page[4 * i..4 * i + 4].copy_from_slice(&(*f as u32).to_le_bytes());
    }
    let mut free = 511;
    for (i, p) in paras.iter().enumerate() {
        let mut papx = vec![0u8, 0]; // istd
        papx.extend(&p.sprms);
        let mut blob = if papx.len() % 2 == 1 {
            vec![papx.len().div_ceil(2) as u8]
        } else {
            vec![0, (papx.len() / 2) as u8]
        };
        blob.extend(papx);
        free = (free - blob.len()) & !1;
        page[free..free + blob.len()].copy_from_slice(&blob);
        page[4 * (crun + 1) + 13 * i] = (free / 2) as u8;
    }
    assert!(free > 4 * (crun + 1) + 13 * crun, "test document too big");
    page[511] = crun as u8;
    w.extend(page);
    let chpx_pn = w.len() / 512;
    w.extend(chpx_page(o.chpx, text.len()));

    // Table stream: PlcBtePapx, then the CLX with one or two pieces:
    // (first character, stream offset, 8-bit).
    let mut t = Vec::new();
    for v in [TEXT_AT as u32, fc as u32, pn as u32] {
        t.extend(v.to_le_bytes());
    }
    let narrow_at = TEXT_AT + 2 * wide;
    let pieces: Vec<(usize, usize, bool)> = [(0, TEXT_AT, false), (wide, narrow_at, true)]
        .into_iter()
        .filter(|&(cp, _, narrow)| if narrow { cp < text.len() } else { wide > 0 })
        .collect();
    let clx_at = t.len();
    t.push(0x02);
    t.extend((((pieces.len() + 1) * 4 + pieces.len() * 8) as u32).to_le_bytes());
    for &(cp, _, _) in &pieces {
        t.extend((cp as u32).to_le_bytes());
    }
    t.extend((text.len() as u32).to_le_bytes());
    for &(_, at, narrow) in &pieces {
        let fc = if narrow {
            (at as u32 * 2) | 0x4000_0000
        } else {
            at as u32
        };
        t.extend([0u8, 0]);
        t.extend(fc.to_le_bytes());
        t.extend([0u8, 0]);
    }
    let fclcb = 154;
    let set = |w: &mut Vec<u8>, i: usize, fc: usize, lcb: usize| {
        let at = fclcb + 8 * i;
        w[at..at + 4].copy_from_slice(&(fc as u32).to_le_bytes());
        w[at + 4..at + 8].copy_from_slice(&(lcb as u32).to_le_bytes());
    };
    let bte_chpx = t.len();
    for v in [TEXT_AT, TEXT_AT + 2 * text.len(), chpx_pn] {
        t.extend((v as u32).to_le_bytes());
    }
    set(&mut w, 12, bte_chpx, 12);
    set(&mut w, 13, 0, clx_at);
    set(&mut w, 33, clx_at, t.len() - clx_at);
    (w, t)
}

/// A ChpxFkp covering the whole (UTF-16) text: the given runs with their
/// sprms, the gaps between them without properties.
fn chpx_page(runs: &[(usize, usize, &[u8])], chars: usize) -> [u8; 512] {
    let mut bounds = vec![(0, None)];
    for &(start, end, sprms) in runs {
        bounds.push((start, Some(sprms)));
        bounds.push((end, None));
    }
    bounds.push((chars, None));
    bounds.dedup_by_key(|b| b.0);
    let crun = bounds.len() - 1;
    let mut page = [0u8; 512];
    let mut free = 511;
    for (i, &(at, sprms)) in bounds.iter().enumerate() {
        let fc = (TEXT_AT + 2 * at) as u32;
        page[4 * i..4 * i + 4].copy_from_slice(&fc.to_le_bytes());
        if let (Some(sprms), true) = (sprms, i < crun) {
            free = (free - 1 - sprms.len()) & !1;
            page[free] = sprms.len() as u8;
            page[free + 1..free + 1 + sprms.len()].copy_from_slice(sprms);
            page[4 * (crun + 1) + i] = (free / 2) as u8;
        }
    }
    page[511] = crun as u8;
    page
}

fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        c.create_stream(name).unwrap().write_all(data).unwrap();
    }
    c.flush().unwrap();
    c.into_inner().into_inner()
}

fn doc_with(paras: &[Para], o: &Options) -> Vec<u8> {
    let (w, t) = word_stream(paras, o);
    let table = if o.flags & 0x0200 != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    ole(&[("/WordDocument", &w), (table, &t)])
}

fn read(paras: &[Para]) -> String {
    read_doc(&doc_with(paras, &PLAIN), &DocLimits::default()).unwrap()
}

#[test]
fn paragraphs_and_a_table() {
    let text = read(&[
        body("一、总体情况"),
        body(""),
        cell("信息内容"),
        cell("本年新制发件数"),
        row_end(&[], &[]),
        cell("规章"),
        cell("0"),
        row_end(&[], &[]),
        body("二、主动公开"),
    ]);
    assert_eq!(
        text,
        "一、总体情况\n\n\n\t信息内容\n\t本年新制发件数\n\n\t规章\n\t0\n\n\n二、主动公开\n\n"
    );
}

#[test]
fn cell_paragraphs_become_lines_and_empty_ones_go() {
    let mut a = body("（二）部分公开");
    a.sprms = SPRM_IN_TABLE.to_vec();
    let mut blank = body("");
    blank.sprms = SPRM_IN_TABLE.to_vec();
    let text = read(&[
        a,
        blank,
        cell("（区分处理的）"),
        cell(""),
        row_end(&[], &[]),
    ]);
    assert_eq!(text, "\t（二）部分公开\n（区分处理的）\n\t\n\n\n");
}

#[test]
fn merged_cells_are_padded_to_the_grid() {
    let text = read(&[
        cell("a"),
        cell("b"),
        cell("c"),
        row_end(&[0, 1000, 2000, 3000], &[]),
        // One cell over the first two columns.
        cell("ab"),
        cell("c"),
        row_end(&[0, 2000, 3000], &[]),
        // Starts at the second column; its cell is covered by the one above.
        cell("x"),
        cell("y"),
        row_end(&[1005, 2000, 3000], &[0x20, 0]),
    ]);
    assert_eq!(text, "\ta\n\tb\n\tc\n\n\tab\n\t\n\tc\n\n\t\n\t\n\ty\n\n\n");
}

#[test]
fn fields_keep_their_result_and_drop_their_code() {
    let text = read(&[
        body("见\u{13} HYPERLINK \"http://x.gov.cn\" \u{14}政府网站\u{15}。"),
        body("第\u{13} PAGE \u{14}3\u{15}页\u{13} SEQ \u{15}"),
        body("\u{13} TOC \\o \u{14}\u{13} PAGEREF _Toc1 \u{14}一\u{15}\u{15}"),
    ]);
    assert_eq!(text, "见政府网站。\n\n第3页\n\n一\n\n");
}

#[test]
fn special_characters() {
    let text = read(&[body("a\u{b}b\u{1e}c\u{1f}d\u{1}\u{8}e\tf\u{c}")]);
    assert_eq!(text, "a\nb-cde\tf\n\n");
}

#[test]
fn a_field_left_open_does_not_hide_the_rest() {
    let text = read(&[body("\u{13} HYPERLINK x"), body("正文")]);
    assert_eq!(text, "\n正文\n\n");
}

#[test]
fn compressed_pieces_are_cp1252() {
    let paras = [Para {
        text: vec![0x93, b'x' as u16, 0x94, 0xE9, 0x0D],
        sprms: Vec::new(),
    }];
    let opts = Options {
        compressed_from: 0,
        ..PLAIN
    };
    let text = read_doc(&doc_with(&paras, &opts), &DocLimits::default()).unwrap();
    assert_eq!(text, "\u{201C}x\u{201D}é\n\n");
}

#[test]
fn unicode_and_8_bit_pieces_mix() {
    // As Word saves: runs of plain ASCII in 8-bit pieces, the rest UTF-16,
    // and the table marks found by stream offset in either.
    let paras = [
        body("一、总体情况"),
        cell("规章"),
        row_end(&[], &[]),
        cell("Total"),
        cell("12"),
        row_end(&[], &[]),
        body("end"),
    ];
    let opts = Options {
        compressed_from: 3,
        ..PLAIN
    };
    let text = read_doc(&doc_with(&paras, &opts), &DocLimits::default()).unwrap();
    assert_eq!(text, "一、总体情况\n\n\t规章\n\n\tTotal\n\t12\n\n\nend\n\n");
}

#[test]
fn nested_tables_fold_into_their_cell() {
    // Word 2000+: inner cells end with a paragraph mark at depth 2
    // (sprmPItap), the outer cell with 0x07.
    let inner = |s: &str| Para {
        text: format!("{s}\r").encode_utf16().collect(),
        sprms: [&SPRM_IN_TABLE[..], &[0x49, 0x66, 2, 0, 0, 0]].concat(),
    };
    let text = read(&[
        cell("外1"),
        inner("内a"),
        inner("内b"),
        inner(""),
        cell(""),
        cell("3"),
        row_end(&[], &[]),
    ]);
    assert_eq!(text, "\t外1\n\t内a\n内b\n\t3\n\n\n");
}

#[test]
fn deleted_hidden_and_symbol_characters() {
    // "共35 36件": "35 " deleted (chars 1..4), "(" at 7 a Wingdings check
    // box (private use: dropped), "(" at 9 a Symbol-font "≥" (kept as such),
    // "隐" at 11 hidden.
    let opts = Options {
        chpx: &[
            (1, 4, &[0x00, 0x08, 1]),
            (7, 8, &[0x09, 0x6A, 2, 0, 0xFE, 0xF0]),
            (9, 10, &[0x09, 0x6A, 3, 0, 0x65, 0x22]),
            (11, 12, &[0x3C, 0x08, 0x81]),
        ],
        ..PLAIN
    };
    let paras = [body("共35 36件(a(b隐c")];
    let text = read_doc(&doc_with(&paras, &opts), &DocLimits::default()).unwrap();
    assert_eq!(text, "共36件a≥bc\n\n");
}

#[test]
fn the_0table_stream_is_used_when_the_fib_says_so() {
    let opts = Options { flags: 0, ..PLAIN };
    let text = read_doc(&doc_with(&[body("正文")], &opts), &DocLimits::default()).unwrap();
    assert_eq!(text, "正文\n\n");
}

#[test]
fn encrypted_and_old_documents_are_refused() {
    let enc = Options {
        flags: 0x0300,
        ..PLAIN
    };
    let err = read_doc(&doc_with(&[body("x")], &enc), &DocLimits::default()).unwrap_err();
    assert_eq!(err, DocError::Encrypted);
    assert!(err.to_string().contains("密码"), "{err}");
    let xor = Options {
        flags: 0x8200,
        ..PLAIN
    };
    let err = read_doc(&doc_with(&[body("x")], &xor), &DocLimits::default()).unwrap_err();
    assert_eq!(err, DocError::Encrypted);
    let word6 = Options {
        ident: 0xA5DC,
        ..PLAIN
    };
    let err = read_doc(&doc_with(&[body("x")], &word6), &DocLimits::default()).unwrap_err();
    assert_eq!(err, DocError::OldWord);
}

#[test]
fn other_ole_files_say_what_they_are() {
    let xls = ole(&[("/Workbook", b"\x09\x08")]);
    let err = doc_to_text(&xls, &DocLimits::default()).unwrap_err();
    assert_eq!(err, DocError::NotWord("Excel 表格"));
    assert!(err.to_string().contains("不是 Word 文档"), "{err}");
    let docx = ole(&[
        ("/EncryptionInfo", b"\x04\x00"),
        ("/EncryptedPackage", b"x"),
    ]);
    let err = doc_to_text(&docx, &DocLimits::default()).unwrap_err();
    assert_eq!(err, DocError::EncryptedDocx);
    assert!(err.to_string().contains("加密的 .docx"), "{err}");
    let err = doc_to_text(b"plain text, not OLE", &DocLimits::default()).unwrap_err();
    assert!(matches!(err, DocError::NotOle(_)), "{err:?}");
}

#[test]
fn a_missing_table_stream_is_damage() {
    let (w, _) = word_stream(&[body("x")], &PLAIN);
    let err = read_doc(&ole(&[("/WordDocument", &w)]), &DocLimits::default()).unwrap_err();
    assert_eq!(err, DocError::Damaged("缺少 1Table 流".to_string()));
}

#[test]
fn limits_are_enforced() {
    let doc = doc_with(&[body("一二三四五")], &PLAIN);
    let small = DocLimits {
        max_chars: 3,
        ..DocLimits::default()
    };
    let err = read_doc(&doc, &small).unwrap_err();
    assert_eq!(err, DocError::TooLarge("正文字符数".to_string()));
    let tiny = DocLimits {
        max_stream_bytes: 100,
        ..DocLimits::default()
    };
    assert!(matches!(
        read_doc(&doc, &tiny).unwrap_err(),
        DocError::TooLarge(_)
    ));
}

/// Every cut of a real file, and every flipped byte of the Word streams of a
/// small one, is an error or a text, never a panic (read_doc, not
/// doc_to_text, so a panic is not caught and hidden here).
#[test]
fn truncated_and_corrupted_files_never_panic() {
    let real = std::fs::read("fixtures/doc/004_85d8c9eac23a7ed3.doc").unwrap();
    for len in (0..real.len()).step_by(509).chain([real.len() - 1]) {
        let r = read_doc(&real[..len], &DocLimits::default());
        assert!(r.is_err(), "cut at {len} was read");
    }
    let paras = [
        body("正文"),
        cell("a"),
        row_end(&[0, 1000], &[]),
        body("\u{13}x\u{14}y\u{15}"),
    ];
    let (w, t) = word_stream(&paras, &PLAIN);
    for i in (0..w.len()).step_by(7).chain(0..160) {
        let mut w2 = w.clone();
        w2[i] ^= 0xFF;
        let _ = read_doc(
            &ole(&[("/WordDocument", &w2), ("/1Table", &t)]),
            &DocLimits::default(),
        );
    }
    for i in 0..t.len() {
        let mut t2 = t.clone();
        t2[i] ^= 0xFF;
        let _ = read_doc(
            &ole(&[("/WordDocument", &w), ("/1Table", &t2)]),
            &DocLimits::default(),
        );
    }
}

/// Random byte changes inside the Word streams of a real file (past the
/// container, which `truncated_and_corrupted_files_never_panic` covers):
/// an error or a text, never a panic. `DOC_MUTATIONS=n` runs more.
#[test]
fn mutated_word_streams_never_panic() {
    use std::io::Read;
    let real = std::fs::read("fixtures/doc/002_6d233805cc76b44e.doc").unwrap();
    let mut c = cfb::CompoundFile::open(std::io::Cursor::new(&real)).unwrap();
    let mut stream = |name: &str| {
        let mut buf = Vec::new();
        c.open_stream(name).unwrap().read_to_end(&mut buf).unwrap();
        buf
    };
    let (w, t) = (stream("/WordDocument"), stream("/1Table"));
    let runs: usize = std::env::var("DOC_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    // xorshift: deterministic, no dependency.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut read = 0;
    for _ in 0..runs {
        let (mut w2, mut t2) = (w.clone(), t.clone());
        for _ in 0..1 + next() % 8 {
            let target = if next() % 2 == 0 { &mut w2 } else { &mut t2 };
            // Mostly the FIB and the table stream's structures, which are
            // small; sometimes anywhere.
            let span = if next() % 4 == 0 {
                target.len()
            } else {
                1024.min(target.len())
            };
            let i = next() as usize % span;
            target[i] = next() as u8;
        }
        let doc = ole(&[("/WordDocument", &w2), ("/1Table", &t2)]);
        read += usize::from(read_doc(&doc, &DocLimits::default()).is_ok());
    }
    // Most single-byte changes leave a readable document: the loop did
    // reach the walk, not only the first checks.
    assert!(read > runs / 4, "only {read} of {runs} read");
}

#[test]
fn word_95_with_the_word_97_identifier_is_old() {
    let (mut w, t) = word_stream(&[body("x")], &PLAIN);
    w[2..4].copy_from_slice(&0x0068u16.to_le_bytes());
    let err = read_doc(
        &ole(&[("/WordDocument", &w), ("/1Table", &t)]),
        &DocLimits::default(),
    );
    assert_eq!(err.unwrap_err(), DocError::OldWord);
}

#[test]
fn rtf_and_web_pages_named_doc_are_told_apart() {
    let limits = DocLimits::default();
    let rtf = doc_to_text(b"{\\rtf1\\ansi hello}", &limits).unwrap_err();
    assert!(rtf.to_string().contains("这是 RTF 文件"), "{rtf}");
    let mht = doc_to_text(
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related",
        &limits,
    );
    assert!(mht.unwrap_err().to_string().contains("网页"));
    let html = doc_to_text(b"\n<HTML><body>x</body></HTML>", &limits);
    assert!(html.unwrap_err().to_string().contains("网页"));
    let empty = doc_to_text(b"", &limits).unwrap_err();
    assert_eq!(
        empty.to_string(),
        "不是可读的 Word 97-2003 文档：文件是空的"
    );
}
