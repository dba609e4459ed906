//! Tests of the .docx reader: archives built in memory with the zip crate.

use super::*;
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_with(document_xml: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
    ])
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn p(text: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

fn text_of(body: &str) -> String {
    docx_to_text(&docx_with(&document(body)), &DocxLimits::default()).unwrap()
}

/// One table cell as Word writes it.
#[derive(Clone)]
struct C {
    paras: Vec<&'static str>,
    span: usize,
    vmerge: Option<&'static str>,
}

fn c(text: &'static str) -> C {
    C {
        paras: vec![text],
        span: 1,
        vmerge: None,
    }
}

fn span(text: &'static str, n: usize) -> C {
    C { span: n, ..c(text) }
}

fn restart(text: &'static str) -> C {
    C {
        vmerge: Some("restart"),
        ..c(text)
    }
}

fn cont() -> C {
    // Word writes a covered cell as `<w:vMerge/>` and one empty paragraph.
    C {
        paras: vec![""],
        span: 1,
        vmerge: Some(""),
    }
}

fn numbers(values: [&'static str; 7]) -> Vec<C> {
    values.into_iter().map(c).collect()
}

fn table(rows: &[Vec<C>]) -> String {
    let mut xml = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>"#,
    );
    for row in rows {
        xml.push_str(r#"<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>"#);
        for cell in row {
            xml.push_str(r#"<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>"#);
            if cell.span > 1 {
                xml.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
            }
            match cell.vmerge {
                Some("") => xml.push_str("<w:vMerge/>"),
                Some(v) => xml.push_str(&format!(r#"<w:vMerge w:val="{v}"/>"#)),
                None => {}
            }
            xml.push_str("</w:tcPr>");
            for para in &cell.paras {
                if para.is_empty() {
                    xml.push_str(r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>"#);
                } else {
                    xml.push_str(&p(para));
                }
            }
            xml.push_str("</w:tc>");
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

#[test]
fn paragraphs_become_lines_with_a_blank_line_after_each() {
    let body = [
        p("一、总体情况"),
        // Runs split mid-word and a tab-stop definition, as Word writes them.
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>2024年，山亭区</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">政府 </w:t></w:r><w:r><w:t>坚持&lt;依法&gt;公开。</w:t></w:r></w:p>"#.to_string(),
        p("二、主动公开政府信息情况"),
    ]
    .concat();
    assert_eq!(
        text_of(&body),
        "一、总体情况\n\n2024年，山亭区政府 坚持<依法>公开。\n\n二、主动公开政府信息情况\n\n"
    );
}

#[test]
fn empty_paragraphs_are_one_blank_line() {
    let body = [
        p("甲"),
        "<w:p/>".to_string(),
        "<w:p><w:r></w:r></w:p>".to_string(),
        p("乙"),
    ]
    .concat();
    assert_eq!(text_of(&body), "甲\n\n\n\n乙\n\n");
}

#[test]
fn tab_break_and_hyphen_inside_a_paragraph() {
    let body = r#"<w:p><w:r><w:t>电话</w:t><w:tab/><w:t>0632-8808199</w:t><w:br/><w:t>邮编</w:t><w:noBreakHyphen/><w:t>277200</w:t><w:cr/><w:t>完</w:t></w:r></w:p>"#;
    assert_eq!(text_of(body), "电话\t0632-8808199\n邮编-277200\n完\n\n");
}

#[test]
fn leading_tabs_are_dropped_so_prose_never_reads_as_a_cell() {
    let body =
        r#"<w:p><w:r><w:tab/><w:t>缩进的段落</w:t><w:br/><w:tab/><w:t>第二行</w:t></w:r></w:p>"#;
    assert_eq!(text_of(body), "缩进的段落\n第二行\n\n");
}

#[test]
fn page_break_before_a_heading_adds_no_empty_line() {
    let body = r#"<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>"#;
    assert_eq!(text_of(body), "三、收到和处理政府信息公开申请情况\n\n");
}

#[test]
fn deleted_text_field_codes_and_hidden_runs_are_skipped() {
    let body = r#"<w:p>
        <w:r><w:t>收取信息处理费</w:t></w:r>
        <w:del w:id="1" w:author="a"><w:r><w:delText>2950</w:delText></w:r></w:del>
        <w:ins w:id="2" w:author="a"><w:r><w:t>0</w:t></w:r></w:ins>
        <w:r><w:t>元</w:t></w:r>
        <w:moveFrom w:id="3" w:author="a"><w:r><w:t>（旧位置）</w:t></w:r></w:moveFrom>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r>
        <w:r><w:t>，第3页</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>
        <w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>。</w:t></w:r>
        <w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>
    </w:p>"#;
    assert_eq!(text_of(body), "收取信息处理费0元，第3页。\n\n");
}

#[test]
fn ruby_text_and_symbol_font_glyphs_are_not_text() {
    let body = r#"<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:sym w:font="SimSun" w:char="2611"/></w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhèng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>政</w:t></w:r></w:rubyBase></w:ruby><w:r><w:t>务</w:t></w:r></w:p>"#;
    assert_eq!(text_of(body), "\u{2611}政务\n\n");
}

#[test]
fn a_text_box_is_read_once_not_twice() {
    let body = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>
        <mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><v:textbox xmlns:v="y"><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>
    </mc:AlternateContent></w:r></w:p>"#;
    assert_eq!(text_of(body), "文本框\n\n正文\n\n");
}

#[test]
fn table_with_grid_span_and_vertical_merge() {
    let rows = vec![
        vec![span("信息内容", 2), c("本年制发件数")],
        vec![restart("规章"), c("0"), c("0")],
        vec![cont(), c(""), c("7")],
    ];
    let body = [p("前"), table(&rows), p("后")].concat();
    assert_eq!(
        text_of(&body),
        "前\n\n\
         \t信息内容\n\t\n\t本年制发件数\n\n\
         \t规章\n\t0\n\t0\n\n\
         \t\n\t\n\t7\n\n\
         \n\
         后\n\n"
    );
}

#[test]
fn cell_paragraphs_continue_on_untabbed_lines() {
    let cell = C {
        paras: vec!["", "5.要求行政机关确认或重新", "出具已获取信息", ""],
        span: 1,
        vmerge: None,
    };
    let split = C {
        paras: vec!["结果", "", "维持"],
        span: 1,
        vmerge: None,
    };
    let rows = vec![vec![cell, split, c("0")]];
    // Blank paragraphs around the text are dropped (kept, they would end the
    // row); a blank one inside is kept, as in the seeds' table 四 header.
    assert_eq!(
        text_of(&table(&rows)),
        "\t5.要求行政机关确认或重新\n出具已获取信息\n\t结果\n\n维持\n\t0\n\n\n"
    );
}

#[test]
fn grid_before_after_and_legacy_hmerge_keep_the_column_count() {
    let body = r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="2"/></w:trPr>
        <w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>
        <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc/><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    assert_eq!(
        text_of(body),
        "\t\n\t甲\n\t\n\t\n\n\t乙\n\t\n\t\n\t丙\n\n\n"
    );
}

#[test]
fn deleted_rows_are_dropped() {
    let body = r#"<w:tbl>
        <w:tr><w:tc><w:p><w:r><w:t>留</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr><w:tc><w:p><w:del w:id="8" w:author="a"><w:r><w:delText>删</w:delText></w:r></w:del></w:p></w:tc></w:tr>
        </w:tbl>"#;
    assert_eq!(text_of(body), "\t留\n\n\n");
}

#[test]
fn nested_tables_fold_into_their_cell() {
    let inner = table(&[vec![c("内1"), c("")], vec![c("内2"), c("内3")]]);
    let body = format!(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>{inner}<w:p/></w:tc><w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
    );
    assert_eq!(text_of(&body), "\t外\n内1\n内2\n内3\n\t右\n\n\n");
}

#[test]
fn huge_grid_spans_are_clamped() {
    let body = r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#;
    let text = text_of(body);
    assert_eq!(text.lines().count(), MAX_GRID_SPAN + 2);
    // And spans that would outgrow the XML itself are refused.
    let cell = r#"<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>"#;
    let body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell.repeat(200));
    let limits = DocxLimits {
        max_document_xml_bytes: 100_000,
        ..DocxLimits::default()
    };
    match docx_to_text(&docx_with(&document(&body)), &limits) {
        Err(DocxError::TooLarge {
            part,
            limit: 100_000,
        }) => assert_eq!(part, PART_TEXT),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

/// Table 三 of seed 002 as Word holds it: the rows below mirror the seed's
/// merged label columns (3 grid columns) and 7 value columns.
fn table_three_rows() -> Vec<Vec<C>> {
    let corner = C {
        paras: vec![
            "（本列数据的勾稽关系为：第一项加第二项之和，",
            "等于第三项加第四项之和）",
        ],
        span: 3,
        vmerge: Some("restart"),
    };
    let corner_cont = C { span: 3, ..cont() };
    let zeros = ["0"; 7];
    let with = |mut head: Vec<C>, values: [&'static str; 7]| {
        head.extend(numbers(values));
        head
    };
    vec![
        vec![corner, span("申请人情况", 7)],
        vec![
            corner_cont.clone(),
            restart("自然人"),
            span("法人或其他组织", 5),
            restart("总计"),
        ],
        vec![
            corner_cont,
            cont(),
            c("商业企业"),
            c("科研机构"),
            c("社会公益组织"),
            c("法律服务机构"),
            c("其他"),
            cont(),
        ],
        with(
            vec![span("一、本年新收政府信息公开申请数量", 3)],
            ["34", "0", "0", "0", "0", "0", "34"],
        ),
        with(vec![span("二、上年结转政府信息公开申请数量", 3)], zeros),
        with(
            vec![restart("三、本年度办理结果"), span("（一）予以公开", 2)],
            ["30", "0", "0", "0", "0", "0", "30"],
        ),
        with(
            vec![
                cont(),
                span(
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                    2,
                ),
            ],
            zeros,
        ),
        with(
            vec![cont(), restart("（三）不予公开"), c("1.属于国家秘密")],
            zeros,
        ),
        with(vec![cont(), cont(), c("2.其他法律行政法规禁止公开")], zeros),
        with(
            vec![cont(), restart("（五）不予处理"), c("1.信访举报投诉类申请")],
            zeros,
        ),
        with(
            vec![
                cont(),
                cont(),
                C {
                    paras: vec!["5.要求行政机关确认或重新", "出具已获取信息"],
                    span: 1,
                    vmerge: None,
                },
            ],
            zeros,
        ),
        with(
            vec![cont(), span("（七）总计", 2)],
            ["33", "0", "0", "0", "0", "0", "33"],
        ),
        with(
            vec![span("四、结转下年度继续办理", 3)],
            ["1", "0", "0", "0", "0", "0", "1"],
        ),
    ]
}

/// Those rows exactly as they appear in seed 002 (rows in between omitted).
const SEED_002_TABLE_THREE: &str = concat!(
    "\t（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）\n\t申请人情况\n\n",
    "\t\n\t自然人\n\t法人或其他组织\n\t总计\n\n",
    "\t\n\t\n\t商业企业\n\t科研机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t\n\n",
    "\t一、本年新收政府信息公开申请数量\n\t34\n\t0\n\t0\n\t0\n\t0\n\t0\n\t34\n\n",
    "\t二、上年结转政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
    "\t三、本年度办理结果\n\t（一）予以公开\n\t30\n\t0\n\t0\n\t0\n\t0\n\t0\n\t30\n\n",
    "\t\n\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
    "\t\n\t（三）不予公开\n\t1.属于国家秘密\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
    "\t\n\t\n\t2.其他法律行政法规禁止公开\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
    "\t\n\t（五）不予处理\n\t1.信访举报投诉类申请\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
    "\t\n\t\n\t5.要求行政机关确认或重新\n出具已获取信息\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\n",
    "\t\n\t（七）总计\n\t33\n\t0\n\t0\n\t0\n\t0\n\t0\n\t33\n\n",
    "\t四、结转下年度继续办理\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\n",
    "\n",
);

/// Split a flattened table into rows of cells (a cell's untabbed
/// continuation lines stay with it).
fn cells_of(flat: &str) -> Vec<Vec<String>> {
    let body = flat
        .strip_suffix("\n\n\n")
        .expect("a table ends with two blank lines");
    body.split("\n\n")
        .map(|row| {
            let mut cells: Vec<String> = Vec::new();
            for line in row.split('\n') {
                match (line.strip_prefix('\t'), cells.last_mut()) {
                    (Some(cell), _) => cells.push(cell.to_string()),
                    (None, Some(last)) => {
                        last.push('\n');
                        last.push_str(line);
                    }
                    (None, None) => panic!("row starts without a tab: {line:?}"),
                }
            }
            cells
        })
        .collect()
}

fn render(rows: &[Vec<(String, usize)>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (text, span) in row {
            out.push_str(&format!("\t{text}\n"));
            out.push_str(&"\t\n".repeat(span - 1));
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

#[test]
fn table_three_matches_the_seed_layout() {
    let rows = table_three_rows();
    let seed = cells_of(SEED_002_TABLE_THREE);
    assert_eq!(seed.len(), rows.len());
    let mut unpadded = Vec::new();
    let mut padded = Vec::new();
    for (seed_row, row) in seed.iter().zip(&rows) {
        assert_eq!(seed_row.len(), row.len(), "{seed_row:?}");
        unpadded.push(seed_row.iter().map(|t| (t.clone(), 1)).collect::<Vec<_>>());
        padded.push(
            seed_row
                .iter()
                .zip(row)
                .map(|(t, c)| (t.clone(), c.span))
                .collect::<Vec<_>>(),
        );
    }
    // The row/cell reading of the seed is faithful...
    assert_eq!(render(&unpadded), SEED_002_TABLE_THREE);
    // ...and the .docx gives the seed's layout, except that a horizontally
    // merged cell is followed by empty cells for the grid columns it covers
    // (the seeds' converter emitted it once), so every row has 10 cells.
    let text = text_of(&[p("三、收到和处理政府信息公开申请情况"), table(&rows)].concat());
    assert_eq!(
        text,
        format!("三、收到和处理政府信息公开申请情况\n\n{}", render(&padded))
    );
    assert!(
        cells_of(&text["三、收到和处理政府信息公开申请情况\n\n".len()..])
            .iter()
            .all(|row| row.len() == 10)
    );
    // Rows without a horizontal merge are byte-for-byte the seed's.
    for (row, seed_row) in rows.iter().zip(SEED_002_TABLE_THREE.split("\n\n")) {
        if row.iter().all(|c| c.span == 1) {
            assert!(
                text.contains(&format!("\n\n{seed_row}\n\n")),
                "{seed_row:?}"
            );
        }
    }
}

#[test]
fn missing_document_xml() {
    let bytes = zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes())]);
    let err = docx_to_text(&bytes, &DocxLimits::default()).unwrap_err();
    assert_eq!(err, DocxError::MissingDocumentXml);
    assert_eq!(
        err.to_string(),
        ".docx 中没有 word/document.xml，不是 Word 文档 (no word/document.xml)"
    );
}

#[test]
fn a_windows_style_entry_name_is_still_found() {
    let xml = document(&p("正文"));
    let bytes = zip_of(&[("Word\\Document.xml", xml.as_bytes())]);
    assert_eq!(
        docx_to_text(&bytes, &DocxLimits::default()).unwrap(),
        "正文\n\n"
    );
}

#[test]
fn not_a_zip() {
    let limits = DocxLimits::default();
    for bytes in [
        &b""[..],
        b"plain text report",
        "一、总体情况".as_bytes(),
        b"PK\x03\x04truncated",
    ] {
        let err = docx_to_text(bytes, &limits).unwrap_err();
        assert!(matches!(err, DocxError::NotZip(_)), "{err:?}");
        assert!(
            err.to_string().starts_with("不是 .docx（zip）文件："),
            "{err}"
        );
    }
    let mut ole = OLE2_MAGIC.to_vec();
    ole.resize(4096, 0);
    let err = docx_to_text(&ole, &limits).unwrap_err().to_string();
    assert!(err.contains("password-protected"), "{err}");
}

#[test]
fn looks_like_zip_checks_the_local_header_signature() {
    assert!(looks_like_zip(&docx_with(&document(""))));
    assert!(looks_like_zip(b"PK\x03\x04"));
    assert!(!looks_like_zip(b"PK\x05\x06"));
    assert!(!looks_like_zip(b"PK"));
    assert!(!looks_like_zip(b""));
    assert!(!looks_like_zip(OLE2_MAGIC));
}

#[test]
fn zip_bomb_is_refused_by_its_declared_size() {
    // 70 MiB of zeros deflate to about 70 KiB.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("word/document.xml", options).unwrap();
    let chunk = vec![0u8; MIB as usize];
    for _ in 0..70 {
        w.write_all(&chunk).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 1024 * 1024);
    let err = docx_to_text(&bytes, &DocxLimits::default()).unwrap_err();
    assert_eq!(
        err,
        DocxError::TooLarge {
            part: DOCUMENT_XML.to_string(),
            limit: 64 * MIB
        }
    );
    assert_eq!(
        err.to_string(),
        "word/document.xml 解压后超过 64 MiB（压缩炸弹？），不予读取 (too large)"
    );
}

/// Rewrite the uncompressed size recorded for every entry, in the local
/// headers and the central directory alike.
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= bytes.len() {
        let field = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(i + 22),
            b"PK\x01\x02" => Some(i + 24),
            _ => None,
        };
        if let Some(at) = field {
            bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn zip_bomb_is_refused_when_its_declared_size_lies() {
    let xml = document(&p("数").repeat(2000));
    let mut bytes = docx_with(&xml);
    lie_about_sizes(&mut bytes, 100);
    let limits = DocxLimits {
        max_document_xml_bytes: 10_000,
        ..DocxLimits::default()
    };
    let err = docx_to_text(&bytes, &limits).unwrap_err();
    assert_eq!(
        err,
        DocxError::TooLarge {
            part: DOCUMENT_XML.to_string(),
            limit: 10_000
        }
    );
    assert_eq!(
        err.to_string(),
        "word/document.xml 解压后超过 10000 字节（压缩炸弹？），不予读取 (too large)"
    );
    // Exactly at the limit is allowed.
    let limits = DocxLimits {
        max_document_xml_bytes: xml.len() as u64,
        ..limits
    };
    assert!(docx_to_text(&bytes, &limits).is_ok());
}

#[test]
fn archive_size_and_entry_count_limits() {
    let bytes = docx_with(&document(&p("正文")));
    let limits = DocxLimits {
        max_archive_bytes: 100,
        ..DocxLimits::default()
    };
    let err = docx_to_text(&bytes, &limits).unwrap_err();
    assert_eq!(
        err,
        DocxError::TooLarge {
            part: PART_ARCHIVE.to_string(),
            limit: 100
        }
    );
    assert_eq!(
        err.to_string(),
        ".docx 文件超过 100 字节，不予读取 (too large)"
    );

    let limits = DocxLimits {
        max_entries: 1,
        ..DocxLimits::default()
    };
    let err = docx_to_text(&bytes, &limits).unwrap_err();
    assert_eq!(
        err,
        DocxError::TooLarge {
            part: PART_ENTRIES.to_string(),
            limit: 1
        }
    );
    assert_eq!(
        err.to_string(),
        ".docx 中的 zip 条目超过 1 个（压缩炸弹？），不予读取 (too many zip entries)"
    );
}

#[test]
fn defaults() {
    let d = DocxLimits::default();
    assert_eq!(d.max_archive_bytes, 50 * 1024 * 1024);
    assert_eq!(d.max_document_xml_bytes, 64 * 1024 * 1024);
    assert_eq!(d.max_entries, 10_000);
}

#[test]
fn malformed_xml_is_an_error() {
    let limits = DocxLimits::default();
    for xml in [
        "<w:document><w:body><w:p><w:r><w:t>未闭合</w:r></w:p></w:body></w:document>",
        "<w:document><w:body><w:p><w:r><w:t>截断",
        "<w:document><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p></w:body></w:document></extra>",
        "<w:document <<>>",
    ] {
        let err = docx_to_text(&docx_with(xml), &limits).unwrap_err();
        assert!(matches!(err, DocxError::Xml(_)), "{xml}: {err:?}");
        assert!(err
            .to_string()
            .starts_with("word/document.xml 不是格式正确的 XML："));
    }
    // Not UTF-8: refused rather than guessed at.
    let bytes = zip_of(&[(
        "word/document.xml",
        b"<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>",
    )]);
    let err = docx_to_text(&bytes, &limits).unwrap_err();
    assert!(matches!(err, DocxError::Xml(_)), "{err:?}");
    // An unknown entity is kept as written rather than failing the file.
    let xml = document("<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p>");
    assert_eq!(
        docx_to_text(&docx_with(&xml), &limits).unwrap(),
        "a&nbsp;b\n\n"
    );
}

#[test]
fn corrupted_archives_never_panic() {
    let rows = table_three_rows();
    let good = docx_with(&document(&[p("正文"), table(&rows)].concat()));
    let limits = DocxLimits::default();
    assert!(docx_to_text(&good, &limits).is_ok());
    for cut in (0..good.len()).step_by(7) {
        let _ = docx_to_text(&good[..cut], &limits);
    }
    // A fixed xorshift stream, so a failure reproduces.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2000 {
        let mut bad = good.clone();
        for _ in 0..1 + next() % 4 {
            let at = (next() % bad.len() as u64) as usize;
            bad[at] = next() as u8;
        }
        let _ = docx_to_text(&bad, &limits);
    }
}
