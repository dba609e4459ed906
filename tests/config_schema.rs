//! `xxgk.schema.json` is generated from the config types; this test fails when
//! the committed copy is stale. Regenerate with
//! `XXGK_UPDATE_SCHEMA=1 cargo test --test config_schema`.

use std::path::Path;

#[test]
fn committed_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("xxgk.schema.json");
    let generated = xxgk::config::json_schema();
    if std::env::var_os("XXGK_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "xxgk.schema.json is stale; run `XXGK_UPDATE_SCHEMA=1 cargo test --test config_schema`"
    );
}

#[test]
fn default_config_validates_against_schema() {
    let schema: serde_json::Value = serde_json::from_str(&xxgk::config::json_schema()).unwrap();
    let config: toml::Value = toml::from_str(xxgk::config::DEFAULT_CONFIG).unwrap();
    let instance = serde_json::to_value(config).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // And the schema rejects what the loader rejects.
    let bad = serde_json::json!({ "report-kind": "county", "unknown": 1 });
    assert!(!validator.is_valid(&bad));
}
