//! The office's outputs (issue 13): `--output-file` for every format, the
//! summary page (`--format html`) and the workbook (`--format xlsx`), each
//! read back with a real parser (scraper, calamine) and compared with
//! `--format json` on the same folder.

use assert_cmd::Command;
use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn xxgk(args: &[&str]) -> Out {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: o.stdout,
        stderr,
    }
}

/// A folder like an office receives: the five seeds, a report with an
/// unreadable table, a clean one, one whose title is markup, and a file that
/// cannot be read at all.
fn office_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &Path, name: &str| std::fs::copy(from, dir.path().join(name)).unwrap();
    for e in std::fs::read_dir("fixtures/seeds").unwrap() {
        let p = e.unwrap().path();
        copy(&p, p.file_name().unwrap().to_str().unwrap());
    }
    copy(
        Path::new("fixtures/gate/reports/unreadable.txt"),
        "unreadable-table.txt",
    );
    copy(Path::new("fixtures/gate/reports/clean.txt"), "clean.txt");
    let body = std::fs::read_to_string("fixtures/seeds/003_8345640e0ba59491.txt").unwrap();
    let hostile = body.replacen(
        "薛城区商务和投资促进局\n2023年",
        "<script>alert(1)</script>&某局\n2023年",
        1,
    );
    assert_ne!(hostile, body, "the seed's title changed: update this test");
    std::fs::write(dir.path().join("markup.txt"), hostile).unwrap();
    std::fs::write(dir.path().join("broken.docx"), b"not a zip").unwrap();
    dir
}

fn json_of(dir: &Path) -> Vec<Value> {
    let o = xxgk(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(o.code, 2, "one file cannot be read: {}", o.stderr);
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// (errors, warnings, notes) per path, from the JSON.
fn counts_by_path(json: &[Value]) -> BTreeMap<String, (usize, usize, usize)> {
    let mut m = BTreeMap::new();
    for d in json {
        let c: &mut (usize, usize, usize) = m
            .entry(d["path"].as_str().unwrap().to_string())
            .or_default();
        match d["severity"].as_str().unwrap() {
            "error" => c.0 += 1,
            "warning" => c.1 += 1,
            _ => c.2 += 1,
        }
    }
    m
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

#[test]
fn output_file_holds_exactly_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        "fixtures/gate/reports/unreadable.txt",
        "fixtures/seeds/001_8f8da75a091af576.txt",
    ];
    for format in ["full", "concise", "json", "json-lines", "sarif", "github"] {
        let out = dir.path().join(format!("结果.{format}"));
        // An older file at the path is replaced, not appended to.
        std::fs::write(&out, "old").unwrap();
        let printed = xxgk(&["check", "--format", format, files[0], files[1]]);
        let written = xxgk(&[
            "check",
            "--format",
            format,
            "--output-file",
            out.to_str().unwrap(),
            files[0],
            files[1],
        ]);
        assert_eq!(written.code, printed.code, "{format}");
        assert!(written.stdout.is_empty(), "{format}: nothing on stdout");
        assert!(!printed.stdout.is_empty(), "{format}");
        assert_eq!(std::fs::read(&out).unwrap(), printed.stdout, "{format}");
    }
    let stats = dir.path().join("stats.json");
    let printed = xxgk(&["check", "--statistics", "--format", "json", files[0]]);
    xxgk(&[
        "check",
        "--statistics",
        "--format",
        "json",
        "--output-file",
        stats.to_str().unwrap(),
        files[0],
    ]);
    assert_eq!(std::fs::read(&stats).unwrap(), printed.stdout);
}

#[test]
fn an_output_file_that_cannot_be_written_is_a_chinese_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing: PathBuf = dir.path().join("没有这个目录").join("结果.html");
    let o = xxgk(&[
        "check",
        "--format",
        "html",
        "--output-file",
        missing.to_str().unwrap(),
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("无法写入输出文件"), "{}", o.stderr);
    assert!(o.stderr.contains(missing.to_str().unwrap()), "{}", o.stderr);
    let o = xxgk(&[
        "check",
        "--format",
        "json",
        "--output-file",
        dir.path().to_str().unwrap(),
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("无法写入输出文件") && o.stderr.contains("目录"),
        "{}",
        o.stderr
    );
}

#[test]
fn diff_is_never_written_to_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.txt");
    let o = xxgk(&[
        "check",
        "--diff",
        "--output-file",
        out.to_str().unwrap(),
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--diff"), "{}", o.stderr);
    assert!(!out.exists());
}

#[test]
fn xlsx_is_refused_without_an_output_file() {
    let o = xxgk(&[
        "check",
        "--format",
        "xlsx",
        "fixtures/gate/reports/clean.txt",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stdout.is_empty());
    assert!(
        o.stderr.contains("--output-file") && o.stderr.contains("二进制"),
        "{}",
        o.stderr
    );
}

#[test]
fn issuer_and_year_in_inspect_and_json() {
    let seed = "fixtures/seeds/003_8345640e0ba59491.txt";
    let o = xxgk(&["inspect", "--format", "json", seed]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["issuer"], "薛城区商务和投资促进局");
    assert_eq!(v["year"], 2023);
    let o = xxgk(&["inspect", seed]);
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("发布机关: 薛城区商务和投资促进局"), "{t}");
    // In check's JSON, each finding carries its report's issuer and year.
    let o = xxgk(&["check", "--format", "json", "--exit-zero", seed]);
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v.is_empty());
    for d in &v {
        assert_eq!(
            (&d["issuer"], &d["year"]),
            (&Value::from("薛城区商务和投资促进局"), &Value::from(2023))
        );
    }
}

#[test]
fn html_page_agrees_with_json() {
    let dir = office_folder();
    let json = json_of(dir.path());
    let page_path = dir.path().join("审查结果.html");
    let o = xxgk(&[
        "check",
        "--format",
        "html",
        "--output-file",
        page_path.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("broken.docx"), "{}", o.stderr);
    let html = std::fs::read_to_string(&page_path).unwrap();
    let doc = Html::parse_document(&html);

    // Self-contained: one inline script, no external resource of any kind.
    assert_eq!(doc.select(&sel("script")).count(), 1);
    assert_eq!(
        doc.select(&sel("script[src], link, img, iframe")).count(),
        0
    );
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    assert!(!html.contains("https://"));
    // The report whose title is markup shows it as text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;某局"));
    // The page now sits in the folder: the next check skips it (xxgk's own
    // page, not a report) and finds exactly what it found before.
    let again = xxgk(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert!(
        again.stderr.contains("是 xxgk 生成的审查结果页"),
        "{}",
        again.stderr
    );
    assert_eq!(json_of(dir.path()), json);

    let by_path = counts_by_path(&json);
    let readable = 8; // 5 seeds, unreadable-table, clean, markup
    let total = |key: &str| -> usize {
        let s = format!("#totals .total[data-key=\"{key}\"] dd");
        text(doc.select(&sel(&s)).next().unwrap()).parse().unwrap()
    };
    assert_eq!(total("reports"), readable + 1);
    assert_eq!(total("unreadable"), 1);
    let listed: Vec<_> = doc.select(&sel("#unreadable li")).collect();
    assert_eq!(listed.len(), 1);
    assert!(listed[0]
        .value()
        .attr("data-path")
        .unwrap()
        .ends_with("broken.docx"));
    assert!(text(listed[0]).contains("zip"));
    let with = |f: fn(&(usize, usize, usize)) -> bool| by_path.values().filter(|c| f(c)).count();
    assert_eq!(total("with-errors"), with(|c| c.0 > 0));
    assert_eq!(total("with-warnings"), with(|c| c.1 > 0));
    assert_eq!(total("clean"), readable - with(|c| c.0 + c.1 > 0));
    assert!(total("with-errors") > 0 && total("clean") > 0);

    // The table: one row per readable report, counts as in the JSON.
    let rows: Vec<_> = doc.select(&sel("#reports tbody tr")).collect();
    assert_eq!(rows.len(), readable);
    let td = sel("td");
    for r in &rows {
        let path = r.value().attr("data-path").unwrap();
        let cells: Vec<String> = r.select(&td).map(text).collect();
        let n = |i: usize| cells[i].parse::<usize>().unwrap();
        let c = by_path.get(path).copied().unwrap_or_default();
        assert_eq!((n(3), n(4), n(5)), c, "{path}");
        assert_eq!(
            r.value().attr("data-problems") == Some("1"),
            c.0 + c.1 > 0,
            "{path}"
        );
        // Issuer and year as the JSON has them for a report with findings.
        if let Some(d) = json.iter().find(|d| d["path"] == path) {
            assert_eq!(cells[1], d["issuer"].as_str().unwrap_or(""), "{path}");
            assert_eq!(
                cells[2],
                d["year"]
                    .as_i64()
                    .map(|y| y.to_string())
                    .unwrap_or_default()
            );
        }
    }

    // Every finding, in the JSON's order, with its message and position.
    let found: Vec<(String, String, String, String)> = doc
        .select(&sel("#details article"))
        .flat_map(|a| {
            let path = a.value().attr("data-path").unwrap().to_string();
            a.select(&sel("tr.finding"))
                .map(|tr| {
                    let cells: Vec<String> = tr.select(&td).map(text).collect();
                    let code = tr.value().attr("data-code").unwrap().to_string();
                    (path.clone(), code, cells[2].clone(), cells[3].clone())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let expected: Vec<(String, String, String, String)> = json
        .iter()
        .map(|d| {
            let mut message = d["message"].as_str().unwrap().to_string();
            for n in d["notes"].as_array().unwrap() {
                message.push_str(n.as_str().unwrap());
            }
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                format!(
                    "第{}行第{}列",
                    d["location"]["line"], d["location"]["column"]
                ),
                message,
            )
        })
        .collect();
    assert_eq!(found, expected);
    // An excerpt of the text for a finding of a table (E001 points at the row).
    assert!(doc
        .select(&sel("tr.finding[data-code=\"E001\"] td.excerpt"))
        .any(|e| !text(e).trim().is_empty()));

    // The charts: a bar per rule and per family with the JSON's counts.
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    for d in &json {
        *by_rule
            .entry(format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["name"].as_str().unwrap()
            ))
            .or_default() += 1;
    }
    let bars = |id: &str| -> BTreeMap<String, usize> {
        doc.select(&sel(&format!("#{id} g.bar")))
            .map(|g| {
                (
                    g.value().attr("data-key").unwrap().to_string(),
                    g.value().attr("data-count").unwrap().parse().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(bars("chart-rule"), by_rule);
    let families = bars("chart-family");
    assert_eq!(families.values().sum::<usize>(), json.len());
    for (key, n) in &families {
        let letter = &key[..1];
        assert_eq!(
            *n,
            json.iter()
                .filter(|d| d["code"].as_str().unwrap().starts_with(letter))
                .count(),
            "{key}"
        );
    }
}

#[test]
fn xlsx_workbook_agrees_with_json() {
    let dir = office_folder();
    let json = json_of(dir.path());
    let book = dir.path().join("审查结果.xlsx");
    let o = xxgk(&[
        "check",
        "--format",
        "xlsx",
        "--output-file",
        book.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["报告".to_string(), "问题".to_string()]
    );

    let s = |c: &Data| c.to_string();
    let n = |c: &Data| {
        c.get_float()
            .unwrap_or_else(|| panic!("not a number: {c:?}")) as usize
    };
    let reports = wb.worksheet_range("报告").unwrap();
    let rows: Vec<&[Data]> = reports.rows().collect();
    assert_eq!(s(&rows[0][0]), "文件");
    assert_eq!(
        rows.len() - 1,
        9,
        "one row per report, the unreadable one last"
    );
    let by_path = counts_by_path(&json);
    let broken = rows[9];
    assert!(s(&broken[0]).ends_with("broken.docx"));
    assert!(s(&broken[7]).contains("zip"), "{broken:?}");
    assert_eq!(broken[3], Data::Empty);
    for r in &rows[1..9] {
        assert_eq!(r[7], Data::Empty);
        let c = by_path.get(&s(&r[0])).copied().unwrap_or_default();
        assert_eq!((n(&r[3]), n(&r[4]), n(&r[5])), c, "{}", s(&r[0]));
        assert_eq!(n(&r[6]), c.0 + c.1 + c.2);
    }

    let findings = wb.worksheet_range("问题").unwrap();
    let rows: Vec<&[Data]> = findings.rows().collect();
    let header: Vec<String> = rows[0].iter().map(s).collect();
    assert_eq!(
        header,
        [
            "文件",
            "发布机关",
            "年度",
            "规则",
            "名称",
            "级别",
            "行",
            "列",
            "说明",
            "原文"
        ]
    );
    assert_eq!(rows.len() - 1, json.len());
    let zh = |sev: &str| match sev {
        "error" => "错误",
        "warning" => "警告",
        _ => "提示",
    };
    for (r, d) in rows[1..].iter().zip(&json) {
        assert_eq!(s(&r[0]), d["path"].as_str().unwrap());
        assert_eq!(s(&r[1]), d["issuer"].as_str().unwrap_or(""));
        match d["year"].as_i64() {
            Some(y) => assert_eq!(n(&r[2]) as i64, y),
            None => assert_eq!(r[2], Data::Empty),
        }
        assert_eq!(s(&r[3]), d["code"].as_str().unwrap());
        assert_eq!(s(&r[4]), d["name"].as_str().unwrap());
        assert_eq!(s(&r[5]), zh(d["severity"].as_str().unwrap()));
        assert_eq!(n(&r[6]), d["location"]["line"].as_u64().unwrap() as usize);
        assert_eq!(n(&r[7]), d["location"]["column"].as_u64().unwrap() as usize);
        assert_eq!(s(&r[8]), d["message"].as_str().unwrap());
    }

    // Filters and a frozen header row on both sheets.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(sheet).unwrap(), &mut xml).unwrap();
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{sheet}");
        assert!(
            xml.contains("state=\"frozen\"") && xml.contains("ySplit=\"1\""),
            "{sheet}"
        );
    }
}

/// Debian's Chromium, if installed (`.ci/run` installs it; elsewhere the browser test is skipped).
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// The page as a real browser leaves it after its script ran.
fn rendered_dom(browser: &str, url: &str, profile: &Path) -> Html {
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--virtual-time-budget=2000", "--dump-dom", url])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Html::parse_document(&String::from_utf8_lossy(&o.stdout))
}

#[test]
fn page_works_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no chromium on this machine");
        return;
    };
    // Relative paths, as an office would run it, so the screenshot shows `报告/…`.
    let dir = office_folder();
    let work = tempfile::tempdir().unwrap();
    std::fs::rename(dir.path(), work.path().join("报告")).unwrap();
    let run = |args: &[&str]| {
        Command::cargo_bin("xxgk")
            .unwrap()
            .args(args)
            .current_dir(work.path())
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap()
    };
    let json: Vec<Value> =
        serde_json::from_slice(&run(&["check", "--format", "json", "报告"]).stdout).unwrap();
    let o = run(&[
        "check",
        "--format",
        "html",
        "--output-file",
        "审查结果.html",
        "报告",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let page = work.path().join("审查结果.html");
    let url = format!("file://{}", page.display());
    let profile = tempfile::tempdir().unwrap();
    let problems = counts_by_path(&json)
        .values()
        .filter(|c| c.0 + c.1 > 0)
        .count();

    let visible = |doc: &Html| {
        doc.select(&sel("#reports tbody tr"))
            .filter(|r| r.value().attr("hidden").is_none())
            .count()
    };
    let all = rendered_dom(browser, &url, profile.path());
    assert_eq!(visible(&all), 8);
    let total = text(
        all.select(&sel("#totals .total[data-key=\"with-errors\"] dd"))
            .next()
            .unwrap(),
    );
    assert_eq!(
        total,
        counts_by_path(&json)
            .values()
            .filter(|c| c.0 > 0)
            .count()
            .to_string()
    );
    // 只看问题, switched on by the script: the clean reports are hidden.
    let filtered = rendered_dom(browser, &format!("{url}#only-problems"), profile.path());
    assert_eq!(visible(&filtered), problems);
    assert!(problems < 8 && problems > 0);

    // Sorting and the text filter, driven as a user would: a copy of the page
    // with a script that clicks the 警告 heading twice and types in the filter.
    let driven = work.path().join("driven.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let clicks =
        "<script>var h = document.querySelectorAll('#reports th')[4]; h.click(); h.click();\
        var f = document.getElementById('filter'); f.value = '区商'; \
        f.dispatchEvent(new Event('input'));</script></body>";
    std::fs::write(&driven, html.replace("</body>", clicks)).unwrap();
    let doc = rendered_dom(
        browser,
        &format!("file://{}", driven.display()),
        profile.path(),
    );
    let rows: Vec<_> = doc.select(&sel("#reports tbody tr")).collect();
    let warnings: Vec<usize> = rows
        .iter()
        .map(|r| text(r.select(&sel("td")).nth(4).unwrap()).parse().unwrap())
        .collect();
    assert!(warnings.windows(2).all(|w| w[0] >= w[1]), "{warnings:?}");
    assert!(warnings[0] > warnings[warnings.len() - 1]);
    let shown: Vec<String> = rows
        .iter()
        .filter(|r| r.value().attr("hidden").is_none())
        .map(|r| text(r.select(&sel("td")).nth(1).unwrap()))
        .collect();
    assert_eq!(shown, ["薛城区商务和投资促进局", "东营市东营区商务局"]);

    // A screenshot: the README's is made here with XXGK_UPDATE_SCREENSHOT=1.
    let shot = work.path().join("page.png");
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .args(["--window-size=1100,1400", &url])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
    if std::env::var_os("XXGK_UPDATE_SCREENSHOT").is_some() {
        std::fs::write("docs/screenshots/office-page.png", png).unwrap();
    }
}
