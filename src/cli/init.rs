//! `xxgk init`: write a commented default `xxgk.toml`, its comments in the
//! chosen language; `xxgk template`: print the report template the parser
//! matches against.

use super::{error, EXIT_CLEAN, EXIT_ERROR};
use crate::config::DEFAULT_CONFIG;
use crate::lang::{self, Lang};
use crate::messages;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Directory to write xxgk.toml into.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Print the configuration instead of writing it.
    #[arg(long)]
    pub stdout: bool,
    /// Overwrite an existing xxgk.toml.
    #[arg(long)]
    pub force: bool,
}

/// [`DEFAULT_CONFIG`] with its comments in Chinese: the same settings (a
/// test compares the two as TOML values).
pub const DEFAULT_CONFIG_ZH: &str = r#"# xxgk 配置文件。xxgk 从每份被检查的报告所在目录向上查找，使用最近的 xxgk.toml
# （或 .xxgk.toml）；`--config 路径` 指定配置文件，`--isolated` 忽略所有配置文件。
# 结构定义见 xxgk.schema.json。

# 适用哪个期限（条例第四十九条）："department"（部门，1月31日前）或
# "government"（人民政府自身的报告，3月31日前）。不设置时按标题或落款中的
# 发布机关推断（人民政府、政府办公室：government）。
# report-kind = "department"

# 只运行这些规则：代码（"T001"）、名称（"row-total-mismatch"）或代码前缀
# （"T" 即全部表格规则）。不设置则运行全部规则。
# select = ["E", "S", "T"]

# 不运行这些规则（代码、名称或前缀）。
ignore = []

# 检查目录时：只检查匹配 `include` 的文件，跳过匹配 `exclude` 的文件
# （glob，相对于本文件所在目录）。在命令行上直接给出的文件总会被检查。
include = []
exclude = []

# 对部分文件关闭的规则（glob 同上，后面是代码、名称或前缀）。
[per-file-ignores]
# "drafts/**" = ["Y", "H001"]

# 各规则的级别："error"、"warning"、"info" 或 "off"（优先于 select/ignore）。
[rules]
# T001 = "warning"
# heading-numbering = "off"
# X004 = "warning"   # 需启用：表格中的数与上年相差 10 倍以上
# 有阈值的规则（X003、X004）写成表，而不是级别：
# [rules.X003]
# threshold = 0.6    # 第一、五部分与上年报告重复的句子比例（默认 0.5）

# 本机关使用的表格行标签的其他写法，按行的键名列出
# （见 `xxgk inspect --format json`）。
[aliases]
# normative_documents = ["规范性文件（含政策文件）"]
"#;

/// The default configuration with its comments in `lang`.
pub fn default_config(lang: Lang) -> &'static str {
    lang.pick(DEFAULT_CONFIG_ZH, DEFAULT_CONFIG)
}

pub fn run(args: InitArgs) -> i32 {
    let config = default_config(lang::current());
    if args.stdout {
        let _ = std::io::stdout().write_all(config.as_bytes());
        return EXIT_CLEAN;
    }
    let path = args.dir.join("xxgk.toml");
    let shown = path.display();
    if path.exists() && !args.force {
        error(messages::CONFIG_EXISTS.fill(&[&shown]));
        return EXIT_ERROR;
    }
    if let Err(e) = std::fs::write(&path, config) {
        error(messages::CANNOT_WRITE.fill(&[&shown, &e]));
        return EXIT_ERROR;
    }
    eprintln!("{}", messages::WROTE.fill(&[&shown]));
    EXIT_CLEAN
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum TemplateFormat {
    /// The template as one JSON object (sections, tables, rows, columns, aliases).
    #[default]
    Json,
}

#[derive(Args, Debug)]
pub struct TemplateArgs {
    #[arg(long, value_enum, default_value_t)]
    pub format: TemplateFormat,
}

pub fn template(args: TemplateArgs) -> i32 {
    let TemplateFormat::Json = args.format;
    let json = serde_json::to_string_pretty(&crate::template::to_json()).unwrap_or_default();
    let _ = writeln!(std::io::stdout(), "{json}");
    EXIT_CLEAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_default_configs_hold_the_same_settings() {
        let value = |s: &str| s.parse::<toml::Table>().unwrap();
        assert_eq!(value(DEFAULT_CONFIG_ZH), value(DEFAULT_CONFIG));
        // And the same commented-out examples (as TOML: their trailing comments differ).
        let examples = |s: &str| {
            s.lines()
                .filter_map(|l| l.strip_prefix("# "))
                .filter_map(|l| l.parse::<toml::Table>().ok().filter(|t| !t.is_empty()))
                .collect::<Vec<_>>()
        };
        assert_eq!(examples(DEFAULT_CONFIG).len(), 9);
        assert_eq!(examples(DEFAULT_CONFIG_ZH), examples(DEFAULT_CONFIG));
    }
}
