//! The command line: `check`, `inspect`, `rules`, `explain`, `lsp`.

mod check;
mod docs_cmd;
mod files;
pub mod help;
pub mod init;
mod inspect;
mod parse_errors;
pub mod rules_cmd;

use crate::lang::{self, Lang};
use crate::messages;
use clap::{FromArgMatches, Parser, Subcommand, ValueEnum};

/// Exit statuses, as ruff and clippy use them.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "xxgk",
    version,
    about = "Lint 政府信息公开工作年度报告 (government information-disclosure annual reports)",
    long_about = "xxgk reads a 政府信息公开工作年度报告 (as .txt, .md, .docx, .doc/.wps or a web page; UTF-8, GB18030 or UTF-16 with a BOM) and reports \
                  missing sections, tables that do not add up, wrong years, fee statements that contradict \
                  the figures, and more."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of help, rule texts and messages (default: the locale, else Chinese).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `--lang` as written on the command line, read before clap parses it:
/// the help clap prints while parsing must already be in that language.
fn lang_from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
    let end = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let mut found = None;
    for (i, a) in args[..end].iter().enumerate() {
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(|v| v.as_ref()),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        found = match value {
            Some("zh") => Some(Lang::Zh),
            Some("en") => Some(Lang::En),
            _ => found,
        };
    }
    found
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check reports and print diagnostics.
    Check(Box<check::CheckArgs>),
    /// Show what xxgk read from a report: year, sections, the three tables, and what it could not read.
    Inspect(inspect::InspectArgs),
    /// List every rule.
    Rules(rules_cmd::RulesArgs),
    /// Explain a rule: what it checks, why, an example, how to fix.
    Explain(rules_cmd::ExplainArgs),
    /// Write a commented default xxgk.toml.
    Init(init::InitArgs),
    /// 输出报告模板 (print the report template: sections, table rows, columns, aliases).
    Template(init::TemplateArgs),
    /// 输出 shell 补全脚本 (print a shell completion script): bash, zsh, fish 或 powershell.
    Completions(docs_cmd::CompletionsArgs),
    /// 输出手册页 xxgk.1 (print the manual page, roff).
    Man(docs_cmd::ManArgs),
    /// Run the language server on stdin/stdout.
    #[cfg(feature = "lsp")]
    Lsp {
        /// Accepted for clients that pass it (vscode-languageclient does); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

pub fn main() -> i32 {
    let args: Vec<_> = std::env::args_os().collect();
    lang::set(lang_from_args(&args).unwrap_or_else(Lang::from_env));
    let parsed = help::command(lang::current())
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let failed = e.use_stderr();
            // Help and version carry their text already; errors are written
            // from their kind and context, in Chinese unless English was asked for.
            let _ = match lang::current() {
                Lang::Zh => e.apply::<parse_errors::Chinese>().print(),
                Lang::En => e.print(),
            };
            return if failed { EXIT_ERROR } else { EXIT_CLEAN };
        }
    };
    if !matches!(cli.command, Command::Lsp { .. }) {
        die_quietly_on_closed_pipe();
    }
    match cli.command {
        Command::Check(a) => check::run(*a),
        Command::Inspect(a) => inspect::run(a),
        Command::Rules(a) => rules_cmd::rules(a),
        Command::Explain(a) => rules_cmd::explain(a),
        Command::Init(a) => init::run(a),
        Command::Template(a) => init::template(a),
        Command::Completions(a) => docs_cmd::completions(a),
        Command::Man(a) => docs_cmd::man(a),
        #[cfg(feature = "lsp")]
        Command::Lsp { .. } => crate::lsp::run_stdio(),
    }
}

/// `xxgk rules | head`: when the reader goes away, stop as `cat` and `grep`
/// do, instead of panicking inside `println!`. (Rust ignores SIGPIPE by
/// default.) Not for the language server, whose transport reports a client
/// that went away itself.
fn die_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default before any other
    // thread exists; no handler is installed.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `--quiet`: notes and progress lines are not printed (errors and warnings are).
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Print a line that only informs (`xxgk: 已修复 …`), unless `--quiet`.
pub fn note(line: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("{line}");
    }
}

/// Print a note (`xxgk: 提示：…` / `xxgk: note: …`), unless `--quiet`.
pub fn notice(msg: impl std::fmt::Display) {
    note(messages::NOTE_LINE.fill(&[&msg]));
}

/// Print a warning (`xxgk: 警告：…` / `xxgk: warning: …`), even with `--quiet`.
pub fn warning(msg: impl std::fmt::Display) {
    let msg = msg.to_string();
    let msg = crate::render::escape_controls(&msg);
    eprintln!("{}", messages::WARNING_LINE.fill(&[&msg]));
}

/// Print an error the way every xxgk error looks (`xxgk: 错误：…` / `xxgk: error: …`).
pub fn error(msg: impl std::fmt::Display) {
    // Messages quote file names and parser errors: no raw control characters.
    let msg = msg.to_string();
    let msg = crate::render::escape_controls(&msg);
    eprintln!("{}", messages::ERROR_LINE.fill(&[&msg]));
}

pub fn display_path(p: &std::path::Path) -> String {
    p.display().to_string()
}
