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
use crate::messages as m;
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
    /// a government's own report 31 March. Unset: inferred from the issuer in the title
    /// or signature (人民政府 / 政府办公室 → government). `--report-kind` on the command line wins.
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
    /// Wins over `select` and `ignore`. A rule that takes a threshold (X003, X004)
    /// may be a table instead: `[rules.X003]` with `level` and `threshold`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleEntry>")]
    pub rules: BTreeMap<Spanned<String>, RuleEntry>,
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
    /// Rules turned off for the files a glob matches (relative to the directory
    /// holding this file, or a file name): `"drafts/**" = ["Y", "H001"]`, as in ruff.
    /// Applied after every other selection, the command line's included.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// A `[rules]` entry: a level, or a table with a level and a threshold.
#[derive(Debug, Clone, Copy, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum RuleEntry {
    Level(RuleLevel),
    Table(RuleTable),
}

/// `[rules.X003]`: the level (unchanged when absent) and the rule's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleTable {
    pub level: Option<RuleLevel>,
    /// X003: the share of reused sentences that is too much (default 0.5);
    /// X004: the factor of change that is a jump (default 10).
    pub threshold: Option<f64>,
}

impl RuleEntry {
    fn level(self) -> Option<RuleLevel> {
        match self {
            RuleEntry::Level(l) => Some(l),
            RuleEntry::Table(t) => t.level,
        }
    }

    fn threshold(self) -> Option<f64> {
        match self {
            RuleEntry::Level(_) => None,
            RuleEntry::Table(t) => t.threshold,
        }
    }
}

// By hand rather than `untagged`, so that a wrong level keeps serde's precise
// message (`unknown variant `loud`, expected one of …`).
impl<'de> Deserialize<'de> for RuleEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RuleEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(m::CONFIG_LEVEL_EXPECTED.text())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleEntry, E> {
                use serde::de::IntoDeserializer;
                RuleLevel::deserialize(v.into_deserializer()).map(RuleEntry::Level)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RuleEntry, A::Error> {
                RuleTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RuleEntry::Table)
            }
        }
        d.deserialize_any(V)
    }
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
        let mut at = self.path.display().to_string();
        if let Some((line, col)) = self.position {
            at = format!("{at}:{line}:{col}");
        }
        f.write_str(&m::CONFIG_INVALID.fill(&[&at, &self.message]))
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
    /// `per-file-ignores`: each glob with the selectors it turns off.
    per_file_ignores: Vec<(GlobSet, Vec<String>)>,
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

    /// The options for `file`: this file's, with its `per-file-ignores` applied.
    pub fn options_for(&self, file: &Path) -> LintOptions {
        let mut o = self.options.clone();
        self.apply_per_file_ignores(file, &mut o);
        o
    }

    /// Turn off the rules `per-file-ignores` names for `file` (after any other
    /// selection: the command line's `--select` does not bring them back, as in ruff).
    pub fn apply_per_file_ignores(&self, file: &Path, options: &mut LintOptions) {
        if self.per_file_ignores.is_empty() {
            return;
        }
        let abs = std::env::current_dir()
            .map(|cwd| cwd.join(file))
            .unwrap_or_else(|_| file.to_path_buf());
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        let name = file.file_name().map(Path::new);
        for (set, selectors) in &self.per_file_ignores {
            if !(set.is_match(rel) || name.is_some_and(|n| set.is_match(n))) {
                continue;
            }
            for rule in rules::ALL {
                if selectors.iter().any(|s| selects(s, rule)) {
                    options.levels.insert(rule.code.to_string(), RuleLevel::Off);
                }
            }
        }
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

/// Does `selector` turn `rule` on? As [`selects`], except that an opt-in rule
/// (X004) is turned on only by its code or name, never by a prefix or `ALL`.
fn turns_on(selector: &str, rule: &rules::Rule) -> bool {
    if rule.on_by_default() {
        selects(selector, rule)
    } else {
        rule.code.eq_ignore_ascii_case(selector) || rule.name == selector
    }
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
    (!ok).then(|| m::CONFIG_UNKNOWN_SELECTOR.fill(&[&selector]))
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
        let any = |sels: &[String], rule| sels.iter().any(|s| turns_on(s, rule));
        for rule in rules::ALL {
            let before = options.severity_of(rule).is_some();
            let after = match &self.select {
                Some(sel) => any(sel, rule),
                None => before,
            } || any(&self.extend_select, rule);
            let after = after && !self.ignore.iter().any(|s| selects(s, rule));
            if !after {
                options.levels.insert(rule.code.to_string(), RuleLevel::Off);
            } else if !before {
                let on = RuleLevel::from(rule.severity);
                match table.get(rule.code) {
                    Some(on) if *on != RuleLevel::Off => {
                        options.levels.insert(rule.code.into(), *on)
                    }
                    _ if !rule.on_by_default() => options.levels.insert(rule.code.into(), on),
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
        let msg = toml_message(crate::lang::current(), e.message().trim());
        ctx.err(e.span().map(|s| s.start), msg)
    })?;
    resolve(&ctx, config)
}

/// toml's (serde's) message in the chosen language. The common ones (an
/// unknown key or value, a wrong type, a missing or repeated key) have fixed
/// English wordings and are recognised by them; any other keeps toml's text.
fn toml_message(lang: crate::lang::Lang, msg: &str) -> String {
    if lang == crate::lang::Lang::En {
        return msg.to_string();
    }
    let two = |m: &m::Message, prefix: &str, sep: &str| {
        let (a, b) = msg.strip_prefix(prefix)?.split_once(sep)?;
        Some(m.fill_in(lang, &[&a, &b]))
    };
    let one = |m: &m::Message, prefix: &str| Some(m.fill_in(lang, &[&msg.strip_prefix(prefix)?]));
    two(
        &m::CONFIG_UNKNOWN_FIELD,
        "unknown field ",
        ", expected one of ",
    )
    .or_else(|| two(&m::CONFIG_UNKNOWN_FIELD, "unknown field ", ", expected "))
    .or_else(|| {
        two(
            &m::CONFIG_UNKNOWN_VARIANT,
            "unknown variant ",
            ", expected one of ",
        )
    })
    .or_else(|| {
        two(
            &m::CONFIG_UNKNOWN_VARIANT,
            "unknown variant ",
            ", expected ",
        )
    })
    .or_else(|| two(&m::CONFIG_INVALID_TYPE, "invalid type: ", ", expected "))
    .or_else(|| two(&m::CONFIG_INVALID_VALUE, "invalid value: ", ", expected "))
    .or_else(|| one(&m::CONFIG_MISSING_FIELD, "missing field "))
    .or_else(|| one(&m::CONFIG_DUPLICATE_KEY, "duplicate key "))
    .unwrap_or_else(|| m::CONFIG_CANNOT_PARSE.fill_in(lang, &[&msg]))
}

fn resolve(ctx: &Ctx, config: Config) -> Result<ResolvedConfig, ConfigError> {
    let mut options = LintOptions {
        report_kind: config.report_kind,
        ..LintOptions::default()
    };
    select_rules(ctx, &config, &mut options)?;
    let rules_table = rule_entries(ctx, &config, &mut options)?;
    row_aliases(ctx, &config, &mut options)?;
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
        per_file_ignores: per_file_ignores(ctx, &config.per_file_ignores)?,
    })
}

/// `select` and `ignore`: the rules they turn off, and the opt-in rules a
/// `select` names explicitly (turned on at their default severity).
fn select_rules(ctx: &Ctx, config: &Config, options: &mut LintOptions) -> Result<(), ConfigError> {
    for sel in config.select.iter().flatten() {
        check_selector(ctx, "select", sel)?;
    }
    for sel in &config.ignore {
        check_selector(ctx, "ignore", sel)?;
    }
    for rule in rules::ALL {
        let named = |sel: &Vec<Spanned<String>>| sel.iter().any(|s| turns_on(s.get_ref(), rule));
        let selected = config.select.as_ref().is_none_or(named);
        let ignored = config.ignore.iter().any(|s| selects(s.get_ref(), rule));
        if !selected || ignored {
            options.levels.insert(rule.code.to_string(), RuleLevel::Off);
        } else if !rule.on_by_default() && config.select.as_ref().is_some_and(named) {
            let on = RuleLevel::from(rule.severity);
            options.levels.insert(rule.code.to_string(), on);
        }
    }
    Ok(())
}

/// `[rules]`: each entry's level (returned by code, as written) and threshold.
fn rule_entries(
    ctx: &Ctx,
    config: &Config,
    options: &mut LintOptions,
) -> Result<BTreeMap<String, RuleLevel>, ConfigError> {
    let mut rules_table = BTreeMap::new();
    for (key, entry) in &config.rules {
        let Some(rule) = rules::find(key.get_ref()) else {
            let why = m::CONFIG_UNKNOWN_RULE_KEY.fill(&[key.get_ref()]);
            return Err(ctx.err(Some(key.span().start), why));
        };
        if let Some(level) = entry.level() {
            options.levels.insert(rule.code.to_string(), level);
            rules_table.insert(rule.code.to_string(), level);
        }
        if let Some(v) = entry.threshold() {
            let t = threshold_in_range(rule, v).map_err(|m| ctx.err(Some(key.span().start), m))?;
            options.thresholds.insert(rule.code.to_string(), t);
        }
    }
    Ok(rules_table)
}

/// `[aliases]`: more spellings of table rows, by the template's row keys.
fn row_aliases(ctx: &Ctx, config: &Config, options: &mut LintOptions) -> Result<(), ConfigError> {
    let row_keys = alias_keys();
    for (key, spellings) in &config.aliases {
        if !row_keys.contains(&key.get_ref().as_str()) {
            let why = m::CONFIG_UNKNOWN_ROW_KEY.fill(&[key.get_ref(), &row_keys.join(", ")]);
            return Err(ctx.err(Some(key.span().start), why));
        }
        options
            .extra_aliases
            .insert(key.get_ref().clone(), spellings.clone());
    }
    Ok(())
}

/// `v` if `rule` takes a threshold and `v` is in its range.
fn threshold_in_range(rule: &rules::Rule, v: f64) -> Result<f64, String> {
    let Some(t) = rule.threshold() else {
        let takes: Vec<_> = rules::THRESHOLDS.iter().map(|t| t.code).collect();
        return Err(m::CONFIG_NO_THRESHOLD.fill(&[&rule.code, &takes.join(", ")]));
    };
    if !(t.min..=t.max).contains(&v) {
        return Err(m::CONFIG_THRESHOLD_RANGE.fill(&[&rule.code, &v, &t.meaning]));
    }
    Ok(v)
}

fn per_file_ignores(
    ctx: &Ctx,
    table: &BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
) -> Result<Vec<(GlobSet, Vec<String>)>, ConfigError> {
    let mut out = Vec::with_capacity(table.len());
    for (glob, selectors) in table {
        for sel in selectors {
            check_selector(ctx, "per-file-ignores", sel)?;
        }
        let set = globs(ctx, "per-file-ignores", std::slice::from_ref(glob))?.expect("one pattern");
        out.push((set, selectors.iter().map(|s| s.get_ref().clone()).collect()));
    }
    Ok(out)
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
            m::CONFIG_TOO_MANY_GLOBS.fill(&[&key, &patterns.len(), &MAX_GLOBS]),
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
            .map_err(|e| (i, m::CONFIG_BAD_GLOB.fill(&[p, e.kind()])))?;
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
        message: m::CONFIG_CANNOT_READ.fill(&[&e]),
    })?;
    parse(path, &text)
}

/// The configuration file that applies to `file`: the nearest `xxgk.toml` or
/// `.xxgk.toml` in its directory or any parent.
pub fn find_for(file: &Path) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok();
    find_from(&start_dir(file, cwd.as_deref())?, cwd.as_deref())
}

/// The directory discovery starts from for `file`: the file's own directory
/// (or `file` itself when it is one), made absolute against `cwd`.
fn start_dir(file: &Path, cwd: Option<&Path>) -> Option<PathBuf> {
    let abs = absolute_in(file, cwd)?;
    if abs.is_dir() {
        Some(abs)
    } else {
        abs.parent().map(Path::to_path_buf)
    }
}

/// `file` made absolute against `cwd` (`None`: relative and no `cwd`).
fn absolute_in(file: &Path, cwd: Option<&Path>) -> Option<PathBuf> {
    if file.is_absolute() {
        Some(file.to_path_buf())
    } else {
        Some(cwd?.join(file))
    }
}

/// The nearest configuration file in `start` or a parent, shown relative to
/// `cwd` when inside it.
fn find_from(start: &Path, cwd: Option<&Path>) -> Option<PathBuf> {
    let found = start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })?;
    // Shown in messages: relative to the working directory when inside it.
    let shown = cwd.and_then(|cwd| found.strip_prefix(cwd).ok().map(Path::to_path_buf));
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
        .map(|l| l.options_for(path))
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

/// Whether `file` is `folder`, a separator and a plain name (no separator,
/// not `.` or `..`): then `folder` is its parent, read off the bytes without
/// splitting both paths into components (over 10,000 walked files, half of
/// the configuration lookups' instructions; issue 15).
fn is_file_in(file: &Path, folder: &Path) -> bool {
    let (file, folder) = (
        file.as_os_str().as_encoded_bytes(),
        folder.as_os_str().as_encoded_bytes(),
    );
    let Some(rest) = file.strip_prefix(folder) else {
        return false;
    };
    let separator = |b: &u8| std::path::is_separator(char::from(*b));
    match rest.split_first() {
        Some((first, name)) if separator(first) && !folder.is_empty() => {
            !name.is_empty() && !name.iter().any(separator) && name != b"." && name != b".."
        }
        _ => false,
    }
}

/// Discovery with a cache: many files share one configuration, and the
/// files of one directory one discovery (issue 15: the walk up from each
/// file was 20 `statx` calls per file, twice).
#[derive(Default)]
pub struct Cache {
    by_file: HashMap<PathBuf, Option<std::sync::Arc<ResolvedConfig>>>,
    /// The configuration file found from each start directory.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// The working directory, read once.
    cwd: Option<Option<PathBuf>>,
    /// The folder of the last file [`Cache::get_for_file`] was asked for, and its answer.
    last_folder: Option<(PathBuf, Option<std::sync::Arc<ResolvedConfig>>)>,
}

impl Cache {
    pub fn get(
        &mut self,
        file: &Path,
        explicit: Option<&Path>,
        isolated: bool,
    ) -> Result<Option<std::sync::Arc<ResolvedConfig>>, ConfigError> {
        self.get_from(file, explicit, isolated, Start::Probe)
    }

    /// [`Cache::get`] for a path known not to be a folder (a walked file, or
    /// one named on the command line that is not a folder): no `statx` to
    /// ask, which over a folder of 10,000 reports was most of the walk's
    /// system time (issue 15).
    pub fn get_for_file(
        &mut self,
        file: &Path,
        explicit: Option<&Path>,
        isolated: bool,
    ) -> Result<Option<std::sync::Arc<ResolvedConfig>>, ConfigError> {
        if explicit.is_some() || isolated {
            return self.get_from(file, explicit, isolated, Start::Parent);
        }
        // A walk gives a folder's files one after another: the answer for the
        // last file's folder stands, without making the path absolute and
        // hashing it again (byte-equal folders are the same folder).
        if let Some((last, hit)) = &self.last_folder {
            if is_file_in(file, last) {
                return Ok(hit.clone());
            }
        }
        let Some(folder) = file.parent() else {
            return self.get_from(file, explicit, isolated, Start::Parent);
        };
        let got = self.get_from(file, None, false, Start::Parent)?;
        self.last_folder = Some((folder.to_path_buf(), got.clone()));
        Ok(got)
    }

    fn get_from(
        &mut self,
        file: &Path,
        explicit: Option<&Path>,
        isolated: bool,
        start: Start,
    ) -> Result<Option<std::sync::Arc<ResolvedConfig>>, ConfigError> {
        if isolated {
            return Ok(None);
        }
        let found = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => self.find(file, start),
        };
        let Some(found) = found else { return Ok(None) };
        if let Some(hit) = self.by_file.get(&found) {
            return Ok(hit.clone());
        }
        let loaded = std::sync::Arc::new(load(&found)?);
        self.by_file.insert(found, Some(loaded.clone()));
        Ok(Some(loaded))
    }

    /// [`find_for`], once per start directory.
    fn find(&mut self, file: &Path, start: Start) -> Option<PathBuf> {
        let cwd = self.cwd();
        let start = match start {
            Start::Probe => start_dir(file, cwd)?,
            Start::Parent => absolute_in(file, cwd)?.parent()?.to_path_buf(),
        };
        if let Some(hit) = self.by_dir.get(&start) {
            return hit.clone();
        }
        let found = find_from(&start, self.cwd());
        self.by_dir.insert(start, found.clone());
        found
    }

    /// The working directory, read once per run.
    fn cwd(&mut self) -> Option<&Path> {
        self.cwd
            .get_or_insert_with(|| std::env::current_dir().ok())
            .as_deref()
    }

    /// `path` made absolute against the working directory (read once), as
    /// configuration globs want it.
    pub fn absolute(&mut self, path: &Path) -> PathBuf {
        absolute_in(path, self.cwd()).unwrap_or_else(|| path.to_path_buf())
    }
}

/// Where discovery starts from a path: [`start_dir`] (asks whether the path
/// is itself a folder), or its parent when it is known to be a file.
#[derive(Clone, Copy)]
enum Start {
    Probe,
    Parent,
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
# "government" (a government's own report, due 31 March). Unset, it is inferred
# from the issuer in the title or signature (人民政府/政府办公室: government).
# report-kind = "department"

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

# Rules turned off for some files (globs as above, then codes, names or prefixes).
[per-file-ignores]
# "drafts/**" = ["Y", "H001"]

# Per-rule level: "error", "warning", "info" or "off" (wins over select/ignore).
[rules]
# T001 = "warning"
# heading-numbering = "off"
# X004 = "warning"   # opt-in: table figures that jump 10× against last year
# A rule with a threshold (X003, X004) takes a table instead of a level:
# [rules.X003]
# threshold = 0.6    # share of sections 一/五 repeated from last year (default 0.5)

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
    fn a_file_is_in_a_folder_by_its_bytes_only_when_that_folder_is_its_parent() {
        let pairs = [
            ("a/b.txt", "a", true),
            ("/r/报告/2024.txt", "/r/报告", true),
            ("a/b/c.txt", "a", false),
            ("ab.txt", "a", false),
            ("a/", "a", false),
            ("a/.", "a", false),
            ("a/..", "a", false),
            ("b.txt", "", false),
            ("/b.txt", "/", false),
            ("a//b.txt", "a", false),
        ];
        for (file, folder, inside) in pairs {
            let (file, folder) = (Path::new(file), Path::new(folder));
            assert_eq!(is_file_in(file, folder), inside, "{file:?} in {folder:?}");
            if inside {
                assert_eq!(file.parent(), Some(folder), "{file:?}");
            }
        }
    }

    #[test]
    fn a_file_known_to_be_one_finds_the_configuration_a_probe_finds() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("2024");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(
            dir.path().join("xxgk.toml"),
            "report-kind = \"government\"\n",
        )
        .unwrap();
        let file = sub.join("a.txt");
        std::fs::write(&file, "x").unwrap();
        let mut cache = Cache::default();
        let probed = cache.get(&file, None, false).unwrap().unwrap();
        let mut fresh = Cache::default();
        let known = fresh.get_for_file(&file, None, false).unwrap().unwrap();
        assert_eq!(probed.options.report_kind, known.options.report_kind);
        assert!(known.options.report_kind.is_some());
        // A folder given as a file starts from its parent: only a probe starts inside it.
        std::fs::write(sub.join("xxgk.toml"), "").unwrap();
        let inner = Cache::default().get(&sub, None, false).unwrap().unwrap();
        let outer = Cache::default()
            .get_for_file(&sub, None, false)
            .unwrap()
            .unwrap();
        assert!(inner.options.report_kind.is_none());
        assert!(outer.options.report_kind.is_some());
    }

    #[test]
    fn one_cache_answers_each_folder_for_its_own_files_in_any_order() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("xxgk.toml"), "report-kind = \"government\"\n").unwrap();
        let kind = |c: &mut Cache, f: &Path| {
            let cfg = c.get_for_file(f, None, false).unwrap();
            cfg.and_then(|c| c.options.report_kind)
        };
        let mut cache = Cache::default();
        let a1 = kind(&mut cache, &a.join("1.txt"));
        assert!(a1.is_some());
        // The same folder again, another folder, then back: each its own answer.
        assert_eq!(kind(&mut cache, &a.join("2.txt")), a1);
        assert_eq!(kind(&mut cache, &b.join("1.txt")), None);
        assert_eq!(kind(&mut cache, &b.join("2.txt")), None);
        assert_eq!(kind(&mut cache, &a.join("3.txt")), a1);
        // --isolated and --config are not answered from the folder's memory.
        assert!(cache
            .get_for_file(&a.join("4.txt"), None, true)
            .unwrap()
            .is_none());
        assert_eq!(kind(&mut cache, &a.join("5.txt")), a1);
    }

    #[test]
    fn default_config_is_valid_and_changes_nothing() {
        let l = parse_str(DEFAULT_CONFIG).unwrap();
        assert_eq!(l.options.report_kind, None);
        assert!(l.options.levels.is_empty());
    }

    #[test]
    fn per_file_ignores_turn_rules_off_for_matching_files() {
        let l = parse_str("[per-file-ignores]\n\"drafts/**\" = [\"Y\", \"H001\"]\n\"old.txt\" = [\"heading-numbering\"]\n").unwrap();
        let off = |f: &str, code: &str| {
            l.options_for(Path::new(f)).levels.get(code) == Some(&RuleLevel::Off)
        };
        assert!(off("drafts/a.txt", "Y003") && off("drafts/x/b.txt", "H001"));
        assert!(!off("drafts/a.txt", "H002") && !off("final/a.txt", "Y003"));
        // A bare file name matches that file in any folder.
        assert!(off("x/old.txt", "S003") && !off("x/old.txt", "Y003"));
        let e = parse_str("[per-file-ignores]\n\"*.txt\" = [\"Z9\"]\n").unwrap_err();
        assert!(e.message.contains("per-file-ignores"), "{e}");
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
            e.message.contains("有 1001 个 glob，最多允许 1000 个"),
            "{}",
            e.message
        );
        assert_eq!(e.position.map(|p| p.0), Some(1));
    }

    #[test]
    fn a_prefix_of_no_family_is_an_error() {
        // Issue 11: `select = ["Z"]` silently turned every rule off.
        let e = parse_str("select = [\"Z\"]\n").unwrap_err();
        assert!(e.message.contains("未知规则「Z」"), "{}", e.message);
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
            .starts_with("`--ignore`: 未知规则「Q」"));
    }

    /// toml's own messages: the common ones in Chinese, keeping the names;
    /// in English (and any other) as toml wrote them.
    #[test]
    fn toml_messages_are_chinese_when_recognised() {
        use crate::lang::Lang;
        let zh = |text: &str| parse_str(text).unwrap_err().message;
        assert!(zh("select = 3\n").starts_with("类型不对：实际是 integer `3`，应为 "));
        assert!(zh("report-kind = \"county\"\n").starts_with("取值 `county` 无效；可用的有：`"));
        assert!(zh("[rules]\nT001 = 3\n").contains("应为 级别（\"error\"、"));
        assert!(zh("select = [\n").starts_with("无法解析 (cannot parse)："));
        let en = "unknown field `foo`, expected one of `a`, `b`";
        assert_eq!(toml_message(Lang::En, en), en);
        assert_eq!(
            toml_message(Lang::Zh, en),
            "未知的设置项 `foo`；可用的有：`a`, `b` (unknown field)"
        );
        assert_eq!(
            toml_message(Lang::Zh, "missing field `level`"),
            "缺少设置项 `level` (missing field)"
        );
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = parse_str("report-kind = \"government\"\n\nfoo = 1\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert!(
            e.message.contains("未知的设置项 `foo`；可用的有："),
            "{}",
            e.message
        );
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
    fn rule_tables_set_level_and_threshold() {
        let l = parse_str(
            "[rules.X003]\nthreshold = 0.6\n[rules.X004]\nlevel = \"info\"\nthreshold = 5\n",
        )
        .unwrap();
        assert_eq!(l.options.thresholds.get("X003"), Some(&0.6));
        assert_eq!(
            l.options.levels.get("X003"),
            None,
            "a threshold alone keeps the level"
        );
        assert_eq!(l.options.thresholds.get("X004"), Some(&5.0));
        assert_eq!(l.options.levels.get("X004"), Some(&RuleLevel::Info));
        // Out of range, a rule without a threshold, an unknown key: errors naming the line.
        let e = parse_str("[rules.X003]\nthreshold = 3\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(1), "{}", e.message);
        assert!(e.message.contains("超出范围"), "{}", e.message);
        let e = parse_str("[rules.T001]\nthreshold = 0.5\n").unwrap_err();
        assert!(e.message.contains("X003"), "{}", e.message);
        let e = parse_str("[rules.X003]\nlimit = 0.5\n").unwrap_err();
        assert!(e.message.contains("limit"), "{}", e.message);
    }

    #[test]
    fn opt_in_rules_run_only_when_named() {
        let x004 = rules::find("X004").unwrap();
        let off = LintOptions::default();
        assert_eq!(off.severity_of(x004), None);
        // A prefix or ALL does not turn it on; its code or name does.
        for (sels, on) in [
            ("\"X\"", false),
            ("\"ALL\"", false),
            ("\"X004\"", true),
            ("\"year-over-year-jump\"", true),
        ] {
            let l = parse_str(&format!("select = [{sels}]\n")).unwrap();
            assert_eq!(
                l.options.severity_of(x004).is_some(),
                on,
                "select = [{sels}]"
            );
        }
        let l = parse_str("[rules]\nX004 = \"warning\"\n").unwrap();
        assert_eq!(l.options.severity_of(x004), Some(Severity::Warning));
        for (ext, on) in [("X", false), ("X004", true)] {
            let mut o = LintOptions::default();
            let sel = Selection {
                extend_select: vec![ext.into()],
                ..Default::default()
            };
            sel.apply(&mut o, &BTreeMap::new());
            assert_eq!(o.severity_of(x004).is_some(), on, "--extend-select {ext}");
        }
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
