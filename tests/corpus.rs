//! The corpus generator (examples/gen-corpus.rs) writes what the parser reads:
//! its clean reports lint without a single finding (no E001 in any layout),
//! and each defective one yields the finding its file name announces.

#[path = "../examples/corpus/mod.rs"]
mod corpus;

use std::collections::BTreeSet;
use xxgk::{lint, LintOptions};

const SEED: u64 = 20240101;
const COUNT: usize = 150;

#[test]
fn clean_reports_have_no_findings_and_defects_are_found() {
    let options = LintOptions::default();
    let mut layouts = BTreeSet::new();
    let (mut clean, mut defective) = (0, 0);
    for i in 0..COUNT {
        let g = corpus::nth(SEED, i);
        layouts.insert(g.layout.name());
        let out = lint(&g.text, &options);
        let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code).collect();
        assert!(
            !codes.contains(&"E001"),
            "{}: E001 (unreadable table) in a generated report: {:?}",
            g.file_name(),
            out.diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        match g.defect {
            None => {
                clean += 1;
                assert!(
                    codes.is_empty(),
                    "{}: a clean report has findings {codes:?}",
                    g.file_name()
                );
                assert!(out.report.applications.is_some() && out.report.review.is_some());
                assert_eq!(out.report.sections.len(), 6, "{}", g.file_name());
            }
            Some(code) => {
                defective += 1;
                assert!(
                    codes.contains(&code),
                    "{}: the injected {code} was not reported (got {codes:?})",
                    g.file_name()
                );
            }
        }
    }
    assert_eq!(layouts.len(), 5, "every layout is generated: {layouts:?}");
    // About a fifth defective.
    assert!(
        (15..=50).contains(&defective) && clean + defective == COUNT,
        "{defective} defective of {COUNT}"
    );
}

#[test]
fn generation_is_deterministic_and_seed_dependent() {
    let a: Vec<String> = (0..5).map(|i| corpus::nth(7, i).text).collect();
    let b: Vec<String> = (0..5).map(|i| corpus::nth(7, i).text).collect();
    let c: Vec<String> = (0..5).map(|i| corpus::nth(8, i).text).collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn sized_reports_reach_their_size() {
    for target in [15_000, 100_000] {
        let text = corpus::report_of_size(3, corpus::Layout::Word, target);
        assert!(
            text.len() >= target * 9 / 10 && text.len() <= target * 12 / 10,
            "{target}: got {} bytes",
            text.len()
        );
        assert!(lint(&text, &LintOptions::default()).diagnostics.is_empty());
    }
}

/// The findings-heavy mix (benches/corpus.sh --findings-heavy): about 86 % of
/// the reports have findings, several defects each, and nearly every injected
/// defect (≥ 98 %) is still reported next to the others.
#[test]
fn findings_heavy_reports_have_every_injected_defect() {
    let options = LintOptions::default();
    let (mut with_findings, mut defects, mut findings) = (0, 0, 0);
    let mut missed = Vec::new();
    let n = 300;
    for i in 0..n {
        let g = corpus::nth_mix(SEED, i, corpus::Mix::Heavy);
        let out = lint(&g.text, &options);
        let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code).collect();
        for code in &g.defects {
            if !codes.contains(code) {
                missed.push(format!(
                    "{}: {code} not reported (got {codes:?})",
                    g.file_name()
                ));
            }
        }
        assert_eq!(g.defect, g.defects.first().copied());
        with_findings += usize::from(!codes.is_empty());
        defects += g.defects.len();
        findings += codes.len();
    }
    // Defects interact (a doubled word wrapped across a PDF line, an outlook
    // after section 五 was removed): a few may go unreported, never many.
    assert!(
        missed.len() * 50 <= defects,
        "{} of {defects} injected defects not reported:\n{}",
        missed.len(),
        missed.join("\n")
    );
    assert!(
        (240..=285).contains(&with_findings),
        "{with_findings} of {n} with findings"
    );
    assert!(defects >= 2 * n, "{defects} defects in {n} reports");
    assert!(
        findings >= defects,
        "{findings} findings for {defects} defects"
    );
}
