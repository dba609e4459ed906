//! The command line: `check`, `inspect`, `rules`, `explain`, `lsp`.

mod check;
mod docs_cmd;
mod files;
mod init;
mod inspect;
pub mod rules_cmd;

use clap::{Parser, Subcommand, ValueEnum};

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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReportKindArg {
    #[default]
    Department,
    Government,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    match cli.command {
        Command::Check(a) => check::run(*a),
        Command::Inspect(a) => inspect::run(a),
        Command::Rules(a) => rules_cmd::rules(a),
        Command::Explain(a) => rules_cmd::explain(a),
        Command::Init(a) => init::run(a),
        Command::Completions(a) => docs_cmd::completions(a),
        Command::Man(a) => docs_cmd::man(a),
        #[cfg(feature = "lsp")]
        Command::Lsp { .. } => crate::lsp::run_stdio(),
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

/// Print a line that only informs (`xxgk: note: …`, `xxgk: fixed …`), unless `--quiet`.
pub fn note(line: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("{line}");
    }
}

/// Print an error the way every xxgk error looks.
pub fn error(msg: impl std::fmt::Display) {
    // Messages quote file names and parser errors: no raw control characters.
    let msg = msg.to_string();
    eprintln!("xxgk: error: {}", crate::render::escape_controls(&msg));
}

pub fn display_path(p: &std::path::Path) -> String {
    p.display().to_string()
}
