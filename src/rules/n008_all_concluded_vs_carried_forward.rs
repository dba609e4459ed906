//! N008: the text says every application was concluded (none carried forward)
//! while table 三 row 四 (结转下年度继续办理) is not zero, or says some are
//! still being handled while row 四 is zero.

use super::narrative::matcher::{find_iter, Pattern, Piece::*};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::template::{TABLE3_CARRIED_FORWARD, TABLE3_ROWS, TABLE3_TOTAL_COLUMN};

pub static RULE: Rule = Rule {
    code: "N008",
    name: "all-concluded-vs-carried-forward",
    severity: Severity::Warning,
    fixable: false,
    check,
};

/// Every application concluded, or none carried forward.
pub(super) const ALL_DONE: Pattern = Pattern::new(&[
    &[
        Word(&["全部", "均已", "均", "已全部", "全数", "悉数", "全都"]),
        Opt(&["按时", "按期", "依法", "及时", "予以"]),
        Word(&["办结", "办理完毕", "办理完成", "处理完毕", "答复办结"]),
    ],
    &[
        Word(&["办结率"]),
        Opt(&["达到", "达", "为"]),
        Word(&["100"]),
        Word(&["%", "％"]),
    ],
    &[
        Word(&["无", "没有", "不存在", "未有"]),
        Opt(&["需要", "需"]),
        Word(&["结转"]),
        Opt(&["至", "到"]),
        Word(&["下"]),
        Opt(&["一"]),
        Word(&["年"]),
    ],
]);

/// Some applications still being handled.
pub(super) const PENDING: Pattern = Pattern::new(&[&[Word(&[
    "尚未办结",
    "尚在办理",
    "正在办理",
    "仍在办理",
    "尚未答复完毕",
])]]);

/// Words before a claim that restrict or deny it (`其余均已办结`, `未能全部办结`).
const RESTRICTED: &[&str] = &[
    "其余",
    "其他",
    "除",
    "未能",
    "没能",
    "不能",
    "尚未",
    "未",
    "其中",
    "上年",
    "上一年",
];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let Some(cell) = r.app_cell(TABLE3_CARRIED_FORWARD, TABLE3_TOTAL_COLUMN) else {
        return;
    };
    let Some(forward) = cell.int() else { return };
    let label = TABLE3_ROWS[TABLE3_CARRIED_FORWARD].label();
    // Both claims are about disclosure applications.
    for t in ctx.application_texts() {
        let s = t.str();
        let (pattern, conflicts, said) = if forward > 0 {
            (ALL_DONE, "已全部办结、没有结转", format!("总计为{forward}"))
        } else {
            (PENDING, "尚有申请在办理中", "总计为0".to_string())
        };
        if !pattern.may_match(&t.chars) {
            continue;
        }
        // One finding a sentence (`全部办理完毕，无结转下年度的申请` says it twice).
        let claim = find_iter(pattern, s)
            .map(|hit| hit.range)
            .find(|m| unrestricted(s, m.start) && !(forward == 0 && denied(s, m.start)));
        if let Some(m) = claim {
            let d = RULE
                .diag(
                    t.compact.span(m.start, m.end),
                    format!(
                        "正文称{conflicts}（「{}」），但表三「{label}」{said}",
                        &s[m]
                    ),
                )
                .with_label(cell.span, format!("表中 {forward}"));
            out.push(d);
        }
    }
}

/// The clause before the claim does not restrict it to some applications,
/// nor deny it.
fn unrestricted(s: &str, start: usize) -> bool {
    let clause_start = s[..start]
        .rfind(['。', '；'])
        .map_or(0, |i| i + '。'.len_utf8());
    let before = &s[clause_start..start];
    !RESTRICTED.iter().any(|w| before.contains(w))
}

/// `无尚在办理的申请`: a denial of the pending state (a claim of none pending).
fn denied(s: &str, start: usize) -> bool {
    let before: String = s[..start].chars().rev().take(3).collect();
    ["无", "没有", "不存在"]
        .iter()
        .any(|w| before.contains(&w.chars().rev().collect::<String>()))
}
