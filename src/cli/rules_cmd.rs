//! `xxgk rules` and `xxgk explain`.

use super::{error, EXIT_CLEAN, EXIT_ERROR};
use crate::rules::{self, ALL};
use clap::{Args, ValueEnum};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RulesFormat {
    #[default]
    Text,
    Json,
    /// The Markdown table the README carries.
    Markdown,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t)]
    pub format: RulesFormat,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule code (`T001`) or name (`unbalanced-applications`).
    pub rule: String,
}

pub fn rules(args: RulesArgs) -> i32 {
    match args.format {
        RulesFormat::Text => {
            for r in ALL {
                println!(
                    "{:<5} {:<8} {:<34} {}",
                    r.code,
                    r.severity.as_str(),
                    r.name,
                    r.summary
                );
            }
        }
        RulesFormat::Json => {
            let v: Vec<_> = ALL
                .iter()
                .map(|r| serde_json::json!({"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&v).expect("serialisable")
            );
        }
        RulesFormat::Markdown => print!("{}", markdown_table()),
    }
    EXIT_CLEAN
}

/// The rule table as Markdown (the README embeds exactly this).
pub fn markdown_table() -> String {
    let mut s = String::from("| code | name | default | what it checks |\n|---|---|---|---|\n");
    for r in ALL {
        s.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            r.code, r.name, r.severity, r.summary
        ));
    }
    s
}

pub fn explain(args: ExplainArgs) -> i32 {
    match rules::find(&args.rule) {
        Some(r) => {
            println!(
                "# {} ({})\n\n{}\n\nDefault severity: {}\n",
                r.code, r.name, r.summary, r.severity
            );
            println!("{}", r.explanation.trim_end());
            EXIT_CLEAN
        }
        None => {
            error(format!(
                "unknown rule `{}`; `xxgk rules` lists them",
                args.rule
            ));
            EXIT_ERROR
        }
    }
}
