//! The help texts of every subcommand and option, in Chinese and English:
//! one catalogue, applied to the clap command at run time, so that
//! `--help`, the man page and the completions speak the chosen language.
//! (The doc comments on the argument structs document the code; what a
//! person reads comes from here. A test keeps the two sets of ids in step.)

use super::Cli;
use crate::lang::Lang;
use crate::messages;
use clap::{Arg, Command, CommandFactory};

/// `(key, 中文, English)`. The key is a subcommand's path (`""` for xxgk
/// itself, `check`), or the path and an argument's id (`check.format`);
/// global arguments and clap's own flags have the path `*` (`*.lang`).
pub static HELP: &[(&str, &str, &str)] = &[
    ("", "检查政府信息公开工作年度报告", "Lint 政府信息公开工作年度报告 (government information-disclosure annual reports)"),
    ("*long", "xxgk 读取政府信息公开工作年度报告（.txt、.md、.docx、.doc/.wps、.pdf 或网页；UTF-8、GB18030 或带 BOM 的 UTF-16），\
      报告缺少的部分、对不上的表格、错误的年份、与数字矛盾的收费表述等问题。",
     "xxgk reads a 政府信息公开工作年度报告 (as .txt, .md, .docx, .doc/.wps, .pdf or a web page; UTF-8, GB18030 or UTF-16 with a BOM) and reports \
      missing sections, tables that do not add up, wrong years, fee statements that contradict the figures, and more."),
    ("*.lang", "界面语言：zh（中文）或 en（英文）；默认看区域设置（LC_ALL、LC_MESSAGES、LANG），否则为中文",
     "Language of help, rule texts and messages: zh or en (default: the locale, else Chinese)"),
    ("*.help", "显示帮助", "Print help"),
    ("*.version", "显示版本", "Print version"),
    ("help", "显示本帮助或指定子命令的帮助", "Print this message or the help of the given subcommand(s)"),
    ("check", "检查报告并输出问题", "Check reports and print diagnostics"),
    ("check.paths", "报告文件或目录（`-` 表示从标准输入读取）", "Report files or directories (`-` reads standard input)"),
    ("check.format", "输出格式：full（带原文片段和标注，默认）、concise（每条问题一行）、json（JSON 数组）、\
      json-lines（每行一个 JSON 对象）、sarif（SARIF 2.1.0，代码扫描）、github（GitHub Actions 注释）、\
      html（一个独立网页：总数、图表、报告一览、全部问题）、xlsx（Excel 工作簿：报告表和问题表，需 --output-file）",
     "Output format"),
    ("check.statistics", "按规则输出问题数量，而不是逐条问题", "Print a count per rule instead of the diagnostics"),
    ("check.fail_on", "使退出状态为 1 的最低级别", "Lowest severity that makes the exit status 1"),
    ("check.exit_zero", "即使发现问题也以 0 退出（2 仍表示运行失败）", "Exit 0 even when there are findings (2 still means the run failed)"),
    ("check.report_kind", "适用哪个期限：部门报告（1月31日）或人民政府自身的报告（3月31日）。优先于 xxgk.toml 中的 `report-kind`",
     "Which deadline applies: a department's (31 January) or a government's own report (31 March). Overrides `report-kind` in xxgk.toml"),
    ("check.previous", "同一机关上一年度的报告，用于跨年度检查（否则同一次运行中同一机关相邻年度的报告会自动配对）",
     "The same body's report for the previous year, for the cross-year checks (otherwise reports of the same body for consecutive years in one run are paired)"),
    ("check.stdin_filename", "标准输入显示的文件名，也用于查找其 xxgk.toml", "Name to show for standard input, also used to find its xxgk.toml"),
    ("check.config", "使用此配置文件，而不是自动查找 xxgk.toml", "Use this configuration file instead of discovering xxgk.toml"),
    ("check.isolated", "忽略所有配置文件", "Ignore every configuration file"),
    ("check.fix", "应用安全的修改并写回文件（从不改写 .docx 或网页）", "Apply safe fixes and write the files (never .docx or web pages)"),
    ("check.unsafe_fixes", "与 --fix 或 --diff 一起使用：也应用需要人工确认的修改", "With --fix or --diff: also apply fixes that need a human to confirm them"),
    ("check.diff", "以统一差异格式（diff）输出修改，而不写回文件", "Print the fixes as a unified diff instead of writing them"),
    ("check.output_file", "把问题写入此文件（原子替换），而不是标准输出", "Write the findings to this file (replaced atomically) instead of standard output"),
    ("check.select", "只运行这些规则（代码、名称或前缀，如 T001、row-total-mismatch、T；逗号分隔），取代配置文件的 select",
     "Only these rules (codes, names or prefixes such as T001, row-total-mismatch, T; comma-separated); replaces `select` in xxgk.toml"),
    ("check.extend_select", "在已选规则之外再运行这些规则", "Also run these rules"),
    ("check.ignore", "不运行这些规则", "Never run these rules"),
    ("check.exclude", "遍历目录时跳过匹配的文件或目录（glob，可重复；在命令行上直接给出的文件照常检查）",
     "Skip matching files or folders when walking directories (a glob, repeatable; files named on the command line are checked)"),
    ("check.quiet", "只输出问题，不输出提示、修复计数和「未发现问题」", "Print findings only: no notes, fix counts or \"no problems found\""),
    ("check.color", "何时使用颜色：auto（仅在终端上，且未设置 NO_COLOR 时，默认）、always、never", "When to use colour"),
    ("check.show_settings", "显示第一个输入实际使用的设置后退出，不检查", "Print the settings that apply to the first input and exit without checking"),
    ("check.baseline", "只显示不在此基线文件中的问题：已审核的问题隐藏，退出状态只看其余问题",
     "Show only findings not recorded in this baseline file; the exit status counts only those"),
    ("check.write_baseline", "把本次的全部问题记为已审核，写入基线文件（原子替换），不输出问题",
     "Record every current finding as reviewed in this baseline file (replaced atomically); prints no findings"),
    ("check.fail_on_unused_baseline", "基线中有条目未匹配任何问题（问题已改正或原文已改动）时退出状态为 1",
     "Exit 1 when a baseline entry matched no finding"),
    ("check.threads", "同时检查的文件数（0：每个核一个，默认）；输出与线程数无关",
     "Check this many files at once (0: one per core, the default); the output is the same for any number"),
    ("template", "输出 xxgk 对照的报告模板（各部分、三张表格的行、列和别名）",
     "Print the report template xxgk matches against (sections, the tables' rows, columns and aliases)"),
    ("template.format", "输出格式（目前只有 json）", "Output format (json only, for now)"),
    ("inspect", "显示 xxgk 从报告中读到的内容：年度、各部分、三张表格，以及无法读取的部分",
     "Show what xxgk read from a report: year, sections, the three tables, and what it could not read"),
    ("inspect.path", "要读取的报告", "The report to read"),
    ("inspect.format", "输出格式", "Output format"),
    ("inspect.view", "输出 xxgk 读取的文本视图（.docx、.doc、.wps：问题位置所指的展开文本）",
     "Print the text view xxgk reads (for .docx, .doc and .wps: the flattened text the diagnostics point into)"),
    ("rules", "列出全部规则", "List every rule"),
    ("rules.format", "输出格式：text（默认）、json、markdown（README 中的规则表）、docs（docs/rules.md 的全部说明）",
     "Output format"),
    ("explain", "说明一条规则：检查内容、为什么重要、示例、如何修改", "Explain a rule: what it checks, why, an example, how to fix"),
    ("explain.rule", "规则代码（`T001`）或名称（`unbalanced-applications`）", "A rule code (`T001`) or name (`unbalanced-applications`)"),
    ("init", "写出一个带注释的默认 xxgk.toml", "Write a commented default xxgk.toml"),
    ("init.dir", "写入 xxgk.toml 的目录", "Directory to write xxgk.toml into"),
    ("init.stdout", "输出配置，而不是写入文件", "Print the configuration instead of writing it"),
    ("init.force", "覆盖已有的 xxgk.toml", "Overwrite an existing xxgk.toml"),
    ("completions", "输出 shell 补全脚本：bash、zsh、fish 或 powershell", "Print a shell completion script: bash, zsh, fish or powershell"),
    ("completions.shell", "目标 shell", "The shell to complete for"),
    ("man", "输出手册页 xxgk.1（roff 格式）", "Print the manual page xxgk.1 (roff)"),
    ("man.out_dir", "把 xxgk.1 及各子命令的手册页（xxgk-check.1 等）写入此目录，而不是输出 xxgk.1 到标准输出",
     "Write xxgk.1 and one page per subcommand (xxgk-check.1 …) into this folder instead of printing xxgk.1"),
    ("lsp", "在标准输入/输出上运行语言服务器", "Run the language server on stdin/stdout"),
    ("lsp.stdio", "为传递此参数的客户端（如 vscode-languageclient）保留；只支持 stdio", "Accepted for clients that pass it (vscode-languageclient does); stdio is the only transport"),
];

/// The command definition with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    // Built first, so that clap's own `--help`, `--version` and `help`
    // subcommand exist and can be translated like the rest.
    cmd.build();
    cmd = cmd.long_about(text("*long", lang));
    localize(cmd, "", lang, &mut Vec::new())
}

fn text(key: &str, lang: Lang) -> Option<&'static str> {
    HELP.iter()
        .find(|e| e.0 == key)
        .map(|&(_, zh, en)| lang.pick(zh, en))
}

/// The catalogue key of argument `arg` of the subcommand at `path`.
fn arg_key(path: &str, arg: &Arg) -> String {
    let id = arg.get_id().as_str();
    if arg.is_global_set() || matches!(id, "help" | "version") {
        format!("*.{id}")
    } else {
        format!("{path}.{id}")
    }
}

/// Replace the about and every argument's help of `cmd` and its subcommands;
/// `used` collects the keys (a missing key is left for the test to find).
fn localize(mut cmd: Command, path: &str, lang: Lang, used: &mut Vec<String>) -> Command {
    if let Some(t) = text(path, lang) {
        cmd = cmd.about(t);
        if !path.is_empty() {
            cmd = cmd.long_about(None);
        }
    }
    used.push(path.to_string());
    let keys: Vec<_> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), arg_key(path, a)))
        .collect();
    // Every argument is rewritten, in order, even one without a text: after
    // `build`, `mut_arg` moves the argument to the end, and clap's table from
    // option names to arguments is only right while the order is the built one.
    for (id, key) in keys {
        let t = text(&key, lang);
        cmd = cmd.mut_arg(id, |a| match t {
            Some(t) => with_help(a, t, lang),
            None => a,
        });
        used.push(key);
    }
    if lang == Lang::Zh {
        cmd = chinese_headings(cmd);
    }
    // `xxgk help`'s own subcommands stand for the real ones: their texts
    // (which completions show) are the real ones'.
    if path == "help" {
        let names: Vec<_> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in names {
            if let Some(t) = text(&name, lang) {
                cmd = cmd.mut_subcommand(&name, |s| s.about(t));
            }
        }
        return cmd;
    }
    let subs: Vec<_> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path, lang, used));
    }
    cmd
}

/// `a` with help text `t`. The values' own help is the doc comments'
/// English: in Chinese the catalogue's text explains the values instead. clap
/// writes `[default: …]` and `[possible values: …]` in English: in Chinese
/// they are hidden and the text ends with them in Chinese.
fn with_help(a: Arg, t: &'static str, lang: Lang) -> Arg {
    if lang == Lang::En {
        return a.help(t).long_help(None);
    }
    let values = a.get_possible_values();
    let values_explained = values.iter().any(|v| v.get_help().is_some());
    let mut t = t.to_string();
    // A flag's value (`false`) is no value a person writes: clap shows neither.
    let takes_value = a.get_num_args().is_none_or(|n| n.takes_values());
    let defaults: Vec<_> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy())
        .collect();
    if !defaults.is_empty() && takes_value && !a.is_hide_default_value_set() {
        t = format!(
            "{t} {}",
            messages::HELP_DEFAULT.fill_in(lang, &[&defaults.join("、")])
        );
    }
    let shown: Vec<_> = values
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name())
        .collect();
    // Values explained in English are listed anyway unless the text names them all.
    let named = values_explained && shown.iter().all(|v| t.contains(v));
    if !named && !shown.is_empty() && takes_value && !a.is_hide_possible_values_set() {
        t = format!(
            "{t} {}",
            messages::CLAP_POSSIBLE_VALUES.fill_in(lang, &[&shown.join("、")])
        );
    }
    a.help(t)
        .long_help(None)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// clap's headings (`Usage:`, `Options:` …) in Chinese.
fn chinese_headings(mut cmd: Command) -> Command {
    let ids: Vec<_> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id, |a| {
            a.help_heading(if positional { "参数" } else { "选项" })
        });
    }
    cmd.subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subcommand and argument has a text in both languages (the
    /// Chinese one Chinese), and every text belongs to one of them.
    #[test]
    fn every_command_and_argument_has_both_texts_and_none_is_orphaned() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut used = Vec::new();
        localize(cmd, "", Lang::Zh, &mut used);
        used.push("*long".into());
        for key in &used {
            let entry = HELP.iter().find(|e| e.0 == key.as_str());
            let Some(&(_, zh, en)) = entry else {
                panic!("no help text for `{key}` in src/cli/help.rs");
            };
            assert!(!zh.is_ascii(), "`{key}`: the Chinese help is not Chinese");
            assert!(!en.is_empty(), "`{key}`: no English help");
        }
        for (key, ..) in HELP {
            assert!(
                used.iter().any(|u| u == key),
                "`{key}` is no command or argument"
            );
        }
    }

    #[test]
    fn help_follows_the_language() {
        let render = |lang| command(lang).render_long_help().to_string();
        let zh = render(Lang::Zh);
        assert!(
            zh.contains("检查报告并输出问题") && zh.contains("用法："),
            "{zh}"
        );
        assert!(!zh.contains("Check reports"), "{zh}");
        let en = render(Lang::En);
        assert!(en.contains("Check reports and print diagnostics"), "{en}");
        let check = |lang| {
            let mut c = command(lang);
            c.find_subcommand_mut("check")
                .unwrap()
                .render_long_help()
                .to_string()
        };
        assert!(check(Lang::Zh).contains("应用安全的修改并写回文件"));
        assert!(!check(Lang::Zh).contains("Source snippets"));
        assert!(check(Lang::En).contains("Source snippets with labels"));
        assert!(check(Lang::En).contains("Apply safe fixes"));
    }

    /// What clap writes itself (`[default: …]`, `[possible values: …]`,
    /// headings) is Chinese too, in every subcommand's short and long help
    /// and the man page; in English it stays clap's.
    #[test]
    fn clap_s_own_words_are_chinese_in_chinese_help() {
        let english = [
            "[default:",
            "[possible values:",
            "Possible values:",
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "Print version",
        ];
        let mut zh = command(Lang::Zh);
        let mut pages = vec![
            zh.render_help().to_string(),
            zh.render_long_help().to_string(),
        ];
        for sub in zh.get_subcommands_mut() {
            pages.push(sub.render_help().to_string());
            pages.push(sub.render_long_help().to_string());
        }
        let mut man = Vec::new();
        clap_mangen::Man::new(command(Lang::Zh))
            .render(&mut man)
            .unwrap();
        pages.push(String::from_utf8(man).unwrap());
        for page in &pages {
            for e in english {
                assert!(!page.contains(e), "`{e}` in:\n{page}");
            }
        }
        let all = pages.concat();
        assert!(all.contains("[默认：full]") && all.contains("[可选值：error、warning、info]"));
        assert!(
            all.contains("[可选值：department、government]"),
            "named by no Chinese text"
        );
        let mut en = command(Lang::En);
        let check = en
            .find_subcommand_mut("check")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(
            check.contains("[default: full]")
                && check.contains("[possible values: error, warning, info]")
        );
    }

    /// The localised command parses exactly as the plain one: every option
    /// still takes its own value (a rewrite out of order once sent
    /// `--write-baseline`'s value to `--color`).
    #[test]
    fn localised_commands_parse_every_option_as_the_plain_one() {
        let args = [
            "xxgk",
            "check",
            "--write-baseline",
            "b.json",
            "--color",
            "never",
            "--threads",
            "2",
            "--format",
            "json",
            "r.txt",
        ];
        for lang in [Lang::Zh, Lang::En] {
            let m = command(lang).try_get_matches_from(args).unwrap();
            let (_, sub) = m.subcommand().unwrap();
            let path = sub.get_one::<std::path::PathBuf>("write_baseline").unwrap();
            assert_eq!(path.to_str(), Some("b.json"));
            assert_eq!(sub.get_one::<usize>("threads"), Some(&2));
        }
    }
}
