//! `xxgk template --format json` prints the one template (issue 12): what the editor
//! extension and the fixture generator take their words from.

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn template_json_is_the_librarys_template() {
    let out = Command::cargo_bin("xxgk")
        .unwrap()
        .args(["template", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
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
