//! `--format html` and `--format xlsx` over a run: the page and the workbook
//! are built from every report at once. Each report is cut down as soon as it
//! is checked to its [`Summary`] (kept in memory: path, issuer, year, the rule
//! of each finding) and its placed findings (excerpts cut, serialized to a
//! temporary file until the page's details or the workbook's second sheet
//! reach them); its text is dropped. Memory stays flat over any number of
//! reports, as for the other formats (`spill.rs`).

use super::spill::{SlotReader, Slots};
use super::*;
use crate::render::office::{self, Finding, Findings, Summary};

/// What is kept of one checked report: its summary and its findings, serialized.
pub(super) type Kept = std::io::Result<(Summary, Vec<u8>)>;

/// Cut a checked report down, on the worker thread that checked it.
pub(super) fn keep(c: Checked) -> Kept {
    let printable = output::printable_checked(&c);
    drop(c);
    let (summary, findings) = office::digest(&output::reports(std::slice::from_ref(&printable))[0]);
    Ok((summary, serde_json::to_vec(&findings)?))
}

/// The run so far, by input index.
pub(super) struct OfficeRun {
    summaries: Vec<Option<Summary>>,
    findings: Slots,
}

impl OfficeRun {
    pub(super) fn new(inputs: usize) -> Result<OfficeRun, String> {
        Ok(OfficeRun {
            summaries: (0..inputs).map(|_| None).collect(),
            // All on disk: the page or workbook is built in memory at the end.
            findings: Slots::new(inputs, 0)?,
        })
    }

    /// Report `k` (again, when a pair was re-checked: the last one counts).
    pub(super) fn put(&mut self, k: usize, kept: Kept) {
        match kept {
            Ok((summary, findings)) => {
                // Never empty (`[]` at least): the n-th summary's findings are the n-th slot.
                self.findings.put(k, &findings);
                self.summaries[k] = Some(summary);
            }
            Err(e) => self.findings.fail(e),
        }
    }
}

/// The findings of the n-th summary, read back from the temporary file.
struct Spilled(SlotReader);

impl Findings for Spilled {
    fn of(&mut self, n: usize) -> std::io::Result<Vec<Finding>> {
        Ok(serde_json::from_slice(self.0.read(n)?)?)
    }
}

/// Write the page or the workbook and choose the exit status, as [`finish`] does.
pub(super) fn finish_office(
    args: &CheckArgs,
    run: OfficeRun,
    failed: bool,
    unreadable: &[Unread],
    baseline: baseline::Outcome,
) -> Result<i32, String> {
    let summaries: Vec<Summary> = run.summaries.into_iter().flatten().collect();
    let mut findings = Spilled(run.findings.reader().map_err(write_failed)?);
    let write = |w: &mut dyn Write| {
        output::write_office(&summaries, &mut findings, args.format, unreadable, w)
    };
    let what = messages::OUTPUT_FILE.text();
    match args.output_file.as_deref() {
        // (`--format xlsx` without an output file is refused before any work.)
        Some(path) if args.format == OutputFormat::Xlsx => {
            output::write_file_seekable(path, what, |file| {
                render::xlsx::write_to(&summaries, &mut findings, unreadable, file)
                    .map_err(std::io::Error::other)
            })?
        }
        Some(path) => output::write_file_with(path, what, write)?,
        None => output::write_stdout_with(write)?,
    }
    let threshold = args.fail_on.severity();
    let findings = summaries
        .iter()
        .flat_map(|s| s.rules.iter())
        .any(|t| t.severity >= threshold);
    let stale = baseline.finish();
    Ok(exit_status(args, failed, findings || stale))
}
