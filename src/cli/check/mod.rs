//! `xxgk check`: the gate. Files and directories in, diagnostics out (six
//! formats), an exit status a script can act on, and fixes on request.
//!
//! A run has phases so that parallel checking never changes the output:
//! collect and sort the inputs, resolve each one's configuration, load and
//! parse (in parallel), pair reports of the same body for consecutive years,
//! check (in parallel, order kept), fix, print.

mod baseline;
mod office;
mod options;
mod output;
mod pairing;
mod spill;
mod stream;
#[cfg(test)]
mod tests;

use super::files::{self, Input};
use super::{error, note, notice, warning, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::config::Cache;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::engine::{self, LintOptions, ReportKind};
use crate::fix::{self, Mode};
use crate::input::{self, Encoding, LineIndex, SourceFile};
use crate::messages;
use crate::model::Report;
use crate::render::office::Unread;
use crate::render::{self, FileReport};
use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(super) use options::excluded;
use options::SelectionArgs;
use output::{colour, plural, render_all, statistics};
use pairing::pair_by_year;
use stream::check_streamed;

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
    /// One self-contained HTML page: totals, charts, a table of reports, every finding.
    Html,
    /// An Excel workbook: a sheet of reports and a sheet of findings (needs --output-file).
    Xlsx,
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
    pub report_kind: Option<ReportKind>,
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
    /// Apply safe fixes and write the files (never .docx or web pages).
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: also apply fixes that need a human to confirm them.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,
    /// Write the findings to this file (replaced atomically) instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Check this many files at once (0: one per core, the default). The output is the same for any number.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub baseline: baseline::BaselineArgs,
}

/// A loaded and parsed input.
struct ParsedInput {
    display: String,
    input: Input,
    /// The bytes as read: fixes are applied to them, and the file must
    /// still hold them when it is rewritten.
    original: Vec<u8>,
    source: SourceFile,
    report: Report,
    options: Arc<LintOptions>,
}

/// `--previous`: last year's report, read once and parsed with the `[aliases]`
/// of each configuration in the run, so that it is read as the reports it is
/// compared with are read (issue 12: it was parsed without them, and a row
/// only an alias names was missed).
pub(super) struct PreviousFile {
    source: SourceFile,
    /// One parse per distinct alias set among the inputs' options.
    parsed: Vec<(BTreeMap<String, Vec<String>>, Report)>,
}

impl PreviousFile {
    fn load(path: &Path, options: &[Arc<LintOptions>]) -> Result<Self, String> {
        let source = input::load(path).map_err(|e| e.to_string())?;
        let mut parsed: Vec<(BTreeMap<String, Vec<String>>, Report)> = Vec::new();
        for o in options {
            if !parsed.iter().any(|(a, _)| *a == o.extra_aliases) {
                let report = engine::parse(&source.text, o);
                parsed.push((o.extra_aliases.clone(), report));
            }
        }
        Ok(PreviousFile { source, parsed })
    }

    /// The previous report as read with `options`' aliases.
    pub(super) fn for_options(&self, options: &LintOptions) -> Option<engine::Previous<'_>> {
        let (_, report) = self
            .parsed
            .iter()
            .find(|(a, _)| *a == options.extra_aliases)?;
        Some(engine::Previous {
            text: &self.source.text,
            report,
        })
    }
}

/// A checked input, ready to print.
pub struct Checked {
    pub path: String,
    pub text: String,
    pub index: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// Where each page's text starts (PDF); empty otherwise.
    pub pages: Vec<usize>,
    /// The issuing body and report year read from the report (for the office formats).
    pub issuer: Option<String>,
    pub year: Option<i32>,
    /// Whether `--fix` may rewrite the file (text, not a Word document, page or PDF).
    pub rewritable: bool,
    /// For a .docx, where each paragraph and table cell of the text view starts.
    pub word: Vec<(usize, input::docx::places::WordPlace)>,
}

impl Checked {
    /// A checked input: the text its spans point into, the report read from it, its findings.
    /// `text` comes with its line index (`LineIndex::new(&text)`, or the
    /// same built by the parser: `engine::lint_with_index`).
    fn new(
        path: String,
        (text, index): (String, LineIndex),
        pages: Vec<usize>,
        format: input::Format,
        report: &Report,
        diagnostics: Vec<Diagnostic>,
    ) -> Checked {
        Checked {
            path,
            index,
            word: input::word_places(format, &text),
            text,
            diagnostics,
            pages,
            issuer: report.issuer.clone(),
            year: report.year,
            rewritable: format.is_rewritable(),
        }
    }
}

fn display_name(input: &Input, stdin_name: &str) -> String {
    match input {
        Input::Stdin => stdin_name.to_string(),
        Input::File(p) => p.display().to_string(),
    }
}

/// An input as read: its source, or why a file found in a folder is not a
/// report (skipped with a note).
enum Loaded<T = SourceFile> {
    Source(T),
    NotAReport(&'static str),
}

/// Read an input; one `walked` from a folder is also asked whether it is a
/// report (`files::sniff`), from the same bytes and text: read and decoded once.
fn read_input(input: &Input, walked: bool, stdin: &[u8], display: &str) -> Result<Loaded, String> {
    let source = match input {
        Input::Stdin => input::from_bytes(Path::new(display), stdin),
        Input::File(p) if walked => {
            let bytes = input::read_bytes(p).map_err(|e| e.to_string())?;
            let sniff = files::sniff(p, &bytes);
            if let files::Sniff::NotAReport(why) = sniff {
                return Ok(Loaded::NotAReport(why));
            }
            let source = input::load_bytes(p, bytes).map_err(|e| e.to_string())?;
            return Ok(match sniff.after_decoding(&source.text) {
                Some(why) => Loaded::NotAReport(why),
                None => Loaded::Source(source),
            });
        }
        Input::File(p) => input::load(p),
    };
    source.map(Loaded::Source).map_err(|e| e.to_string())
}

/// The note for a file of a folder that is not a report.
fn skipped_note(display: &str, why: &str) {
    notice(messages::NOT_A_REPORT_SKIPPED.fill(&[&display, &why]));
}

pub fn run(args: CheckArgs) -> i32 {
    super::set_quiet(args.selection.quiet);
    match run_inner(&args) {
        Ok(code) => code,
        Err(e) => {
            error(e);
            EXIT_ERROR
        }
    }
}

fn run_inner(args: &CheckArgs) -> Result<i32, String> {
    output::check_destination(args)?;
    let explicit = args.config.as_deref();
    check_config_flag(explicit)?;
    // Flags are checked before any file is read.
    let selection = args.selection.selection()?;
    let exclude = args.selection.exclude_set()?;
    let mut configs = Cache::default();
    let collected = files::collect(
        &args.paths,
        &mut configs,
        explicit,
        args.isolated,
        exclude.as_ref(),
    )
    .map_err(|e| e.to_string())?;
    let inputs = &collected.inputs;
    let stdin_name = args
        .stdin_filename
        .as_ref()
        .map_or("<stdin>".to_string(), |p| p.display().to_string());
    let stdin = read_stdin(inputs, &stdin_name)?;

    // Configuration per input, resolved up front: a bad config stops the run
    // before anything is printed.
    let options = resolve_options(args, inputs, &mut configs, explicit, &selection)?;
    if args.selection.show_settings {
        return show_settings(args, &collected, &options, &mut configs, &stdin_name);
    }

    let previous = match &args.previous {
        Some(p) => Some(PreviousFile::load(p, &options)?),
        None => None,
    };

    let fixing = args.fix || args.diff;
    if !fixing {
        let run = Unfixed {
            collected: &collected,
            stdin: &stdin,
            stdin_name: &stdin_name,
            previous: previous.as_ref(),
            threads: thread_count(args.threads),
        };
        return check_unfixed(args, run, options);
    }

    set_threads(args.threads);
    let (files, failed, unreadable) = load_all(&collected, options, &stdin, &stdin_name)?;
    let failed = failed || collected.unreadable;
    let mode = if args.unsafe_fixes {
        Mode::IncludeUnsafe
    } else {
        Mode::SafeOnly
    };
    let results = fix_all(&files, previous.as_ref(), mode);
    write_fixes(args, results, &files, (failed, unreadable))
}

/// `--threads N` (0: one per core) for the pool of a fixing run, before
/// anything uses it; a pool already built (tests calling `run` twice in one
/// process) keeps its size.
fn set_threads(threads: usize) {
    if threads > 0 {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global();
    }
}

/// The threads a run without fixes checks on: `--threads N`, else
/// `RAYON_NUM_THREADS` as the fixing run's pool reads it, else one per core.
/// Worked out without building rayon's pool, whose threads such a run would
/// never use (`check_streamed` starts its own).
fn thread_count(threads: usize) -> usize {
    let from_env = || {
        let n = std::env::var("RAYON_NUM_THREADS").ok()?.trim().parse().ok();
        n.filter(|&n: &usize| n > 0)
    };
    let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
    match threads {
        0 => from_env().unwrap_or_else(cores),
        n => n,
    }
}

/// What a run without fixes checks.
struct Unfixed<'r> {
    /// The inputs, which were found in folders, whether a folder's entry
    /// could not be read.
    collected: &'r files::Collected,
    stdin: &'r [u8],
    stdin_name: &'r str,
    previous: Option<&'r PreviousFile>,
    /// Checking threads ([`thread_count`]).
    threads: usize,
}

/// Without fixes, files are checked in parallel and handed on as soon as
/// each is checked: memory stays flat over any number of reports (see
/// `check_streamed`). A baseline filters each report on its worker
/// (`baseline.rs`). Html and xlsx need the whole run at once and keep each
/// report's summary and findings (`office.rs`); every other format is
/// rendered on the spot (`spill.rs`).
fn check_unfixed(
    args: &CheckArgs,
    run: Unfixed,
    options: Vec<Arc<LintOptions>>,
) -> Result<i32, String> {
    if let Some(path) = &args.baseline.write_baseline {
        let mut recorded = vec![Vec::new(); run.collected.inputs.len()];
        let make = |c: Checked| baseline::record(path, &c);
        let keep = &mut |k, entries| recorded[k] = entries;
        let (unreadable, _) = run.check(options, None, &make, keep)?;
        baseline::write(path, recorded)?;
        let failed = !unreadable.is_empty() || run.collected.unreadable;
        return Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN });
    }
    let accepted = match &args.baseline.baseline {
        Some(p) => Some(crate::baseline::Baseline::load(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let filter = accepted
        .as_ref()
        .and_then(|a| baseline::Filter::new(&args.baseline, a));
    if matches!(args.format, OutputFormat::Html | OutputFormat::Xlsx) {
        let mut whole = office::OfficeRun::new(run.collected.inputs.len())?;
        let keep = &mut |k, kept| whole.put(k, kept);
        let (unreadable, outcome) = run.check(options, filter.as_ref(), &office::keep, keep)?;
        let failed = !unreadable.is_empty() || run.collected.unreadable;
        return office::finish_office(args, whole, failed, &unreadable, outcome);
    }
    let style = spill::Style {
        format: args.format,
        colour: args.output_file.is_none() && args.selection.color.wanted(colour),
        statistics: args.statistics,
    };
    let mut spill = spill::Spill::new(style, run.collected.inputs.len())?;
    let make = |c| spill::piece(c, style);
    let keep = &mut |k, p| spill.put(k, p);
    let (unreadable, outcome) = run.check(options, filter.as_ref(), &make, keep)?;
    let failed = !unreadable.is_empty() || run.collected.unreadable;
    finish_spilled(args, spill, failed, outcome)
}

impl Unfixed<'_> {
    /// [`check_streamed`], each report first filtered by the baseline when
    /// there is one; the baseline's summary of the run. An error when a
    /// folder turned out to hold no report (`files::no_reports`): nothing
    /// has been written yet.
    fn check<T: Send>(
        &self,
        options: Vec<Arc<LintOptions>>,
        filter: Option<&baseline::Filter>,
        make: &(dyn Fn(Checked) -> T + Sync),
        keep: &mut dyn FnMut(usize, T),
    ) -> Result<(Vec<Unread>, baseline::Outcome), String> {
        let Some(filter) = filter else {
            let streamed = check_streamed(self, options, make, keep);
            files::no_reports(self.collected, &streamed.skipped)?;
            return Ok((streamed.unreadable, baseline::Outcome::default()));
        };
        let inputs = self.collected.inputs.len();
        let mut used: Vec<Option<baseline::Used>> = (0..inputs).map(|_| None).collect();
        let filtered = |c| {
            let (c, u) = filter.apply(c);
            (make(c), u)
        };
        let keep = &mut |k, (made, u)| {
            used[k] = Some(u);
            keep(k, made)
        };
        let streamed = check_streamed(self, options, &filtered, keep);
        files::no_reports(self.collected, &streamed.skipped)?;
        Ok((streamed.unreadable, filter.outcome(used.iter().flatten())))
    }
}

/// `--config PATH` must name a file (or `/dev/null`), checked before anything else.
fn check_config_flag(explicit: Option<&Path>) -> Result<(), String> {
    let Some(p) = explicit else { return Ok(()) };
    // Not `is_file`: `/dev/null` (no configuration) is a fine answer too.
    if !p.exists() {
        return Err(messages::NO_SUCH_CONFIG.fill(&[&p.display()]));
    }
    if p.is_dir() {
        return Err(messages::CONFIG_IS_DIR.fill(&[&p.display()]));
    }
    Ok(())
}

/// Standard input, read once (bounded) when `-` is among the inputs.
fn read_stdin(inputs: &[Input], stdin_name: &str) -> Result<Vec<u8>, String> {
    if !inputs.contains(&Input::Stdin) {
        return Ok(Vec::new());
    }
    input::read_bounded(std::io::stdin().lock()).map_err(|e| match e {
        input::Bounded::Io(e) => messages::CANNOT_READ.fill(&[&stdin_name, &e]),
        input::Bounded::TooLarge => {
            input::LoadError::TooLargeStream(PathBuf::from(stdin_name)).to_string()
        }
    })
}

/// Load and parse every input for fixing (in parallel, order kept), with the
/// notes and errors in input order. Returns the readable ones, whether any
/// failed, and the unreadable ones; an error when a folder turned out to
/// hold no report.
fn load_all(
    collected: &files::Collected,
    options: Vec<Arc<LintOptions>>,
    stdin: &[u8],
    stdin_name: &str,
) -> Result<(Vec<ParsedInput>, bool, Vec<Unread>), String> {
    let inputs = &collected.inputs;
    let loaded: Vec<Result<Loaded<ParsedInput>, String>> = inputs
        .par_iter()
        .zip(&collected.walked)
        .zip(options.into_par_iter())
        .map(|((i, &walked), options)| {
            let display = display_name(i, stdin_name);
            let original = match i {
                Input::Stdin => stdin.to_vec(),
                Input::File(p) => input::read_bytes(p).map_err(|e| e.to_string())?,
            };
            let sniff = match (i, walked) {
                (Input::File(p), true) => files::sniff(p, &original),
                _ => files::Sniff::Report,
            };
            if let files::Sniff::NotAReport(why) = sniff {
                return Ok(Loaded::NotAReport(why));
            }
            let source =
                input::from_bytes(Path::new(&display), &original).map_err(|e| e.to_string())?;
            if let Some(why) = sniff.after_decoding(&source.text) {
                return Ok(Loaded::NotAReport(why));
            }
            // Read once here for pairing by year; checked by `engine::lint_with_previous` later.
            let report = engine::parse(&source.text, &options);
            Ok(Loaded::Source(ParsedInput {
                display,
                input: i.clone(),
                original,
                source,
                report,
                options,
            }))
        })
        .collect();
    let mut failed = false;
    let mut unreadable = Vec::new();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for (k, (l, i)) in loaded.into_iter().zip(inputs).enumerate() {
        match l {
            Ok(Loaded::NotAReport(why)) => {
                skipped_note(&display_name(i, stdin_name), why);
                skipped.push(k);
            }
            Ok(Loaded::Source(l)) => {
                if l.source.encoding == Encoding::Gb18030 {
                    notice(messages::READ_AS_GB18030.fill(&[&l.display]));
                }
                files.push(l);
            }
            Err(e) => {
                error(&e);
                failed = true;
                unreadable.push(Unread::new(display_name(i, stdin_name), e));
            }
        }
    }
    files::no_reports(collected, &skipped)?;
    Ok((files, failed, unreadable))
}

/// Fix each rewritable file (in parallel, order kept) and check what remains,
/// each with its previous year (`--previous`, else its pair in the run).
fn fix_all(
    files: &[ParsedInput],
    previous: Option<&PreviousFile>,
    mode: Mode,
) -> Vec<(Checked, Option<FixResult>)> {
    let pairs = pair_by_year(files);
    let prev_of = |k: usize| -> Option<engine::Previous<'_>> {
        if let Some(previous) = previous {
            return previous.for_options(&files[k].options);
        }
        pairs.get(&k).map(|&p| engine::Previous {
            text: &files[p].source.text,
            report: &files[p].report,
        })
    };
    (0..files.len())
        .into_par_iter()
        .map(|k| {
            let f = &files[k];
            let lint =
                |text: &str| engine::lint_with_previous(text, &f.options, prev_of(k)).diagnostics;
            let mut fixed = None;
            let mut text = f.source.text.clone();
            if f.source.format.is_rewritable() {
                let out = fix::fix_text(&f.source.text, mode, f.source.line_ending, lint);
                text = out.text.clone();
                fixed = Some(FixResult {
                    applied: out.applied,
                    text: out.text,
                    cycle: out.cycle,
                });
            }
            let diagnostics = lint(&text);
            let pages = f.source.pages.clone();
            let index = LineIndex::new(&text);
            let c = Checked::new(
                f.display.clone(),
                (text, index),
                pages,
                f.source.format,
                &f.report,
                diagnostics,
            );
            (c, fixed)
        })
        .collect()
}

/// Write (or, with `--diff`, show) the fixes, then print what remains.
fn write_fixes(
    args: &CheckArgs,
    results: Vec<(Checked, Option<FixResult>)>,
    files: &[ParsedInput],
    (mut failed, unreadable): (bool, Vec<Unread>),
) -> Result<i32, String> {
    let fixing = args.fix || args.diff;
    let mut stdout = std::io::stdout().lock();
    let mut would_change = false;
    let mut checked = Vec::with_capacity(results.len());
    let mut stdin_fixed: Option<Vec<u8>> = None;
    for ((c, fixed), f) in results.into_iter().zip(files) {
        if fixing && !f.source.format.is_rewritable() {
            // One policy for every format xxgk reads but never rewrites: asked to
            // fix it, say so and fail (a script must be able to tell nothing was done).
            error(format!(
                "{}: {}",
                f.display,
                fix::never_rewritten(f.source.format)
            ));
            failed = true;
        }
        if fixed.as_ref().is_some_and(|fx| fx.cycle) {
            warning(messages::FIXES_UNDO_EACH_OTHER.fill(&[&f.display]));
        }
        let bytes = match fixed.as_ref().filter(|fx| fx.text != f.source.text) {
            Some(fx) => match fix::fixed_bytes(&f.source, &f.original, &fx.text) {
                Ok(bytes) => bytes,
                Err(e) => {
                    error(format!("{}: {e}", f.display));
                    failed = true;
                    checked.push(c);
                    continue;
                }
            },
            None => f.original.clone(),
        };
        // A Word document's or a page's text view is not the document: written
        // to stdout (and perhaps redirected over the file) it would replace it.
        let office = !f.source.format.is_rewritable();
        if args.fix && !args.diff && f.input == Input::Stdin && !office {
            // Like ruff: with stdin, the (possibly) fixed text always goes to stdout.
            stdin_fixed = Some(bytes.clone());
        }
        if let Some(fx) = fixed.filter(|fx| fx.text != f.source.text) {
            would_change = true;
            if args.diff {
                let d = fix::unified_diff(&f.display, &f.source.text, &fx.text);
                write_out(&mut stdout, d.as_bytes())?;
                note(fix_line(false, fx.applied, &f.display));
            } else {
                match &f.input {
                    Input::Stdin => {}
                    Input::File(p) => {
                        if let Err(e) = fix::write_atomic(p, &f.source, &f.original, &bytes) {
                            error(format!("{}: {e}", f.display));
                            failed = true;
                            continue;
                        }
                    }
                }
                note(fix_line(true, fx.applied, &f.display));
            }
        }
        checked.push(c);
    }

    if args.diff {
        stdout.flush().map_err(write_failed)?;
        return Ok(diff_status(failed, would_change, args.exit_zero));
    }

    drop(stdout);
    finish(args, checked, failed, &unreadable, stdin_fixed)
}

/// The exit status of `--diff`: 1 when a fix would change a file.
fn diff_status(failed: bool, would_change: bool, exit_zero: bool) -> i32 {
    if failed {
        EXIT_ERROR
    } else if would_change && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The lint options of each input: its configuration file (or `--config`),
/// then `--report-kind` over it. What does not depend on the file is worked
/// out once per configuration (a folder of reports shares one).
fn resolve_options(
    args: &CheckArgs,
    inputs: &[Input],
    configs: &mut Cache,
    explicit: Option<&Path>,
    selection: &crate::config::Selection,
) -> Result<Vec<Arc<LintOptions>>, String> {
    let mut options = Vec::with_capacity(inputs.len());
    // By configuration (its address in the cache; `None`: no file). Inputs
    // share their configuration's options: a copy per report would be
    // kept for the whole run (a few hundred bytes per report).
    let mut base: HashMap<Option<usize>, Arc<LintOptions>> = HashMap::new();
    for i in inputs {
        let (lookup, config) = match i {
            Input::Stdin => {
                let name = args.stdin_filename.clone();
                let name = name.unwrap_or_else(|| PathBuf::from("<stdin>"));
                let config = configs.get(&name, explicit, args.isolated);
                (name, config)
            }
            // Never a folder (a folder is walked into its files).
            Input::File(p) => (p.clone(), configs.get_for_file(p, explicit, args.isolated)),
        };
        let config = config.map_err(|e| e.to_string())?;
        let key = config.as_ref().map(|c| Arc::as_ptr(c) as usize);
        let shared = base
            .entry(key)
            .or_insert_with(|| {
                let mut o = config
                    .as_ref()
                    .map(|c| c.options.clone())
                    .unwrap_or_default();
                let table = config.as_ref().map(|c| c.rules_table.clone());
                selection.apply(&mut o, &table.unwrap_or_default());
                if let Some(kind) = args.report_kind {
                    o.report_kind = Some(kind);
                }
                Arc::new(o)
            })
            .clone();
        options.push(match &config {
            Some(c) => {
                // Its own copy only when `per-file-ignores` turns a rule off for it.
                let mut o = LintOptions::clone(&shared);
                c.apply_per_file_ignores(&lookup, &mut o);
                if o.levels == shared.levels {
                    shared
                } else {
                    Arc::new(o)
                }
            }
            None => shared,
        });
    }
    Ok(options)
}

/// Print the diagnostics (or statistics) and choose the exit status.
fn finish(
    args: &CheckArgs,
    checked: Vec<Checked>,
    failed: bool,
    unreadable: &[Unread],
    stdin_fixed: Option<Vec<u8>>,
) -> Result<i32, String> {
    // The findings are final here: the baseline hides the reviewed ones.
    let Some((checked, baseline)) = baseline::apply(&args.baseline, checked)? else {
        // --write-baseline: written; only a fixed stdin is still printed.
        write_out(
            &mut std::io::stdout().lock(),
            &stdin_fixed.unwrap_or_default(),
        )?;
        return Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN });
    };
    let checked = &checked[..];
    let mut stdout = std::io::stdout().lock();
    let to_file = args.output_file.as_deref();
    // With stdin fixed, the fixed text goes to stdout and the diagnostics to stderr.
    let terminal =
        stdin_fixed.is_none() && to_file.is_none() && args.selection.color.wanted(colour);
    let rendered = if args.statistics {
        statistics(checked, args.format)
    } else {
        render_all(checked, args.format, terminal, unreadable)
    }
    .map_err(|e| messages::CANNOT_RENDER_OUTPUT.fill(&[&e]))?;
    if let Some(path) = to_file {
        output::write_file(path, &rendered)?;
    }
    match stdin_fixed {
        Some(bytes) => {
            write_out(&mut stdout, &bytes)?;
            if to_file.is_none() {
                let _ = std::io::stderr().write_all(&rendered);
            }
        }
        None if to_file.is_none() => write_out(&mut stdout, &rendered)?,
        None => {}
    }
    if !failed && !args.statistics && !super::quiet() && std::io::stdout().is_terminal() {
        if let Some(line) = clean_line(checked, args.format) {
            write_out(&mut stdout, line.as_bytes())?;
        }
    }

    let threshold = args.fail_on.severity();
    let stale = baseline.finish();
    let findings = checked
        .iter()
        .flat_map(|c| &c.diagnostics)
        .any(|d| d.severity >= threshold);
    Ok(exit_status(args, failed, stale || findings))
}

/// [`finish`] for a run rendered report by report: the spill written out in
/// order, to standard output or (atomically) to `--output-file`.
fn finish_spilled(
    args: &CheckArgs,
    spill: spill::Spill,
    failed: bool,
    baseline: baseline::Outcome,
) -> Result<i32, String> {
    let (files, clean) = (spill.files(), spill.clean());
    let findings = spill.reaches(args.fail_on.severity());
    match args.output_file.as_deref() {
        Some(path) => {
            let what = messages::OUTPUT_FILE.text();
            output::write_file_with(path, what, |w| spill.write_to(w))?
        }
        None => output::write_stdout_with(|w| spill.write_to(w))?,
    }
    let people = matches!(args.format, OutputFormat::Full | OutputFormat::Concise);
    let terminal = !super::quiet() && std::io::stdout().is_terminal();
    if !failed && !args.statistics && terminal && people && clean && files > 0 {
        let line = output::no_problems(files);
        write_out(&mut std::io::stdout().lock(), line.as_bytes())?;
    }
    let stale = baseline.finish();
    Ok(exit_status(args, failed, findings || stale))
}

/// 2 when something could not be read, else 1 when a finding (at or above
/// `--fail-on`) or, with `--fail-on-unused-baseline`, an unused entry says the
/// run fails (unless `--exit-zero`), else 0.
fn exit_status(args: &CheckArgs, failed: bool, fails: bool) -> i32 {
    if failed {
        EXIT_ERROR
    } else if !args.exit_zero && fails {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// `--show-settings`: the settings of the first input, nothing checked.
fn show_settings(
    args: &CheckArgs,
    collected: &files::Collected,
    options: &[Arc<LintOptions>],
    configs: &mut Cache,
    stdin_name: &str,
) -> Result<i32, String> {
    // The first input that is a report (a folder's note files are skipped, with a note).
    let first = collected
        .inputs
        .iter()
        .zip(&collected.walked)
        .position(|(i, &walked)| {
            // Only a folder's file is asked, as a check asks it (one that
            // cannot be read is still the first: its error comes when checked).
            let display = display_name(i, stdin_name);
            let asked = walked.then(|| read_input(i, walked, &[], &display));
            let Some(Ok(Loaded::NotAReport(why))) = asked else {
                return true;
            };
            skipped_note(&display, why);
            false
        });
    let Some(k) = first else {
        return Ok(EXIT_CLEAN);
    };
    let path = match &collected.inputs[k] {
        Input::Stdin => PathBuf::from(stdin_name),
        Input::File(p) => p.clone(),
    };
    let config = configs
        .get(&path, args.config.as_deref(), args.isolated)
        .map_err(|e| e.to_string())?;
    let text = options::settings_text(
        &path,
        config.as_deref().map(|c| c.path.as_path()),
        &options[k],
    );
    write_out(&mut std::io::stdout().lock(), text.as_bytes())?;
    Ok(EXIT_CLEAN)
}

/// What a person at a terminal sees when nothing was found (ruff's "All
/// checks passed!"): silence could as well mean nothing was checked. Only
/// for the formats read by people; pipes and machine formats stay empty.
fn clean_line(checked: &[Checked], format: OutputFormat) -> Option<String> {
    let people = matches!(format, OutputFormat::Full | OutputFormat::Concise);
    let clean = checked.iter().all(|c| c.diagnostics.is_empty());
    (people && clean && !checked.is_empty()).then(|| output::no_problems(checked.len()))
}

struct FixResult {
    applied: usize,
    text: String,
    cycle: bool,
}

/// `xxgk: 已修复 F 中的 N 处问题` (or, with `--diff`, 可修复 … 未写入), in the chosen language.
fn fix_line(written: bool, n: usize, path: &str) -> String {
    match (crate::lang::current(), written) {
        (crate::lang::Lang::En, true) => format!("xxgk: fixed {} in {path}", plural(n, "issue")),
        (crate::lang::Lang::En, false) => {
            format!("xxgk: would fix {} in {path}", plural(n, "issue"))
        }
        (_, true) => format!("xxgk: 已修复 {path} 中的 {n} 处问题"),
        (_, false) => format!("xxgk: 可修复 {path} 中的 {n} 处问题（未写入）"),
    }
}

/// Standard output could not be written (a full disk, a closed terminal).
fn write_failed(e: std::io::Error) -> String {
    messages::CANNOT_WRITE_OUTPUT.fill(&[&e])
}

fn write_out(out: &mut impl Write, bytes: &[u8]) -> Result<(), String> {
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(write_failed(e)),
        _ => Ok(()),
    }
}
