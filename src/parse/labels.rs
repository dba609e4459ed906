//! Tolerant matching of written labels against the template: whitespace and
//! line breaks inside a label, full/half width, quote styles, `1.`/`1、`/`（1）`
//! numbering, and the small misspellings real reports carry.

use super::text::{fold_width, is_space};

/// A label split into its numbering (`（一）`, `1.`, `二、`) and normalised core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormLabel {
    /// The numbering's value (`（七）` → 7, `3.` → 3), if any.
    pub number: Option<u32>,
    pub core: String,
}

impl NormLabel {
    /// The label as the matchers read it.
    pub fn view(&self) -> NormRef<'_> {
        NormRef {
            number: self.number,
            core: &self.core,
            chars: self.core.chars().count(),
        }
    }
}

impl<'s> From<&'s NormLabel> for NormRef<'s> {
    fn from(l: &'s NormLabel) -> Self {
        l.view()
    }
}

/// A normalised label borrowed from wherever it was built (a [`NormLabel`],
/// or a buffer shared by several windows of one label), with its length in
/// characters counted once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormRef<'s> {
    pub number: Option<u32>,
    pub core: &'s str,
    pub chars: usize,
}

/// The value of a Chinese numeral of a numbering (一 … 十).
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// Numerals a numbering holds at most (`二十三、`, `123.`): a longer run of
/// digits is a number in the text, not a numbering.
const MAX_NUMBERING_NUMERALS: usize = 3;
/// Template labels of at most this many characters (规章, 其他, 总计) occur in
/// headers and running text too: they match only exactly, never fuzzily.
const SHORT_LABEL_CHARS: usize = 3;
/// One edit (Levenshtein) is allowed per this many characters of a template
/// label, at least one: `属于四类过程性性信息` (one doubled character in nine)
/// matches, two labels that differ in a word (`予以公开` / `部分公开`) do not.
const CHARS_PER_EDIT: usize = 4;
/// A label cut by a wrap matches the template label it begins when it is at
/// least this many characters long…
const MIN_PREFIX_CHARS: usize = 8;
/// …and this share (in per cent) of the template label: shorter pieces begin
/// several labels (`本机关不掌握…` and the like share long openings).
const MIN_PREFIX_PERCENT: usize = 60;
/// A written label resembles a template label (E001, not E002) when it
/// holds at least this share (per cent) of the template's characters in order…
const RESEMBLE_PERCENT: usize = 70;
/// …and at least this many: one shared character is chance.
const RESEMBLE_MIN_COMMON: usize = 2;

fn cn_small(s: &str) -> Option<u32> {
    // At most three numerals form a value below 100; longer runs match no form.
    let mut v = [0u32; 4];
    let mut len = 0;
    for c in s.chars() {
        if len == v.len() {
            return None;
        }
        v[len] = cn_digit(c)?;
        len += 1;
    }
    match &v[..len] {
        [d] => Some(*d),
        [10, d] => Some(10 + d),
        [d, 10] => Some(d * 10),
        [a, 10, b] => Some(a * 10 + b),
        _ => None,
    }
}

/// Characters that carry no meaning in a label: spaces, quotes, and the
/// punctuation clerks vary freely.
pub(crate) fn is_noise(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '“' | '”'
                | '"'
                | '\''
                | '‘'
                | '’'
                | '「'
                | '」'
                | '、'
                | ','
                | '，'
                | '.'
                | '。'
                | ':'
                | '：'
                | ';'
                | '；'
                | '*'
                | '#'
                | '|'
        )
}

/// Split the numbering off the front of `s` (already width-folded, no spaces).
/// Returns the numbering's value and the byte length it took.
pub fn split_numbering(s: &str) -> (Option<u32>, usize) {
    // Read character by character, as far as the numbering can go (a
    // closing parenthesis at index 2..=4, at most three numerals and a
    // separator): every numbering starts with `(`, a digit or a Chinese
    // numeral, so most other text is told by its first character alone.
    let is_numeral = |c: char| c.is_ascii_digit() || cn_digit(c).is_some();
    let mut chars = s.char_indices();
    let (n, end) = match chars.next() {
        // （一） (1): up to the first `)` of the next five characters.
        Some((_, '(')) => {
            let Some((close, (at, _))) = chars.take(5).enumerate().find(|(_, (_, c))| *c == ')')
            else {
                return (None, 0);
            };
            if !(1..=3).contains(&close) {
                return (None, 0);
            }
            let inner = &s[1..at];
            (inner.parse().ok().or_else(|| cn_small(inner)), at + 1)
        }
        // 一、 二. 1、 1. 1) 1．
        Some((_, c)) if is_numeral(c) => {
            let Some((k, (at, sep))) = chars.enumerate().find(|(_, (_, c))| !is_numeral(*c)) else {
                return (None, 0);
            };
            if k + 1 > MAX_NUMBERING_NUMERALS
                || !matches!(sep, '、' | '.' | ',' | '，' | ')' | '．')
            {
                return (None, 0);
            }
            let num = &s[..at];
            (
                num.parse().ok().or_else(|| cn_small(num)),
                at + sep.len_utf8(),
            )
        }
        _ => return (None, 0),
    };
    match n {
        Some(_) => (n, end),
        None => (None, 0),
    }
}

/// Normalise a written (or template) label.
pub fn normalize(s: &str) -> NormLabel {
    let mut out = NormLabel {
        number: None,
        core: String::with_capacity(s.len()),
    };
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into an existing label, reusing its buffer.
pub fn normalize_into(s: &str, out: &mut NormLabel) {
    let folded = &mut out.core;
    folded.clear();
    fold_into(s, folded);
    let (number, skip) = split_numbering(folded);
    if next_edit(&folded[skip..], &NOISE_LEADS, &drop_noise).is_none() {
        folded.drain(..skip);
    } else {
        // In place, in one pass: drop the numbering, then the noise characters.
        let mut at = 0;
        folded.retain(|c| {
            let keep = at >= skip && !is_noise(c);
            at += c.len_utf8();
            keep
        });
    }
    out.number = number;
}

/// Append `s` width-folded and without spaces to `out`: the first step of
/// [`normalize`], which is the same whether a label is folded whole or
/// fragment by fragment.
pub fn fold_into(s: &str, out: &mut String) {
    copy_edited(s, out, &FOLD_LEADS, &fold_char);
}

/// [`fold_into`] `folded` and, in the same pass, the folded text without
/// its noise characters into `clean`.
pub fn fold_and_clean(mut s: &str, folded: &mut String, clean: &mut String) {
    // Both copy the text between edits whole; a noise character that
    // folding keeps is an edit for `clean` only.
    let edit = |c: char| fold_char(c).filter(|f| !is_noise(*f));
    while let Some((at, len, e)) = next_edit(s, &NOISE_LEADS, &edit) {
        let c = &s[at..at + len];
        folded.push_str(&s[..at]);
        clean.push_str(&s[..at]);
        if let Some(e) = e {
            folded.push(e);
            clean.push(e);
        } else if let Some(f) = c.chars().next().and_then(fold_char) {
            folded.push(f);
        }
        s = &s[at + len..];
    }
    folded.push_str(s);
    clean.push_str(s);
}

/// What [`fold_into`] makes of a character: nothing for a space, else its half-width form.
fn fold_char(c: char) -> Option<char> {
    (!is_space(c)).then(|| fold_width(c))
}

fn drop_noise(c: char) -> Option<char> {
    (!is_noise(c)).then_some(c)
}

/// The bytes that can start a character [`fold_char`] changes: ASCII
/// controls and space, and the lead bytes of U+0080–U+00BF (U+0085, U+00A0),
/// U+1000–U+3FFF (U+1680, U+2000–U+205F, U+3000) and U+F000–U+FFFF (U+FEFF,
/// full-width ASCII). Every other byte starts or continues a character that
/// stays, so the text between flagged bytes is copied without decoding it.
static FOLD_LEADS: [bool; 256] = lead_table(b"");
/// The same for [`is_noise`]: the spaces' bytes, the ASCII noise, and the
/// lead bytes of the quotes and of the CJK and full-width punctuation.
static NOISE_LEADS: [bool; 256] = lead_table(b"\"',.:;*#|");

const fn lead_table(ascii: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b <= b' ' as usize {
        t[b] = true;
        b += 1;
    }
    let leads = [0xC2, 0xE1, 0xE2, 0xE3, 0xEF];
    let mut i = 0;
    while i < leads.len() {
        t[leads[i]] = true;
        i += 1;
    }
    let mut i = 0;
    while i < ascii.len() {
        t[ascii[i] as usize] = true;
        i += 1;
    }
    t
}

/// The first character of `s` that `edit` changes, looked at only where
/// `leads` flags its first byte: where it starts, its length, and what it
/// becomes (`None`: dropped).
fn next_edit(
    s: &str,
    leads: &[bool; 256],
    edit: &impl Fn(char) -> Option<char>,
) -> Option<(usize, usize, Option<char>)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !leads[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        // A flagged byte is ASCII or a lead byte: a character starts here.
        let c = s[i..].chars().next()?;
        let e = edit(c);
        if e != Some(c) {
            return Some((i, c.len_utf8(), e));
        }
        i += c.len_utf8();
    }
    None
}

/// Append `s` to `out` with the characters `edit` changes replaced (see [`next_edit`]).
fn copy_edited(
    mut s: &str,
    out: &mut String,
    leads: &[bool; 256],
    edit: &impl Fn(char) -> Option<char>,
) {
    while let Some((at, len, e)) = next_edit(s, leads, edit) {
        out.push_str(&s[..at]);
        if let Some(e) = e {
            out.push(e);
        }
        s = &s[at + len..];
    }
    out.push_str(s);
}

/// `normalize(s).core` for the template's own labels and aliases, which are
/// compared with every written label: computed once per thread and string.
pub fn canonical_core(s: &str) -> std::rc::Rc<str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<HashMap<Box<str>, Rc<str>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|c| {
        if let Some(v) = c.borrow().get(s) {
            return v.clone();
        }
        let v: Rc<str> = normalize(s).core.into();
        let mut c = c.borrow_mut();
        // Template labels and configured aliases are a few hundred strings;
        // the bound only guards against a caller passing arbitrary text.
        if c.len() >= 4096 {
            c.clear();
        }
        c.insert(s.into(), v.clone());
        v
    })
}

/// Table 三's group labels (`三、本年度办理结果`, `（四）无法提供`, …) folded
/// and without spaces, as pieces of them are compared; the characters they
/// are made of (sorted) and the longest one's length.
struct Groups {
    labels: Vec<String>,
    chars: Vec<char>,
    /// `c` at `c % 128` for every character `c` in `chars` (`u32::MAX`
    /// elsewhere): membership in one comparison, unless two characters
    /// share a slot (`collide`), when the search decides.
    slots: [u32; 128],
    collide: bool,
    longest: usize,
}

impl Groups {
    fn has(&self, c: char) -> bool {
        self.slots[(u32::from(c) % 128) as usize] == u32::from(c)
            || (self.collide && self.chars.binary_search(&c).is_ok())
    }
}

/// Bytes of the longest group label (folded) at most.
const MAX_GROUP_BYTES: usize = 32;

fn groups() -> &'static Groups {
    use std::sync::LazyLock;
    static GROUPS: LazyLock<Groups> = LazyLock::new(|| {
        let labels: Vec<String> = crate::template::TABLE3_GROUPS
            .iter()
            .map(|g| fold_compact(g))
            .collect();
        let mut chars: Vec<char> = labels.iter().flat_map(|g| g.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        let longest = labels.iter().map(String::len).max().unwrap_or(0);
        assert!(
            longest <= MAX_GROUP_BYTES,
            "a group label longer than the piece buffer"
        );
        let mut slots = [u32::MAX; 128];
        let mut collide = false;
        for &c in &chars {
            let slot = &mut slots[(u32::from(c) % 128) as usize];
            collide |= *slot != u32::MAX;
            *slot = u32::from(c);
        }
        Groups {
            labels,
            chars,
            slots,
            collide,
            longest,
        }
    });
    &GROUPS
}

fn group_labels() -> &'static [String] {
    &groups().labels
}

fn fold_compact(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .filter(|c| !is_space(*c))
        .collect()
}

/// A piece of one of table 三's merged group labels, as PDF text prints them
/// vertically beside the rows: `三`, `、`, `本`, `（四）无`, `法提供`, `予处理`,
/// or the whole label. Such a piece is never part of a row's own label.
#[inline]
pub fn is_group_piece(s: &str) -> bool {
    // A first character that is printable ASCII or a CJK ideograph
    // (U+4000–U+9FFF) is neither a space nor changed by folding: when no
    // group label has it (`1.属于…`, `申请人情况`, most labels and values),
    // that decides, inlined where pieces are looked for.
    let first_is_kept = matches!(s.as_bytes().first(), Some(b'!'..=b'~' | 0xE4..=0xE9));
    if first_is_kept && !s.chars().next().is_some_and(|c| groups().has(c)) {
        return false;
    }
    is_group_piece_folded(s)
}

/// [`is_group_piece`] past its first character.
fn is_group_piece_folded(s: &str) -> bool {
    // Most labels have a character no group label has, or are longer than
    // any: decided without building the folded text. The rest is folded on
    // the stack: it is made of group-label characters only, and no longer
    // than twice the longest label.
    let g = groups();
    let mut piece = [0u8; 2 * MAX_GROUP_BYTES];
    let (mut len, mut first, mut end, mut meaning) = (0, None, 0, false);
    for (i, c) in s.char_indices() {
        if is_space(c) {
            continue;
        }
        let f = fold_width(c);
        if !g.has(f) {
            return false;
        }
        first.get_or_insert(i);
        end = i + c.len_utf8();
        if len + f.len_utf8() > piece.len() {
            return false;
        }
        len += f.encode_utf8(&mut piece[len..]).len();
        meaning = meaning || !is_noise(f);
    }
    // Trimmed of spaces, no longer than twice the longest group label.
    let trimmed = end - first.unwrap_or(end);
    let t = &piece[..len];
    // The last byte first: CJK characters share their first bytes.
    trimmed <= g.longest * 2
        && meaning
        && g.labels.iter().any(|l| {
            l.as_bytes()
                .windows(t.len())
                .any(|w| w[t.len() - 1] == t[t.len() - 1] && w == t)
        })
}

/// The whole of a group label (`（六）其他处理`), not just a piece of one.
pub fn is_whole_group(s: &str) -> bool {
    let t = fold_compact(s);
    group_labels().contains(&t)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Characters a label may have for [`distance_within`] to work on the
/// stack; longer ones (never a template label) take [`distance`].
const MAX_STACK_CHARS: usize = 64;

/// `distance(a, b)` when it is at most `max`, `None` when it is more: only
/// the band of cells within `max` of the diagonal is computed, on the stack,
/// and the computation stops as soon as a whole row exceeds `max`.
pub fn distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if n == 0 || m == 0 {
        return Some(n.max(m));
    }
    if m > MAX_STACK_CHARS {
        let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
        let d = distance(&a, &b);
        return (d <= max).then_some(d);
    }
    // Cells outside the band count as too far: their true value is more
    // than `max` already, so no path within `max` goes through them.
    const FAR: usize = usize::MAX / 2;
    let mut rows = [[FAR; MAX_STACK_CHARS + 2]; 2];
    for (j, p) in rows[0].iter_mut().enumerate().take(m.min(max) + 1) {
        *p = j;
    }
    for i in 1..=n {
        let (first, second) = rows.split_at_mut(1);
        let (prev, cur) = if i % 2 == 1 {
            (&first[0], &mut second[0])
        } else {
            (&second[0], &mut first[0])
        };
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(m);
        cur[lo - 1] = if lo == 1 { i } else { FAR };
        let mut row_min = cur[lo - 1];
        let ca = a[i - 1];
        for j in lo..=hi {
            let cost = usize::from(ca != b[j - 1]);
            let v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        // The next row reads one cell further right than this one wrote.
        cur[hi + 1] = FAR;
        if row_min > max {
            return None;
        }
    }
    Some(rows[n % 2][m]).filter(|&d| d <= max)
}

/// Length of the longest common subsequence of two strings, in characters.
fn common_subsequence(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for ca in a.chars() {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether a written label that did not match looks like the template label
/// all the same: its numbering agrees (where the template has one) and most
/// of the template's characters appear in it, in order. Used to say "this
/// row is there but could not be read" (E001) instead of "not found" (E002).
pub fn resembles<'w>(written: impl Into<NormRef<'w>>, number: Option<u32>, core: &str) -> bool {
    let written = written.into();
    if number.is_some() && written.number != number {
        return false;
    }
    let n = core.chars().count();
    let w = written.chars;
    // Not much longer than the template label (at most half as long again,
    // plus one): a run of several labels holds most characters of many.
    if w * 2 > n * 3 + 2 {
        return false;
    }
    let common = common_subsequence(written.core, core);
    common >= RESEMBLE_MIN_COMMON && common * 100 >= n * RESEMBLE_PERCENT
}

/// How well a written label matches a template label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// Same text as the template (up to width, spacing, numbering style).
    Exact,
    /// A listed variant of the template label.
    Alias,
    /// Within a small edit distance, or a long enough prefix (a label cut by a wrap).
    Fuzzy(usize),
}

/// Compare a written label with a template entry (`number` is the template
/// numbering's value; `text` its core text; `aliases` other spellings).
pub fn match_label(
    written: &NormLabel,
    number: Option<u32>,
    text: &str,
    aliases: &[&str],
) -> Option<Quality> {
    let canon = canonical_core(text);
    match_canon(written.view(), &Canon::new(number, &canon), &|core| {
        aliases.iter().any(|a| *canonical_core(a) == *core)
    })
}

/// A template label already normalised: its numbering, core and length in
/// characters, and its characters for the edit distance.
#[derive(Debug, Clone)]
pub struct Canon<S> {
    pub number: Option<u32>,
    pub core: S,
    pub chars: usize,
    decoded: Vec<char>,
}

impl<S: AsRef<str>> Canon<S> {
    pub fn new(number: Option<u32>, core: S) -> Self {
        let decoded: Vec<char> = core.as_ref().chars().collect();
        Canon {
            number,
            core,
            chars: decoded.len(),
            decoded,
        }
    }
}

/// Whether a written label (its numbering and normalised core) is the
/// template label's own text ([`Quality::Exact`] from [`match_canon`]): the
/// same core, and a numbering that agrees (for a short numbered label, one
/// that is there).
pub fn is_exact<S: AsRef<str>>(number: Option<u32>, core: &str, canon: &Canon<S>) -> bool {
    if core != canon.core.as_ref() {
        return false;
    }
    if canon.chars <= SHORT_LABEL_CHARS {
        return canon.number.is_none() || number == canon.number;
    }
    match (number, canon.number) {
        (Some(w), Some(t)) => w == t,
        _ => true,
    }
}

/// [`match_label`] against a normalised template label; `is_alias` says
/// whether a written core is one of the entry's other spellings.
pub fn match_canon<S: AsRef<str>>(
    written: NormRef,
    canon: &Canon<S>,
    is_alias: &dyn Fn(&str) -> bool,
) -> Option<Quality> {
    let canon_label = canon;
    let number = canon.number;
    let n = canon.chars;
    let canon: &str = canon.core.as_ref();
    let numbering_agrees = match (written.number, number) {
        (Some(w), Some(t)) => w == t,
        _ => true,
    };
    if n <= SHORT_LABEL_CHARS || written.core == canon {
        // Short labels (规章, 其他, 总计) occur in headers too: only the exact
        // text, and for numbered template rows the written numbering as well.
        return is_exact(written.number, written.core, canon_label).then_some(Quality::Exact);
    }
    if is_alias(written.core) {
        return numbering_agrees.then_some(Quality::Alias);
    }
    let w = written.chars;
    let budget = (n / CHARS_PER_EDIT).max(1);
    // The distance is at least the difference in length: skip the
    // quadratic computation when that alone exceeds the budget.
    if numbering_agrees && w.abs_diff(n) <= budget {
        let d = if w <= MAX_STACK_CHARS {
            let mut buf = ['\0'; MAX_STACK_CHARS];
            for (slot, c) in buf.iter_mut().zip(written.core.chars()) {
                *slot = c;
            }
            distance_within(&buf[..w], &canon_label.decoded, budget)
        } else {
            Some(distance(written.core, canon)).filter(|&d| d <= budget)
        };
        if let Some(d) = d {
            return Some(Quality::Fuzzy(d));
        }
    }
    // A label wrapped onto a line that was not joined to it: a long prefix.
    if w >= MIN_PREFIX_CHARS
        && w * 100 >= n * MIN_PREFIX_PERCENT
        && canon.starts_with(written.core)
        && numbering_agrees
    {
        return Some(Quality::Fuzzy(n - w));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_forms() {
        assert_eq!(
            normalize("1.属于国家秘密"),
            NormLabel {
                number: Some(1),
                core: "属于国家秘密".into()
            }
        );
        assert_eq!(normalize("1、属于国家秘密").number, Some(1));
        assert_eq!(normalize("（1）属于国家秘密").number, Some(1));
        assert_eq!(
            normalize("（七）总计"),
            NormLabel {
                number: Some(7),
                core: "总计".into()
            }
        );
        assert_eq!(normalize("三、本年度办理结果").number, Some(3));
        assert_eq!(normalize("三类内部事务信息").number, None);
        assert_eq!(normalize("危及“三安全一稳定”").core, "危及三安全一稳定");
    }

    /// The plain reading `normalize_into` must keep: fold, drop spaces,
    /// split the numbering off, drop the noise.
    fn normalize_plainly(s: &str) -> NormLabel {
        let mut folded: String = s
            .chars()
            .map(fold_width)
            .filter(|c| !is_space(*c))
            .collect();
        let (number, skip) = split_numbering(&folded);
        folded.drain(..skip);
        folded.retain(|c| !is_noise(c));
        NormLabel {
            number,
            core: folded,
        }
    }

    #[test]
    fn normalising_in_runs_reads_as_the_plain_way() {
        let mut labels = template_labels();
        let more = [
            "",
            " ",
            "（七）",
            "(1)",
            "1.",
            "１．属于 国家秘密",
            "　（ 一 ）予以公开　",
            "二十三、其他",
            "12345",
            "一二三四五六七",
            "（十二）总计",
            "“三安全一稳定”",
            "3)其他",
            "第二十条",
            "ａｂｃ，ＤＥＦ；",
            "1、 2、3",
            "((一))",
            "（一)予以公开",
        ];
        labels.extend(more.iter().map(|s| s.to_string()));
        let spaced: Vec<String> = labels
            .iter()
            .map(|l| l.replace('、', " 、\u{3000}"))
            .collect();
        labels.extend(spaced);
        let mut buf = normalize("x");
        for l in &labels {
            normalize_into(l, &mut buf);
            assert_eq!(buf, normalize_plainly(l), "{l:?}");
        }
    }

    /// `split_numbering` as it read before it went character by character.
    fn split_numbering_plainly(s: &str) -> (Option<u32>, usize) {
        // Every numbering starts with `(`, a digit or a Chinese numeral: most
        // other text is told by its first character alone.
        match s.chars().next() {
            Some(c) if c == '(' || c.is_ascii_digit() || cn_digit(c).is_some() => {}
            _ => return (None, 0),
        }
        // Only the first six characters can take part in a numbering (a closing
        // parenthesis at index 2..=4, at most three numerals and a separator).
        let mut buf = [(0usize, '\0'); 6];
        let mut len = 0;
        for (i, c) in s.char_indices().take(buf.len()) {
            buf[len] = (i, c);
            len += 1;
        }
        let chars = &buf[..len];
        // （一） (1)
        if let Some(&(_, '(')) = chars.first() {
            if let Some(close) = chars.iter().position(|&(_, c)| c == ')') {
                if (2..=4).contains(&close) {
                    let inner = &s[chars[1].0..chars[close].0];
                    let n = inner.parse().ok().or_else(|| cn_small(inner));
                    if n.is_some() {
                        let end = chars.get(close + 1).map(|x| x.0).unwrap_or(s.len());
                        return (n, end);
                    }
                }
            }
        }
        // 一、 二. 1、 1. 1) 1．
        let digits_end = chars
            .iter()
            .position(|&(_, c)| !(c.is_ascii_digit() || cn_digit(c).is_some()));
        if let Some(k) = digits_end {
            if k > 0 && k <= MAX_NUMBERING_NUMERALS {
                let (at, sep) = chars[k];
                if matches!(sep, '、' | '.' | ',' | '，' | ')' | '．') {
                    let num = &s[..at];
                    let n = num.parse().ok().or_else(|| cn_small(num));
                    if n.is_some() {
                        let end = chars.get(k + 1).map(|x| x.0).unwrap_or(s.len());
                        return (n, end);
                    }
                }
            }
        }
        (None, 0)
    }

    #[test]
    fn numberings_read_character_by_character_as_from_six() {
        let pieces = [
            "(",
            ")",
            "一",
            "十",
            "三",
            "1",
            "12",
            "0",
            "+",
            "、",
            ".",
            "，",
            ",",
            "．",
            "予以",
            "（",
            "）",
            "公开",
            "é",
            "二十三",
            "",
        ];
        for s in crate::parse::text::random_texts(&pieces, 30_000) {
            assert_eq!(split_numbering(&s), split_numbering_plainly(&s), "{s:?}");
        }
        for s in [
            "(一)予以公开",
            "(十二)总计",
            "1.属于",
            "二十三、其他",
            "(1)",
            "1)",
            "(123)x",
            "(1234)x",
        ] {
            assert_eq!(split_numbering(s), split_numbering_plainly(s), "{s:?}");
        }
    }

    #[test]
    fn misspellings_match_fuzzily() {
        let w = normalize("2.其他法律行政止公开");
        assert!(match_label(
            &w,
            Some(2),
            "其他法律行政法规禁止公开",
            &["其他法律行政止公开"]
        )
        .is_some());
        let w = normalize("6.属于四类过程性性信息");
        assert!(matches!(
            match_label(&w, Some(6), "属于四类过程性信息", &[]),
            Some(Quality::Fuzzy(1))
        ));
    }

    #[test]
    fn resemblance_needs_numbering_and_most_of_the_label() {
        let core = normalize("2.没有现成信息需要另行制作").core;
        assert!(resembles(
            &normalize("2.没有现成信息需另行制作x"),
            Some(2),
            &core
        ));
        assert!(!resembles(
            &normalize("3.没有现成信息需要另行制作"),
            Some(2),
            &core
        ));
        assert!(!resembles(&normalize("2.其他"), Some(2), &core));
        let core = normalize("行政规范性文件").core;
        assert!(!resembles(
            &normalize("现行有效件数规章本机关政策性文件"),
            None,
            &core
        ));
        assert!(!resembles(&normalize("本机关政策性文件"), None, &core));
    }

    #[test]
    fn group_pieces() {
        for p in [
            "三",
            "、本",
            "（四）无",
            "法提供",
            "（五）不",
            "予处理",
            "（六）其他处理",
        ] {
            assert!(is_group_piece(p), "{p}");
        }
        for p in ["1.属于国家秘密", "（一）予以公开", "、", "", "商业企"] {
            assert!(!is_group_piece(p), "{p}");
        }
        assert!(is_whole_group("（六）其他处理"));
        assert!(!is_whole_group("（六）其"));
    }

    #[test]
    fn short_labels_need_numbering() {
        assert_eq!(match_label(&normalize("其他"), Some(3), "其他", &[]), None);
        assert_eq!(
            match_label(&normalize("3.其他"), Some(3), "其他", &[]),
            Some(Quality::Exact)
        );
        assert_eq!(match_label(&normalize("总计"), Some(7), "总计", &[]), None);
        assert_eq!(
            match_label(&normalize("规章"), None, "规章", &[]),
            Some(Quality::Exact)
        );
    }

    /// Every label of tables 二 and 三 and table 三's group headings, as the template spells them.
    fn template_labels() -> Vec<String> {
        let t3 = crate::template::TABLE3_ROWS.iter().map(|r| r.label());
        let t2 = crate::template::TABLE2_ROWS
            .iter()
            .map(|r| r.text.to_string());
        let groups = crate::template::TABLE3_GROUPS.iter().map(|g| g.to_string());
        t3.chain(t2).chain(groups).collect()
    }

    /// Labels and odd strings the fast paths below are checked against.
    fn samples() -> Vec<String> {
        let mut v = template_labels();
        for s in [
            "",
            " ",
            "\t",
            "\r\n",
            "１２３４５",
            "（ 一 ）予以\u{3000}公开\u{a0}",
            "\u{feff}１．属于，国家：秘密；",
            "“三安全一稳定”「」‘’",
            "a\u{85}b\u{1680}c\u{2009}d\u{202f}e\u{205f}f",
            "ＡＢＣ！～\u{ff5f}\u{fefe}",
            "三\n、\r本",
            "（四）无 法提供",
            "(六)其他处理 ",
            "予处理予处理予处理予处理予处理予处理予处理予处理予处理予处理",
            "é ü 𝟘 😀",
        ] {
            v.push(s.to_string());
        }
        v
    }

    #[test]
    fn folding_by_bytes_reads_as_by_chars() {
        for s in samples() {
            let mut fast = String::new();
            fold_into(&s, &mut fast);
            let plain: String = s
                .chars()
                .map(fold_width)
                .filter(|c| !is_space(*c))
                .collect();
            assert_eq!(fast, plain, "{s:?}");
            let (mut folded, mut clean) = ("前".to_string(), "前".to_string());
            fold_and_clean(&s, &mut folded, &mut clean);
            assert_eq!(folded, format!("前{fast}"), "{s:?}");
            let plain: String = fast.chars().filter(|c| !is_noise(*c)).collect();
            assert_eq!(clean, format!("前{plain}"), "{s:?}");
        }
    }

    #[test]
    fn group_pieces_as_the_plain_reading() {
        // The reading before the stack buffer: trim, fold, then a substring search.
        let plainly = |s: &str| {
            let g = groups();
            let t = fold_compact(s);
            s.trim_matches(is_space).len() <= g.longest * 2
                && t.chars().all(|c| g.chars.contains(&c))
                && t.chars().any(|c| !is_noise(c))
                && g.labels.iter().any(|l| l.contains(t.as_str()))
        };
        let mut all = samples();
        for g in crate::template::TABLE3_GROUPS {
            let chars: Vec<char> = g.chars().collect();
            for i in 0..chars.len() {
                for j in i..=chars.len() {
                    let piece: String = chars[i..j].iter().collect();
                    all.push(format!(" {piece}\u{3000}"));
                    all.push(piece.replace('（', "(").replace('）', ")"));
                    all.push(piece);
                }
            }
        }
        for s in all {
            assert_eq!(is_group_piece(&s), plainly(&s), "{s:?}");
        }
    }

    #[test]
    fn banded_distance_is_the_distance_within_its_bound() {
        // A small alphabet makes near and far pairs both common.
        let alphabet: Vec<char> = "予以公开部分不其他".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let a: Vec<char> = (0..next(14))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let b: Vec<char> = (0..next(14))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
            let d = distance(&sa, &sb);
            for max in 0..6 {
                assert_eq!(
                    distance_within(&a, &b, max),
                    (d <= max).then_some(d),
                    "{sa} {sb} {max}"
                );
            }
        }
        // Longer than the stack rows: the plain computation.
        let long: Vec<char> = "其".repeat(70).chars().collect();
        let longer: Vec<char> = "其".repeat(72).chars().collect();
        assert_eq!(distance_within(&long, &longer, 2), Some(2));
        assert_eq!(distance_within(&long, &longer, 1), None);
    }
}
