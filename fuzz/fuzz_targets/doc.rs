//! The .doc reader (src/input/doc/) on arbitrary bytes, then the linter on its text.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::doc_bytes(data));
