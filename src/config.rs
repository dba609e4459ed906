//! `xxgk.toml`: per-project configuration.
//!
//! Found by walking up from each checked file (`xxgk.toml`, then `.xxgk.toml`,
//! in each directory); `--config PATH` overrides discovery; `--isolated`
//! ignores every file. The same types generate `xxgk.schema.json` (schemars),
//! so the schema cannot drift from what is accepted.
//!
//! Errors never panic and always name the file, the line and the key: a
//! config that is wrong must stop the gate (exit 2), not be half-applied.

use crate::engine::{LintOptions, ReportKind, RuleLevel};
use crate::rules;
use globset::{Glob, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// File names looked for in each directory, in this order.
pub const CONFIG_NAMES: [&str; 2] = ["xxgk.toml", ".xxgk.toml"];

/// The contents of `xxgk.toml`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "xxgk configuration (xxgk.toml)")]
pub struct Config {
    /// Which deadline applies (条例 art. 49): a department's report is due 31 January,
    /// a government's own report 31 March. `--report-kind` on the command line wins.
    pub report_kind: Option<ReportKind>,
    /// Only these rules run: codes (`T001`), names (`row-total-mismatch`) or code
    /// prefixes (`T`, `T0`). Default: every rule.
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<Vec<Spanned<String>>>,
    /// These rules never run (codes, names or prefixes). Applied after `select`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub ignore: Vec<Spanned<String>>,
    /// Per-rule level by code or name: `"error"`, `"warning"`, `"info"` or `"off"`.
    /// Wins over `select` and `ignore`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleLevel>")]
    pub rules: BTreeMap<Spanned<String>, RuleLevel>,
    /// Extra spellings of table row labels, keyed by the row's stable key (as
    /// `xxgk inspect --format json` prints it, e.g. `new`, `normative_documents`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub aliases: BTreeMap<Spanned<String>, Vec<String>>,
    /// When walking directories, only files matching one of these globs are checked
    /// (relative to the directory holding this file). Default: every report.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
    /// When walking directories, files matching one of these globs are skipped.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
}

/// A configuration problem, always tied to a file (and a position when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the offending key or value.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(
            f,
            ": invalid configuration: {}\n  (fix the file, or run `xxgk init --stdout` for a commented example)",
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// A configuration file, read, validated and resolved.
#[derive(Debug, Clone)]
pub struct ResolvedConfig {
    pub path: PathBuf,
    /// The directory globs are relative to.
    pub root: PathBuf,
    pub options: LintOptions,
    /// The `[rules]` levels alone, by code: what a rule the command line
    /// selects again runs at.
    pub rules_table: BTreeMap<String, RuleLevel>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl ResolvedConfig {
    /// Whether a file found by walking a directory is to be checked.
    pub fn wants(&self, file: &Path) -> bool {
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        let name = file.file_name().map(Path::new);
        let hit = |set: &GlobSet| set.is_match(rel) || name.is_some_and(|n| set.is_match(n));
        if self.include.as_ref().is_some_and(|s| !hit(s)) {
            return false;
        }
        !self.exclude.as_ref().is_some_and(hit)
    }
}

/// 1-based line and character column, with the lines every other position uses
/// (a lone `\r` ends a line, as in an editor).
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let p = crate::input::LineIndex::new(text).char_pos(text, offset);
    (p.line + 1, p.col + 1)
}

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, offset: Option<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            position: offset.map(|o| line_col(self.text, o)),
            message: message.into(),
        }
    }
}

/// Does `selector` (a code, a name or a code prefix) pick `rule`?
fn selects(selector: &str, rule: &rules::Rule) -> bool {
    rule.name == selector
        || selector.eq_ignore_ascii_case("ALL")
        || (is_prefix(selector) && rule.code.starts_with(&selector.to_ascii_uppercase()))
}

/// A code or code prefix: a family letter and up to three digits (`T`, `T0`, `T001`).
fn is_prefix(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.len() <= 4
        && chars.all(|c| c.is_ascii_digit())
}

/// Why `selector` selects nothing, if it does not: the message both the
/// configuration file and the command line give.
fn unknown_selector(selector: &str) -> Option<String> {
    let known = rules::ALL.iter().any(|r| selects(selector, r));
    // A prefix of a known family that no rule has yet is accepted (rules are
    // added over time); a prefix of no family (`Z`) would silently select
    // nothing, and a full code or a name must name a rule that exists.
    let family = |r: &&rules::Rule| r.code[..1].eq_ignore_ascii_case(&selector[..1]);
    let ok = known || (is_prefix(selector) && selector.len() < 4 && rules::ALL.iter().any(family));
    (!ok).then(|| format!("unknown rule `{selector}` (a code like `T001`, a name like `heading-numbering`, or a prefix like `T`; `xxgk rules` lists them)"))
}

fn check_selector(ctx: &Ctx, key: &str, sel: &Spanned<String>) -> Result<(), ConfigError> {
    match unknown_selector(sel.get_ref()) {
        None => Ok(()),
        Some(why) => Err(ctx.err(Some(sel.span().start), format!("`{key}`: {why}"))),
    }
}

/// Rule selection given on the command line: a layer over the configuration
/// file's, as ruff's is. `select` replaces the file's selection (and its
/// `[rules]` offs), `extend_select` adds to whichever applies, `ignore`
/// removes; a rule turned on again keeps the level `[rules]` gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// Every selector must pick a rule or a family; the error names the flag.
    pub fn validate(&self) -> Result<(), String> {
        let flags = [
            ("--select", self.select.as_deref().unwrap_or_default()),
            ("--extend-select", &self.extend_select),
            ("--ignore", &self.ignore),
        ];
        for (flag, selectors) in flags {
            for s in selectors {
                if let Some(why) = unknown_selector(s) {
                    return Err(format!("`{flag}`: {why}"));
                }
            }
        }
        Ok(())
    }

    /// Apply this layer to `options` resolved from a configuration file
    /// whose `[rules]` table is `table` (empty without a file).
    pub fn apply(&self, options: &mut LintOptions, table: &BTreeMap<String, RuleLevel>) {
        let any = |sels: &[String], rule| sels.iter().any(|s| selects(s, rule));
        for rule in rules::ALL {
            let before = options.severity_of(rule).is_some();
            let after = match &self.select {
                Some(sel) => any(sel, rule),
                None => before,
            } || any(&self.extend_select, rule);
            let after = after && !any(&self.ignore, rule);
            if !after {
                options.levels.insert(rule.code.to_string(), RuleLevel::Off);
            } else if !before {
                match table.get(rule.code) {
                    Some(on) if *on != RuleLevel::Off => {
                        options.levels.insert(rule.code.into(), *on)
                    }
                    _ => options.levels.remove(rule.code),
                };
            }
        }
    }
}

/// Parse and validate a configuration file's text.
pub fn parse(path: &Path, text: &str) -> Result<ResolvedConfig, ConfigError> {
    let ctx = Ctx { path, text };
    let config: Config = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        ctx.err(e.span().map(|s| s.start), msg)
    })?;
    resolve(&ctx, config)
}

fn resolve(ctx: &Ctx, config: Config) -> Result<ResolvedConfig, ConfigError> {
    let mut options = LintOptions::default();
    if let Some(kind) = config.report_kind {
        options.report_kind = kind;
    }
    for sel in config.select.iter().flatten() {
        check_selector(ctx, "select", sel)?;
    }
    for sel in &config.ignore {
        check_selector(ctx, "ignore", sel)?;
    }
    for rule in rules::ALL {
        let selected = config
            .select
            .as_ref()
            .is_none_or(|sel| sel.iter().any(|s| selects(s.get_ref(), rule)));
        let ignored = config.ignore.iter().any(|s| selects(s.get_ref(), rule));
        if !selected || ignored {
            options.levels.insert(rule.code.to_string(), RuleLevel::Off);
        }
    }
    let mut rules_table = BTreeMap::new();
    for (key, setting) in &config.rules {
        let Some(rule) = rules::find(key.get_ref()) else {
            return Err(ctx.err(
                Some(key.span().start),
                format!(
                    "[rules]: unknown rule `{}` (use a code like `T001` or a name like `heading-numbering`; `xxgk rules` lists them)",
                    key.get_ref()
                ),
            ));
        };
        options.levels.insert(rule.code.to_string(), *setting);
        rules_table.insert(rule.code.to_string(), *setting);
    }
    let row_keys = alias_keys();
    for (key, spellings) in &config.aliases {
        if !row_keys.contains(&key.get_ref().as_str()) {
            return Err(ctx.err(
                Some(key.span().start),
                format!(
                    "[aliases]: unknown row key `{}`; expected one of: {}",
                    key.get_ref(),
                    row_keys.join(", ")
                ),
            ));
        }
        options
            .extra_aliases
            .insert(key.get_ref().clone(), spellings.clone());
    }
    let parent = ctx.path.parent().map(Path::to_path_buf).unwrap_or_default();
    // Globs are matched against absolute paths, so the root must be absolute too.
    let root = std::env::current_dir()
        .map(|cwd| cwd.join(&parent))
        .unwrap_or(parent);
    Ok(ResolvedConfig {
        path: ctx.path.to_path_buf(),
        root,
        options,
        rules_table,
        include: globs(ctx, "include", &config.include)?,
        exclude: globs(ctx, "exclude", &config.exclude)?,
    })
}

/// Row keys that accept extra aliases: tables 二 and 三 (table 四 has fixed columns, no row labels).
pub fn alias_keys() -> Vec<&'static str> {
    crate::template::TABLE2_ROWS
        .iter()
        .map(|r| r.key)
        .chain(crate::template::TABLE3_ROWS.iter().map(|r| r.key))
        .collect()
}

/// Most globs one `include` or `exclude` list may hold.
pub const MAX_GLOBS: usize = 1000;

fn globs(
    ctx: &Ctx,
    key: &str,
    patterns: &[Spanned<String>],
) -> Result<Option<GlobSet>, ConfigError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    if patterns.len() > MAX_GLOBS {
        // Compiling a huge set takes seconds (issue 11: 100k globs blocked
        // the language server); no report folder needs this many.
        return Err(ctx.err(
            Some(patterns[MAX_GLOBS].span().start),
            format!(
                "`{key}`: {} globs; at most {MAX_GLOBS} are allowed (use `**` patterns instead)",
                patterns.len()
            ),
        ));
    }
    let texts: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
    glob_set(&texts).map(Some).map_err(|(i, why)| {
        let at = patterns.get(i).map(|p| p.span().start);
        ctx.err(at, format!("`{key}`: {why}"))
    })
}

/// A glob set as `include`/`exclude` and `--exclude` build it: `*` stays in
/// one directory, and `dir/**` also matches the files directly in `dir`. The
/// error is the index of the bad pattern and why.
pub fn glob_set(patterns: &[&str]) -> Result<GlobSet, (usize, String)> {
    let mut b = GlobSetBuilder::new();
    for (i, p) in patterns.iter().enumerate() {
        let glob = globset::GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| (i, format!("bad glob `{p}`: {}", e.kind())))?;
        b.add(glob);
        if let Some(stem) = p.strip_suffix("/**") {
            if let Ok(g) = Glob::new(&format!("{stem}/*")) {
                b.add(g);
            }
        }
    }
    b.build().map_err(|e| (patterns.len(), e.to_string()))
}

/// Read and validate one configuration file.
pub fn load(path: &Path) -> Result<ResolvedConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read: {e}"),
    })?;
    parse(path, &text)
}

/// The configuration file that applies to `file`: the nearest `xxgk.toml` or
/// `.xxgk.toml` in its directory or any parent.
pub fn find_for(file: &Path) -> Option<PathBuf> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(file)
    };
    let start = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent()?
    };
    let found = start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })?;
    // Shown in messages: relative to the working directory when inside it.
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf));
    Some(shown.unwrap_or(found))
}

/// The lint options for `path`: from `explicit` if given, else the discovered
/// config, else defaults; `isolated` ignores every configuration file.
pub fn options_for(
    path: &Path,
    explicit: Option<&Path>,
    isolated: bool,
) -> Result<LintOptions, ConfigError> {
    Ok(config_for(path, explicit, isolated)?
        .map(|l| l.options)
        .unwrap_or_default())
}

/// The configuration that applies to `path`, if any.
pub fn config_for(
    path: &Path,
    explicit: Option<&Path>,
    isolated: bool,
) -> Result<Option<ResolvedConfig>, ConfigError> {
    if isolated {
        return Ok(None);
    }
    match explicit {
        Some(p) => load(p).map(Some),
        None => find_for(path).map(|p| load(&p)).transpose(),
    }
}

/// Discovery with a cache: many files share one configuration.
#[derive(Default)]
pub struct Cache {
    by_file: HashMap<PathBuf, Option<std::sync::Arc<ResolvedConfig>>>,
}

impl Cache {
    pub fn get(
        &mut self,
        file: &Path,
        explicit: Option<&Path>,
        isolated: bool,
    ) -> Result<Option<std::sync::Arc<ResolvedConfig>>, ConfigError> {
        if isolated {
            return Ok(None);
        }
        let found = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => find_for(file),
        };
        let Some(found) = found else { return Ok(None) };
        if let Some(hit) = self.by_file.get(&found) {
            return Ok(hit.clone());
        }
        let loaded = std::sync::Arc::new(load(&found)?);
        self.by_file.insert(found, Some(loaded.clone()));
        Ok(Some(loaded))
    }
}

/// The JSON schema of `xxgk.toml`, as committed in `xxgk.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Config);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}

/// The commented default configuration `xxgk init` writes.
pub const DEFAULT_CONFIG: &str = r#"# xxgk configuration. xxgk uses the nearest xxgk.toml (or .xxgk.toml) found by
# walking up from each checked report; `--config PATH` overrides, `--isolated`
# ignores every configuration file. Schema: xxgk.schema.json.

# Which deadline applies (条例第四十九条): "department" (due 31 January) or
# "government" (a government's own report, due 31 March).
report-kind = "department"

# Only these rules run: codes ("T001"), names ("row-total-mismatch") or code
# prefixes ("T" = every table rule). Leave unset to run every rule.
# select = ["E", "S", "T"]

# These rules never run (codes, names or prefixes).
ignore = []

# When checking directories: only files matching `include`, and none matching
# `exclude` (globs relative to this file's directory). Files named explicitly
# on the command line are always checked.
include = []
exclude = []

# Per-rule level: "error", "warning", "info" or "off" (wins over select/ignore).
[rules]
# T001 = "warning"
# heading-numbering = "off"

# Extra spellings of table row labels this body uses, keyed by the row's key
# (see `xxgk inspect --format json`).
[aliases]
# normative_documents = ["规范性文件（含政策文件）"]
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn parse_str(text: &str) -> Result<ResolvedConfig, ConfigError> {
        parse(Path::new("xxgk.toml"), text)
    }

    #[test]
    fn default_config_is_valid_and_changes_nothing() {
        let l = parse_str(DEFAULT_CONFIG).unwrap();
        assert_eq!(l.options.report_kind, ReportKind::Department);
        assert!(l.options.levels.is_empty());
    }

    #[test]
    fn rules_by_code_and_name() {
        let l = parse_str("[rules]\nE001 = \"warning\"\nrow-not-found = \"off\"\n").unwrap();
        assert_eq!(l.options.levels.get("E001"), Some(&RuleLevel::Warning));
        assert_eq!(l.options.levels.get("E002"), Some(&RuleLevel::Off));
    }

    #[test]
    fn too_many_globs_are_an_error() {
        let many: Vec<String> = (0..=MAX_GLOBS).map(|i| format!("\"d{i}/**\"")).collect();
        let e = parse_str(&format!("exclude = [{}]\n", many.join(","))).unwrap_err();
        assert!(
            e.message.contains("1001 globs; at most 1000"),
            "{}",
            e.message
        );
        assert_eq!(e.position.map(|p| p.0), Some(1));
    }

    #[test]
    fn a_prefix_of_no_family_is_an_error() {
        // Issue 11: `select = ["Z"]` silently turned every rule off.
        let e = parse_str("select = [\"Z\"]\n").unwrap_err();
        assert!(e.message.contains("unknown rule `Z`"), "{}", e.message);
        assert!(parse_str("select = [\"T9\"]\n").is_ok());
    }

    #[test]
    fn select_and_ignore() {
        let l = parse_str("select = [\"E\"]\nignore = [\"E002\"]\n").unwrap();
        assert_eq!(l.options.levels.get("E002"), Some(&RuleLevel::Off));
        assert_eq!(l.options.levels.get("E001"), None);
        assert_eq!(l.options.levels.get("H900"), Some(&RuleLevel::Off));
    }

    #[test]
    fn the_command_line_layer_replaces_adds_and_removes() {
        let l =
            parse_str("select = [\"E\"]\n[rules]\nT001 = \"warning\"\nE002 = \"off\"\n").unwrap();
        let on = |sel: Selection| {
            let mut o = l.options.clone();
            sel.apply(&mut o, &l.rules_table);
            let mut on: Vec<_> = rules::ALL
                .iter()
                .filter_map(|r| Some((r.code, o.severity_of(r)?)))
                .collect();
            on.sort();
            on
        };
        let (e001, t001) = (("E001", Severity::Error), ("T001", Severity::Warning));
        let e003 = ("E003", Severity::Error);
        // The file alone: family E but E002, and T001 by its [rules] level.
        assert_eq!(on(Selection::default()), [e001, e003, t001]);
        // --select replaces, [rules] levels kept for what it selects again.
        let select = |s: &str| Selection {
            select: Some(vec![s.into()]),
            ..Default::default()
        };
        assert_eq!(on(select("T001")), [t001]);
        assert_eq!(on(select("E002")), [("E002", Severity::Error)]);
        let extend = Selection {
            extend_select: vec!["T002".into()],
            ignore: vec!["T001".into()],
            ..Default::default()
        };
        assert_eq!(on(extend), [e001, e003, ("T002", Severity::Error)]);
        let bad = Selection {
            ignore: vec!["Q".into()],
            ..Default::default()
        };
        assert!(bad
            .validate()
            .unwrap_err()
            .starts_with("`--ignore`: unknown rule `Q`"));
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = parse_str("report-kind = \"government\"\n\nfoo = 1\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert!(e.message.contains("unknown field `foo`"), "{}", e.message);
    }

    #[test]
    fn error_positions_count_lines_as_line_index_does() {
        // Characters, not bytes, after a CRLF.
        let e = parse_str("# 配置\r\nrules = 3\r\n").unwrap_err();
        assert_eq!(e.position, Some((2, 9)), "{e}");
        // TOML has no lone CR line break: the CR itself is the error, on line 1.
        let e = parse_str("report-kind = \"department\"\rrules = 3\r").unwrap_err();
        assert_eq!(e.position, Some((1, 27)), "{e}");
    }

    #[test]
    fn bad_values_name_line() {
        let e = parse_str("report-kind = \"county\"\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(1));
        assert!(e.message.contains("county"), "{}", e.message);
        let e = parse_str("[rules]\nE001 = \"loud\"\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        let e = parse_str("\n[rules]\nZ999 = \"off\"\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert!(e.message.contains("Z999"));
        let e = parse_str("select = [\"E001\", \"no-such-rule\"]\n").unwrap_err();
        assert_eq!(e.position, Some((1, 19)));
        let e = parse_str("exclude = [\"a/[\"]\n").unwrap_err();
        assert!(e.message.contains("bad glob"), "{}", e.message);
        let e = parse_str("[aliases]\nnope = [\"x\"]\n").unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
    }

    #[test]
    fn aliases_are_kept() {
        let l =
            parse_str("[aliases]\nnormative_documents = [\"规范性文件（含政策文件）\"]\n").unwrap();
        assert_eq!(
            l.options.extra_aliases.get("normative_documents").unwrap(),
            &vec!["规范性文件（含政策文件）".to_string()]
        );
    }

    #[test]
    fn include_exclude() {
        let mut l = parse_str("include = [\"reports/**\"]\nexclude = [\"*.draft.md\"]\n").unwrap();
        l.root = PathBuf::from("/p");
        assert!(l.wants(Path::new("/p/reports/a.txt")));
        assert!(l.wants(Path::new("/p/reports/2024/a.txt")));
        assert!(!l.wants(Path::new("/p/other/a.txt")));
        assert!(!l.wants(Path::new("/p/reports/a.draft.md")));
    }
}
