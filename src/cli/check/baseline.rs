//! `--baseline` and `--write-baseline`: the command-line side of the
//! reviewed-finding memory in src/baseline.rs. Reports checked one by one
//! are filtered on their worker ([`Filter`]) and recorded there ([`record`]);
//! a fixing run, which holds every report, calls [`apply`]. The summary is
//! printed after the output ([`Outcome::finish`]).

use super::*;
use crate::baseline::{self, Baseline, Entry, Index};
use std::collections::HashSet;

#[derive(Args, Debug, Default)]
pub struct BaselineArgs {
    /// 只显示不在此基线文件中的问题：已审核的问题隐藏，退出状态只看其余问题
    /// (show only findings not recorded in FILE; the exit status counts only those).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// 把本次的全部问题记为已审核，写入基线文件（原子替换），不输出问题
    /// (record every current finding in FILE as reviewed; prints no findings).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["output_file", "statistics", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// 基线中有条目未匹配任何问题（问题已改正或原文已改动）时退出状态为 1
    /// (exit 1 when a baseline entry matched no finding).
    #[arg(long, requires = "baseline")]
    pub fail_on_unused_baseline: bool,
}

/// Refuse a missing or bad baseline before any report is read (it is read
/// again, unchanged, by [`apply`]; the file is small).
pub(super) fn check_flags(args: &BaselineArgs) -> Result<(), String> {
    if let Some(p) = &args.baseline {
        Baseline::load(p).map_err(|e| e.to_string())?;
    }
    if let Some(p) = &args.write_baseline {
        if p.is_dir() {
            let what = messages::BASELINE_FILE.text();
            return Err(messages::WRITE_FILE_IS_DIR.fill(&[&what, &p.display()]));
        }
    }
    Ok(())
}

/// What `--baseline` did, to report after the output.
#[derive(Default)]
pub(super) struct Outcome {
    file: Option<PathBuf>,
    hidden: usize,
    unused: Vec<Entry>,
    fail_on_unused: bool,
}

/// `--baseline FILE`: each report's findings without the accepted ones, and
/// what each report used of the baseline, for the summary.
pub(super) struct Filter<'a> {
    path: &'a Path,
    index: Index<'a>,
    fail_on_unused: bool,
}

/// What one report used of the baseline: its stored path and the entries
/// that hid its findings.
pub(super) struct Used {
    file: String,
    entries: Vec<usize>,
}

impl<'a> Filter<'a> {
    pub(super) fn new(args: &'a BaselineArgs, accepted: &'a Baseline) -> Option<Self> {
        let path = args.baseline.as_deref()?;
        Some(Filter {
            path,
            index: Index::new(accepted),
            fail_on_unused: args.fail_on_unused_baseline,
        })
    }

    /// The report without its accepted findings (on the worker that checked it).
    pub(super) fn apply(&self, mut c: Checked) -> (Checked, Used) {
        let file = baseline::stored_path(self.path, &c.path);
        let diagnostics = std::mem::take(&mut c.diagnostics);
        let (kept, entries) = self.index.filter(&file, &c.text, diagnostics);
        c.diagnostics = kept;
        (c, Used { file, entries })
    }

    /// The summary, from what every checked report used (a report checked
    /// twice counts once: the last time).
    pub(super) fn outcome<'u>(&self, used: impl IntoIterator<Item = &'u Used>) -> Outcome {
        let (mut hidden, mut all, mut seen) = (0, HashSet::new(), HashSet::new());
        for u in used {
            hidden += u.entries.len();
            all.extend(u.entries.iter().copied());
            seen.insert(u.file.as_str());
        }
        Outcome {
            file: Some(self.path.to_path_buf()),
            hidden,
            unused: self
                .index
                .unused(&all, &seen)
                .into_iter()
                .cloned()
                .collect(),
            fail_on_unused: self.fail_on_unused,
        }
    }
}

/// `--write-baseline FILE`: the entries of one checked report (on its worker).
pub(super) fn record(path: &Path, c: &Checked) -> Vec<Entry> {
    let file = baseline::stored_path(path, &c.path);
    Baseline::record([(file, c.text.as_str(), c.diagnostics.as_slice())]).entries
}

/// Write the recorded entries (by input index) and say so.
pub(super) fn write(path: &Path, recorded: Vec<Vec<Entry>>) -> Result<(), String> {
    let files = recorded.iter().filter(|e| !e.is_empty()).count();
    let recorded = Baseline {
        version: baseline::VERSION,
        entries: recorded.into_iter().flatten().collect(),
    };
    let what = messages::BASELINE_FILE.text();
    output::write_file_as(path, recorded.to_json().as_bytes(), what)?;
    let n = recorded.entries.len();
    note(messages::BASELINE_WRITTEN.fill(&[&n, &files, &path.display()]));
    Ok(())
}

/// For a run that holds every report (`--fix`). With `--write-baseline`:
/// write the baseline and return `None` (nothing else is printed). With
/// `--baseline`: the files without the accepted findings. Otherwise the
/// files as they are.
pub(super) fn apply(
    args: &BaselineArgs,
    checked: Vec<Checked>,
) -> Result<Option<(Vec<Checked>, Outcome)>, String> {
    if let Some(path) = &args.write_baseline {
        write(path, checked.iter().map(|c| record(path, c)).collect())?;
        return Ok(None);
    }
    let Some(path) = &args.baseline else {
        return Ok(Some((checked, Outcome::default())));
    };
    let accepted = Baseline::load(path).map_err(|e| e.to_string())?;
    let filter = Filter::new(args, &accepted).expect("--baseline given");
    let (checked, used): (Vec<Checked>, Vec<Used>) =
        checked.into_iter().map(|c| filter.apply(c)).unzip();
    let outcome = filter.outcome(&used);
    Ok(Some((checked, outcome)))
}

impl Outcome {
    /// Print the summary (Chinese, on stderr, so machine formats on stdout
    /// stay as they are) and say whether the run fails for unused entries.
    /// Unused entries are listed, not made findings: they belong to no text
    /// a renderer could point into, and the reviewer acts on them by
    /// rewriting the baseline, so file, rule, message and excerpt are given.
    pub(super) fn finish(&self) -> bool {
        let Some(path) = &self.file else {
            return false;
        };
        note(messages::BASELINE_HIDDEN.fill(&[&self.hidden, &path.display()]));
        if self.unused.is_empty() {
            return false;
        }
        let mut text = messages::BASELINE_UNUSED.fill(&[&self.unused.len(), &path.display()]);
        for e in &self.unused {
            let entry = &[
                &e.file as &dyn std::fmt::Display,
                &e.code,
                &e.name,
                &e.message,
                &e.excerpt,
            ];
            text.push_str(&format!(
                "\n  {}",
                messages::BASELINE_UNUSED_ENTRY.fill(entry)
            ));
        }
        // Asked to fail on them: shown even with --quiet.
        if self.fail_on_unused {
            eprintln!("{}", crate::render::escape_controls(&text));
        } else {
            note(crate::render::escape_controls(&text));
        }
        self.fail_on_unused
    }
}
