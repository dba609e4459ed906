//! Checking without fixes in bounded parallel chunks: each report is handed
//! on (to be rendered, see `spill.rs`) as soon as it is checked, so memory
//! stays flat over any number of reports; output identical to the
//! all-in-memory path.

use super::pairing::{pair_key, pair_keys};
use super::*;

/// Files per thread in one chunk of `check_streamed`.
pub(super) const CHUNK_PER_THREAD: usize = 32;

/// Check without fixing, in bounded parallel chunks, keeping the output of
/// the all-in-memory path: the same notes and errors in the same order, the
/// same pairing. Pass 1 loads, parses and checks each file on its own, turns
/// it into a `T` with `make` on the worker thread (rendered output, say: the
/// text and findings are dropped there) and hands it to `keep` in input
/// order, keeping only its pairing key; pass 2 re-checks the later report of
/// each pair, reloaded, with its predecessor, and hands it to `keep` again
/// (the last one counts). Returns the inputs that could not be read.
pub(super) fn check_streamed<T: Send>(
    inputs: &[Input],
    options: Vec<LintOptions>,
    stdin: &[u8],
    stdin_name: &str,
    previous: Option<&PreviousFile>,
    make: &(dyn Fn(Checked) -> T + Sync),
    keep: &mut dyn FnMut(usize, T),
) -> Vec<Unread> {
    let display = |i: &Input| display_name(i, stdin_name);
    // Read with the aliases of the report it is compared with (issue 12).
    let prev = |k: usize| previous.and_then(|p| p.for_options(&options[k]));
    // The one way a file is read and checked here, with or without its
    // previous year: `engine::lint_with_previous`.
    let lint = |k: usize, previous: Option<engine::Previous<'_>>| {
        let name = display(&inputs[k]);
        let source = read_input(&inputs[k], stdin, &name)?;
        let out = engine::lint_with_previous(&source.text, &options[k], previous);
        let gb = source.encoding == Encoding::Gb18030;
        // A file without findings shows nothing: do not keep its text.
        let text = if out.diagnostics.is_empty() {
            String::new()
        } else {
            source.text
        };
        let checked = Checked::new(
            name,
            text,
            source.pages,
            source.format,
            &out.report,
            out.diagnostics,
        );
        Ok::<_, String>((checked, out.report, gb))
    };

    let chunk = CHUNK_PER_THREAD * rayon::current_num_threads().max(1);
    let mut unreadable = Vec::new();
    let mut keys: Vec<Option<(String, i32)>> = Vec::with_capacity(inputs.len());
    for start in (0..inputs.len()).step_by(chunk) {
        let end = (start + chunk).min(inputs.len());
        let done: Vec<Result<_, String>> = (start..end)
            .into_par_iter()
            .map(|k| {
                let (checked, report, gb) = lint(k, prev(k))?;
                let key = pair_key(&report).map(|(i, y)| (i.to_string(), y));
                let path = gb.then(|| checked.path.clone());
                Ok((make(checked), key, path))
            })
            .collect();
        for (k, r) in (start..end).zip(done) {
            match r {
                Ok((made, key, gb_path)) => {
                    if let Some(path) = gb_path {
                        notice(crate::messages::READ_AS_GB18030.fill(&[&path]));
                    }
                    keep(k, made);
                    keys.push(key);
                }
                Err(e) => {
                    error(&e);
                    unreadable.push(Unread::new(display(&inputs[k]), e));
                    keys.push(None);
                }
            }
            debug_assert_eq!(keys.len(), k + 1);
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
                    let psrc = read_input(&inputs[p], stdin, &display(&inputs[p])).ok()?;
                    let previous = engine::Previous {
                        text: &psrc.text,
                        report: &engine::parse(&psrc.text, &options[p]),
                    };
                    let (checked, _, _) = lint(k, Some(previous)).ok()?;
                    Some((k, make(checked)))
                })
                .collect();
            for (k, made) in redone.into_iter().flatten() {
                keep(k, made);
            }
        }
    }
    unreadable
}
