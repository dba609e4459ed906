//! `xxgk check`: the gate. Files and directories in, diagnostics out (six
//! formats), an exit status a script can act on, and fixes on request.
//!
//! A run has phases so that parallel checking never changes the output:
//! collect and sort the inputs, resolve each one's configuration, load and
//! parse (in parallel), pair reports of the same body for consecutive years,
//! check (in parallel, order kept), fix, print.

use super::files::{self, Input};
use super::{error, ReportKindArg, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::config::Cache;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::engine::{self, LintOptions, ReportKind};
use crate::fix::{self, Mode};
use crate::input::{self, Encoding, Format, LineIndex, SourceFile};
use crate::model::Report;
use crate::render::{self, FileReport};
use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
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
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Report files or directories (`-` reads standard input).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Print a count per rule instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
    /// Exit 0 even when there are findings (2 still means the run failed).
    #[arg(long)]
    pub exit_zero: bool,
    /// Which deadline applies: a department's (31 January) or a government's own report (31 March).
    /// Overrides `report-kind` in xxgk.toml.
    #[arg(long, value_enum)]
    pub report_kind: Option<ReportKindArg>,
    /// The same body's report for the previous year, for the cross-year checks
    /// (otherwise reports of the same body for consecutive years in one run are paired).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Name to show for standard input, also used to find its xxgk.toml.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Use this configuration file instead of discovering xxgk.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Apply safe fixes and write the files (never .docx).
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: also apply fixes that need a human to confirm them.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,
}

/// A loaded and parsed input.
struct Loaded {
    display: String,
    input: Input,
    source: SourceFile,
    report: Report,
    options: LintOptions,
}

/// A checked input, ready to print.
pub struct Checked {
    pub path: String,
    pub text: String,
    pub index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

fn read_input(input: &Input, stdin: &[u8], display: &str) -> Result<SourceFile, String> {
    match input {
        Input::Stdin => input::from_bytes(Path::new(display), stdin).map_err(|e| e.to_string()),
        Input::File(p) => input::load(p).map_err(|e| e.to_string()),
    }
}

pub fn run(args: CheckArgs) -> i32 {
    match run_inner(&args) {
        Ok(code) => code,
        Err(e) => {
            error(e);
            EXIT_ERROR
        }
    }
}

fn run_inner(args: &CheckArgs) -> Result<i32, String> {
    let explicit = args.config.as_deref();
    if let Some(p) = explicit {
        if !p.is_file() {
            return Err(format!(
                "{}: no such configuration file (given with --config)",
                p.display()
            ));
        }
    }
    let mut configs = Cache::default();
    let inputs = files::collect(&args.paths, &mut configs, explicit, args.isolated)
        .map_err(|e| e.to_string())?;
    let stdin_name = args
        .stdin_filename
        .as_ref()
        .map_or("<stdin>".to_string(), |p| p.display().to_string());
    let mut stdin = Vec::new();
    if inputs.contains(&Input::Stdin) {
        std::io::stdin()
            .read_to_end(&mut stdin)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
    }

    // Configuration per input, resolved up front: a bad config stops the run
    // before anything is printed.
    let mut options = Vec::with_capacity(inputs.len());
    for i in &inputs {
        let lookup = match i {
            Input::Stdin => args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("<stdin>")),
            Input::File(p) => p.clone(),
        };
        let mut o = configs
            .get(&lookup, explicit, args.isolated)
            .map_err(|e| e.to_string())?
            .map(|c| c.options.clone())
            .unwrap_or_default();
        if let Some(kind) = args.report_kind {
            o.report_kind = match kind {
                ReportKindArg::Department => ReportKind::Department,
                ReportKindArg::Government => ReportKind::Government,
            };
        }
        options.push(o);
    }

    let previous = match &args.previous {
        Some(p) => {
            let src = input::load(p).map_err(|e| e.to_string())?;
            let report = crate::parse::parse(&src.text);
            Some((src, report))
        }
        None => None,
    };

    let fixing = args.fix || args.diff;
    if !fixing {
        // Without fixes, files are checked in bounded chunks: memory stays flat
        // over thousands of reports (see `check_streamed`).
        let (checked, failed) =
            check_streamed(&inputs, options, &stdin, &stdin_name, previous.as_ref());
        return finish(args, &checked, failed, None);
    }

    let loaded: Vec<Result<Loaded, String>> = inputs
        .par_iter()
        .zip(options.into_par_iter())
        .map(|(i, options)| {
            let display = match i {
                Input::Stdin => stdin_name.clone(),
                Input::File(p) => p.display().to_string(),
            };
            let source = read_input(i, &stdin, &display)?;
            let report = crate::parse::parse_with(&source.text, &options.extra_aliases);
            Ok(Loaded {
                display,
                input: i.clone(),
                source,
                report,
                options,
            })
        })
        .collect();
    let mut failed = false;
    let mut files = Vec::new();
    for l in loaded {
        match l {
            Ok(l) => {
                if l.source.encoding == Encoding::Gb18030 {
                    eprintln!("xxgk: note: {}: not UTF-8; read as GB18030", l.display);
                }
                files.push(l);
            }
            Err(e) => {
                error(e);
                failed = true;
            }
        }
    }

    let pairs = pair_by_year(&files);
    let prev_of = |k: usize| -> Option<engine::Previous<'_>> {
        if let Some((src, report)) = &previous {
            return Some(engine::Previous {
                text: &src.text,
                report,
            });
        }
        pairs.get(&k).map(|&p| engine::Previous {
            text: &files[p].source.text,
            report: &files[p].report,
        })
    };

    let mode = if args.unsafe_fixes {
        Mode::IncludeUnsafe
    } else {
        Mode::SafeOnly
    };
    let results: Vec<(Checked, Option<FixResult>)> = (0..files.len())
        .into_par_iter()
        .map(|k| {
            let f = &files[k];
            let lint =
                |text: &str| engine::lint_with_previous(text, &f.options, prev_of(k)).diagnostics;
            let mut fixed = None;
            let mut text = f.source.text.clone();
            let diagnostics = if fixing && f.source.format != Format::Docx {
                let out = fix::fix_text(&f.source.text, mode, f.source.line_ending, lint);
                text = out.text.clone();
                fixed = Some(FixResult {
                    applied: out.applied,
                    text: out.text,
                });
                lint(&text)
            } else {
                engine::check(&f.source.text, &f.report, &f.options, prev_of(k))
            };
            let index = LineIndex::new(&text);
            (
                Checked {
                    path: f.display.clone(),
                    text,
                    index,
                    diagnostics,
                },
                fixed,
            )
        })
        .collect();

    let mut stdout = std::io::stdout().lock();
    let mut would_change = false;
    let mut checked = Vec::with_capacity(results.len());
    let mut stdin_fixed: Option<Vec<u8>> = None;
    for ((c, fixed), f) in results.into_iter().zip(&files) {
        if fixing && f.source.format == Format::Docx {
            let would = c
                .diagnostics
                .iter()
                .any(|d| d.fix.as_ref().is_some_and(|x| mode.allows(x.applicability)));
            if would {
                eprintln!(
                    "xxgk: warning: {}: .docx files are never rewritten; apply the fixes in Word or WPS",
                    f.display
                );
            }
        }
        if args.fix && !args.diff && f.input == Input::Stdin {
            // Like ruff: with stdin, the (possibly) fixed text always goes to stdout.
            let text = fixed.as_ref().map_or(&f.source.text, |fx| &fx.text);
            stdin_fixed = Some(fix::encode(&f.source, text));
        }
        if let Some(fx) = fixed.filter(|fx| fx.text != f.source.text) {
            would_change = true;
            if args.diff {
                let d = fix::unified_diff(&f.display, &f.source.text, &fx.text);
                write_out(&mut stdout, d.as_bytes())?;
                eprintln!("xxgk: would fix {} in {}", issues(fx.applied), f.display);
            } else {
                match &f.input {
                    Input::Stdin => {}
                    Input::File(p) => {
                        if let Err(e) = fix::write_atomic(p, &f.source, &fx.text) {
                            error(format!("{}: {e}", f.display));
                            failed = true;
                            continue;
                        }
                    }
                }
                eprintln!("xxgk: fixed {} in {}", issues(fx.applied), f.display);
            }
        }
        checked.push(c);
    }

    if args.diff {
        stdout
            .flush()
            .map_err(|e| format!("cannot write output: {e}"))?;
        return Ok(if failed {
            EXIT_ERROR
        } else if would_change && !args.exit_zero {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        });
    }

    drop(stdout);
    finish(args, &checked, failed, stdin_fixed)
}

/// Print the diagnostics (or statistics) and choose the exit status.
fn finish(
    args: &CheckArgs,
    checked: &[Checked],
    failed: bool,
    stdin_fixed: Option<Vec<u8>>,
) -> Result<i32, String> {
    let mut stdout = std::io::stdout().lock();
    // With stdin fixed, the fixed text goes to stdout and the diagnostics to stderr.
    let rendered = if args.statistics {
        statistics(checked, args.format)
    } else {
        render_all(checked, args.format, stdin_fixed.is_none() && colour())
    }
    .map_err(|e| format!("cannot render output: {e}"))?;
    match stdin_fixed {
        Some(bytes) => {
            write_out(&mut stdout, &bytes)?;
            let _ = std::io::stderr().write_all(&rendered);
        }
        None => write_out(&mut stdout, &rendered)?,
    }

    let threshold = args.fail_on.severity();
    Ok(if failed {
        EXIT_ERROR
    } else if !args.exit_zero
        && checked
            .iter()
            .flat_map(|c| &c.diagnostics)
            .any(|d| d.severity >= threshold)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

struct FixResult {
    applied: usize,
    text: String,
}

fn issues(n: usize) -> String {
    plural(n, "issue")
}

fn write_out(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Reports of the same body (title issuer) for consecutive years: index of
/// the later year's report → index of the earlier. Ambiguous pairs (two
/// reports with the same issuer and year) are not paired.
fn pair_by_year(files: &[Loaded]) -> HashMap<usize, usize> {
    pair_keys(files.iter().map(|f| pair_key(&f.report)))
}

/// What pairs a report with another: its issuer and year.
fn pair_key(report: &Report) -> Option<(&str, i32)> {
    let issuer = report.title.as_ref().and_then(|t| t.issuer.as_deref());
    Some((issuer?, report.year?))
}

fn pair_keys<'a>(keys: impl Iterator<Item = Option<(&'a str, i32)>>) -> HashMap<usize, usize> {
    let mut by_key: BTreeMap<(&str, i32), Vec<usize>> = BTreeMap::new();
    for (k, key) in keys.enumerate() {
        if let Some(key) = key {
            by_key.entry(key).or_default().push(k);
        }
    }
    let mut out = HashMap::new();
    for (&(issuer, year), later) in &by_key {
        if let ([l], Some([e])) = (
            later.as_slice(),
            by_key.get(&(issuer, year - 1)).map(Vec::as_slice),
        ) {
            out.insert(*l, *e);
        }
    }
    out
}

/// Files per thread in one chunk of `check_streamed`.
const CHUNK_PER_THREAD: usize = 32;

/// Check without fixing, in bounded parallel chunks, keeping the output of
/// the all-in-memory path: results in input order (sorted by path), the same
/// notes and errors in the same order, the same pairing. Pass 1 loads, parses
/// and checks each file on its own and keeps only its pairing key and its
/// result (with the text only when there is a finding to show); pass 2
/// re-checks the later report of each pair, reloaded, with its predecessor.
fn check_streamed(
    inputs: &[Input],
    options: Vec<LintOptions>,
    stdin: &[u8],
    stdin_name: &str,
    previous: Option<&(SourceFile, Report)>,
) -> (Vec<Checked>, bool) {
    let display = |i: &Input| match i {
        Input::Stdin => stdin_name.to_string(),
        Input::File(p) => p.display().to_string(),
    };
    let prev = || {
        previous.map(|(src, report)| engine::Previous {
            text: &src.text,
            report,
        })
    };
    let load = |k: usize| -> Result<(String, SourceFile, Report), String> {
        let name = display(&inputs[k]);
        let source = read_input(&inputs[k], stdin, &name)?;
        let report = crate::parse::parse_with(&source.text, &options[k].extra_aliases);
        Ok((name, source, report))
    };
    let checked_of = |path: String, text: String, diagnostics: Vec<Diagnostic>| {
        // A file without findings shows nothing: do not keep its text.
        let text = if diagnostics.is_empty() {
            String::new()
        } else {
            text
        };
        let index = LineIndex::new(&text);
        Checked {
            path,
            text,
            index,
            diagnostics,
        }
    };

    let chunk = CHUNK_PER_THREAD * rayon::current_num_threads().max(1);
    let mut failed = false;
    let mut results: Vec<Option<Checked>> = Vec::with_capacity(inputs.len());
    let mut keys: Vec<Option<(String, i32)>> = Vec::with_capacity(inputs.len());
    for start in (0..inputs.len()).step_by(chunk) {
        let end = (start + chunk).min(inputs.len());
        let done: Vec<Result<_, String>> = (start..end)
            .into_par_iter()
            .map(|k| {
                let (name, source, report) = load(k)?;
                let key = pair_key(&report).map(|(i, y)| (i.to_string(), y));
                let diagnostics = engine::check(&source.text, &report, &options[k], prev());
                let gb = source.encoding == Encoding::Gb18030;
                Ok((checked_of(name, source.text, diagnostics), key, gb))
            })
            .collect();
        for (k, r) in (start..end).zip(done) {
            match r {
                Ok((c, key, gb)) => {
                    if gb {
                        eprintln!("xxgk: note: {}: not UTF-8; read as GB18030", c.path);
                    }
                    results.push(Some(c));
                    keys.push(key);
                }
                Err(e) => {
                    error(e);
                    failed = true;
                    results.push(None);
                    keys.push(None);
                }
            }
            debug_assert_eq!(results.len(), k + 1);
        }
    }

    if previous.is_none() {
        let pairs = pair_keys(
            keys.iter()
                .map(|k| k.as_ref().map(|(i, y)| (i.as_str(), *y))),
        );
        let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        for group in pairs.chunks(chunk) {
            let redone: Vec<_> = group
                .par_iter()
                .map(|&(k, p)| {
                    // Both were read a moment ago; if either cannot be read
                    // again, the result without the previous year stands.
                    let ((name, source, report), (_, psrc, preport)) =
                        (load(k).ok()?, load(p).ok()?);
                    let previous = engine::Previous {
                        text: &psrc.text,
                        report: &preport,
                    };
                    let diagnostics =
                        engine::check(&source.text, &report, &options[k], Some(previous));
                    Some((k, checked_of(name, source.text, diagnostics)))
                })
                .collect();
            for (k, c) in redone.into_iter().flatten() {
                results[k] = Some(c);
            }
        }
    }
    (results.into_iter().flatten().collect(), failed)
}

/// Colours only on a terminal, and never with `NO_COLOR` set.
fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

fn reports(checked: &[Checked]) -> Vec<FileReport<'_>> {
    checked
        .iter()
        .map(|c| FileReport {
            path: &c.path,
            text: &c.text,
            index: &c.index,
            diagnostics: &c.diagnostics,
        })
        .collect()
}

fn render_all(checked: &[Checked], format: OutputFormat, colour: bool) -> std::io::Result<Vec<u8>> {
    let files = reports(checked);
    let mut s = String::new();
    match format {
        OutputFormat::Full => {
            let mut buf = if colour {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            for f in &files {
                render::full::emit(f, &mut buf)?;
            }
            let (errors, warnings, infos) = counts(checked);
            if errors + warnings + infos > 0 {
                writeln!(buf, "{}", summary(errors, warnings, infos, files.len()))?;
            }
            buf.reset()?;
            return Ok(buf.into_inner());
        }
        OutputFormat::Concise => files.iter().for_each(|f| render::concise(f, &mut s)),
        OutputFormat::Github => files.iter().for_each(|f| render::github::emit(f, &mut s)),
        OutputFormat::JsonLines => {
            for f in &files {
                render::json_lines::emit(f, &mut s).map_err(std::io::Error::other)?;
            }
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
            s = serde_json::to_string_pretty(&all).map_err(std::io::Error::other)? + "\n";
        }
        OutputFormat::Sarif => {
            s = serde_json::to_string_pretty(&render::sarif::log(&files))
                .map_err(std::io::Error::other)?
                + "\n";
        }
    }
    Ok(s.into_bytes())
}

#[derive(serde::Serialize)]
struct Stat {
    code: &'static str,
    name: &'static str,
    count: usize,
    /// Some of these findings have a safe fix (`--fix`).
    fixable: bool,
}

/// `--statistics`: a count per rule, most frequent first.
fn statistics(checked: &[Checked], format: OutputFormat) -> std::io::Result<Vec<u8>> {
    let mut by_code: BTreeMap<&str, Stat> = BTreeMap::new();
    for d in checked.iter().flat_map(|c| &c.diagnostics) {
        let s = by_code.entry(d.code).or_insert(Stat {
            code: d.code,
            name: d.name,
            count: 0,
            fixable: false,
        });
        s.count += 1;
        s.fixable |= d
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe);
    }
    let mut stats: Vec<Stat> = by_code.into_values().collect();
    stats.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    let out = match format {
        OutputFormat::Json | OutputFormat::Sarif => {
            serde_json::to_string_pretty(&stats).map_err(std::io::Error::other)? + "\n"
        }
        OutputFormat::JsonLines => stats
            .iter()
            .map(|s| serde_json::to_string(s).map(|l| l + "\n"))
            .collect::<Result<String, _>>()
            .map_err(std::io::Error::other)?,
        _ => {
            let width = stats
                .iter()
                .map(|s| s.count.to_string().len())
                .max()
                .unwrap_or(1);
            stats
                .iter()
                .map(|s| {
                    let mark = if s.fixable { "[*] " } else { "" };
                    format!("{:>width$}  {}  {mark}{}\n", s.count, s.code, s.name)
                })
                .collect()
        }
    };
    Ok(out.into_bytes())
}

fn counts(checked: &[Checked]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for d in checked.iter().flat_map(|c| &c.diagnostics) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(title: &str) -> Loaded {
        let text = format!("{title}\n\n一、总体情况\n");
        let source = input::from_bytes(Path::new("r.txt"), text.as_bytes()).unwrap();
        let report = crate::parse::parse(&source.text);
        Loaded {
            display: title.to_string(),
            input: Input::File(PathBuf::from("r.txt")),
            source,
            report,
            options: LintOptions::default(),
        }
    }

    #[test]
    fn reports_of_one_body_for_consecutive_years_are_paired() {
        let files = vec![
            loaded("某某市商务局2024年政府信息公开工作年度报告"),
            loaded("某某市商务局2023年政府信息公开工作年度报告"),
            loaded("某某市教育局2023年政府信息公开工作年度报告"),
            loaded("某某市教育局2021年政府信息公开工作年度报告"),
            loaded("2022年政府信息公开工作年度报告"),
            loaded("某某市财政局2023年政府信息公开工作年度报告"),
            loaded("某某市财政局2022年政府信息公开工作年度报告"),
            loaded("某某市财政局2022年政府信息公开工作年度报告"),
        ];
        assert_eq!(
            files[0]
                .report
                .title
                .as_ref()
                .and_then(|t| t.issuer.as_deref()),
            Some("某某市商务局")
        );
        let pairs = pair_by_year(&files);
        // 商务局 2024 ← 2023; 教育局 2023 and 2021 are not consecutive; no issuer,
        // no pair; 财政局 2022 twice is ambiguous.
        assert_eq!(pairs, HashMap::from([(0, 1)]));
    }
}
