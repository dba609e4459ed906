//! Reports of the same body for consecutive years, paired for the cross-year rules.

use super::*;
use std::hash::Hash;

/// Reports of the same body (title issuer) for consecutive years: index of
/// the later year's report → index of the earlier. Ambiguous pairs (two
/// reports with the same issuer and year) are not paired.
pub(super) fn pair_by_year(files: &[ParsedInput]) -> HashMap<usize, usize> {
    let mut pairing = Pairing::default();
    for (k, f) in files.iter().enumerate() {
        pairing.add(k, pair_key(&f.report));
    }
    pairing.pairs()
}

/// What pairs a report with another: its issuer and year.
pub(super) fn pair_key(report: &Report) -> Option<(&str, i32)> {
    let issuer = report.title.as_ref().and_then(|t| t.issuer.as_deref());
    Some((issuer?, report.year?))
}

/// The pairs of [`pair_by_year`], found as the reports come, one at a
/// time: a streamed run adds each on the thread that keeps them, while the
/// others are still being checked, and what is left at the end looks only
/// at the issuers with more than one report (grouping 10,000 keys after the
/// last report took 3 ms; issue 15). Most issuers have one report: it is
/// kept in place, and a list is made only for a second (at 100,000 reports
/// a list for each was 6 MB of the run's peak).
pub(super) struct Pairing<S> {
    /// Per issuer: (year, report index) of its first report.
    first: HashMap<S, (i32, usize)>,
    /// Per issuer with more than one report: the others.
    more: HashMap<S, Vec<(i32, usize)>>,
}

impl<S> Default for Pairing<S> {
    fn default() -> Self {
        Pairing {
            first: HashMap::new(),
            more: HashMap::new(),
        }
    }
}

impl<S: std::borrow::Borrow<str> + Hash + Eq + Clone> Pairing<S> {
    /// Report `k`, with its key if it has one.
    pub(super) fn add(&mut self, k: usize, key: Option<(S, i32)>) {
        use std::collections::hash_map::Entry;
        let Some((issuer, year)) = key else { return };
        match self.first.entry(issuer) {
            Entry::Vacant(first) => {
                first.insert((year, k));
            }
            Entry::Occupied(first) => {
                let more = self.more.entry(first.key().clone()).or_default();
                more.push((year, k));
            }
        }
    }

    /// Index of the later year's report → index of the earlier, for every
    /// issuer and year with exactly one report whose year before also has one.
    pub(super) fn pairs(&self) -> HashMap<usize, usize> {
        let mut out = HashMap::new();
        for (issuer, more) in &self.more {
            let mut reports = Vec::with_capacity(more.len() + 1);
            reports.push(self.first[issuer.borrow()]);
            reports.extend_from_slice(more);
            reports.sort_unstable();
            // Runs of one year, in year order: (year, its only report or `None`).
            let mut years: Vec<(i32, Option<usize>)> = Vec::new();
            for (year, k) in reports {
                match years.last_mut() {
                    Some(last) if last.0 == year => last.1 = None,
                    _ => years.push((year, Some(k))),
                }
            }
            for w in years.windows(2) {
                if let [(before, Some(earlier)), (year, Some(later))] = *w {
                    if before.checked_add(1) == Some(year) {
                        out.insert(later, earlier);
                    }
                }
            }
        }
        out
    }
}
