//! Is this text an annual report at all? When `xxgk check` walks a folder, a
//! README or a page of notes beside the reports is skipped rather than
//! flooded with "section missing" findings. This is the one place the rule
//! lives; the VS Code extension takes the same markers from
//! `xxgk template --format json` (`sniff`, committed as
//! editors/vscode/src/template.generated.json).
//!
//! The rule leans to "a report": a report missing sections, tables or its
//! title is still one, so one marker of any kind in the first part of the
//! text is enough. Only a text with none of them is not a report.

use crate::template::{T3Row, SECTIONS, TABLE2_ROWS, TABLE3_ROWS};

/// Only the first part of a text is searched (title and first sections).
pub const SNIFF_CHARS: usize = 200_000;

/// Words only an annual report has: its title, the 统计期限 line of the
/// preamble, the template's section headings, and words of its three tables.
pub const REPORT_MARKERS: [&str; 14] = [
    // The title, and the shorter form some bodies use.
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    // The preamble.
    "统计期限",
    "统计时限",
    // Section headings 二 to 六 (一、总体情况 is too common a phrase).
    SECTIONS[1].title,
    SECTIONS[2].title,
    SECTIONS[3].title,
    SECTIONS[4].title,
    SECTIONS[5].title,
    // Table words: 二, 三 and 四.
    TABLE2_ROWS[1].text,
    TABLE3_ROWS[T3Row::NewlyReceived.index()].text,
    TABLE3_ROWS[T3Row::CarriedOver.index()].text,
    TABLE3_ROWS[T3Row::Disclosed.index()].text,
    // Within 表四's 行政诉讼（未经复议直接起诉）.
    "未经复议直接起诉",
];

/// Whether `text` looks like an annual report (see the module comment).
pub fn looks_like_report(text: &str) -> bool {
    // A text of at most SNIFF_CHARS bytes has no more characters: no count.
    let end = if text.len() <= SNIFF_CHARS {
        text.len()
    } else {
        text.char_indices()
            .nth(SNIFF_CHARS)
            .map_or(text.len(), |(i, _)| i)
    };
    let head = &text[..end];
    REPORT_MARKERS.iter().any(|m| head.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_readmes_are_not_reports() {
        assert!(!looks_like_report(
            "# 说明\n\n这个文件夹存放各单位报送的材料。\n"
        ));
        assert!(!looks_like_report("一、总体情况\n会议纪要\n"));
        assert!(!looks_like_report(""));
    }

    #[test]
    fn one_marker_of_any_kind_is_enough() {
        for m in REPORT_MARKERS {
            assert!(looks_like_report(&format!("前言\n{m}\n")), "{m}");
        }
    }

    #[test]
    fn only_the_first_part_is_searched() {
        let far = format!("{}主动公开政府信息情况", "字".repeat(SNIFF_CHARS));
        assert!(!looks_like_report(&far));
        let near = format!("{}主动公开政府信息情况", "字".repeat(SNIFF_CHARS - 10));
        assert!(looks_like_report(&near));
    }
}
