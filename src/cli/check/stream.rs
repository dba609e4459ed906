//! Checking without fixes, in parallel and in order: each report is handed
//! on (to be rendered, see `spill.rs`) as soon as it is checked, so memory
//! stays flat over any number of reports; output identical to the
//! all-in-memory path.

use super::pairing::{pair_key, pair_keys};
use super::*;

/// Reports per thread that may be checked ahead of the first one not yet
/// handed on (the bound on what waits in memory, see [`in_order`]).
pub(super) const CHUNK_PER_THREAD: usize = 32;

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
    keep: &mut (dyn FnMut(usize, T) + Send),
) -> Streamed {
    let run = Run {
        inputs: &unfixed.collected.inputs,
        walked: &unfixed.collected.walked,
        options: &options,
        stdin: unfixed.stdin,
        stdin_name: unfixed.stdin_name,
    };
    let previous = unfixed.previous;
    // Read with the aliases of the report it is compared with (issue 12).
    let prev = |k: usize| previous.and_then(|p| p.for_options(&options[k]));
    let mut out = Streamed {
        unreadable: Vec::new(),
        skipped: Vec::new(),
    };
    let mut keys: Vec<Option<(String, i32)>> = Vec::with_capacity(run.inputs.len());
    let check_one = |k: usize| {
        let (checked, report, gb) = match run.lint(k, prev(k))? {
            Loaded::Source(linted) => linted,
            Loaded::NotAReport(why) => return Ok(Loaded::NotAReport(why)),
        };
        let key = pair_key(&report).map(|(i, y)| (i.to_string(), y));
        let path = gb.then(|| checked.path.clone());
        Ok::<_, String>(Loaded::Source((make(checked), key, path)))
    };
    in_order(run.inputs.len(), &check_one, &mut |k, r| {
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
        keys.push(key);
        debug_assert_eq!(keys.len(), k + 1);
    });
    if previous.is_none() {
        run.recheck_pairs(&keys, make, keep);
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

    /// Pass 2: the later report of each pair (by the pairing `keys` of pass
    /// 1) checked again, reloaded, with its predecessor, and handed to `keep`.
    fn recheck_pairs<T: Send>(
        &self,
        keys: &[Option<(String, i32)>],
        make: &(dyn Fn(Checked) -> T + Sync),
        keep: &mut (dyn FnMut(usize, T) + Send),
    ) {
        let pairs = pair_keys(
            keys.iter()
                .map(|k| k.as_ref().map(|(i, y)| (i.as_str(), *y))),
        );
        let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
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
        in_order(pairs.len(), &recheck, &mut |_, redone| {
            if let Some((k, made)) = redone {
                keep(k, made);
            }
        });
    }
}

/// Run `work` for `0..n` on as many threads as the pool has (the calling
/// thread one of them), and hand each result to `keep`, in order, as soon
/// as it and all before it are done. Whichever thread hands on the result
/// next in line keeps what is ready (renders into the spill, prints notes)
/// while the others go on checking: no thread only waits to keep, so two
/// threads are two, and nothing is woken per batch (a keeper thread beside
/// the workers cost 3,500 context switches and 6 % more CPU over 10,000
/// reports on 2 cores; issue 15). A worker takes item `i` only while `i` is
/// less than [`CHUNK_PER_THREAD`] per thread ahead of the first not yet
/// kept: memory stays bounded even behind one slow report. Items go in
/// batches of [`BATCH`]. With one thread (`--threads 1`, or one core)
/// everything runs in turn on the calling thread.
pub(super) fn in_order<T: Send>(
    n: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    keep: &mut (dyn FnMut(usize, T) + Send),
) {
    in_order_on(rayon::current_num_threads(), n, work, keep)
}

/// [`in_order`] on `threads` threads.
pub(super) fn in_order_on<T: Send>(
    threads: usize,
    n: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    keep: &mut (dyn FnMut(usize, T) + Send),
) {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        (0..n).for_each(|i| keep(i, work(i)));
        return;
    }
    let run = Ordered {
        n,
        window: CHUNK_PER_THREAD * threads,
        state: Mutex::new(State {
            take: 0,
            kept: 0,
            waiting: Default::default(),
        }),
        moved: Condvar::new(),
        keeper: Mutex::new(Keeper { next: 0, keep }),
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|| run.work(work));
        }
        run.work(work);
    });
}

use std::sync::{Condvar, Mutex, MutexGuard};

/// The shared state of one [`in_order`] run.
struct Ordered<'k, T> {
    n: usize,
    window: usize,
    state: Mutex<State<T>>,
    /// Signalled when items are kept (room in the window) or the run stops.
    moved: Condvar,
    /// Held by the one thread keeping at a time.
    keeper: Mutex<Keeper<'k, T>>,
}

struct State<T> {
    /// The next item to take.
    take: usize,
    /// The first item not yet kept.
    kept: usize,
    /// Done, not yet kept.
    waiting: std::collections::BTreeMap<usize, T>,
}

struct Keeper<'k, T> {
    /// The next item to keep.
    next: usize,
    keep: &'k mut (dyn FnMut(usize, T) + Send),
}

impl<T: Send> Ordered<'_, T> {
    /// One thread's part: take a batch, work it, hand it on, keep what is ready.
    fn work(&self, work: &(dyn Fn(usize) -> T + Sync)) {
        let _stop = StopOnExit(self);
        while let Some(items) = self.take() {
            let done: Vec<(usize, T)> = items.map(|i| (i, work(i))).collect();
            self.lock().waiting.extend(done);
            self.keep_ready();
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next batch, once the window has room; `None` when all are taken.
    fn take(&self) -> Option<std::ops::Range<usize>> {
        let mut p = self.lock();
        while p.take < self.n && p.take >= p.kept + self.window {
            p = self.moved.wait(p).unwrap_or_else(|e| e.into_inner());
        }
        if p.take >= self.n {
            return None;
        }
        let start = p.take;
        p.take = (start + BATCH).min(self.n).min(p.kept + self.window);
        Some(start..p.take)
    }

    /// Keep every result that is next in line, unless another thread is
    /// keeping: that one looks again after it lets go, so nothing handed on
    /// is left waiting (whoever fails to take the keeper, its holder has not
    /// looked yet).
    fn keep_ready(&self) {
        loop {
            let mut keeper = match self.keeper.try_lock() {
                Ok(k) => k,
                Err(std::sync::TryLockError::WouldBlock) => return,
                // A keep panicked: the scope re-raises it.
                Err(std::sync::TryLockError::Poisoned(_)) => return,
            };
            loop {
                let ready = self.ready(keeper.next);
                if ready.is_empty() {
                    break;
                }
                for (i, t) in ready {
                    (keeper.keep)(i, t);
                    keeper.next = i + 1;
                }
                self.lock().kept = keeper.next;
                self.moved.notify_all();
            }
            let next = keeper.next;
            drop(keeper);
            if !self.lock().waiting.contains_key(&next) {
                return;
            }
        }
    }

    /// The results from `next` on that are done, in order, taken out.
    fn ready(&self, mut next: usize) -> Vec<(usize, T)> {
        let mut p = self.lock();
        let mut out = Vec::new();
        while let Some(t) = p.waiting.remove(&next) {
            out.push((next, t));
            next += 1;
        }
        out
    }
}

/// Consecutive items a worker of [`in_order`] takes at once and hands on in
/// one message: the calling thread wakes once per batch, not once per report
/// (one wake per report made 27,000 context switches over 10,000 reports on
/// 2 cores, ~8 % of the run; issue 15).
const BATCH: usize = 8;

/// When a thread of [`in_order`] ends, even by a panic, no further item is
/// taken and every waiting worker is woken: a panic is re-raised by the
/// scope instead of leaving the others waiting for ever.
struct StopOnExit<'a, 'k, T>(&'a Ordered<'k, T>);

impl<T> Drop for StopOnExit<'_, '_, T> {
    fn drop(&mut self) {
        let run = self.0;
        run.state.lock().unwrap_or_else(|e| e.into_inner()).take = run.n;
        run.moved.notify_all();
    }
}
