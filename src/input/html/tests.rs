//! Whole pages in, text view out.

use super::*;

/// Headings of two sections: enough landmarks for a page to be a report.
const HEADINGS: &str = "<p>一、总体情况</p><p>二、主动公开政府信息情况</p>";

fn view(page: &str) -> String {
    html_to_text(page.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
        .text
}

fn err(page: &[u8]) -> HtmlError {
    html_to_text(page).expect_err("refused")
}

#[test]
fn paragraphs_and_line_breaks_as_in_word() {
    let page = format!(
        "<html><body><div>{HEADINGS}<p>　　2024年，本机关\n  坚持&nbsp;公开。<br>第二行</p></div></body></html>"
    );
    assert_eq!(
        view(&page),
        "一、总体情况\n\n二、主动公开政府信息情况\n\n2024年，本机关坚持 公开。\n第二行\n\n"
    );
}

#[test]
fn table_cells_with_breaks_paragraphs_and_spaces() {
    let page = format!(
        "{HEADINGS}<table>\
         <tr><td rowspan=2><p>5.要求行政机关确认或重新<br/>出具已获取信息</p></td><td>&nbsp;0&nbsp;</td></tr>\
         <tr><td><p><span>0　</span></p><p>&nbsp;</p></td></tr>\
         <tr><th colspan='2'>总<br>计</th></tr></table><p>后</p>"
    );
    assert_eq!(
        view(&page),
        "一、总体情况\n\n二、主动公开政府信息情况\n\n\
         \t5.要求行政机关确认或重新\n出具已获取信息\n\t0\n\n\
         \t\n\t0\n\n\
         \t总\n计\n\t\n\n\n\
         后\n\n"
    );
}

#[test]
fn layout_tables_are_blocks_and_report_tables_grids() {
    let page = format!(
        "<table><tr><td>菜单</td></tr><tr><td>{HEADINGS}\
         <table><tr><td>行政许可</td><td>5</td></tr></table></td></tr></table>"
    );
    assert_eq!(
        view(&page),
        "一、总体情况\n\n二、主动公开政府信息情况\n\n\t行政许可\n\t5\n\n\n"
    );
}

#[test]
fn chrome_scripts_hidden_text_and_navigation_are_left_out() {
    let page = format!(
        "<!DOCTYPE html><html><head><title>年度报告</title><style>p{{}}</style></head><body>\
         <nav><a>一、总体情况</a></nav>\
         <div class=crumb>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开工作年度报告</div>\
         <h1>某局2024年政府信息公开工作年度报告</h1><div>发布日期：2025-01-20</div>\
         <div id=c>{HEADINGS}<script>document.write('三、收到')</script>\
         <span style='DISPLAY: none'>隐藏</span><p hidden>也隐藏</p><p>正文</p></div>\
         <div>相关链接</div><footer>版权所有</footer></body></html>"
    );
    assert_eq!(
        view(&page),
        "某局2024年政府信息公开工作年度报告\n\n\
         一、总体情况\n\n二、主动公开政府信息情况\n\n正文\n\n"
    );
}

#[test]
fn breadcrumbs_and_links_to_other_reports_are_not_titles() {
    let page = format!(
        "<ul><li><a>某局2023年政府信息公开工作年度报告</a></li></ul>\
         <div>首页 &gt; 政府信息公开工作年度报告</div><div id=c>{HEADINGS}</div>"
    );
    assert_eq!(view(&page), "一、总体情况\n\n二、主动公开政府信息情况\n\n");
}

#[test]
fn a_title_inside_the_report_is_not_doubled() {
    let page = format!(
        "<h1>某局2024年政府信息公开工作年度报告</h1>\
         <div><h2>某局2024年政府信息公开工作年度报告</h2>{HEADINGS}</div>"
    );
    assert_eq!(
        view(&page),
        "某局2024年政府信息公开工作年度报告\n\n\
         一、总体情况\n\n二、主动公开政府信息情况\n\n"
    );
}

#[test]
fn the_report_is_the_element_with_the_most_landmarks() {
    // A sidebar that happens to hold one heading does not widen the report
    // to the whole page.
    let page = format!(
        "<div id=side><p>一、总体情况</p></div>\
         <div id=main><p>导语</p>{HEADINGS}<p>三、收到和处理政府信息公开申请情况</p></div>"
    );
    assert_eq!(
        view(&page),
        "导语\n\n一、总体情况\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n"
    );
}

#[test]
fn pages_without_a_report_are_refused_clearly() {
    let links = "<html><body><a href='r.pdf'>某局2024年政府信息公开工作年度报告</a></body></html>";
    assert_eq!(err(links.as_bytes()), HtmlError::NoReport);
    assert!(HtmlError::NoReport
        .to_string()
        .contains("找不到年度报告正文"));
    assert_eq!(
        err(b"<html><body><script>x()</script></body></html>"),
        HtmlError::NoText
    );
    assert!(matches!(err(b"%PDF-1.7\n"), HtmlError::NotHtml(_)));
    assert!(matches!(err(b"PK\x03\x04rest"), HtmlError::NotHtml(_)));
    assert!(matches!(
        err(b"plain text, no markup"),
        HtmlError::NotHtml(_)
    ));
    assert!(matches!(err(b"<p>a\0b</p>"), HtmlError::NotHtml(_)));
}

#[test]
fn hostile_pages_are_refused_before_parsing() {
    let deep = format!("{HEADINGS}{}", "<div>".repeat(MAX_DEPTH + 1));
    assert_eq!(
        err(deep.as_bytes()),
        HtmlError::TooDeep { limit: MAX_DEPTH }
    );
    let many = format!("{HEADINGS}{}", "<br>".repeat(MAX_TAGS + 1));
    assert_eq!(
        err(many.as_bytes()),
        HtmlError::TooManyTags { limit: MAX_TAGS }
    );
    // Spans are clamped and the table covers only the rows it has.
    let page = format!(
        "{HEADINGS}<table><tr><td colspan=4000000000 rowspan=0>x</td><td>y</td></tr><tr></tr></table>"
    );
    let text = view(&page);
    assert_eq!(text.matches('\t').count(), 2 * 1000 + 1);
}

#[test]
fn gbk_pages_declared_or_not() {
    let body = format!("{HEADINGS}<table><tr><td>行政许可</td><td>7</td></tr></table>");
    let declared = [
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">".to_vec(),
        encoding_rs::GBK.encode(&body).0.into_owned(),
    ]
    .concat();
    let page = html_to_text(&declared).unwrap();
    assert!(page.text.contains("\t行政许可\n\t7\n"));
    assert!(page.declared);
    let page = html_to_text(&encoding_rs::GBK.encode(&body).0).unwrap();
    assert!(page.text.contains("\t行政许可\n\t7\n"));
    assert!(!page.declared);
}

#[test]
fn pages_are_recognised_by_their_first_bytes() {
    assert!(looks_like_html(b"<!DOCTYPE html>\n<html>"));
    assert!(looks_like_html(b"\xEF\xBB\xBF  <html lang=zh>"));
    assert!(looks_like_html(
        b"<?xml version=\"1.0\"?>\n<!-- saved from url=(0040)http://x/ -->\n<HTML>"
    ));
    assert!(!looks_like_html(b"<htmlx>"));
    assert!(!looks_like_html("一、总体情况\n<html>".as_bytes()));
    assert!(!looks_like_html(b"<!-- unterminated"));
    assert!(!looks_like_html(b""));
}
