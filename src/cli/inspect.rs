//! `xxgk inspect`: show a clerk what was read, so they can check it.

use super::{error, EXIT_CLEAN, EXIT_ERROR};
use crate::input::{self, LineIndex};
use crate::model::{Cell, CellValue, Report};
use crate::template::{
    T3Column, T3Group, T3Row, T4Group, T4Result, Table, SECTIONS, TABLE2_ROWS, TABLE3_COLUMNS,
    TABLE3_ROWS, TABLE4_RESULTS,
};
use clap::{Args, ValueEnum};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InspectFormat {
    #[default]
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// The report to read.
    pub path: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,
    /// Print the text view xxgk reads (for .docx, .doc and .wps: the flattened text the diagnostics point into).
    #[arg(long)]
    pub view: bool,
}

pub fn run(args: InspectArgs) -> i32 {
    let source = match input::load(&args.path) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    if args.view {
        print!("{}", source.text);
        return EXIT_CLEAN;
    }
    // Read with the same configured row aliases `xxgk check` uses.
    let options = match crate::config::options_for(&args.path, None, false) {
        Ok(o) => o,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let report = crate::engine::parse(&source.text, &options);
    let index = LineIndex::new(&source.text);
    let out = match args.format {
        InspectFormat::Json => {
            let mut v = to_json(&report, &source.text, &index);
            v["path"] = json!(source.path.display().to_string());
            v["encoding"] = json!(source.encoding.name());
            if !source.pages.is_empty() {
                let pages: serde_json::Map<String, Value> = table_pages(&report, &source)
                    .into_iter()
                    .map(|(key, _, (a, b))| (key.to_string(), json!([a, b])))
                    .collect();
                v["pages"] = Value::Object(pages);
            }
            serde_json::to_string_pretty(&v).expect("JSON values serialise") + "\n"
        }
        InspectFormat::Text => {
            let mut o = to_text(&report, &source.text, &index);
            if !source.pages.is_empty() {
                o.push_str("\nPDF 页码:\n");
                for (_, name, (a, b)) in table_pages(&report, &source) {
                    let pages = if a == b {
                        format!("第{a}页")
                    } else {
                        format!("第{a}–{b}页")
                    };
                    o.push_str(&format!("  {name}: {pages}\n"));
                }
            }
            o
        }
    };
    print!("{out}");
    EXIT_CLEAN
}

/// The first and last PDF page of each table found: (json key, name, pages).
fn table_pages(
    report: &Report,
    source: &input::SourceFile,
) -> Vec<(&'static str, &'static str, (usize, usize))> {
    let spans = [
        ("active", "表二", report.active.as_ref().map(|t| t.span)),
        (
            "applications",
            "表三",
            report.applications.as_ref().map(|t| t.span),
        ),
        (
            "review_litigation",
            "表四",
            report.review.as_ref().map(|t| t.span),
        ),
    ];
    spans
        .into_iter()
        .filter_map(|(key, name, span)| {
            let span = span?;
            let first = source.page_of(span.start)?;
            let last = source.page_of(span.end.saturating_sub(1).max(span.start))?;
            Some((key, name, (first, last)))
        })
        .collect()
}

fn line_of(text: &str, index: &LineIndex, offset: usize) -> usize {
    index.char_pos(text, offset).line + 1
}

fn num(c: Option<&Cell>) -> Value {
    match c.map(|c| &c.value) {
        Some(CellValue::Int(n)) => json!(n),
        Some(CellValue::Decimal(d)) => json!(d),
        _ => Value::Null,
    }
}

fn problems(report: &Report) -> Vec<(&'static str, &crate::model::Unreadable)> {
    let mut out = Vec::new();
    if let Some(t) = &report.active {
        out.extend(t.problems.iter().map(|p| ("active", p)));
    }
    if let Some(t) = &report.applications {
        out.extend(t.problems.iter().map(|p| ("applications", p)));
    }
    if let Some(t) = &report.review {
        out.extend(t.problems.iter().map(|p| ("review_litigation", p)));
    }
    out
}

/// What could not be found at all.
fn missing(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if report.period.is_none() {
        out.push("统计期限（自Y年1月1日至Y年12月31日）未找到".to_string());
    }
    for s in &SECTIONS {
        if report.section(s.index).is_none() {
            out.push(format!("第{}部分「{}」的标题未找到", s.numeral, s.title));
        }
    }
    for (name, found) in [
        ("表二（主动公开）", report.active.is_some()),
        ("表三（依申请）", report.applications.is_some()),
        ("表四（复议诉讼）", report.review.is_some()),
    ] {
        if !found {
            out.push(format!("{name}未找到"));
        }
    }
    out
}

/// What was read, as `xxgk inspect --format json` prints it.
pub fn to_json(report: &Report, text: &str, index: &LineIndex) -> Value {
    let line = |offset: usize| line_of(text, index, offset);
    let date = |d: &crate::model::Date| format!("{}-{:02}-{:02}", d.year, d.month, d.day);
    let problems: Vec<Value> = problems(report)
        .into_iter()
        .map(|(table, p)| json!({"table": table, "line": line(p.span.start), "reason": p.reason}))
        .collect();
    json!({
        "year": report.year,
        "issuer": report.issuer,
        "title": report.title.as_ref().map(|t| json!({"text": t.text, "issuer": t.issuer, "year": t.year.as_ref().map(|y| y.value)})),
        "period": report.period.as_ref().map(|p| json!({
            "start": date(&p.start),
            "end": date(&p.end),
            "line": line(p.span.start),
        })),
        "signature_date": report.signature_date.as_ref().map(date),
        "sections": json_sections(report, &line),
        "tables": {
            "active": {"values": report.active_values().into_iter().map(num).collect::<Vec<_>>()},
            "applications": json_applications(report, &line),
            "review_litigation": {"values": json_review(report)},
        },
        "problems": problems,
        "not_found": missing(report),
    })
}

/// Each heading found: the template's numeral, the title and numbering as written, its line.
fn json_sections(report: &Report, line: &dyn Fn(usize) -> usize) -> Vec<Value> {
    report
        .sections
        .iter()
        .map(|s| {
            json!({
                "number": SECTIONS[s.index as usize - 1].numeral,
                "title": s.title,
                "line": line(s.heading_span.start),
                "numbering_as_written": s.number_text,
            })
        })
        .collect()
}

/// Table 三: every template row (its values `null` where not read) and the
/// 2019 form's single （六） row when the report has it.
fn json_applications(report: &Report, line: &dyn Fn(usize) -> usize) -> Value {
    let table = report.applications.as_ref();
    let rows: Vec<Value> = T3Row::ALL
        .into_iter()
        .map(|key| {
            let row = table.and_then(|t| t.rows[key.index()].as_ref());
            let values: Vec<Value> = T3Column::ALL
                .into_iter()
                .map(|c| num(row.and_then(|r| r.cells.get(c.index()))))
                .collect();
            json!({
                "label": key.spec().label(),
                "label_as_written": row.map(|r| r.label.text.clone()),
                "line": row.map(|r| line(r.label.span.start)),
                "values": values,
            })
        })
        .collect();
    let legacy = table.and_then(|t| t.legacy_other.as_ref()).map(|r| {
        json!({"label_as_written": r.label.text, "values": r.cells.iter().map(|c| num(Some(c))).collect::<Vec<_>>()})
    });
    json!({"rows": rows, "legacy_other_row": legacy})
}

/// Table 四's fifteen values, group by group.
fn json_review(report: &Report) -> Vec<Value> {
    T4Group::ALL
        .iter()
        .flat_map(|&g| T4Result::ALL.map(|r| num(report.review_cell(g, r))))
        .collect()
}

fn cell_text(c: Option<&Cell>) -> String {
    match c.map(|c| &c.value) {
        None => "?".into(),
        Some(CellValue::Int(n)) => n.to_string(),
        Some(CellValue::Decimal(d)) => d.to_string(),
        Some(CellValue::Blank) => "（空）".into(),
        Some(CellValue::Dash(s)) | Some(CellValue::Text(s)) => s.clone(),
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn lpad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

fn short(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if UnicodeWidthStr::width(out.as_str()) + 2 > max {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

pub fn to_text(report: &Report, text: &str, index: &LineIndex) -> String {
    let mut o = String::new();
    text_front(&mut o, report, text, index);
    text_sections(&mut o, report, text, index);
    text_active(&mut o, report);
    text_applications(&mut o, report);
    text_review(&mut o, report);
    text_problems(&mut o, report, text, index);
    o
}

/// Year, issuer, title, period and signature date.
fn text_front(o: &mut String, report: &Report, text: &str, index: &LineIndex) {
    let _ = writeln!(
        o,
        "年度: {}",
        report
            .year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "未找到".into())
    );
    let _ = writeln!(
        o,
        "发布机关: {}",
        report.issuer.as_deref().unwrap_or("未找到")
    );
    if let Some(t) = &report.title {
        let _ = writeln!(
            o,
            "标题: {}（第{}行）",
            t.text,
            line_of(text, index, t.span.start)
        );
    }
    if let Some(p) = &report.period {
        let _ = writeln!(
            o,
            "统计期限: {}-{:02}-{:02} 至 {}-{:02}-{:02}（第{}行）",
            p.start.year,
            p.start.month,
            p.start.day,
            p.end.year,
            p.end.month,
            p.end.day,
            line_of(text, index, p.span.start)
        );
    }
    if let Some(d) = &report.signature_date {
        let _ = writeln!(
            o,
            "落款日期: {}-{:02}-{:02}（第{}行）",
            d.year,
            d.month,
            d.day,
            line_of(text, index, d.span.start)
        );
    }
}

fn text_sections(o: &mut String, report: &Report, text: &str, index: &LineIndex) {
    let _ = writeln!(o, "\n部分:");
    for s in &report.sections {
        let _ = writeln!(
            o,
            "  第{:>4}行  {}  {}{}",
            line_of(text, index, s.heading_span.start),
            SECTIONS[s.index as usize - 1].numeral,
            if s.number_text.is_empty() {
                "（无编号）".to_string()
            } else {
                s.number_text.clone()
            },
            s.title
        );
    }
}

fn text_active(o: &mut String, report: &Report) {
    let _ = writeln!(o, "\n{}:", Table::Active.label());
    if report.active.is_some() {
        let vals = report.active_values();
        let mut k = 0;
        for spec in &TABLE2_ROWS {
            let cells: Vec<String> = (0..spec.columns.len())
                .map(|i| lpad(&cell_text(vals[k + i]), 8))
                .collect();
            k += spec.columns.len();
            let _ = writeln!(o, "  {} {}", pad(spec.text, 16), cells.join(" "));
        }
    } else {
        let _ = writeln!(o, "  （未找到）");
    }
}

fn text_applications(o: &mut String, report: &Report) {
    let _ = writeln!(o, "\n{}:", Table::Applications.label());
    if let Some(t) = &report.applications {
        let head: Vec<String> = TABLE3_COLUMNS
            .iter()
            .map(|c| lpad(&short(c, 8), 8))
            .collect();
        let _ = writeln!(o, "  {} {}", pad("", 40), head.join(" "));
        for (i, spec) in TABLE3_ROWS.iter().enumerate() {
            let row = t.rows[i].as_ref();
            let cells: Vec<String> = T3Column::ALL
                .iter()
                .map(|c| lpad(&cell_text(row.and_then(|r| r.cells.get(c.index()))), 8))
                .collect();
            let _ = writeln!(
                o,
                "  {} {}",
                pad(&short(&spec.label(), 40), 40),
                cells.join(" ")
            );
        }
        if let Some(r) = &t.legacy_other {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|c| lpad(&cell_text(Some(c)), 8))
                .collect();
            let _ = writeln!(
                o,
                "  {} {}",
                pad(
                    &format!("{}（2019年试行格式）", T3Group::OtherHandling.label()),
                    40
                ),
                cells.join(" ")
            );
        }
    } else {
        let _ = writeln!(o, "  （未找到）");
    }
}

fn text_review(o: &mut String, report: &Report) {
    let _ = writeln!(o, "\n{}:", Table::Review.label());
    if report.review.is_some() {
        let head: Vec<String> = TABLE4_RESULTS.iter().map(|c| lpad(c, 8)).collect();
        let _ = writeln!(o, "  {} {}", pad("", 28), head.join(" "));
        for g in T4Group::ALL {
            let cells: Vec<String> = T4Result::ALL
                .iter()
                .map(|&r| lpad(&cell_text(report.review_cell(g, r)), 8))
                .collect();
            let _ = writeln!(o, "  {} {}", pad(g.label(), 28), cells.join(" "));
        }
    } else {
        let _ = writeln!(o, "  （未找到）");
    }
}

/// What could not be read, and the rows that were not found.
fn text_problems(o: &mut String, report: &Report, text: &str, index: &LineIndex) {
    let probs = problems(report);
    let miss = missing(report);
    if !probs.is_empty() || !miss.is_empty() {
        let _ = writeln!(o, "\n未能读取:");
        for (_, p) in probs {
            let _ = writeln!(
                o,
                "  第{}行: {}",
                line_of(text, index, p.span.start),
                p.reason
            );
        }
        for m in miss {
            let _ = writeln!(o, "  {m}");
        }
    }
}
