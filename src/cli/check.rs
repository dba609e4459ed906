//! `xxgk check`.

use super::{collect_inputs, error, ReportKindArg, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
use crate::engine::{self, LintOptions, ReportKind};
use crate::input::{self, Encoding, LineIndex, SourceFile};
use crate::render::{self, FileReport};
use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Source snippets with labels (default).
    #[default]
    Full,
    /// `path:line:col: CODE [severity] message`, one per line.
    Concise,
    /// A JSON array of diagnostics.
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Report files or directories (`-` reads standard input).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Which deadline applies: a department's (31 January) or a government's own report (31 March).
    #[arg(long, value_enum, default_value_t)]
    pub report_kind: ReportKindArg,
    /// The same body's report for the previous year, for the cross-year checks.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Name to show for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

/// A loaded and checked file.
pub struct Checked {
    pub path: String,
    pub source: SourceFile,
    pub index: LineIndex,
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

fn load(path: &Path, stdin_name: Option<&str>) -> Result<SourceFile, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        let name = PathBuf::from(stdin_name.unwrap_or("<stdin>"));
        return input::from_bytes(&name, &bytes).map_err(|e| e.to_string());
    }
    input::load(path).map_err(|e| e.to_string())
}

pub fn run(args: CheckArgs) -> i32 {
    let inputs = match collect_inputs(&args.paths) {
        Ok(i) => i,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let options = LintOptions {
        report_kind: match args.report_kind {
            ReportKindArg::Department => ReportKind::Department,
            ReportKindArg::Government => ReportKind::Government,
        },
        ..Default::default()
    };
    let previous = match &args.previous {
        Some(p) => match input::load(p) {
            Ok(src) => Some(src),
            Err(e) => {
                error(e);
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let previous_report = previous.as_ref().map(|p| crate::parse::parse(&p.text));
    let mut failed = false;
    let mut checked = Vec::new();
    for path in &inputs {
        let source = match load(path, args.stdin_filename.as_deref()) {
            Ok(s) => s,
            Err(e) => {
                error(e);
                failed = true;
                continue;
            }
        };
        if source.encoding == Encoding::Gb18030 {
            eprintln!(
                "xxgk: note: {}: not UTF-8; read as GB18030",
                source.path.display()
            );
        }
        let prev = previous
            .as_ref()
            .zip(previous_report.as_ref())
            .map(|(p, r)| engine::Previous {
                text: &p.text,
                report: r,
            });
        let out = engine::lint_with_previous(&source.text, &options, prev);
        let index = LineIndex::new(&source.text);
        checked.push(Checked {
            path: source.path.display().to_string(),
            source,
            index,
            diagnostics: out.diagnostics,
        });
    }
    if let Err(e) = print(&checked, args.format) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            error(format!("cannot write output: {e}"));
            return EXIT_ERROR;
        }
    }
    if failed {
        EXIT_ERROR
    } else if checked
        .iter()
        .flat_map(|c| &c.diagnostics)
        .any(|d| d.severity >= Severity::Error)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn color_choice() -> ColorChoice {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || !std::io::stdout().is_terminal()
    {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    }
}

fn print(checked: &[Checked], format: OutputFormat) -> std::io::Result<()> {
    let files: Vec<FileReport> = checked
        .iter()
        .map(|c| FileReport {
            path: &c.path,
            text: &c.source.text,
            index: &c.index,
            diagnostics: &c.diagnostics,
        })
        .collect();
    match format {
        OutputFormat::Full => {
            let mut stream = StandardStream::stdout(color_choice());
            for f in &files {
                render::full::emit(f, &mut stream)?;
            }
            let (errors, warnings, infos) = counts(checked);
            if errors + warnings + infos > 0 {
                writeln!(stream, "{}", summary(errors, warnings, infos, files.len()))?;
            }
            stream.flush()
        }
        OutputFormat::Concise => {
            let mut s = String::new();
            for f in &files {
                render::concise(f, &mut s);
            }
            std::io::stdout().write_all(s.as_bytes())
        }
        OutputFormat::Json => {
            let all: Vec<_> = files
                .iter()
                .flat_map(|f| {
                    f.diagnostics
                        .iter()
                        .map(move |d| render::json::convert(f, d))
                })
                .collect();
            let mut out = serde_json::to_string_pretty(&all).map_err(std::io::Error::other)?;
            out.push('\n');
            std::io::stdout().write_all(out.as_bytes())
        }
    }
}

fn counts(checked: &[Checked]) -> (usize, usize, usize) {
    let all = checked.iter().flat_map(|c| &c.diagnostics);
    let mut c = (0, 0, 0);
    for d in all {
        match d.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
            Severity::Info => c.2 += 1,
        }
    }
    c
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn summary(errors: usize, warnings: usize, infos: usize, files: usize) -> String {
    let mut parts = vec![plural(errors, "error"), plural(warnings, "warning")];
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    format!("{} in {}", parts.join(", "), plural(files, "file"))
}
