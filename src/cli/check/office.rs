//! `--format html` and `--format xlsx` over a run: the page and the workbook
//! are built from every report at once, so each report is kept as its
//! [`Digest`] (findings placed, excerpts cut) and its text dropped as soon as
//! it is checked. Memory grows with the findings, not with the reports' texts.

use super::*;
use crate::render::office::Digest;

/// The digest of one checked report, printable as the page and workbook show it.
pub(super) fn digest(c: Checked) -> Digest {
    let printable = output::printable_checked(&c);
    drop(c);
    Digest::of(&output::reports(std::slice::from_ref(&printable))[0])
}

/// Write the page or the workbook and choose the exit status, as [`finish`] does.
pub(super) fn finish_office(
    args: &CheckArgs,
    digests: &[Digest],
    failed: bool,
    unreadable: &[Unread],
) -> Result<i32, String> {
    let rendered = output::office(digests, args.format, unreadable)
        .map_err(|e| format!("cannot render output: {e}"))?;
    match args.output_file.as_deref() {
        Some(path) => output::write_file(path, &rendered)?,
        None => write_out(&mut std::io::stdout().lock(), &rendered)?,
    }
    let threshold = args.fail_on.severity();
    let findings = digests
        .iter()
        .flat_map(|d| &d.findings)
        .any(|x| x.d.severity >= threshold);
    Ok(if failed {
        EXIT_ERROR
    } else if !args.exit_zero && findings {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
