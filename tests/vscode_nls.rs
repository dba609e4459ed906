//! The VS Code extension's settings texts: English in `package.nls.json`,
//! Chinese in `package.nls.zh-cn.json` (what VS Code shows with its Chinese
//! language pack). Every `%key%` of `package.json` has both, and no key is left over.

use serde_json::Value;
use std::collections::BTreeSet;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("editors/vscode/{name}")).unwrap()
}

fn keys(nls: &str) -> BTreeSet<String> {
    let v: Value = serde_json::from_str(&read(nls)).unwrap();
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn every_settings_text_is_in_both_languages() {
    let manifest = read("package.json");
    let placeholder = regex::Regex::new(r#""%([A-Za-z0-9_.]+)%""#).unwrap();
    let used: BTreeSet<String> = placeholder
        .captures_iter(&manifest)
        .map(|c| c[1].to_string())
        .collect();
    assert!(used.len() >= 10, "{used:?}");
    assert_eq!(keys("package.nls.json"), used);
    assert_eq!(keys("package.nls.zh-cn.json"), used);
    let zh: Value = serde_json::from_str(&read("package.nls.zh-cn.json")).unwrap();
    for (k, v) in zh.as_object().unwrap() {
        assert!(!v.as_str().unwrap().is_ascii(), "{k}: not Chinese");
    }
    let ignore = read(".vscodeignore");
    assert!(ignore.contains("!package.nls.json") && ignore.contains("!package.nls.zh-cn.json"));
}
