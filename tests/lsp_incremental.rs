//! The language server's lint after an edit (`xxgk::lsp::incremental`) gives
//! what a full lint of the new text gives, over random edits of reports where
//! every rule fires: the same diagnostics, the same report model.

use proptest::prelude::*;
use std::sync::LazyLock;
use xxgk::engine::{self, LintOptions, LintOutput};
use xxgk::lsp::incremental::{self, Memo, Path};

/// Every rule's fixtures (they fire and they stay silent) and the seeds.
static TEXTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut paths = Vec::new();
    for dir in std::fs::read_dir(format!("{root}/rules")).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            for f in std::fs::read_dir(dir).unwrap() {
                paths.push(f.unwrap().path());
            }
        }
    }
    for f in std::fs::read_dir(format!("{root}/seeds")).unwrap() {
        paths.push(f.unwrap().path());
    }
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| normal(&t))
        .collect()
});

/// As the server lints it: a lone CR reads as a line break.
fn normal(text: &str) -> String {
    engine::lone_cr_as_lf(text).unwrap_or_else(|| text.to_string())
}

/// What a clerk types, and what makes rules fire: counts, years, fees, a
/// doubled word, a placeholder, sentence and line breaks, a heading, a cell.
const PIECES: &[&str] = &[
    "的",
    "收到政府信息公开申请5件",
    "受理申请34件",
    "上年结转申请2件",
    "办结申请3件",
    "结转下年度继续办理1件",
    "全部办结",
    "尚在办理",
    "被申请行政复议2件",
    "政府信息公开行政诉讼1件",
    "现行有效规范性文件3件",
    "行政许可决定9件",
    "收取信息处理费100元",
    "未收取任何费用",
    "行政事业性收费12万元",
    "未产生信息处理费",
    "2023年，",
    "2022年",
    "展望2024年",
    "通过通过",
    "XX",
    "某某",
    "全市",
    "。",
    "，",
    "；",
    "\n",
    "\r\n",
    "\r",
    "\t3",
    "二、",
    "（一）",
    " ",
    "",
];

#[derive(Debug, Clone)]
struct Edit {
    /// Where, as a fraction of the text (0..1000).
    at: u32,
    /// Characters removed there.
    remove: usize,
    insert: &'static str,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0u32..1000,
        prop::sample::select(vec![0usize, 0, 0, 1, 1, 2, 5, 20]),
        prop::sample::select(PIECES),
    )
        .prop_map(|(at, remove, insert)| Edit { at, remove, insert })
}

fn apply(text: &str, e: &Edit) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let i = (e.at as usize * chars.len()) / 1000;
    let start = chars.get(i).map_or(text.len(), |c| c.0);
    let end = chars.get(i + e.remove).map_or(text.len(), |c| c.0);
    normal(&format!("{}{}{}", &text[..start], e.insert, &text[end..]))
}

struct Doc {
    text: String,
    out: LintOutput,
    memo: Memo,
}

/// One edit as the server does it; checked against a full lint.
fn edit_and_check(doc: Doc, e: &Edit, options: &LintOptions) -> (Doc, Path) {
    let text = apply(&doc.text, e);
    let (out, memo, path) = incremental::relint(&doc.text, &doc.out, doc.memo, &text, options);
    let full = engine::lint(&text, options);
    assert_eq!(out.diagnostics, full.diagnostics, "after {e:?} ({path:?})");
    assert_eq!(out.report, full.report, "after {e:?} ({path:?})");
    (Doc { text, out, memo }, path)
}

fn open(text: &str, options: &LintOptions) -> Doc {
    let (out, memo) = incremental::lint(text, options);
    assert_eq!(out.diagnostics, engine::lint(text, options).diagnostics);
    Doc {
        text: text.to_string(),
        out,
        memo,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn incremental_lint_is_the_full_lint(
        which in 0usize..1000,
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let options = LintOptions::default();
        let mut doc = open(&TEXTS[which % TEXTS.len()], &options);
        for e in &edits {
            doc = edit_and_check(doc, e, &options).0;
        }
    }
}

/// Not vacuous: typing in running text takes the incremental path (and
/// still gives the full lint's result, checked in `edit_and_check`).
#[test]
fn typing_in_running_text_is_incremental() {
    let options = LintOptions::default();
    let mut incremental = 0;
    let mut total = 0;
    for text in TEXTS.iter() {
        // Type after the first 。 of section 一's text, piece by piece.
        let Some(at) = text
            .find("一、")
            .and_then(|h| text[h..].find('。').map(|i| h + i))
        else {
            continue;
        };
        let at = (text[..at].chars().count() * 1000 / text.chars().count().max(1)) as u32;
        let mut doc = open(text, &options);
        for insert in ["的", "收到申请5件", "通过通过", "2023年，", "。", "XX"] {
            let path;
            (doc, path) = edit_and_check(
                doc,
                &Edit {
                    at,
                    remove: 0,
                    insert,
                },
                &options,
            );
            total += 1;
            incremental += matches!(path, Path::Incremental(_)) as usize;
        }
    }
    eprintln!("{incremental} of {total} edits incremental");
    assert!(total > 100, "{total} edits");
    assert!(
        incremental * 10 >= total * 6,
        "only {incremental} of {total} edits were incremental"
    );
}
