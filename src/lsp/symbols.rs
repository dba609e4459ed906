//! The outline: the six sections, with the three tables under the sections
//! that hold them, so that the editor's outline and breadcrumbs navigate the report.

use tower_lsp::lsp_types::{DocumentSymbol, SymbolKind};

use super::analysis::Analysis;
use super::position::PositionEncoding;
use crate::span::Span;
use crate::template::Table;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out; `tags` replaces it.
fn symbol(
    analysis: &Analysis,
    enc: PositionEncoding,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Span,
    selection: Span,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: analysis.range(range, enc),
        selection_range: analysis.range(selection, enc),
        children: None,
    }
}

pub fn document_symbols(analysis: &Analysis, enc: PositionEncoding) -> Vec<DocumentSymbol> {
    let report = &analysis.output.report;
    let text = &analysis.text;
    let span_of = |t: Table| match t {
        Table::Active => report.active.as_ref().map(|t| t.span),
        Table::Applications => report.applications.as_ref().map(|t| t.span),
        Table::Review => report.review.as_ref().map(|t| t.span),
    };
    let tables = Table::ALL.map(|t| (t.section(), span_of(t), t.label()));

    let mut sections: Vec<(DocumentSymbol, Span, u8)> = report
        .sections
        .iter()
        .map(|s| {
            // Clients require the selection to lie inside the range.
            let range = s.body.cover(s.heading_span);
            let name = text
                .get(s.heading_span.range())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| s.title.clone());
            let sym = symbol(
                analysis,
                enc,
                name,
                Some(format!(
                    "第{}部分",
                    crate::template::CHINESE_NUMERALS[(s.index as usize).saturating_sub(1).min(9)]
                )),
                SymbolKind::NAMESPACE,
                range,
                s.heading_span,
            );
            (sym, range, s.index)
        })
        .collect();

    let mut top_level_tables = Vec::new();
    for (index, span, name) in tables {
        let Some(span) = span.filter(|s| !s.is_empty()) else {
            continue;
        };
        let table = symbol(analysis, enc, name, None, SymbolKind::ARRAY, span, span);
        // Under the section that contains it; else under the section it
        // belongs to by the template; else at the top level.
        let parent = sections
            .iter()
            .position(|(_, r, _)| r.contains(span.start))
            .or_else(|| sections.iter().position(|(_, _, i)| *i == index));
        match parent {
            Some(p) => {
                let (sym, range, _) = &mut sections[p];
                if !range.contains(span.start) {
                    // Keep the child inside its parent's range.
                    *range = range.cover(span);
                    sym.range = analysis.range(*range, enc);
                }
                sym.children.get_or_insert_with(Vec::new).push(table)
            }
            None => top_level_tables.push(table),
        }
    }
    let mut out: Vec<DocumentSymbol> = sections.into_iter().map(|(s, _, _)| s).collect();
    out.extend(top_level_tables);
    out
}
