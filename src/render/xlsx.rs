//! `--format xlsx`: a workbook for an office, one sheet of reports and one of
//! findings, each with a filter on its header row and the header frozen.

use super::office::{self, Findings, Summary, Unread};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

pub const REPORT_HEADERS: [&str; 8] = [
    "文件",
    "发布机关",
    "年度",
    "错误",
    "警告",
    "提示",
    "合计",
    "无法读取的原因",
];
pub const FINDING_HEADERS: [&str; 10] = [
    "文件",
    "发布机关",
    "年度",
    "规则",
    "名称",
    "级别",
    "行",
    "列",
    "说明",
    "原文",
];

/// The workbook's bytes. A file that could not be read has a row of reports
/// with the reason and no counts.
pub fn workbook(
    files: &[Summary],
    findings: &mut dyn Findings,
    unreadable: &[Unread],
) -> Result<Vec<u8>, XlsxError> {
    build(files, findings, unreadable)?.save_to_buffer()
}

/// [`workbook`] written into `w` as it is zipped, not gathered in memory first.
pub fn write_to<W: std::io::Write + std::io::Seek + Send>(
    files: &[Summary],
    findings: &mut dyn Findings,
    unreadable: &[Unread],
    w: W,
) -> Result<(), XlsxError> {
    build(files, findings, unreadable)?.save_to_writer(w)
}

fn build(
    files: &[Summary],
    findings: &mut dyn Findings,
    unreadable: &[Unread],
) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = wb.add_worksheet_with_constant_memory()?.set_name("报告")?;
    header(sheet, &REPORT_HEADERS, &bold)?;
    let mut row = 0;
    for f in files {
        row += 1;
        let (e, w, i) = f.counts();
        identity(sheet, row, f)?;
        for (c, n) in [e, w, i, e + w + i].into_iter().enumerate() {
            sheet.write_number(row, 3 + c as u16, n as f64)?;
        }
    }
    for u in unreadable {
        row += 1;
        sheet.write_string(row, 0, &u.path)?;
        sheet.write_string(row, 7, &u.error)?;
    }
    let widths = [48.0, 28.0, 8.0, 8.0, 8.0, 8.0, 8.0, 40.0];
    finish(sheet, row, REPORT_HEADERS.len(), &widths)?;

    let sheet = wb.add_worksheet_with_constant_memory()?.set_name("问题")?;
    header(sheet, &FINDING_HEADERS, &bold)?;
    let mut row = 0;
    for (k, f) in files.iter().enumerate() {
        if f.rules.is_empty() {
            continue;
        }
        for x in findings.of(k).map_err(XlsxError::IoError)? {
            row += 1;
            identity(sheet, row, f)?;
            sheet.write_string(row, 3, &x.code)?;
            sheet.write_string(row, 4, &x.name)?;
            sheet.write_string(row, 5, office::severity_zh(x.severity))?;
            sheet.write_number(row, 6, x.line as f64)?;
            sheet.write_number(row, 7, x.column as f64)?;
            sheet.write_string(row, 8, &x.message)?;
            sheet.write_string(row, 9, x.excerpt.plain())?;
        }
    }
    let widths = [48.0, 28.0, 8.0, 8.0, 24.0, 8.0, 6.0, 6.0, 60.0, 40.0];
    finish(sheet, row, FINDING_HEADERS.len(), &widths)?;
    Ok(wb)
}

fn header(sheet: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, h) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    Ok(())
}

/// File, issuer and year: the first three columns of both sheets (blank when not found).
fn identity(sheet: &mut Worksheet, row: u32, f: &Summary) -> Result<(), XlsxError> {
    sheet.write_string(row, 0, &*f.path)?;
    if let Some(i) = f.issuer.as_deref() {
        sheet.write_string(row, 1, i)?;
    }
    if let Some(y) = f.year {
        sheet.write_number(row, 2, y as f64)?;
    }
    Ok(())
}

fn finish(
    sheet: &mut Worksheet,
    last_row: u32,
    cols: usize,
    widths: &[f64],
) -> Result<(), XlsxError> {
    sheet.autofilter(0, 0, last_row, cols as u16 - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}
