//! A compiled pattern per thread. Two threads searching one shared `Regex`
//! write the same cache lines on every search, passing them between their
//! cores: regex-lite locks a mutex in the `Regex` and its `Captures` clone
//! the program's `Arc`; `regex` writes its cache pool's owner word twice per
//! search and clones an `Arc` for each `Captures`. A clone of the `Regex`
//! shares that `Arc`. Searching shared patterns cost the 2-thread run 5 %
//! more CPU than the 1-thread run (issue 15), so each thread compiles its
//! own: regex-lite in microseconds, the few `regex` patterns in under a
//! millisecond each.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Values per [`PerThread`]. Threads beyond this share one (still correct,
/// a `Regex` is `Sync`; only slower): a run has the calling thread and one
/// worker per core per pass.
const SLOTS: usize = 16;

/// One thread's value on a cache line pair of its own (the adjacent-line
/// prefetcher moves lines in pairs): its searches never touch another's.
#[repr(align(128))]
struct Slot<R>(OnceLock<R>);

/// A value made on each thread that uses it.
pub struct PerThread<R> {
    /// Whether some thread has made its value (set once, then only read).
    made: AtomicBool,
    slots: [Slot<R>; SLOTS],
}

impl<R> PerThread<R> {
    pub const fn new() -> PerThread<R> {
        PerThread {
            made: AtomicBool::new(false),
            slots: [const { Slot(OnceLock::new()) }; SLOTS],
        }
    }

    /// This thread's value, made by `make` the first time this thread asks.
    pub fn get_or_init(&self, make: impl FnOnce() -> R) -> &R {
        self.slots[thread_slot()].0.get_or_init(|| {
            let value = make();
            if !self.made.load(Ordering::Relaxed) {
                self.made.store(true, Ordering::Relaxed);
            }
            value
        })
    }

    /// Whether any thread has made its value.
    pub fn made(&self) -> bool {
        self.made.load(Ordering::Relaxed)
    }
}

impl<R> Default for PerThread<R> {
    fn default() -> Self {
        PerThread::new()
    }
}

/// [`PerThread`] with its maker: a `LazyLock` with a value per thread, for
/// statics (`static RE: Lazy<Regex> = Lazy::new(|| …)`).
pub struct Lazy<R> {
    make: fn() -> R,
    value: PerThread<R>,
}

impl<R> Lazy<R> {
    pub const fn new(make: fn() -> R) -> Lazy<R> {
        Lazy {
            make,
            value: PerThread::new(),
        }
    }
}

impl<R> std::ops::Deref for Lazy<R> {
    type Target = R;

    fn deref(&self) -> &R {
        self.value.get_or_init(self.make)
    }
}

/// This thread's slot: threads are numbered as they first ask.
fn thread_slot() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SLOT: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SLOTS;
    }
    SLOT.with(|s| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_thread_makes_its_own_value_once() {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let values: PerThread<usize> = PerThread::new();
        let make = || MADE.fetch_add(1, Ordering::Relaxed);
        assert!(!values.made());
        let here = *values.get_or_init(make);
        assert!(values.made());
        assert_eq!(*values.get_or_init(make), here, "made once per thread");
        let there = std::thread::scope(|s| s.spawn(|| *values.get_or_init(make)).join().unwrap());
        assert_ne!(here, there, "another thread makes its own");
        assert_eq!(MADE.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn lazy_statics_give_each_thread_a_working_regex() {
        static RE: Lazy<regex_lite::Regex> =
            Lazy::new(|| regex_lite::Regex::new("[0-9]+").unwrap());
        let found = |s: &str| RE.find(s).map(|m| m.as_str().to_string());
        let others: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..SLOTS + 3)
                .map(|i| s.spawn(move || found(&format!("第{i}条"))))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let want: Vec<_> = (0..SLOTS + 3).map(|i| Some(i.to_string())).collect();
        assert_eq!(
            others, want,
            "more threads than slots share one, still right"
        );
        assert_eq!(found("共12件"), Some("12".into()));
    }
}
