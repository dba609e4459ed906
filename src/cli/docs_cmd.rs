//! `xxgk completions SHELL` and `xxgk man`: shell completions (clap_complete)
//! and the manual page (clap_mangen), both made from the command definition
//! itself, in the chosen language, so they cannot drift from what `xxgk --help` says.

use super::{error, help, EXIT_CLEAN, EXIT_ERROR};
use crate::{lang, messages};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// 目标 shell (the shell to complete for).
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// 把 xxgk.1 及各子命令的手册页（xxgk-check.1 等）写入此目录，而不是输出 xxgk.1 到标准输出
    /// (write xxgk.1 and one page per subcommand into this folder).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Print the completion script for `shell` to stdout.
pub fn completions(args: CompletionsArgs) -> i32 {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut cmd = help::command(lang::current());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "xxgk", &mut out);
    write_stdout(&out)
}

/// Print `xxgk.1` to stdout, or write every page into `--out-dir`.
pub fn man(args: ManArgs) -> i32 {
    let cmd = help::command(lang::current());
    if let Some(dir) = args.out_dir {
        let mut cmd = cmd.disable_help_subcommand(true);
        cmd.build();
        return match write_pages(cmd, &dir) {
            Ok(()) => EXIT_CLEAN,
            Err(e) => {
                error(messages::MAN_CANNOT_WRITE.fill(&[&dir.display(), &e]));
                EXIT_ERROR
            }
        };
    }
    match page(cmd) {
        Ok(out) => write_stdout(&out),
        Err(e) => {
            error(messages::MAN_CANNOT_RENDER.fill(&[&e]));
            EXIT_ERROR
        }
    }
}

/// One manual page; in Chinese with Chinese section headings (clap_mangen
/// writes NAME, SYNOPSIS… in English whatever the text).
fn page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    if lang::current() == lang::Lang::En {
        return Ok(out);
    }
    let roff = String::from_utf8_lossy(&out);
    let mut zh = String::with_capacity(roff.len());
    for line in roff.split_inclusive('\n') {
        let heading = line.strip_prefix(".SH ").map(str::trim_end);
        let translated = MAN_HEADINGS.iter().find(|(en, _)| Some(*en) == heading);
        match translated {
            Some((_, name)) => zh.push_str(&format!(".SH {name}\n")),
            None => zh.push_str(line),
        }
    }
    Ok(zh.into_bytes())
}

/// clap_mangen's section headings and what Chinese manual pages call them.
const MAN_HEADINGS: &[(&str, &str)] = &[
    ("NAME", "名称"),
    ("SYNOPSIS", "概述"),
    ("DESCRIPTION", "描述"),
    ("OPTIONS", "选项"),
    ("SUBCOMMANDS", "命令"),
    ("EXTRA", "附注"),
    ("VERSION", "版本"),
    ("AUTHORS", "作者"),
];

/// `xxgk.1` and a page per subcommand (`xxgk-check.1`…) in `dir`, as
/// clap_mangen's `generate_to` writes them, each through [`page`].
fn write_pages(cmd: clap::Command, dir: &std::path::Path) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir)?;
    }
    let name = clap_mangen::Man::new(cmd.clone()).get_filename();
    std::fs::write(dir.join(name), page(cmd)?)
}

fn write_stdout(bytes: &[u8]) -> i32 {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            error(messages::CANNOT_WRITE_OUTPUT.fill(&[&e]));
            EXIT_ERROR
        }
        _ => EXIT_CLEAN,
    }
}
