//! `xxgk check` renders each report as soon as it is checked (issue 15): the
//! output, the notes and the exit status are the same for any `--threads`
//! and for every streamed format, with a pair of consecutive years (re-checked
//! at the end) among more reports than one parallel chunk holds.

use assert_cmd::Command;

fn check(threads: &str, format: &str, dirs: &[&str]) -> (i32, Vec<u8>, Vec<u8>) {
    let o = Command::cargo_bin("xxgk")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--threads", threads, "--format", format])
        .args(dirs)
        .output()
        .unwrap();
    (o.status.code().unwrap(), o.stdout, o.stderr)
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    // 70 reports (more than 32 per thread), findings in most, the pair in gate/years.
    let dirs = ["fixtures/gate/years", "fixtures/rules", "fixtures/seeds"];
    for format in ["full", "concise", "json", "json-lines", "sarif", "github"] {
        let one = check("1", format, &dirs);
        let two = check("2", format, &dirs);
        assert_eq!(one.0, 1, "{format}: findings make the exit status 1");
        assert!(!one.1.is_empty(), "{format}: output");
        assert!(one == two, "{format}: --threads 1 and 2 differ");
    }
    let (_, json, _) = check("2", "json", &dirs);
    let all: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let codes: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // The later year was re-checked with its predecessor.
    assert!(codes.contains(&"X001"), "{codes:?}");
    let sarif: serde_json::Value = serde_json::from_slice(&check("2", "sarif", &dirs).1).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        codes.len()
    );
}
