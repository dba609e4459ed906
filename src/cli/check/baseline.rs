//! `--baseline` and `--write-baseline`: the command-line side of the
//! reviewed-finding memory in src/baseline.rs. One call where the findings
//! are final ([`apply`]), one after the output ([`Outcome::finish`]).

use super::*;
use crate::baseline::{self, Baseline, Entry, Matcher};

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

/// With `--write-baseline`: write the baseline and return `None` (nothing
/// else is printed). With `--baseline`: the files without the accepted
/// findings. Otherwise the files as they are.
pub(super) fn apply(
    args: &BaselineArgs,
    mut checked: Vec<Checked>,
) -> Result<Option<(Vec<Checked>, Outcome)>, String> {
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::record(checked.iter().map(|c| {
            let file = baseline::stored_path(path, &c.path);
            (file, c.text.as_str(), c.diagnostics.as_slice())
        }));
        let what = messages::BASELINE_FILE.text();
        output::write_file_as(path, recorded.to_json().as_bytes(), what)?;
        let files = checked.iter().filter(|c| !c.diagnostics.is_empty()).count();
        let n = recorded.entries.len();
        note(messages::BASELINE_WRITTEN.fill(&[&n, &files, &path.display()]));
        return Ok(None);
    }
    let Some(path) = &args.baseline else {
        return Ok(Some((checked, Outcome::default())));
    };
    let accepted = Baseline::load(path).map_err(|e| e.to_string())?;
    let mut matcher = Matcher::new(&accepted);
    let mut seen = std::collections::HashSet::new();
    for c in &mut checked {
        let file = baseline::stored_path(path, &c.path);
        let text = c.text.as_str();
        c.diagnostics.retain(|d| !matcher.accepts(&file, text, d));
        seen.insert(file);
    }
    // Entries of reports not checked in this run (one file of the folder,
    // or one that could not be read) are not reported unused: nothing
    // says their findings are gone.
    let unused = matcher.unused().into_iter();
    let outcome = Outcome {
        file: Some(path.clone()),
        hidden: matcher.hidden(),
        unused: unused.filter(|e| seen.contains(&e.file)).cloned().collect(),
        fail_on_unused: args.fail_on_unused_baseline,
    };
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
