//! Issue 2's acceptance: `xxgk inspect --format json` gives exactly the numbers
//! printed in the document, for every fixture in every layout. The expected
//! values come from `fixtures/expected/`, derived from the seeds by an
//! independent script (`fixtures/expected/extract_seed_values.py`), not by xxgk.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn inspect(path: &str) -> Value {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["inspect", "--format", "json", path])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "inspect {path} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn expected(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Compare every cell; return how many numbers were compared.
fn assert_tables(fixture: &str, exp_path: &str) -> usize {
    let got = inspect(fixture);
    let exp = expected(exp_path);
    let t = &got["tables"];
    assert_eq!(
        t["active"]["values"], exp["active"]["values"],
        "{fixture}: table 二"
    );
    let got_rows = t["applications"]["rows"].as_array().unwrap();
    let exp_rows = exp["applications"]["rows"].as_array().unwrap();
    assert_eq!(
        got_rows.len(),
        25,
        "{fixture}: table 三 has 25 template rows"
    );
    assert_eq!(exp_rows.len(), 25);
    for (g, e) in got_rows.iter().zip(exp_rows) {
        assert_eq!(g["label"], e["label"], "{fixture}: row order");
        assert_eq!(
            g["values"], e["values"],
            "{fixture}: table 三 row {}",
            e["label"]
        );
    }
    assert_eq!(
        t["review_litigation"]["values"], exp["review_litigation"]["values"],
        "{fixture}: table 四"
    );
    if let Some(legacy) = exp.get("legacy_other_row") {
        assert_eq!(
            &t["applications"]["legacy_other_row"]["values"], legacy,
            "{fixture}: 2019 （六） row"
        );
    }
    assert!(
        got["problems"].as_array().unwrap().is_empty(),
        "{fixture}: unexpected problems {}",
        got["problems"]
    );
    let count = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|x| x.is_number())
            .count()
    };
    count(&t["active"]["values"])
        + got_rows.iter().map(|r| count(&r["values"])).sum::<usize>()
        + count(&t["review_litigation"]["values"])
}

#[test]
fn seeds_read_every_number() {
    let mut n = 0;
    for stem in [
        "000_b6106ade0c42d785",
        "001_8f8da75a091af576",
        "002_6d233805cc76b44e",
        "003_8345640e0ba59491",
        "004_85d8c9eac23a7ed3",
    ] {
        let numbers = assert_tables(
            &format!("fixtures/seeds/{stem}.txt"),
            &format!("fixtures/expected/{stem}.json"),
        );
        assert_eq!(numbers, 200, "{stem}: 10 + 175 + 15 numbers");
        n += numbers;
    }
    assert_eq!(n, 1000);
}

#[test]
fn every_layout_reads_every_number() {
    let mut seen = 0;
    for layout in ["markdown", "pdf", "web", "export"] {
        let dir = Path::new("fixtures/layouts").join(layout);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().unwrap().to_str().unwrap();
            let exp = format!("fixtures/expected/layouts/{layout}/{stem}.json");
            assert!(
                Path::new(&exp).exists(),
                "no expected file for {}",
                f.display()
            );
            assert_eq!(
                assert_tables(f.to_str().unwrap(), &exp),
                200,
                "{}",
                f.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 15, "only {seen} layout fixtures");
}

#[test]
fn encodings_and_legacy_form() {
    for case in [
        "bom",
        "crlf",
        "gb18030",
        "legacy-2019-table3",
        "run-together",
        "run-together-glued",
    ] {
        assert_tables(
            &format!("fixtures/cases/{case}.txt"),
            &format!("fixtures/expected/cases/{case}.json"),
        );
    }
}

#[test]
fn sections_years_and_front_matter() {
    let v = inspect("fixtures/seeds/003_8345640e0ba59491.txt");
    assert_eq!(v["year"], 2023);
    assert_eq!(v["signature_date"], "2024-01-16");
    assert_eq!(v["title"]["issuer"], "薛城区商务和投资促进局");
    let secs = v["sections"].as_array().unwrap();
    let numbers: Vec<_> = secs.iter().map(|s| s["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["一", "二", "三", "四", "五", "六"]);
    let written: Vec<_> = secs
        .iter()
        .map(|s| s["numbering_as_written"].as_str().unwrap())
        .collect();
    assert_eq!(written, ["一、", "2、", "3、", "4、", "五、", "六、"]);
    let v = inspect("fixtures/seeds/000_b6106ade0c42d785.txt");
    assert_eq!(v["sections"][4]["numbering_as_written"], "");
    assert_eq!(v["sections"][4]["line"], 408);
    assert_eq!(v["period"]["start"], "2024-01-01");
    assert_eq!(v["period"]["end"], "2024-12-31");
    assert!(v["signature_date"].is_null());
}

#[test]
fn unreadable_rows_are_reported_not_guessed() {
    // Cut as 11 0 0 0 0 0 11 or 1 10 0 0 0 0 11, the row keeps its total, and
    // neither keeps the column relations with the rest of the table.
    let v = inspect("fixtures/cases/run-together-unsplittable.txt");
    let rows = v["tables"]["applications"]["rows"].as_array().unwrap();
    assert!(
        rows[2]["values"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_null),
        "（一） must not be guessed"
    );
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1);
    assert!(problems[0]["reason"]
        .as_str()
        .unwrap()
        .contains("110000011"));
    assert_eq!(problems[0]["line"], 88);
    let v = inspect("fixtures/cases/row-too-few.txt");
    let p = v["problems"].as_array().unwrap();
    assert_eq!(p.len(), 1);
    assert!(
        p[0]["reason"].as_str().unwrap().contains("只读到6个"),
        "{}",
        p[0]
    );
}

/// A text export writes an empty cell as a blank line, as it writes some row
/// ends: the row with the empty cell is reported with what was read, and no
/// value moves into a neighbouring row.
#[test]
fn a_cell_per_line_export_with_an_empty_cell_is_not_shifted() {
    let text = std::fs::read_to_string("fixtures/layouts/export/002.txt").unwrap();
    let row = "（一）予以公开\n30\n";
    assert!(text.contains(row));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("002-empty-cell.txt");
    std::fs::write(&path, text.replacen(row, "（一）予以公开\n\n", 1)).unwrap();
    let v = inspect(path.to_str().unwrap());
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]["reason"]
            .as_str()
            .unwrap()
            .contains("只读到6个"),
        "{}",
        problems[0]
    );
    let rows = v["tables"]["applications"]["rows"].as_array().unwrap();
    let values = |i: usize| rows[i]["values"].clone();
    assert_eq!(values(3), serde_json::json!([0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(values(1), serde_json::json!([0, 0, 0, 0, 0, 0, 0]));
}

/// `[aliases]` in xxgk.toml lets xxgk read a row whose local spelling it
/// would otherwise not recognise (and would report as missing).
#[test]
fn configured_aliases_are_used_by_the_parser() {
    let seed = std::fs::read_to_string("fixtures/seeds/002_6d233805cc76b44e.txt").unwrap();
    let text = seed.replacen("\t行政规范性文件\n\t3\n", "\t本机关政策性文件\n\t3\n", 1);
    assert_ne!(text, seed);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, &text).unwrap();
    let codes = |dir: &Path| -> Vec<String> {
        let out = Command::cargo_bin("xxgk")
            .unwrap()
            .current_dir(dir)
            .args(["check", "--format", "json", "report.txt"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        codes(dir.path()).contains(&"E002".to_string()),
        "without the alias the row is not found"
    );
    std::fs::write(
        dir.path().join("xxgk.toml"),
        "[aliases]\nnormative_documents = [\"本机关政策性文件\"]\n",
    )
    .unwrap();
    let with_alias = codes(dir.path());
    assert!(!with_alias.contains(&"E002".to_string()), "{with_alias:?}");
    // Read, but still not the national template's wording.
    assert!(with_alias.contains(&"S006".to_string()), "{with_alias:?}");
}

/// A row with blank cells was read: T005 on those cells, not E001 for the row,
/// and not E002.
#[test]
fn blank_cells_are_invalid_counts_not_unreadable_rows() {
    for (case, want) in [
        (
            "fixtures/cases/blank-cells.txt",
            vec![("T005", "规章"), ("T005", "2.重复申请")],
        ),
        (
            "fixtures/cases/blank-cells.md",
            vec![("T005", "（一）予以公开")],
        ),
    ] {
        let out = Command::cargo_bin("xxgk")
            .unwrap()
            .args(["check", "--format", "json", case])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<&Value> = v
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), want.len(), "{case}: {errors:?}");
        for (d, (code, row)) in errors.iter().zip(&want) {
            assert_eq!(d["code"], *code, "{case}");
            assert!(d["message"].as_str().unwrap().contains(row), "{case}: {d}");
        }
    }
}
