//! Checking without fixes, in parallel and in order: each report is handed
//! on (to be rendered, see `spill.rs`) as soon as it is checked, so memory
//! stays flat over any number of reports; output identical to the
//! all-in-memory path.

use super::pairing::{pair_key, Pairing};
use super::*;

/// Reports per thread that may be checked ahead of the first one not yet
/// handed on (the bound on what waits in memory, see [`in_order`]): what
/// waits is rendered output, ~5 KB a report, so 512 on 2 cores are ~2.5 MB.
/// Eight batches of [`BATCH`] a thread: a worker never waits for the
/// calling thread to wake.
pub(super) const CHUNK_PER_THREAD: usize = 256;

/// What [`check_streamed`] found besides the reports it handed on.
pub(super) struct Streamed {
    /// The inputs that could not be read.
    pub unreadable: Vec<Unread>,
    /// The files of folders that turned out not to be reports (by index).
    pub skipped: Vec<usize>,
}

/// Check without fixing, in parallel (see [`in_order`]), keeping the output of
/// the all-in-memory path: the same notes and errors in the same order, the
/// same pairing. Pass 1 loads, parses and checks each file on its own, turns
/// it into a `T` with `make` on the worker thread (rendered output, say: the
/// text and findings are dropped there) and hands it to `keep` in input
/// order, keeping only its pairing key; pass 2 re-checks the later report of
/// each pair, reloaded, with its predecessor, and hands it to `keep` again
/// (the last one counts). A folder's file that is not a report is skipped
/// with a note in its turn.
pub(super) fn check_streamed<T: Send>(
    unfixed: &Unfixed,
    options: Vec<std::sync::Arc<LintOptions>>,
    make: &(dyn Fn(Checked) -> T + Sync),
    keep: &mut dyn FnMut(usize, T),
) -> Streamed {
    let run = Run {
        inputs: &unfixed.collected.inputs,
        walked: &unfixed.collected.walked,
        options: &options,
        stdin: unfixed.stdin,
        stdin_name: unfixed.stdin_name,
        threads: unfixed.threads,
    };
    let previous = unfixed.previous;
    // Read with the aliases of the report it is compared with (issue 12).
    let prev = |k: usize| previous.and_then(|p| p.for_options(&options[k]));
    let mut out = Streamed {
        unreadable: Vec::new(),
        skipped: Vec::new(),
    };
    let mut pairing = Pairing::default();
    let check_one = |k: usize| {
        let (checked, report, gb) = match run.lint(k, prev(k))? {
            Loaded::Source(linted) => linted,
            Loaded::NotAReport(why) => return Ok(Loaded::NotAReport(why)),
        };
        let key = pair_key(&report).map(|(i, y)| (Box::<str>::from(i), y));
        let path = gb.then(|| checked.path.clone());
        Ok::<_, String>(Loaded::Source((make(checked), key, path)))
    };
    in_order(run.threads, run.inputs.len(), &check_one, &mut |k, r| {
        let key = match r {
            Ok(Loaded::Source((made, key, gb_path))) => {
                if let Some(path) = gb_path {
                    notice(crate::messages::READ_AS_GB18030.fill(&[&path]));
                }
                keep(k, made);
                key
            }
            Ok(Loaded::NotAReport(why)) => {
                skipped_note(&run.display(k), why);
                out.skipped.push(k);
                None
            }
            Err(e) => {
                error(&e);
                out.unreadable.push(Unread::new(run.display(k), e));
                None
            }
        };
        pairing.add(k, key);
    });
    if previous.is_none() {
        run.recheck_pairs(&pairing, make, keep);
    }
    out
}

/// The inputs of a run and how each is read.
struct Run<'r> {
    inputs: &'r [Input],
    /// Per input: found in a folder (see `files::Collected::walked`).
    walked: &'r [bool],
    options: &'r [std::sync::Arc<LintOptions>],
    stdin: &'r [u8],
    stdin_name: &'r str,
    /// Checking threads.
    threads: usize,
}

impl Run<'_> {
    fn display(&self, k: usize) -> String {
        display_name(&self.inputs[k], self.stdin_name)
    }

    fn read(&self, k: usize) -> Result<Loaded, String> {
        read_input(
            &self.inputs[k],
            self.walked[k],
            self.stdin,
            &self.display(k),
        )
    }

    /// The one way a file is read and checked here, with or without its
    /// previous year (`engine::lint_with_previous`): the checked file, the
    /// report read from it, and whether it was read as GB18030.
    fn lint(
        &self,
        k: usize,
        previous: Option<engine::Previous<'_>>,
    ) -> Result<Loaded<(Checked, Report, bool)>, String> {
        let source = match self.read(k)? {
            Loaded::Source(source) => source,
            Loaded::NotAReport(why) => return Ok(Loaded::NotAReport(why)),
        };
        let (out, index) = engine::lint_with_index(&source.text, &self.options[k], previous);
        let gb = source.encoding == Encoding::Gb18030;
        // A file without findings shows nothing: do not keep its text.
        let (text, index) = if out.diagnostics.is_empty() {
            (String::new(), LineIndex::new(""))
        } else {
            (source.text, index)
        };
        let checked = Checked::new(
            self.display(k),
            (text, index),
            source.pages,
            source.format,
            &out.report,
            out.diagnostics,
        );
        Ok(Loaded::Source((checked, out.report, gb)))
    }

    /// Pass 2: the later report of each pair (by the `pairing` of pass 1)
    /// checked again, reloaded, with its predecessor, and handed to `keep`.
    fn recheck_pairs<T: Send>(
        &self,
        pairing: &Pairing<Box<str>>,
        make: &(dyn Fn(Checked) -> T + Sync),
        keep: &mut dyn FnMut(usize, T),
    ) {
        let mut pairs: Vec<(usize, usize)> = pairing.pairs().into_iter().collect();
        pairs.sort_unstable();
        let recheck = |n: usize| {
            let (k, p) = pairs[n];
            // Both were read a moment ago; if either cannot be read
            // again, the result without the previous year stands.
            let Ok(Loaded::Source(psrc)) = self.read(p) else {
                return None;
            };
            let previous = engine::Previous {
                text: &psrc.text,
                report: &engine::parse(&psrc.text, &self.options[p]),
            };
            let Ok(Loaded::Source((checked, _, _))) = self.lint(k, Some(previous)) else {
                return None;
            };
            Some((k, make(checked)))
        };
        in_order(self.threads, pairs.len(), &recheck, &mut |_, redone| {
            if let Some((k, made)) = redone {
                keep(k, made);
            }
        });
    }
}

/// Run `work` for `0..n` on `threads` threads, and hand each
/// result to `keep` on the calling thread, in order, as soon as it and all
/// before it are done. The calling thread keeps (renders into the spill,
/// prints notes) while the workers go on: no step waits for a whole batch,
/// and nothing of the calling thread's work is serial to the checking.
/// A worker takes item `i` only while `i` is less than [`CHUNK_PER_THREAD`]
/// per thread ahead of the first not yet kept: memory stays bounded even
/// behind one slow report. Items go in batches of [`BATCH`].
/// With one thread (`--threads 1`, or one core) everything runs in turn on
/// the calling thread: one thread means one, not a worker beside a keeper.
pub(super) fn in_order<T: Send>(
    threads: usize,
    n: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    keep: &mut dyn FnMut(usize, T),
) {
    use std::sync::{mpsc, Condvar, Mutex};
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        (0..n).for_each(|i| keep(i, work(i)));
        return;
    }
    let window = CHUNK_PER_THREAD * threads;
    // (next item to take, first item not yet kept)
    let progress: Progress = Mutex::new((0, 0));
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<Vec<(usize, T)>>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (progress, moved) = (&progress, &moved);
            scope.spawn(move || {
                let _stop = StopOnExit(progress, moved, n);
                loop {
                    let items = {
                        let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
                        while p.0 < n && p.0 >= p.1 + window {
                            p = moved.wait(p).unwrap_or_else(|e| e.into_inner());
                        }
                        if p.0 >= n {
                            break;
                        }
                        let start = p.0;
                        p.0 = (start + BATCH).min(n).min(p.1 + window);
                        start..p.0
                    };
                    let done = items.map(|i| (i, work(i))).collect();
                    if tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _stop = StopOnExit(&progress, &moved, n);
        let mut waiting: std::collections::BTreeMap<usize, T> = Default::default();
        let mut next = 0;
        // Ends when every worker is done (or one panicked: the scope re-raises it).
        for batch in rx {
            waiting.extend(batch);
            while let Some(t) = waiting.remove(&next) {
                keep(next, t);
                next += 1;
            }
            progress.lock().unwrap_or_else(|e| e.into_inner()).1 = next;
            moved.notify_all();
        }
    });
}

/// Consecutive items a worker of [`in_order`] takes at once and hands on in
/// one message: the calling thread wakes once per batch, not once per report
/// (one wake per report made 27,000 context switches over 10,000 reports on
/// 2 cores, ~8 % of the run; batches of 8 still 3,600 and 10 ms of system
/// time, 32 make 940; issue 15).
const BATCH: usize = 32;

/// Progress of [`in_order`]: the next item to take, the first not yet kept.
type Progress = std::sync::Mutex<(usize, usize)>;

/// When a thread of [`in_order`] ends, even by a panic, no further item is
/// taken and every waiting worker is woken: a panic is re-raised by the
/// scope instead of leaving the others waiting for ever.
struct StopOnExit<'a>(&'a Progress, &'a std::sync::Condvar, usize);

impl Drop for StopOnExit<'_> {
    fn drop(&mut self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).0 = self.2;
        self.1.notify_all();
    }
}
