//! Inlay hints: live sums while the clerk types. At each total cell the sum of
//! its parts (`= 34`), and at table 三's 四、结转下年度继续办理 cell what the
//! 勾稽关系 (一 + 二 = （七）总计 + 四) asks of it; when they differ from what
//! is written, or always when the client asks (`xxgk.inlayHints`).

use crate::relations::{self, Relation};
use crate::span::Span;
use tower_lsp::lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip};

use super::analysis::Analysis;
use super::position::PositionEncoding;

/// When hints are shown (`xxgk.inlayHints`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InlayMode {
    /// Only where the written number differs from the computed one.
    #[default]
    Differences,
    Always,
    Off,
}

/// The cell a hint goes after, the number the relation computes for it, and
/// what the number is.
fn computed<'a>(r: &'a Relation<'a>) -> Option<(&'a crate::model::Cell, i64, &'static str)> {
    match r {
        // A total: the sum of its parts.
        Relation::RowTotal { sum, .. }
        | Relation::OutcomeTotal { sum, .. }
        | Relation::ReviewGroup { sum, .. } => Some((sum.total.cell, sum.parts_sum()?, "各项之和")),
        // 一 + 二 − （七）总计: what 四 must be for the table to balance.
        Relation::Balance { balance, .. } => Some((
            balance.carried_forward.cell,
            balance.carried_forward_needed()?,
            "勾稽关系：一 + 二 − （七）总计",
        )),
    }
}

/// The hints for the cells inside `within`.
pub fn hints(a: &Analysis, within: Span, mode: InlayMode, enc: PositionEncoding) -> Vec<InlayHint> {
    if mode == InlayMode::Off {
        return Vec::new();
    }
    let rels = relations::relations(&a.output.report);
    let mut out: Vec<(usize, InlayHint)> = Vec::new();
    for r in &rels {
        let Some((cell, value, what)) = computed(r) else {
            continue;
        };
        let at = cell.span.end;
        if !(within.start..=within.end).contains(&at) {
            continue;
        }
        if mode == InlayMode::Differences && cell.int() == Some(value) {
            continue;
        }
        // The same cell is the total of one relation only; keep the first hint.
        if out.iter().any(|(o, _)| *o == at) {
            continue;
        }
        let position = a.range(Span::new(at, at), enc).start;
        out.push((
            at,
            InlayHint {
                position,
                label: InlayHintLabel::String(format!("= {value}")),
                kind: Some(InlayHintKind::PARAMETER),
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!("{what}：{value}"))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, h)| h).collect()
}
