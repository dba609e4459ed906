//! `xxgk check`'s selection and display flags, as ruff spells them:
//! `--select`, `--extend-select`, `--ignore`, `--exclude`, `--quiet`,
//! `--color`, `--show-settings`. Resolving them is the configuration's job
//! (src/config.rs); this file only reads them and prints the settings.

use crate::config::{self, Selection};
use crate::engine::LintOptions;
use crate::rules;
use clap::{Args, ValueEnum};
use globset::GlobSet;
use std::path::Path;

#[derive(Args, Debug, Default)]
pub struct SelectionArgs {
    /// 只运行这些规则（代码、名称或前缀，如 T001、row-total-mismatch、T；逗号分隔），取代配置文件的 select
    /// (only these rules; replaces `select` in xxgk.toml).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// 在已选规则之外再运行这些规则 (also run these rules).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// 不运行这些规则 (never run these rules).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// 遍历目录时跳过匹配的文件或目录（glob，可重复；在命令行上直接给出的文件照常检查）
    /// (skip matching files or folders when walking directories).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// 只输出问题，不输出提示、汇总行、修复计数和「未发现问题」 (print findings only; no notes, no summary).
    #[arg(long, short)]
    pub quiet: bool,
    /// 何时使用颜色 (when to use colour).
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    /// 显示第一个输入实际使用的设置后退出，不检查 (print the settings that apply and exit).
    #[arg(long)]
    pub show_settings: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// 仅在终端上，且未设置 NO_COLOR 时 (only on a terminal, never with NO_COLOR).
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn wanted(self, auto: impl FnOnce() -> bool) -> bool {
        match self {
            ColorChoice::Auto => auto(),
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        }
    }
}

impl SelectionArgs {
    /// The rule selection layer, validated (an unknown selector is an error).
    pub fn selection(&self) -> Result<Selection, String> {
        let sel = Selection {
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
        };
        sel.validate()?;
        Ok(sel)
    }

    /// `--exclude` as a glob set; `None` when not given.
    pub fn exclude_set(&self) -> Result<Option<GlobSet>, String> {
        if self.exclude.is_empty() {
            return Ok(None);
        }
        let texts: Vec<&str> = self.exclude.iter().map(String::as_str).collect();
        config::glob_set(&texts)
            .map(Some)
            .map_err(|(_, why)| format!("`--exclude`: {why}"))
    }
}

/// Whether a file found by walking `root` is excluded by `--exclude`: the
/// glob matches its path as walked, or the name of the file or of a folder
/// below `root` (`--exclude drafts` skips every `drafts` folder, as in ruff;
/// the folders above `root` do not count).
pub fn excluded(set: &GlobSet, root: &Path, path: &Path) -> bool {
    let walked = path.strip_prefix(".").unwrap_or(path);
    let below = path.strip_prefix(root).unwrap_or(path);
    set.is_match(walked)
        || below
            .components()
            .any(|c| set.is_match(Path::new(c.as_os_str())))
}

/// `--show-settings`: what applies to `path`, one line a setting.
pub fn settings_text(path: &Path, config: Option<&Path>, options: &LintOptions) -> String {
    use crate::messages as m;
    let mut s = m::SETTINGS_FILE.fill(&[&path.display()]) + "\n";
    let config = config.map_or(m::SETTINGS_NO_CONFIG.text().to_string(), |p| {
        p.display().to_string()
    });
    s += &(m::SETTINGS_CONFIG.fill(&[&config]) + "\n");
    let kind = options
        .report_kind
        .map_or(m::SETTINGS_KIND_INFERRED.text().to_string(), |k| {
            format!("{k:?}").to_lowercase()
        });
    s += &(m::SETTINGS_KIND.fill(&[&kind]) + "\n");
    s += &(m::SETTINGS_RULES.text().to_string() + "\n");
    // Names aligned on the longest (S012's is 34 characters).
    let width = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for rule in rules::ALL {
        let level = match options.severity_of(rule) {
            Some(sev) => format!("{sev:?}").to_lowercase(),
            None => "off".to_string(),
        };
        let threshold = rule.threshold().map_or(String::new(), |t| {
            let v = options.thresholds.get(rule.code).unwrap_or(&t.default);
            format!("  {}", m::SETTINGS_THRESHOLD.fill(&[v]))
        });
        s += &format!("  {} {:<width$} {level}{threshold}\n", rule.code, rule.name);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_above_the_walked_one_do_not_count() {
        let set = config::glob_set(&["tmp", "*.old.txt", "reports/2023/*"]).unwrap();
        let root = Path::new("/tmp/reports");
        assert!(!excluded(&set, root, Path::new("/tmp/reports/a.txt")));
        assert!(excluded(&set, root, Path::new("/tmp/reports/tmp/a.txt")));
        assert!(excluded(&set, root, Path::new("/tmp/reports/x/b.old.txt")));
        let rel = Path::new("reports");
        assert!(excluded(&set, rel, Path::new("reports/2023/a.txt")));
        assert!(!excluded(&set, rel, Path::new("reports/2024/a.txt")));
    }
}
