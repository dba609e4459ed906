//! The language server, driven in-process over a duplex pipe the way an
//! editor drives `xxgk lsp` over stdio.

mod lsp_client;

use lsp_client::{apply_edits, frame, pos, range, TestClient};
use serde_json::{json, Value};
use xxgk::input::LineIndex;

fn seed(name: &str) -> String {
    let path = format!("{}/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SEED_000: &str = "000_b6106ade0c42d785.txt";
const SEED_002: &str = "002_6d233805cc76b44e.txt";
const URI: &str = "file:///tmp/xxgk-lsp-test/report.txt";

/// 0-based line of seed 002's table 三 row 一 总计 (`\t34`).
const ROW1_TOTAL_LINE: u32 = 89;
/// 0-based line of the first value of that row (`\t34`, 自然人).
const ROW1_FIRST_VALUE_LINE: u32 = 83;

async fn started() -> TestClient {
    let mut c = TestClient::start();
    c.initialize(json!({})).await;
    c
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// What the engine finds in `text`, as LSP ranges computed by the engine's own
/// line index (a conversion independent of the server's rope-based one).
fn engine_ranges(text: &str, utf8: bool) -> Vec<(String, Value)> {
    let out = xxgk::lint(text, &Default::default());
    let idx = LineIndex::new(text);
    let p = |o: usize| {
        let line = idx.line_of(o);
        let before = &text[idx.line_start(line)..o];
        let col = if utf8 {
            before.len()
        } else {
            before.encode_utf16().count()
        };
        pos(line as u32, col as u32)
    };
    out.diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                json!({"start": p(d.span.start), "end": p(d.span.end)}),
            )
        })
        .collect()
}

fn only<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

fn ranges(diags: &[Value]) -> Vec<(String, Value)> {
    diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_advertises_capabilities() {
    let mut c = TestClient::start();
    let r = c.initialize(json!({})).await;
    let caps = &r["capabilities"];
    // 2 = TextDocumentSyncKind::INCREMENTAL
    assert_eq!(caps["textDocumentSync"], 2, "{caps}");
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.xxgk"])
    );
    assert_eq!(r["serverInfo"]["name"], "xxgk");
    let shutdown = c.request_raw("shutdown", Value::Null).await;
    assert_eq!(shutdown["result"], Value::Null);
    assert!(shutdown.get("error").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_is_negotiated_when_offered() {
    let mut c = TestClient::start();
    let r = c
        .initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}))
        .await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    let mut c = TestClient::start();
    let r = c
        .initialize(json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}))
        .await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
}

/// Every seed: the published diagnostics are the engine's, at the ranges the
/// engine's own line index gives, in both encodings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_publish_the_engines_diagnostics_at_exact_ranges() {
    for utf8 in [false, true] {
        let mut c = TestClient::start();
        let caps = if utf8 {
            json!({"general": {"positionEncodings": ["utf-8"]}})
        } else {
            json!({})
        };
        c.initialize(caps).await;
        for name in [
            SEED_000,
            "001_8f8da75a091af576.txt",
            SEED_002,
            "003_8345640e0ba59491.txt",
            "004_85d8c9eac23a7ed3.txt",
        ] {
            let text = seed(name);
            let uri = format!("file:///seeds/{name}");
            c.open(&uri, &text, 7).await;
            let diags = c.diagnostics(&uri, 7).await;
            assert_eq!(ranges(&diags), engine_ranges(&text, utf8), "{name}");
            for d in &diags {
                assert_eq!(d["source"], "xxgk");
                let code = d["code"].as_str().unwrap();
                let rule = xxgk::rules::find(code).unwrap();
                assert_eq!(d["codeDescription"]["href"], xxgk::rules::doc_url(rule));
            }
        }
    }
}

/// Seed 000 lost the `五、` of its section 五 heading (0-based line 407).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_000_heading_without_numbering() {
    let mut c = started().await;
    let text = seed(SEED_000);
    c.open(URI, &text, 1).await;
    let diags = c.diagnostics(URI, 1).await;
    let s003: Vec<_> = diags.iter().filter(|d| d["code"] == "S003").collect();
    assert_eq!(s003.len(), 1, "{diags:#?}");
    // `存在的主要问题及改进情况` is 12 characters, 12 UTF-16 units.
    assert_eq!(s003[0]["range"]["start"]["line"], 407, "{:#?}", s003[0]);
    assert_eq!(s003[0]["range"]["end"], pos(407, 12), "{:#?}", s003[0]);
}

/// Deleting one value line of a table 三 row makes the row unreadable (E001);
/// putting it back clears it. Exact range, severity, code link, message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_row_appears_and_clears_with_incremental_edits() {
    let mut c = started().await;
    let text = seed(SEED_002);
    c.open(URI, &text, 1).await;
    let before = c.diagnostics(URI, 1).await;
    assert!(
        codes(&before).iter().all(|code| code != "E001"),
        "{before:#?}"
    );

    // Delete the line `\t0` after the row's first value (0-based line 84).
    c.change(URI, 2, json!([{"range": range(84, 0, 85, 0), "text": ""}]))
        .await;
    let diags = c.diagnostics(URI, 2).await;
    let e001: Vec<_> = diags.iter().filter(|d| d["code"] == "E001").collect();
    assert_eq!(e001.len(), 1, "{diags:#?}");
    let d = e001[0];
    // From the row label (after its tab) to the end of its last value `\t34`,
    // which moved up one line.
    assert_eq!(d["range"], range(82, 1, 88, 3), "{d:#}");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "xxgk");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/xxgk-lint/xxgk/blob/main/docs/rules.md#e001"
    );
    assert_eq!(
        d["message"],
        "表格无法读取：「一、本年新收政府信息公开申请数量」应有7个数值，只读到6个（34 0 0 0 0 34）"
    );

    // Put it back: the row reads again and E001 goes.
    c.change(
        URI,
        3,
        json!([{"range": range(84, 0, 84, 0), "text": "\t0\n"}]),
    )
    .await;
    let after = c.diagnostics(URI, 3).await;
    assert_eq!(ranges(&after), ranges(&before));
}

/// Type a wrong total in seed 002's row 一 (34 → 35): T002 with an unsafe fix
/// back to 34; apply it and the diagnostics are as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_row_total_typed_then_fixed() {
    let mut c = started().await;
    let text = seed(SEED_002);
    c.open(URI, &text, 1).await;
    let before = c.diagnostics(URI, 1).await;

    // Select the `4` of `\t34` and type `5`.
    c.change(
        URI,
        2,
        json!([{"range": range(ROW1_TOTAL_LINE, 2, ROW1_TOTAL_LINE, 3), "text": "5"}]),
    )
    .await;
    let diags = c.diagnostics(URI, 2).await;
    let t002: Vec<_> = diags.iter().filter(|d| d["code"] == "T002").collect();
    assert_eq!(t002.len(), 1, "{diags:#?}");
    let d = t002[0].clone();
    assert_eq!(
        d["range"],
        range(ROW1_TOTAL_LINE, 1, ROW1_TOTAL_LINE, 3),
        "{d:#}"
    );
    let related = d["relatedInformation"]
        .as_array()
        .expect("the summed cells");
    assert!(
        related
            .iter()
            .any(|r| r["location"]["range"]["start"] == pos(ROW1_FIRST_VALUE_LINE, 1)),
        "{related:#?}"
    );

    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["kind"] == "quickfix"
                && !a["title"].as_str().unwrap().contains("禁用")
                && a["diagnostics"][0]["code"] == "T002"
        })
        .unwrap_or_else(|| panic!("no T002 fix in {actions:#}"))
        .clone();
    assert_eq!(
        fix["isPreferred"], false,
        "an unsafe fix is never preferred"
    );
    let edits = fix["edit"]["changes"][URI].as_array().unwrap().clone();
    let typed = apply_edits(
        &text,
        &[json!({"range": range(ROW1_TOTAL_LINE, 2, ROW1_TOTAL_LINE, 3), "newText": "5"})],
        false,
    );
    let fixed = apply_edits(&typed, &edits, false);
    assert_eq!(fixed, text, "the fix restores 34");

    c.change(URI, 3, json!([{"text": fixed}])).await;
    let after = c.diagnostics(URI, 3).await;
    assert_eq!(ranges(&after), ranges(&before));
}

/// A burst of keystrokes is linted once, at its last version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_changes_is_linted_once() {
    let mut c = started().await;
    let text = seed(SEED_002);
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, 1).await;
    // Ten keystrokes typing `一二三四五六七八九十` at the top, sent in one write
    // as a fast typist's editor would.
    let mut burst = Vec::new();
    for (i, ch) in "一二三四五六七八九十".chars().enumerate() {
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": 2 + i},
            "contentChanges": [{"range": range(0, i as u32, 0, i as u32), "text": ch.to_string()}]
        }});
        burst.extend(frame(&msg.to_string()));
    }
    c.send_raw(&burst).await;
    c.diagnostics(URI, 11).await;
    c.drain_for(300).await;
    let versions = c.published_versions(URI);
    assert_eq!(versions.first(), Some(&json!(1)));
    assert_eq!(versions.last(), Some(&json!(11)), "{versions:?}");
    // One lint for the burst; two if the machine stalled mid-burst. Never one
    // per keystroke.
    assert!(versions.len() <= 3, "{versions:?}");
    // And the server has the text the client has.
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(symbols[0]["selectionRange"]["start"]["line"], 4);
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos(ROW1_TOTAL_LINE, 1)}),
        )
        .await;
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("总计：**34**"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_table_number_shows_where_it_is_and_its_sums() {
    let mut c = started().await;
    c.open(URI, &seed(SEED_002), 1).await;
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos(ROW1_TOTAL_LINE, 2)}),
        )
        .await;
    assert_eq!(
        hover["range"],
        range(ROW1_TOTAL_LINE, 1, ROW1_TOTAL_LINE, 3)
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**表三 收到和处理政府信息公开申请情况**"),
        "{text}"
    );
    assert!(
        text.contains("一、本年新收政府信息公开申请数量 · 总计：**34**"),
        "{text}"
    );
    assert!(
        text.contains(
            "- 总计 = 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他：34 = 34+0+0+0+0+0 ✓"
        ),
        "{text}"
    );
    assert!(text.contains("- 一+二 = （七）总计+四：34+0 = "), "{text}");

    // A 法人 column cell names its group.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos(ROW1_FIRST_VALUE_LINE + 1, 1)}),
        )
        .await;
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("法人或其他组织 · 商业企业：**0**"), "{text}");

    // Plain narrative text: nothing to say.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos(4, 1)}),
        )
        .await;
    assert_eq!(hover, Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_diagnostic_explains_the_rule() {
    // Chinese unless the client's `locale` asks for English.
    for (locale, heading) in [(None, "## 检查内容"), (Some("en-US"), "## What it checks")] {
        let mut c = TestClient::start();
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": {}});
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        c.request("initialize", params).await;
        c.notify("initialized", json!({})).await;
        let text = seed(SEED_002).replacen("\t34\n\t0\n", "\t34\n", 1);
        c.open(URI, &text, 1).await;
        let diags = c.diagnostics(URI, 1).await;
        let e001 = only(&diags, "E001");
        assert_eq!(e001.len(), 1, "{diags:#?}");
        let hover = c
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": URI}, "position": pos(82, 3)}),
            )
            .await;
        let value = hover["contents"]["value"].as_str().unwrap();
        assert!(
            value.starts_with("**E001 unreadable-table**：表格无法读取"),
            "{value}"
        );
        assert!(value.contains(heading), "{locale:?}: {value}");
        assert!(value.contains("注：xxgk 不会猜测数值"), "{value}");
        assert_eq!(hover["range"], e001[0]["range"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_symbols_outline_sections_and_tables() {
    let mut c = started().await;
    c.open(URI, &seed(SEED_002), 1).await;
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let symbols = symbols.as_array().unwrap();
    let names: Vec<_> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    // Headings on (1-based) lines 5, 16, 63, 351, 411, 416.
    let lines: Vec<_> = symbols
        .iter()
        .map(|s| s["selectionRange"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 15, 62, 350, 410, 415]);
    assert_eq!(symbols[0]["selectionRange"]["end"], pos(4, 6));
    let children = |i: usize| -> Vec<String> {
        symbols[i]["children"]
            .as_array()
            .map(|c| {
                c.iter()
                    .map(|s| s["name"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(children(1), ["表二 主动公开政府信息情况"]);
    assert_eq!(children(2), ["表三 收到和处理政府信息公开申请情况"]);
    assert_eq!(children(3), ["表四 行政复议、行政诉讼情况"]);
    assert!(children(0).is_empty() && children(4).is_empty() && children(5).is_empty());
    // Table 三 spans from its header to its last value, inside section 三.
    let t3 = &symbols[2]["children"][0]["range"];
    assert!(t3["start"]["line"].as_u64().unwrap() > 62);
    assert!(t3["end"]["line"].as_u64().unwrap() < 350);
}

/// Seed 002's table 三 as a Markdown pipe table, with an emoji (2 UTF-16 units,
/// 4 bytes) in row 一's label column and CRLF line endings.
fn markdown_with_emoji_crlf() -> (String, u32) {
    let path = format!(
        "{}/fixtures/layouts/markdown/002.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let md = std::fs::read_to_string(path).unwrap();
    let row = "| 一、本年新收政府信息公开申请数量 |  |  | 34 |";
    let line = md.lines().position(|l| l.starts_with(row)).unwrap() as u32;
    let md = md.replacen(
        "| 一、本年新收政府信息公开申请数量 |  |",
        "| 一、本年新收政府信息公开申请数量 | 😀 |",
        1,
    );
    (md.replace("\r\n", "\n").replace('\n', "\r\n"), line)
}

// Row 一's line is `| 一、本年新收政府信息公开申请数量 | 😀 |  | 34 | 0 | 0 | 0 | 0 | 0 | 34 |`:
// its 总计 starts after 53 characters = 54 UTF-16 units (the emoji is 2) = 88 bytes
// (16 CJK characters of 3 bytes, the emoji of 4).
const TOTAL_COL_UTF16: u32 = 54;
const TOTAL_COL_UTF8: u32 = 88;

async fn positions_on_cjk_emoji_crlf(utf8: bool) {
    let (text, line) = markdown_with_emoji_crlf();
    let row = text.split("\r\n").nth(line as usize).unwrap();
    let total_at = row.rfind("34").unwrap();
    // The constants are what a human counts; check them against the string.
    assert_eq!(
        row[..total_at].encode_utf16().count() as u32,
        TOTAL_COL_UTF16
    );
    assert_eq!(total_at as u32, TOTAL_COL_UTF8);
    let col = if utf8 {
        TOTAL_COL_UTF8
    } else {
        TOTAL_COL_UTF16
    };

    let mut c = TestClient::start();
    let caps = if utf8 {
        json!({"general": {"positionEncodings": ["utf-8"]}})
    } else {
        json!({"general": {"positionEncodings": ["utf-16"]}})
    };
    c.initialize(caps).await;
    let uri = "file:///tmp/xxgk-lsp-test/report.md";
    c.open(uri, &text, 1).await;
    c.diagnostics(uri, 1).await;

    // Server → client: the hover range of the 总计 cell.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(line, col + 1)}),
        )
        .await;
    assert_eq!(hover["range"], range(line, col, line, col + 2), "{hover:#}");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("总计：**34**"), "{value}");

    // Client → server: replace that `34` by `35` at the same columns.
    c.change(
        uri,
        2,
        json!([{"range": range(line, col, line, col + 2), "text": "35"}]),
    )
    .await;
    let diags = c.diagnostics(uri, 2).await;
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(line, col)}),
        )
        .await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("总计：**35**"), "{value}");
    assert!(value.contains("35 = 34+0+0+0+0+0 ✗"), "{value}");
    // Every published range is where the engine's own line index puts it.
    let edited = text.replacen("| 0 | 34 |\r\n", "| 0 | 35 |\r\n", 1);
    assert_eq!(ranges(&diags), engine_ranges(&edited, utf8));
    // T002 on the typed total, after 16 CJK characters and an emoji.
    let t002 = only(&diags, "T002");
    assert_eq!(t002.len(), 1, "{diags:#?}");
    assert_eq!(t002[0]["range"], range(line, col, line, col + 2));

    // An edit across a CRLF: join row 一's line with the next and split it again.
    let end_of_row = if utf8 {
        row.len()
    } else {
        row.encode_utf16().count()
    } as u32;
    c.change(
        uri,
        3,
        json!([{"range": range(line, end_of_row, line + 1, 0), "text": ""},
               {"range": range(line, end_of_row, line, end_of_row), "text": "\r\n"}]),
    )
    .await;
    c.diagnostics(uri, 3).await;
    // Row 二's first value: `| 二、…数量 |  |  | 0` (no emoji on that line).
    let first_value = if utf8 { 2 + 48 + 9 } else { 2 + 16 + 9 };
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos(line + 1, first_value)}),
        )
        .await;
    assert_eq!(
        hover["range"],
        range(line + 1, first_value, line + 1, first_value + 1)
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("二、上年结转政府信息公开申请数量"),
        "{value}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_positions_on_cjk_emoji_and_crlf() {
    positions_on_cjk_emoji_crlf(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_positions_on_cjk_emoji_and_crlf() {
    positions_on_cjk_emoji_crlf(true).await;
}

/// The server survives what a confused client sends and keeps serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_bad_input_and_keeps_serving() {
    let mut c = started().await;
    let text = seed(SEED_002);
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, 1).await;

    // An edit far beyond the end: clamped to the end of the document.
    c.change(
        URI,
        2,
        json!([{"range": range(10_000, 5, 10_001, 0), "text": "\n附：一行"}]),
    )
    .await;
    let d = c.diagnostics(URI, 2).await;
    assert!(d.iter().all(|d| d["code"] != "E001"), "{d:#?}");

    // A change for a document never opened: logged, ignored.
    c.change(
        "file:///never/opened.txt",
        5,
        json!([{"range": range(0, 0, 0, 0), "text": "x"}]),
    )
    .await;
    // Malformed JSON-RPC: a parse error answered with id null, then business as usual.
    c.send_raw(&frame("{this is not json")).await;
    let err = c
        .recv_until(|m| m.get("error").is_some() && m["id"].is_null())
        .await;
    assert_eq!(err["error"]["code"], -32700);
    // A request for a document never opened.
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///never/opened.txt"}, "position": pos(0, 0)}),
        )
        .await;
    assert_eq!(h, Value::Null);
    // A hover past the end of the document.
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos(99_999, 99_999)}),
        )
        .await;
    assert_eq!(h, Value::Null);

    let logs: Vec<_> = c
        .seen
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .map(|m| m["params"]["message"].as_str().unwrap().to_string())
        .collect();
    assert!(logs.iter().any(|l| l.contains("past the end")), "{logs:?}");
    assert!(logs.iter().any(|l| l.contains("not open")), "{logs:?}");

    // Still serving: the text has the clamped edit at its very end.
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(symbols.as_array().unwrap().len(), 6);
    c.change(
        URI,
        3,
        json!([{"range": range(ROW1_TOTAL_LINE, 1, ROW1_TOTAL_LINE, 3), "text": "34"}]),
    )
    .await;
    c.diagnostics(URI, 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_document_clears_its_diagnostics() {
    let mut c = started().await;
    let text = seed(SEED_002).replacen("\t34\n\t0\n", "\t34\n", 1);
    c.open(URI, &text, 1).await;
    assert_eq!(only(&c.diagnostics(URI, 1).await, "E001").len(), 1);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
    let m = c
        .recv_until(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null()
        })
        .await;
    assert_eq!(m["params"]["diagnostics"], json!([]));
}

/// How many diagnostics the engine gives `text` with E001 off.
fn e001_off_expected(text: &str) -> usize {
    let mut o = xxgk::engine::LintOptions::default();
    o.levels.insert("E001".into(), xxgk::engine::RuleLevel::Off);
    xxgk::lint(text, &o).diagnostics.len()
}

/// Settings pulled with workspace/configuration at start, then pushed with
/// didChangeConfiguration: severity changes, a rule turned off, re-linted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_sets_severity_and_turns_rules_off() {
    let mut c = TestClient::start();
    c.settings = json!({"reportKind": "department", "rules": {"unreadable-table": "warning"}});
    c.initialize(json!({"workspace": {"configuration": true}}))
        .await;
    // Wait until the server has asked for (and got) the settings.
    c.recv_until(|m| m["method"] == "workspace/configuration")
        .await;
    let text = seed(SEED_002).replacen("\t34\n\t0\n", "\t34\n", 1);
    c.open(URI, &text, 1).await;
    let d = c.diagnostics(URI, 1).await;
    let e001 = only(&d, "E001");
    assert_eq!(e001.len(), 1, "{d:#?}");
    assert_eq!(e001[0]["severity"], 2, "warning, as configured");

    let seen = c.published_versions(URI).len();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"xxgk": {"rules": {"E001": "off"}}}}),
    )
    .await;
    let m = c
        .recv_until(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    assert_eq!(c.published_versions(URI).len(), seen + 1);
    assert_eq!(m["params"]["version"], 1, "same text, new settings");
    let d = m["params"]["diagnostics"].as_array().unwrap();
    assert!(only(d, "E001").is_empty(), "{d:#?}");
    assert_eq!(d.len(), e001_off_expected(&text));

    // A client that only signals the change: the server pulls.
    c.settings = json!({"rules": {"E001": "info"}});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    let m = c
        .recv_until(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    let d = m["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(only(d, "E001")[0]["severity"], 3);

    // A bad setting is logged, not fatal.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"xxgk": {"rules": {"Z999": "error"}, "reportKind": "county"}}}),
    )
    .await;
    let log = c
        .recv_until(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"].as_str().unwrap().contains("Z999")
        })
        .await;
    assert_eq!(log["params"]["type"], 2);
}

fn action_titled<'a>(actions: &'a Value, prefix: &str) -> &'a Value {
    actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no action `{prefix}…` in {actions:#}"))
}

/// "Disable this rule here" inserts the suppression comment on its own line
/// above the diagnostic's first line; the text the client ends up with is
/// exactly that, and the server lints it as the engine does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disable_rule_here_inserts_the_suppression_comment() {
    let mut c = started().await;
    let text = seed(SEED_002).replacen("\t34\n\t0\n", "\t34\n", 1);
    c.open(URI, &text, 1).await;
    let diags = c.diagnostics(URI, 1).await;
    assert_eq!(only(&diags, "E001").len(), 1, "{diags:#?}");
    // The cursor anywhere inside the diagnostic asks for its actions.
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range(85, 1, 85, 1),
                   "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .await;
    let disable = action_titled(&actions, "在此处禁用 E001（unreadable-table）");
    assert_eq!(disable["kind"], "quickfix");
    assert_eq!(disable["isPreferred"], false);
    let edits = disable["edit"]["changes"][URI].as_array().unwrap();
    assert_eq!(
        edits,
        &vec![
            json!({"range": range(82, 0, 82, 0), "newText": "<!-- xxgk-disable-next-line E001 -->\n"})
        ]
    );
    let fixed = apply_edits(&text, edits, false);
    let lines: Vec<_> = fixed.lines().collect();
    assert_eq!(lines[82], "<!-- xxgk-disable-next-line E001 -->");
    assert_eq!(lines[83], "\t一、本年新收政府信息公开申请数量");

    c.change(URI, 2, json!([{"text": fixed}])).await;
    let after = c.diagnostics(URI, 2).await;
    assert_eq!(ranges(&after), engine_ranges(&fixed, false));
    // The engine honours the comment: the row is still unreadable, but not reported.
    assert!(codes(&after).iter().all(|c| c != "E001"), "{after:#?}");
}

/// `source.fixAll.xxgk` applies every safe fix (and only safe ones); with
/// `only: ["source.fixAll"]` no quick fixes come back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_applies_every_safe_fix() {
    let text = seed(SEED_000);
    let safe = xxgk::lint(&text, &Default::default())
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == xxgk::diagnostic::Applicability::Safe)
        })
        .count();
    let mut c = started().await;
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, 1).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": range(0, 0, 0, 0),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    assert!(
        actions.iter().all(|a| a["kind"] == "source.fixAll.xxgk"),
        "{actions:#?}"
    );
    assert!(safe > 0, "seed 000's section 五 heading has a safe fix");
    assert_eq!(actions.len(), 1);
    let edits = actions[0]["edit"]["changes"][URI].as_array().unwrap();
    let fixed = apply_edits(&text, edits, false);
    let left = xxgk::lint(&fixed, &Default::default())
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == xxgk::diagnostic::Applicability::Safe)
        })
        .count();
    assert!(left < safe, "{safe} safe fixes before, {left} after");
    // The heading of section 五 got its numeral.
    assert!(
        fixed.contains("\n五、存在的主要问题及改进情况"),
        "{edits:#?}"
    );
}

/// `xxgk lsp` as an editor starts it: over real stdio, nothing on stdout but
/// framed protocol messages, a clean exit after `shutdown` + `exit`.
#[test]
fn the_binary_speaks_only_protocol_on_stdout() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};

    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    // Every byte on stdout must belong to a Content-Length frame of JSON.
    let reader = std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut header = String::new();
            if r.read_line(&mut header).unwrap() == 0 {
                return;
            }
            let n: usize = header
                .strip_prefix("Content-Length: ")
                .unwrap_or_else(|| panic!("not a frame header on stdout: {header:?}"))
                .trim()
                .parse()
                .unwrap();
            let mut blank = String::new();
            r.read_line(&mut blank).unwrap();
            assert_eq!(blank, "\r\n");
            let mut body = vec![0; n];
            r.read_exact(&mut body).unwrap();
            let _ = tx.send(serde_json::from_slice(&body).expect("JSON body"));
        }
    });
    let wait = |pred: &dyn Fn(&Value) -> bool| loop {
        let m = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("no answer from xxgk lsp");
        if pred(&m) {
            return m;
        }
    };
    let mut send = |v: Value| stdin.write_all(&frame(&v.to_string())).unwrap();
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    // A client sends nothing more until it has the InitializeResult (LSP 3.17).
    wait(&|m| m["id"] == 1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let text = seed(SEED_002).replacen("\t34\n\t0\n", "\t34\n", 1);
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
                {"uri": URI, "languageId": "plaintext", "version": 1, "text": text}}}),
    );
    let d = wait(&|m| m["method"] == "textDocument/publishDiagnostics");
    assert!(
        d["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "E001"),
        "{d:#}"
    );
    let mut send = |v: &[u8]| stdin.write_all(v).unwrap();
    send(&frame("{oops"));
    let e = wait(&|m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700);
    send(&frame(
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}).to_string(),
    ));
    wait(&|m| m["id"] == 2);
    send(&frame(
        &json!({"jsonrpc": "2.0", "method": "exit"}).to_string(),
    ));
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success(), "{status:?}");
}

/// For a report on disk, the `xxgk.toml` the CLI would use applies; saving
/// it re-lints; the client's settings win rule by rule.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xxgk_toml_applies_under_client_settings() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("xxgk.toml");
    std::fs::write(&toml, "[rules]\nE001 = \"warning\"\n").unwrap();
    let report = dir.path().join("report.txt");
    let text = seed(SEED_002).replacen("\t34\n\t0\n", "\t34\n", 1);
    std::fs::write(&report, &text).unwrap();
    let url = |p: &std::path::Path| {
        tower_lsp::lsp_types::Url::from_file_path(p)
            .unwrap()
            .to_string()
    };
    let (uri, toml_uri) = (url(&report), url(&toml));

    let mut c = started().await;
    c.open(&uri, &text, 1).await;
    let d = c.diagnostics(&uri, 1).await;
    assert_eq!(only(&d, "E001")[0]["severity"], 2, "from xxgk.toml");

    std::fs::write(&toml, "[rules]\nE001 = \"off\"\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": toml_uri}}),
    )
    .await;
    let m = c
        .recv_until(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    let d = m["params"]["diagnostics"].as_array().unwrap();
    assert!(only(d, "E001").is_empty(), "re-read after save: {d:#?}");

    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"xxgk": {"rules": {"E001": "info"}}}}),
    )
    .await;
    let m = c
        .recv_until(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    let d = m["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(only(d, "E001")[0]["severity"], 3, "the client wins: {d:#?}");
}

/// Live sums (issue 14): an inlay hint at a total that differs from the sum of
/// its parts (`= 34`), and at table 三's 四 where the 勾稽关系 breaks; none on a
/// correct table; every computed sum with `xxgk.inlayHints: "always"`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_show_computed_sums() {
    let mut c = started().await;
    let text = seed(SEED_002);
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, 1).await;
    let lines = text.lines().count() as u32 + 1;
    let whole = json!({"textDocument": {"uri": URI}, "range": range(0, 0, lines, 0)});
    let hints = c.request("textDocument/inlayHint", whole.clone()).await;
    assert_eq!(hints, json!([]), "a correct report has no differences");

    // Row 一's 总计 typed as 35: its hint says 34, and 四 no longer balances.
    c.change(
        URI,
        2,
        json!([{"range": range(ROW1_TOTAL_LINE, 2, ROW1_TOTAL_LINE, 3), "text": "5"}]),
    )
    .await;
    c.diagnostics(URI, 2).await;
    let hints = c.request("textDocument/inlayHint", whole.clone()).await;
    let hints = hints.as_array().unwrap();
    let at_total: Vec<_> = hints
        .iter()
        .filter(|h| h["position"] == pos(ROW1_TOTAL_LINE, 3))
        .collect();
    assert_eq!(at_total.len(), 1, "{hints:#?}");
    assert_eq!(at_total[0]["label"], "= 34");
    let balance: Vec<_> = hints
        .iter()
        .filter(|h| h["tooltip"].as_str().unwrap().starts_with("勾稽关系"))
        .collect();
    assert_eq!(balance.len(), 1, "{hints:#?}");
    // 一 went up by one, （七）总计 did not: 四 should be one more than written.
    let line = balance[0]["position"]["line"].as_u64().unwrap() as usize;
    let written: i64 = text.lines().nth(line).unwrap().trim().parse().unwrap();
    assert_eq!(balance[0]["label"], format!("= {}", written + 1));
    assert_eq!(hints.len(), 2, "{hints:#?}");

    // "always": every total and every 四 cell, the correct ones too.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"xxgk": {"inlayHints": "always"}}}),
    )
    .await;
    c.recv_until(|m| m["method"] == "textDocument/publishDiagnostics")
        .await;
    let all = c.request("textDocument/inlayHint", whole).await;
    let all = all.as_array().unwrap();
    assert!(all.len() > 20, "{}", all.len());
    assert!(all.iter().any(|h| h["label"] == "= 0"), "{all:#?}");
    // A range asks for its own cells only.
    let row = json!({"textDocument": {"uri": URI}, "range": range(ROW1_TOTAL_LINE, 0, ROW1_TOTAL_LINE + 1, 0)});
    let one = c.request("textDocument/inlayHint", row).await;
    assert_eq!(one.as_array().unwrap().len(), 1, "{one:#?}");
}
