//! `xxgk template --format json` prints the one template (issue 12): what the editor
//! extension and the fixture generator take their words from.

use assert_cmd::Command;
use serde_json::Value;

/// What `xxgk template --format json` prints.
fn template_json() -> Vec<u8> {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["template", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn template_json_is_the_librarys_template() {
    let printed: Value = serde_json::from_slice(&template_json()).unwrap();
    assert_eq!(printed, xxgk::template::to_json());
    let rows = printed["applications"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), xxgk::template::TABLE3_ROWS.len());
    assert_eq!(rows[0]["key"], "new");
    assert_eq!(rows[0]["label"], "一、本年新收政府信息公开申请数量");
    assert_eq!(printed["sections"][4]["numeral"], "五");
    assert_eq!(
        printed["tables"][1]["label"],
        "表三 收到和处理政府信息公开申请情况"
    );
    assert_eq!(printed["review"]["results"].as_array().unwrap().len(), 5);
}

/// The committed copy the VS Code extension bundles and fixtures/rules/make.py reads.
const GENERATED: &str = "editors/vscode/src/template.generated.json";

#[test]
fn the_committed_copy_is_the_binarys_output() {
    let printed = template_json();
    let committed = std::fs::read_to_string(GENERATED).unwrap();
    assert!(
        committed.as_bytes() == printed,
        "{GENERATED} differs from `xxgk template --format json`; regenerate it with\n  \
         cargo run -q -- template --format json > {GENERATED}\n\
         (and python3 fixtures/rules/make.py, then check the fixtures with git status)"
    );
}

/// The extension and the fixture generator hold no copy of the words they take from
/// the binary: no report marker, no label of a table-三 row.
#[test]
fn the_extension_and_the_fixture_generator_spell_no_template_words() {
    // The code, without comments (which may name what a report is).
    let code = |path: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .filter(|l| {
                !["//", "/*", "*", "#"]
                    .iter()
                    .any(|c| l.trim().starts_with(c))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let ts = code("editors/vscode/src/extension.ts");
    assert!(ts.contains("template.sniff.markers"), "extension.ts");
    let make = code("fixtures/rules/make.py");
    for m in xxgk::input::sniff::REPORT_MARKERS {
        assert!(!ts.contains(m), "extension.ts spells the marker {m}");
    }
    for row in &xxgk::template::TABLE3_ROWS {
        let label = row.label();
        assert!(!ts.contains(&label), "extension.ts spells {label}");
        assert!(!make.contains(&label), "make.py spells {label}");
    }
    for s in &xxgk::template::SECTIONS {
        let heading = format!("{}、{}", s.numeral, s.title);
        assert!(!make.contains(&heading), "make.py spells {heading}");
    }
}
