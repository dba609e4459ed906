//! S012: section 五 (存在的主要问题及改进情况) empty, 无/暂无, or only generic words.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::SECTIONS;

pub static RULE: Rule = Rule {
    code: "S012",
    name: "problems-section-without-substance",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// A body this long (characters, whitespace removed) is substantive whatever it says.
const LONG_ENOUGH: usize = 120;
/// What may remain once sub-headings and stock phrases are removed.
const RESIDUE: usize = 8;

/// Sub-heading words and stock phrases that say nothing about a particular problem.
/// Longer phrases first, so that a phrase is removed before a word inside it.
const GENERIC: &[&str] = &[
    "存在的主要问题及改进情况",
    "存在的主要问题和改进情况",
    "政府信息公开工作",
    "政务公开工作",
    "存在的主要问题",
    "存在主要问题",
    "存在的问题",
    "主要问题",
    "改进情况",
    "改进措施",
    "整改措施",
    "下一步工作",
    "下步工作",
    "工作计划",
    "无明显问题",
    "无问题",
    "没有问题",
    "不存在问题",
    "未发现问题",
    "不足之处",
    "进一步加强",
    "进一步提高",
    "进一步完善",
    "进一步规范",
    "进一步做好",
    "继续做好",
    "继续加强",
    "不断提高",
    "不断提升",
    "不断完善",
    "切实做好",
    "认真做好",
    "努力做好",
    "公开质量",
    "公开水平",
    "工作水平",
    "工作质量",
    "相关工作",
    "各项工作",
    "信息公开",
    "政务公开",
    "下一步",
    "下步",
    "本年度",
    "本年",
    "今后",
    "我单位",
    "本单位",
    "我局",
    "本局",
    "我委",
    "我办",
    "我们",
    "暂无",
    "没有",
    "不存在",
    "将",
    "无",
    "的",
    "和",
    "及",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(section) = ctx.report.section(5) else {
        return; // No section 五 is S001's finding.
    };
    let Some(body) = super::util::section_body(ctx.text, ctx.report, 5) else {
        return;
    };
    if long_enough(body) {
        return;
    }
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if !without_substance(&compact) {
        return;
    }
    let shown: String = compact.chars().take(30).collect();
    let what = if shown.is_empty() {
        "正文为空".to_string()
    } else {
        format!("正文只有「{shown}」")
    };
    out.push(
        RULE.diag(
            section.heading_span,
            format!(
                "第五部分「{}」没有实质内容：{what}",
                SECTIONS[4].title
            ),
        )
        .with_note("写出本年度具体存在的问题和已采取或将采取的改进措施（Name the problems and the measures.）"),
    );
}

/// Whether `body` (no whitespace) holds fewer than [`RESIDUE`] characters of
/// its own once numbering, punctuation and [`GENERIC`] phrases are removed.
/// More than [`LONG_ENOUGH`] characters other than whitespace: substance
/// enough. Counted up to one past the limit, not copied (a section 五 is
/// mostly long).
fn long_enough(body: &str) -> bool {
    body.chars()
        .filter(|c| !c.is_whitespace())
        .nth(LONG_ENOUGH)
        .is_some()
}

fn without_substance(body: &str) -> bool {
    let mut rest = body.to_string();
    for w in GENERIC {
        rest = rest.replace(w, "");
    }
    let own = rest
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !is_cjk_punctuation(*c))
        .filter(|c| !"一二三四五六七八九十0123456789".contains(*c))
        .count();
    own < RESIDUE
}

fn is_cjk_punctuation(c: char) -> bool {
    "，。；：、！？（）【】《》“”‘’…—·－".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_enough_counts_what_the_copy_without_whitespace_counted() {
        for n in [0, 1, 119, 120, 121, 200] {
            for unit in ["字", "a", "字 ", "\u{3000}字\n", "é\r\n"] {
                let body = unit.repeat(n);
                let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                let old = compact.chars().count() > LONG_ENOUGH;
                assert_eq!(long_enough(&body), old, "{n} {unit:?}");
            }
        }
    }

    #[test]
    fn generic_and_specific() {
        assert!(without_substance(""));
        assert!(without_substance("无。"));
        assert!(without_substance(
            "（一）存在的主要问题暂无。（二）改进情况无。"
        ));
        assert!(without_substance(
            "下一步，我局将进一步加强政府信息公开工作，不断提高公开质量。"
        ));
        assert!(!without_substance(
            "网站栏目更新不及时。下一步建立栏目更新台账，每月检查。"
        ));
        assert!(!without_substance(
            "政策解读形式单一。将增加图解和视频解读。"
        ));
    }
}
