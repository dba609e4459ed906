//! Reports of the same body for consecutive years, paired for the cross-year rules.

use super::*;

/// Reports of the same body (title issuer) for consecutive years: index of
/// the later year's report → index of the earlier. Ambiguous pairs (two
/// reports with the same issuer and year) are not paired.
pub(super) fn pair_by_year(files: &[ParsedInput]) -> HashMap<usize, usize> {
    pair_keys(files.iter().map(|f| pair_key(&f.report)))
}

/// What pairs a report with another: its issuer and year.
pub(super) fn pair_key(report: &Report) -> Option<(&str, i32)> {
    let issuer = report.title.as_ref().and_then(|t| t.issuer.as_deref());
    Some((issuer?, report.year?))
}

pub(super) fn pair_keys<'a>(
    keys: impl Iterator<Item = Option<(&'a str, i32)>>,
) -> HashMap<usize, usize> {
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
