//! `xxgk init`: write a commented default `xxgk.toml`; `xxgk template`: print
//! the report template the parser matches against.

use super::{error, EXIT_CLEAN, EXIT_ERROR};
use crate::config::DEFAULT_CONFIG;
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

pub fn run(args: InitArgs) -> i32 {
    if args.stdout {
        let _ = std::io::stdout().write_all(DEFAULT_CONFIG.as_bytes());
        return EXIT_CLEAN;
    }
    let path = args.dir.join("xxgk.toml");
    if path.exists() && !args.force {
        error(format!(
            "{}: already exists; edit it, or pass --force to overwrite it",
            path.display()
        ));
        return EXIT_ERROR;
    }
    if let Err(e) = std::fs::write(&path, DEFAULT_CONFIG) {
        error(format!("{}: cannot write: {e}", path.display()));
        return EXIT_ERROR;
    }
    eprintln!("xxgk: wrote {}", path.display());
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
