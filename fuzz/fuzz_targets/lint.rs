//! bytes → decode → parse → lint: no panic, no time-out, bounded memory.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::lint_bytes(data));
