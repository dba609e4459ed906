//! `--format html`: one self-contained page for an office reviewing many
//! reports. No external resource of any kind (it must open from a USB stick):
//! the style, the script and the charts (SVG) are inline. Everything taken
//! from a report is HTML-escaped.

use super::office::{self, Finding, Findings, Summary, Totals, Unread};
use std::collections::BTreeMap;
use std::fmt::Write;

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");
/// Bytes of the overview table gathered before they are written out.
const FLUSH: usize = 64 * 1024;

/// Text safe inside an element or a quoted attribute.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Marks the page as xxgk's own, so that a later `xxgk check` of the folder
/// it was written into skips it instead of reading it as a report.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"xxgk\">";

/// The whole page. `unreadable`: the inputs that could not be read at all.
/// The whole page, written out part by part: the page of a large run (tens
/// of MB) is never held whole in memory. `unreadable`: the inputs that could
/// not be read at all.
pub fn write_page(
    files: &[Summary],
    findings: &mut dyn Findings,
    unreadable: &[Unread],
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str(GENERATOR);
    o.push('\n');
    o.push_str("<title>政府信息公开工作年度报告审查结果</title>\n<style>\n");
    o.push_str(STYLE);
    o.push_str("</style>\n</head>\n<body>\n<h1>政府信息公开工作年度报告审查结果</h1>\n");
    totals(&office::totals(files, unreadable), &mut o);
    charts(files, &mut o);
    w.write_all(o.as_bytes())?;
    table(files, w)?;
    o.clear();
    unread(unreadable, &mut o);
    w.write_all(o.as_bytes())?;
    details(files, findings, w)?;
    o.clear();
    o.push_str("<script>\n");
    o.push_str(SCRIPT);
    o.push_str("</script>\n</body>\n</html>\n");
    w.write_all(o.as_bytes())
}

fn totals(t: &Totals, o: &mut String) {
    o.push_str("<section id=\"totals\"><h2>总体情况</h2><dl>\n");
    let items = [
        ("reports", "报告", t.reports),
        ("clean", "无问题", t.clean),
        ("with-errors", "有错误", t.with_errors),
        ("with-warnings", "有警告", t.with_warnings),
        ("unreadable", "无法读取", t.unreadable),
    ];
    for (key, label, n) in items {
        let _ = writeln!(
            o,
            "<div class=\"total\" data-key=\"{key}\"><dt>{label}</dt><dd>{n}</dd></div>"
        );
    }
    o.push_str("</dl><p class=\"note\">无问题：没有错误和警告（可能有提示）。</p></section>\n");
}

fn charts(files: &[Summary], o: &mut String) {
    let mut by_family: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    for t in files.iter().flat_map(|f| f.rules.iter()) {
        let (code, name) = (t.code(), t.name());
        *by_family.entry(office::family(code)).or_default() += 1;
        *by_rule.entry(format!("{code} {name}")).or_default() += 1;
    }
    o.push_str("<section id=\"charts\">\n<h2>按类别统计</h2>\n");
    bar_chart("chart-family", &by_family, o);
    o.push_str("<h2>按规则统计</h2>\n");
    bar_chart("chart-rule", &by_rule, o);
    o.push_str("</section>\n");
}

/// A horizontal bar chart, most frequent first; each bar carries its label and count as data.
fn bar_chart(id: &str, counts: &BTreeMap<String, usize>, o: &mut String) {
    if counts.is_empty() {
        let _ = writeln!(o, "<p id=\"{id}\" class=\"empty\">未发现问题。</p>");
        return;
    }
    let mut bars: Vec<(&String, &usize)> = counts.iter().collect();
    bars.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let max = *bars[0].1 as f64;
    const ROW: usize = 24;
    let height = bars.len() * ROW + 8;
    let _ = writeln!(
        o,
        "<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"{height}\" role=\"img\">"
    );
    for (i, (label, &n)) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let w = (n as f64 / max * 420.0).max(2.0);
        let label = esc(label);
        let _ = writeln!(
            o,
            "<g class=\"bar\" data-key=\"{label}\" data-count=\"{n}\"><text x=\"0\" y=\"{}\">{label}</text><rect x=\"240\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\"/><text x=\"{:.1}\" y=\"{}\">{n}</text></g>",
            y + 16,
            ROW - 6,
            248.0 + w,
            y + 16
        );
    }
    o.push_str("</svg>\n");
}

/// A row per report, written out in pieces of about [`FLUSH`] bytes.
fn table(files: &[Summary], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut o = String::new();
    o.push_str("<section id=\"overview\"><h2>报告一览</h2>\n<div class=\"controls\"><label><input type=\"checkbox\" id=\"only-problems\"> 只看问题</label> <input type=\"search\" id=\"filter\" placeholder=\"按文件名、机关或年度筛选\"></div>\n");
    o.push_str("<table id=\"reports\"><thead><tr><th data-type=\"text\">文件</th><th data-type=\"text\">发布机关</th><th data-type=\"num\">年度</th><th data-type=\"num\">错误</th><th data-type=\"num\">警告</th><th data-type=\"num\">提示</th></tr></thead>\n<tbody>\n");
    for (k, f) in files.iter().enumerate() {
        let (e, w, i) = f.counts();
        let path = esc(&f.path);
        let name = if f.rules.is_empty() {
            path.clone()
        } else {
            format!("<a href=\"#r{k}\">{path}</a>")
        };
        let _ = writeln!(
            o,
            "<tr class=\"report\" data-path=\"{path}\" data-problems=\"{}\"><td>{name}</td><td>{}</td><td>{}</td><td class=\"n\">{e}</td><td class=\"n\">{w}</td><td class=\"n\">{i}</td></tr>",
            u8::from(e + w > 0),
            esc(f.issuer.as_deref().unwrap_or("")),
            f.year.map(|y| y.to_string()).unwrap_or_default(),
        );
        if o.len() >= FLUSH {
            out.write_all(o.as_bytes())?;
            o.clear();
        }
    }
    o.push_str("</tbody></table></section>\n");
    out.write_all(o.as_bytes())
}

/// The files that could not be read, with the reason: they go back too.
fn unread(unreadable: &[Unread], o: &mut String) {
    if unreadable.is_empty() {
        return;
    }
    o.push_str("<section id=\"unreadable\"><h2>无法读取的文件</h2><ul>\n");
    for u in unreadable {
        let _ = writeln!(
            o,
            "<li data-path=\"{}\"><span class=\"path\">{}</span>：{}</li>",
            esc(&u.path),
            esc(&u.path),
            esc(&u.error)
        );
    }
    o.push_str("</ul></section>\n");
}

fn details(
    files: &[Summary],
    findings: &mut dyn Findings,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    w.write_all("<section id=\"details\"><h2>问题明细</h2>\n".as_bytes())?;
    let mut o = String::new();
    for (k, f) in files.iter().enumerate() {
        if f.rules.is_empty() {
            continue;
        }
        o.clear();
        let _ = writeln!(
            o,
            "<article class=\"file\" id=\"r{k}\" data-path=\"{}\"><h3>{}</h3><p class=\"meta\">发布机关：{}　年度：{}</p>",
            esc(&f.path),
            esc(&f.path),
            esc(f.issuer.as_deref().unwrap_or("未识别")),
            f.year.map_or("未识别".to_string(), |y| y.to_string()),
        );
        o.push_str("<table class=\"findings\"><thead><tr><th>规则</th><th>级别</th><th>位置</th><th>说明</th><th>原文</th></tr></thead><tbody>\n");
        for x in findings.of(k)? {
            finding_row(&x, &mut o);
        }
        o.push_str("</tbody></table></article>\n");
        w.write_all(o.as_bytes())?;
    }
    w.write_all("</section>\n".as_bytes())
}

fn finding_row(x: &Finding, o: &mut String) {
    let notes: String = x
        .notes
        .iter()
        .map(|n| format!("<div class=\"note\">{}</div>", esc(n)))
        .collect();
    let _ = writeln!(
        o,
        "<tr class=\"finding sev-{}\" data-code=\"{}\" data-severity=\"{}\"><td>{} <span class=\"name\">{}</span></td><td>{}</td><td>第{}行第{}列</td><td>{}{notes}</td><td class=\"excerpt\">{}<mark>{}</mark>{}</td></tr>",
        x.severity,
        x.code,
        x.severity,
        x.code,
        x.name,
        office::severity_zh(x.severity),
        x.line,
        x.column,
        esc(&x.message),
        esc(&x.excerpt.before),
        esc(&x.excerpt.marked),
        esc(&x.excerpt.after),
    );
}
