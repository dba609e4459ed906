//! S010: no statement of where the electronic version can be downloaded.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use regex::Regex;
use std::sync::LazyLock;

pub static RULE: Rule = Rule {
    code: "S010",
    name: "missing-download-location",
    severity: Severity::Warning,
    fixable: false,
    check,
};

static SITE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(https?://|www\.|\.gov\.cn|网站|门户|网址|平台|专栏)").unwrap());

/// Says where to look: 下载, 查阅, 浏览 or 获取 (plain substring tests, cheaper than a regex).
fn where_(s: &str) -> bool {
    ["下载", "查阅", "浏览", "获取"]
        .iter()
        .any(|w| s.contains(w))
}

/// The report itself (`本报告`, `年度报告`, `电子版`), not `报告期内`.
static REPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:本|年度|该)报告(?:[^期]|$)|年报|报告全文|电子版").unwrap());

/// A count of documents (`公开年度报告5份`): a sentence about other reports.
static COUNTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9０-９]+(?:份|篇|条|件|个|期)").unwrap());

/// The report named with a site where it is published, in either order
/// (`年度报告通过××网站（http://…）公布`, `在××网站公开本报告`).
fn published_at_site(s: &str) -> bool {
    published(s) && SITE.is_match(s) && REPORT.is_match(s) && !COUNTED.is_match(s)
}

/// Published there: 公布, 发布, 公开, 登载, 刊登…, or a bare URL.
fn published(s: &str) -> bool {
    [
        "公布", "发布", "公开", "登载", "刊登", "刊载", "刊发", "挂网", "上传", "载于", "http",
        "www.",
    ]
    .iter()
    .any(|w| s.contains(w))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.report.sections.is_empty() {
        return;
    }
    let found = ctx.texts().iter().any(|t| {
        let s = t.str();
        // A URL may be split from 「报告」 by a line break.
        (where_(s) && SITE.is_match(s)) || published_at_site(s)
    });
    if !found {
        out.push(RULE.diag(
            super::s009_missing_period::first_line(ctx.text),
            "未说明报告电子版的查阅或下载位置（网站及网址）",
        ));
    }
}
