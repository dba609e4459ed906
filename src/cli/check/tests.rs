//! Unit tests of `xxgk check`'s pairing and clean line (the CLI behaviour is in tests/cli_gate.rs).

use super::*;

fn loaded(title: &str) -> ParsedInput {
    let text = format!("{title}\n\n一、总体情况\n");
    let source = input::from_bytes(Path::new("r.txt"), text.as_bytes()).unwrap();
    let report = crate::parse::parse(&source.text);
    ParsedInput {
        display: title.to_string(),
        input: Input::File(PathBuf::from("r.txt")),
        original: text.clone().into_bytes(),
        source,
        report,
        options: Default::default(),
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

fn checked(diagnostics: Vec<Diagnostic>) -> Checked {
    Checked {
        path: "r.txt".into(),
        text: String::new(),
        index: LineIndex::new(""),
        diagnostics,
        pages: Vec::new(),
        issuer: None,
        year: None,
        rewritable: true,
        word: Vec::new(),
    }
}

#[test]
fn a_clean_run_says_so_in_the_formats_people_read() {
    let two = [checked(vec![]), checked(vec![])];
    for f in [OutputFormat::Full, OutputFormat::Concise] {
        assert_eq!(
            clean_line(&two[..1], f).as_deref(),
            Some("✓ 未发现问题（1 个文件）\n")
        );
        assert_eq!(
            clean_line(&two, f).as_deref(),
            Some("✓ 未发现问题（2 个文件）\n")
        );
        assert_eq!(clean_line(&[], f), None, "nothing checked is not clean");
    }
    let finding = Diagnostic::new(
        "E001",
        "x",
        Severity::Error,
        crate::span::Span::new(0, 0),
        "m",
    );
    assert_eq!(
        clean_line(
            &[checked(vec![]), checked(vec![finding])],
            OutputFormat::Full
        ),
        None
    );
    for f in [
        OutputFormat::Json,
        OutputFormat::JsonLines,
        OutputFormat::Sarif,
        OutputFormat::Github,
    ] {
        assert_eq!(clean_line(&two, f), None, "{f:?} stays machine-readable");
    }
}

#[test]
fn in_order_hands_every_result_on_in_input_order_within_its_window() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Items that take longer the lower their index, so later ones finish first.
    let n = 500;
    let kept_upto = AtomicUsize::new(0);
    let ahead = AtomicUsize::new(0);
    let work = |i: usize| {
        // How far ahead of the first item not yet kept a worker ever is.
        let gap = i.saturating_sub(kept_upto.load(Ordering::SeqCst));
        ahead.fetch_max(gap, Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_micros(((n - i) % 7) as u64 * 50));
        i * 3
    };
    let mut seen = Vec::new();
    // Several workers whatever the machine has (one thread runs in turn).
    let threads = 3;
    stream::in_order(threads, n, &work, &mut |k, v| {
        assert_eq!(v, k * 3);
        seen.push(k);
        kept_upto.store(k + 1, Ordering::SeqCst);
    });
    assert_eq!(seen, (0..n).collect::<Vec<_>>());
    let window = stream::CHUNK_PER_THREAD * threads;
    assert!(ahead.load(Ordering::SeqCst) < window, "ran too far ahead");
    // Nothing to do is fine too.
    stream::in_order(threads, 0, &|i| i, &mut |_, _| unreachable!("no items"));
    stream::in_order(1, 0, &|i| i, &mut |_, _| unreachable!("no items"));
}

#[test]
fn no_result_is_left_waiting_with_tiny_items() {
    // Tiny items: workers hand on faster than the keeper keeps.
    for threads in 2..=4 {
        for n in [1, 2, 9, 20_000] {
            let mut next = 0;
            stream::in_order(threads, n, &|i| i, &mut |k, v| {
                assert_eq!((k, v), (next, next));
                next += 1;
            });
            assert_eq!(next, n, "{threads} threads, {n} items");
        }
    }
}

#[test]
fn one_thread_checks_on_the_calling_thread_in_turn() {
    let caller = std::thread::current().id();
    let order = std::sync::Mutex::new(Vec::new());
    let mut kept = Vec::new();
    let work = |i: usize| {
        assert_eq!(std::thread::current().id(), caller, "no worker thread");
        order.lock().unwrap().push(i);
        i + 1
    };
    stream::in_order(1, 50, &work, &mut |k, v| {
        // Each item is kept before the next is checked.
        assert_eq!(order.lock().unwrap().len(), k + 1);
        kept.push((k, v));
    });
    assert_eq!(kept, (0..50).map(|i| (i, i + 1)).collect::<Vec<_>>());
}

#[test]
fn a_panic_in_a_worker_is_raised_not_waited_for() {
    let run = std::panic::catch_unwind(|| {
        stream::in_order(
            2,
            1000,
            &|i| assert!(i != 40, "item 40 fails"),
            &mut |_, _| {},
        );
    });
    assert!(run.is_err());
}

#[test]
fn slots_read_back_what_was_kept_last_in_input_order() {
    // All in the file, then some in memory.
    for budget in [0, 1 << 20] {
        let mut slots = super::spill::Slots::new(4, budget).unwrap();
        slots.put(0, "第一份".as_bytes());
        slots.put(1, b"first try");
        slots.put(2, b"");
        // A pair re-checked at the end: its later bytes count, far from its place.
        slots.put(3, &[b'x'; 3 << 20]);
        slots.put(1, b"re-checked");
        let mut back = slots.reader().unwrap();
        let read: Vec<Vec<u8>> = (0..3).map(|n| back.read(n).unwrap().to_vec()).collect();
        assert_eq!(read[0], "第一份".as_bytes());
        assert_eq!(read[1], b"re-checked");
        assert_eq!(read[2], vec![b'x'; 3 << 20], "the empty slot is not kept");
        // Read again out of order: each read finds its own bytes.
        assert_eq!(back.read(0).unwrap(), "第一份".as_bytes());
        assert_eq!(back.read(1).unwrap(), b"re-checked");
    }
}

/// The pairing of keys all at once, as it was before [`pairing::Pairing`]
/// took them one at a time: the oracle.
fn pairs_at_once<'a>(keys: impl Iterator<Item = Option<(&'a str, i32)>>) -> HashMap<usize, usize> {
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

proptest::proptest! {
    #[test]
    fn reports_paired_one_at_a_time_pair_as_all_at_once(
        keys in proptest::collection::vec(
            proptest::option::weighted(0.85, (0usize..4, 2019i32..2026)),
            0..60,
        )
    ) {
        let issuers = ["某某市商务局", "某某市教育局", "某某县人民政府", "办公室"];
        let keys: Vec<Option<(&str, i32)>> =
            keys.iter().map(|k| k.map(|(i, y)| (issuers[i], y))).collect();
        let mut pairing = pairing::Pairing::default();
        for (k, key) in keys.iter().enumerate() {
            pairing.add(k, key.map(|(i, y)| (i.to_string(), y)));
        }
        proptest::prop_assert_eq!(pairing.pairs(), pairs_at_once(keys.iter().copied()));
    }
}

#[test]
fn threads_asked_for_are_the_threads_used() {
    assert_eq!(super::thread_count(3), 3);
    assert_eq!(super::thread_count(1), 1);
    // 0: the environment's or one per core, never none.
    assert!(super::thread_count(0) >= 1);
}
