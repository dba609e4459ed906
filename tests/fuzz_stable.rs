//! The fuzz harness (fuzz/harness.rs) on the stable toolchain: the same
//! functions the cargo-fuzz targets call, fed by proptest with arbitrary
//! bytes and with mutations of the fixtures (the fuzz seed corpus).

#[path = "../fuzz/harness.rs"]
mod harness;

use proptest::prelude::*;

fn fixtures() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for dir in [
        "fixtures/seeds",
        "fixtures/layouts/markdown",
        "fixtures/layouts/pdf",
        "fixtures/layouts/web",
        "fixtures/cases",
    ] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        files.sort();
        out.extend(files.iter().map(|p| std::fs::read(p).unwrap()));
    }
    out
}

/// The .doc and .wps fixtures (Word binary inside an OLE container).
fn doc_files() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/doc");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "doc" || x == "wps"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn apply(mut data: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        if data.is_empty() {
            break;
        }
        let n = data.len();
        match m {
            Mutation::Flip(i, b) => data[i % n] ^= b | 1,
            Mutation::Insert(i, bytes) => {
                let at = i % n;
                data.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(i, len) => {
                let at = i % n;
                let end = (at + len).min(n);
                data.drain(at..end);
            }
            Mutation::Duplicate(i, len) => {
                let at = i % n;
                let end = (at + len).min(n);
                let chunk = data[at..end].to_vec();
                data.splice(at..at, chunk);
            }
        }
    }
    data
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Inserted bytes favour what the parser looks at: tabs, newlines, pipes, digits, CJK.
    let piece = prop_oneof![
        Just(b"\t".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\n\n\t".to_vec()),
        Just(b" | ".to_vec()),
        Just("（七）总计".as_bytes().to_vec()),
        Just("一、".as_bytes().to_vec()),
        Just(b"<!-- xxgk-disable -->".to_vec()),
        Just(b"- 3 -".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), piece).prop_map(|(i, p)| Mutation::Insert(i, p)),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1usize..400).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fixtures_are_exercised(k in any::<usize>()) {
        // Unmutated fixtures go all the way through the linter.
        let all = fixtures();
        let mut bytes = vec![2u8];
        bytes.extend(&all[k % all.len()]);
        harness::lint_bytes(&bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(first in 0u8..3, data in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = vec![first];
        bytes.extend(data);
        harness::lint_bytes(&bytes);
        harness::docx_bytes(&bytes);
    }

    #[test]
    fn mutated_doc_files_never_panic(k in any::<usize>(), muts in prop::collection::vec(mutation(), 1..6)) {
        let all = doc_files();
        harness::doc_bytes(&apply(all[k % all.len()].clone(), &muts));
    }

    #[test]
    fn mutated_fixtures_never_panic(k in any::<usize>(), first in 0u8..3, muts in prop::collection::vec(mutation(), 1..12)) {
        let all = fixtures();
        let mut bytes = vec![first];
        bytes.extend(apply(all[k % all.len()].clone(), &muts));
        harness::lint_bytes(&bytes);
    }
}
