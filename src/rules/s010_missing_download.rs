//! S010: no statement of where the electronic version can be downloaded.

use super::util::Text;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "S010",
    name: "missing-download-location",
    severity: Severity::Warning,
    fixable: false,
    check,
};

const SITE_WORDS: [&str; 9] = [
    "http://", "https://", "www.", ".gov.cn", "网站", "门户", "网址", "平台", "专栏",
];

/// A site: a URL or one of the words for one (plain substring tests: a regex
/// of literals cost more to compile than a check spends searching). The
/// check runs [`site_in`], the same on a sentence; this is what the oracle tests.
#[cfg(test)]
fn site(s: &str) -> bool {
    SITE_WORDS.iter().any(|w| s.contains(w))
}

/// [`site`] of a sentence, most words ruled out by its character set.
fn site_in(t: &Text) -> bool {
    SITE_WORDS.iter().any(|w| t.contains(w))
}

/// Says where to look: 下载, 查阅, 浏览 or 获取 (plain substring tests, cheaper than a regex).
fn where_(t: &Text) -> bool {
    ["下载", "查阅", "浏览", "获取"]
        .iter()
        .any(|w| t.contains(w))
}

/// The report itself (`本报告`, `年度报告`, `电子版`), not `报告期内`.
fn report(s: &str) -> bool {
    ["年报", "报告全文", "电子版"].iter().any(|w| s.contains(w))
        || s.match_indices("报告").any(|(i, w)| {
            let before = &s[..i];
            ["本", "年度", "该"].iter().any(|p| before.ends_with(p))
                && !s[i + w.len()..].starts_with('期')
        })
}

/// A count of documents (`公开年度报告5份`): a sentence about other reports.
fn counted(s: &str) -> bool {
    let mut prev_digit = false;
    s.chars().any(|c| {
        let counted = prev_digit && matches!(c, '份' | '篇' | '条' | '件' | '个' | '期');
        prev_digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        counted
    })
}

/// The report named with a site where it is published, in either order
/// (`年度报告通过××网站（http://…）公布`, `在××网站公开本报告`).
fn published_at_site(t: &Text) -> bool {
    let s = t.str();
    published(t) && site_in(t) && report(s) && !counted(s)
}

/// Published there: 公布, 发布, 公开, 登载, 刊登…, or a bare URL.
fn published(t: &Text) -> bool {
    [
        "公布", "发布", "公开", "登载", "刊登", "刊载", "刊发", "挂网", "上传", "载于", "http",
        "www.",
    ]
    .iter()
    .any(|w| t.contains(w))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.report.sections.is_empty() {
        return;
    }
    let found = ctx.texts().iter().any(|t| {
        // A URL may be split from 「报告」 by a line break.
        (where_(t) && site_in(t)) || published_at_site(t)
    });
    if !found {
        out.push(RULE.diag(
            super::util::first_line(ctx.text),
            "未说明报告电子版的查阅或下载位置（网站及网址）",
        ));
    }
}

/// The matchers find what the regexes they replaced found (the oracles, here only).
#[cfg(test)]
mod oracle {
    use super::*;
    use crate::pattern::oracle::{corpus, line, slots};
    use proptest::prelude::*;

    fn agree(s: &str) {
        use std::sync::LazyLock;
        fn re(p: &str) -> regex::Regex {
            regex::Regex::new(p).unwrap()
        }
        static SITE: LazyLock<regex::Regex> =
            LazyLock::new(|| re(r"(https?://|www\.|\.gov\.cn|网站|门户|网址|平台|专栏)"));
        static REPORT: LazyLock<regex::Regex> =
            LazyLock::new(|| re(r"(?:本|年度|该)报告(?:[^期]|$)|年报|报告全文|电子版"));
        static COUNTED: LazyLock<regex::Regex> =
            LazyLock::new(|| re(r"[0-9０-９]+(?:份|篇|条|件|个|期)"));
        assert_eq!(site(s), SITE.is_match(s), "site {s:?}");
        assert_eq!(report(s), REPORT.is_match(s), "report {s:?}");
        assert_eq!(counted(s), COUNTED.is_match(s), "counted {s:?}");
    }

    const WORDS: &[&str] = &[
        "http://",
        "https:/",
        "https://",
        "www.",
        "www",
        ".gov.cn",
        "gov.cn",
        "网站",
        "门户",
        "网址",
        "平台",
        "专栏",
        "本",
        "年度",
        "该",
        "报告",
        "报告期",
        "期",
        "年报",
        "报告全文",
        "电子版",
        "份",
        "篇",
        "条",
        "件",
        "个",
        "5",
        "５",
    ];
    const SLOTS: &[&[&str]] = &[
        &["", "本", "年度", "该", "全年度"],
        &["报告", "报", "年报", "报告全文", "电子版"],
        &["", "期", "期内", "。", "在"],
        &["", "5", "５", "12", "五"],
        &["", "份", "篇", "期", "件"],
    ];

    #[test]
    fn fixtures() {
        for s in corpus() {
            agree(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        #[test]
        fn generated(s in line(WORDS), t in slots(SLOTS)) {
            agree(&s);
            agree(&t);
        }
    }
}
