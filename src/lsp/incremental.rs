//! Re-linting after an edit without re-running every rule over the whole text.
//!
//! A keystroke in running text changes one sentence of a report that may hold
//! thousands. After an edit the text is parsed again (the parser decides what
//! the edit touched), and when everything but the sentences around the edit is
//! the report it was before, moved by the edit's length, the rules of
//! [`rules::SENTENCE_LOCAL`] run only on the sentences around the edit and keep
//! their other findings, moved; every other rule runs as in a full lint, with
//! the compact sentences carried over instead of made again. The result is what
//! [`engine::lint`] gives for the new text (tests/lsp_incremental.rs checks it
//! over random edits); whenever that cannot be shown — the edit changed a
//! heading, a table, the title, the year — it is a full lint.
//!
//! Byte offsets only: nothing here knows of the protocol.

use crate::diagnostic::Diagnostic;
use crate::engine::{self, LintOptions, LintOutput};
use crate::model::{
    ActiveTable, ApplicationsTable, Cell, Date, Period, Report, ReviewTable, Row, RowLabel,
    Section, Sentence, Title, Unreadable, Year,
};
use crate::parse::text::Compact;
use crate::rules::{self, util::CharSet, util::Text, Context};
use crate::span::Span;

/// What a lint leaves for the next lint of the same document under the same
/// options.
#[derive(Default)]
pub struct Memo {
    /// Each rule's findings at its severity, in [`rules::ALL`] order, before
    /// suppressions and the other steps of [`engine::finish`].
    per_rule: Vec<Vec<Diagnostic>>,
    /// The compact form of every sentence (and whether it widens the scope),
    /// when a rule asked for them; empty otherwise.
    texts: Vec<(Compact, bool, CharSet)>,
}

/// How a lint was done (for tests and measurements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    Full,
    /// Sentence-local rules re-ran on this many sentences.
    Incremental(usize),
}

/// A full lint of `text` (which has no lone CR: see [`engine::lone_cr_as_lf`]).
pub fn lint(text: &str, options: &LintOptions) -> (LintOutput, Memo) {
    lint_parsed(
        text,
        crate::parse::parse_with(text, &options.extra_aliases),
        options,
    )
}

/// Lint `text`, the document after an edit of `old_text`, whose lint under the
/// same options was `old` and left `memo`.
pub fn relint(
    old_text: &str,
    old: &LintOutput,
    memo: Memo,
    text: &str,
    options: &LintOptions,
) -> (LintOutput, Memo, Path) {
    if memo.per_rule.len() != rules::ALL.len() {
        let (out, memo) = lint(text, options);
        return (out, memo, Path::Full);
    }
    let edit = Edit::between(old_text, text);
    let report = crate::parse::parse_with(text, &options.extra_aliases);
    let Some(window) = Window::of(&edit, &old.report, &report) else {
        let (out, memo) = lint_parsed(text, report, options);
        return (out, memo, Path::Full);
    };
    match splice(&edit, &window, &old.report, memo, text, &report, options) {
        Some(memo) => {
            let diagnostics = engine::finish(text, options, memo.per_rule.concat());
            let changed = window.new.len();
            let out = LintOutput {
                report,
                diagnostics,
            };
            (out, memo, Path::Incremental(changed))
        }
        None => {
            let (out, memo) = lint_parsed(text, report, options);
            (out, memo, Path::Full)
        }
    }
}

/// [`lint`] of a text already parsed.
fn lint_parsed(text: &str, report: Report, options: &LintOptions) -> (LintOutput, Memo) {
    let mut ctx = Context::new(text, &report, options, None);
    let per_rule: Vec<Vec<Diagnostic>> = rules::ALL
        .iter()
        .map(|rule| engine::run_rule(rule, &ctx))
        .collect();
    let texts = keep_texts(&mut ctx);
    drop(ctx);
    let diagnostics = engine::finish(text, options, per_rule.concat());
    (
        LintOutput {
            report,
            diagnostics,
        },
        Memo { per_rule, texts },
    )
}

fn keep_texts(ctx: &mut Context) -> Vec<(Compact, bool, CharSet)> {
    ctx.take_texts()
        .unwrap_or_default()
        .into_iter()
        .map(|t| (t.compact, t.wider, t.chars))
        .collect()
}

/// The bytes `start..old_end` of the old text became `start..new_end` of the
/// new one; everything before is the same, everything after moved by `delta`.
#[derive(Debug, Clone, Copy)]
struct Edit {
    start: usize,
    old_end: usize,
    delta: isize,
}

impl Edit {
    fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let prefix = common_prefix(a, b);
        let room = a.len().min(b.len()) - prefix;
        let suffix = common_suffix(&a[a.len() - room..], &b[b.len() - room..]);
        Edit {
            start: prefix,
            old_end: a.len() - suffix,
            delta: b.len() as isize - a.len() as isize,
        }
    }

    /// Where an offset that starts something moved to; `None` inside the edit.
    fn start_of(&self, x: usize) -> Option<usize> {
        if x < self.start {
            Some(x)
        } else if x >= self.old_end {
            Some(x.wrapping_add_signed(self.delta))
        } else {
            None
        }
    }

    /// Where an offset that ends something moved to; `None` inside the edit.
    fn end_of(&self, x: usize) -> Option<usize> {
        if x <= self.start {
            Some(x)
        } else if x >= self.old_end {
            Some(x.wrapping_add_signed(self.delta))
        } else {
            None
        }
    }

    fn span(&self, s: Span) -> Option<Span> {
        let (start, end) = (self.start_of(s.start)?, self.end_of(s.end)?);
        (start <= end).then_some(Span::new(start, end))
    }

    /// A finding of the old text, moved; `None` if a span of it lies in the edit.
    fn diagnostic(&self, d: &Diagnostic) -> Option<Diagnostic> {
        let mut d = d.clone();
        d.span = self.span(d.span)?;
        for l in &mut d.labels {
            l.span = self.span(l.span)?;
        }
        for e in d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            e.span = self.span(e.span)?;
        }
        Some(d)
    }

    /// A sentence of the old text, as it would stand in the new one.
    fn sentence(&self, s: &Sentence) -> Option<Sentence> {
        Some(Sentence {
            span: self.span(s.span)?,
            section: s.section,
        })
    }
}

/// Compared a block at a time (a byte loop over a megabyte costs more).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let (ea, eb) = (a.len(), b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[ea - i - BLOCK..ea - i] == b[eb - i - BLOCK..eb - i] {
        i += BLOCK;
    }
    while i < n && a[ea - i - 1] == b[eb - i - 1] {
        i += 1;
    }
    i
}

/// The sentences an edit changed: old `same_before..old_end` became new
/// `same_before..new.end`; those before are equal and those after equal once
/// moved.
struct Window {
    same_before: usize,
    old_end: usize,
    new: std::ops::Range<usize>,
}

impl Window {
    /// `None` unless the new report is the old one moved by the edit, but for
    /// the sentences it touched.
    fn of(edit: &Edit, old: &Report, new: &Report) -> Option<Window> {
        if !same_but_sentences(edit, old, new)? {
            return None;
        }
        let (os, ns) = (&old.sentences, &new.sentences);
        // Equal spans before the edit hold equal text.
        let before = os
            .iter()
            .zip(ns)
            .take_while(|(o, n)| o == n && o.span.end <= edit.start)
            .count();
        let room = os.len().min(ns.len()) - before;
        // Spans after the edit, moved, hold equal text too.
        let after = os
            .iter()
            .rev()
            .zip(ns.iter().rev())
            .take(room)
            .take_while(|(o, n)| {
                o.span.start >= edit.old_end && edit.sentence(o).as_ref() == Some(*n)
            })
            .count();
        Some(Window {
            same_before: before,
            old_end: os.len() - after,
            new: before..ns.len() - after,
        })
    }

    /// Old and new sentence indices within `radius` of the changed ones.
    fn around(&self, radius: usize, old_len: usize, new_len: usize) -> (Range, Range) {
        let start = self.same_before.saturating_sub(radius);
        (
            start..(self.old_end + radius).min(old_len),
            start..(self.new.end + radius).min(new_len),
        )
    }
}

type Range = std::ops::Range<usize>;

/// Whether everything in the reports but their sentences is the same, the old
/// one's spans moved by the edit; `None` when one of them lies in the edit.
fn same_but_sentences(edit: &Edit, old: &Report, new: &Report) -> Option<bool> {
    let mut moved = without_sentences(old);
    moved.move_by(edit)?;
    Some(moved == without_sentences(new))
}

/// Every span of a part of the model moved by an edit (`None` when one lies
/// in it). The structs are taken apart field by field, so that a field added
/// to the model does not compile here until it is moved too.
trait Move {
    fn move_by(&mut self, e: &Edit) -> Option<()>;
}

impl Move for Span {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        *self = e.span(*self)?;
        Some(())
    }
}

impl<T: Move> Move for Option<T> {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        self.iter_mut().try_for_each(|x| x.move_by(e))
    }
}

impl<T: Move> Move for Vec<T> {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        self.iter_mut().try_for_each(|x| x.move_by(e))
    }
}

impl Move for Report {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Report {
            title,
            period,
            year: _,
            signature_date,
            issuer: _,
            sections,
            preamble,
            active,
            applications,
            review,
            sentences,
            table_spans,
        } = self;
        title.move_by(e)?;
        period.move_by(e)?;
        signature_date.move_by(e)?;
        sections.move_by(e)?;
        preamble.move_by(e)?;
        active.move_by(e)?;
        applications.move_by(e)?;
        review.move_by(e)?;
        sentences.move_by(e)?;
        table_spans.move_by(e)
    }
}

impl Move for Sentence {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Sentence { span, section: _ } = self;
        span.move_by(e)
    }
}

impl Move for Title {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Title {
            text: _,
            span,
            issuer: _,
            year,
        } = self;
        span.move_by(e)?;
        year.move_by(e)
    }
}

impl Move for Year {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Year { value: _, span } = self;
        span.move_by(e)
    }
}

impl Move for Period {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Period { span, start, end } = self;
        span.move_by(e)?;
        start.move_by(e)?;
        end.move_by(e)
    }
}

impl Move for Date {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Date {
            year: _,
            month: _,
            day: _,
            span,
            year_span,
        } = self;
        span.move_by(e)?;
        year_span.move_by(e)
    }
}

impl Move for Section {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Section {
            index: _,
            heading_span,
            number_text: _,
            number_span,
            numbering: _,
            number_value: _,
            title: _,
            title_span,
            body,
        } = self;
        heading_span.move_by(e)?;
        number_span.move_by(e)?;
        title_span.move_by(e)?;
        body.move_by(e)
    }
}

impl Move for ActiveTable {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let ActiveTable {
            span,
            rows,
            problems,
            legacy_markers,
        } = self;
        span.move_by(e)?;
        rows.move_by(e)?;
        problems.move_by(e)?;
        legacy_markers.move_by(e)
    }
}

impl Move for ApplicationsTable {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let ApplicationsTable {
            span,
            rows,
            legacy_other,
            problems,
        } = self;
        span.move_by(e)?;
        rows.move_by(e)?;
        legacy_other.move_by(e)?;
        problems.move_by(e)
    }
}

impl Move for ReviewTable {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let ReviewTable {
            span,
            cells,
            problems,
        } = self;
        span.move_by(e)?;
        cells.move_by(e)?;
        problems.move_by(e)
    }
}

impl Move for Row {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Row { label, cells } = self;
        let RowLabel {
            text: _,
            span,
            exact: _,
        } = label;
        span.move_by(e)?;
        cells.move_by(e)
    }
}

impl Move for Cell {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Cell { value: _, span } = self;
        span.move_by(e)
    }
}

impl Move for Unreadable {
    fn move_by(&mut self, e: &Edit) -> Option<()> {
        let Unreadable {
            span,
            reason: _,
            row: _,
        } = self;
        span.move_by(e)
    }
}

/// Every rule's findings for the new text, from the old ones and the rules
/// re-run; `None` when a finding cannot be placed (then a full lint is due).
fn splice(
    edit: &Edit,
    window: &Window,
    old: &Report,
    memo: Memo,
    text: &str,
    report: &Report,
    options: &LintOptions,
) -> Option<Memo> {
    let Memo { per_rule, texts } = memo;
    let mut ctx = Context::new(text, report, options, None);
    if texts.len() == old.sentences.len() && !texts.is_empty() {
        ctx = ctx.with_texts(carry_texts(edit, window, texts, text, report));
    }
    // The report cut down to the sentences around the edit, one per radius.
    let mut radii: Vec<usize> = rules::SENTENCE_LOCAL.iter().map(|&(_, r)| r).collect();
    radii.sort_unstable();
    radii.dedup();
    let parts: Vec<Around> = radii
        .iter()
        .map(|&r| Around::new(r, window, old, report))
        .collect();
    let part_ctx: Vec<Context> = parts
        .iter()
        .map(|p| Context::new(text, &p.part, options, None))
        .collect();
    let mut out = Vec::with_capacity(per_rule.len());
    for (rule, old_found) in rules::ALL.iter().zip(per_rule) {
        let local = rules::SENTENCE_LOCAL
            .iter()
            .find(|(code, _)| *code == rule.code);
        let found = match local {
            Some(&(_, r)) => {
                let k = radii.iter().position(|&x| x == r)?;
                parts[k].rerun(rule, &part_ctx[k], edit, old, &old_found, report)?
            }
            None => engine::run_rule(rule, &ctx),
        };
        out.push(found);
    }
    let texts = keep_texts(&mut ctx);
    Some(Memo {
        per_rule: out,
        texts,
    })
}

/// The sentences a sentence-local rule of one radius must look at again.
struct Around {
    /// Old and new indices of the sentences whose findings may change: the
    /// changed ones and `radius` on either side.
    old_owned: Range,
    new_owned: Range,
    /// The new report with only those sentences and `radius` more on either
    /// side, which they may look at.
    part: Report,
}

impl Around {
    fn new(radius: usize, window: &Window, old: &Report, report: &Report) -> Around {
        let (os, ns) = (old.sentences.len(), report.sentences.len());
        let (old_owned, new_owned) = window.around(radius, os, ns);
        let (_, context) = window.around(2 * radius, os, ns);
        let mut part = without_sentences(report);
        part.sentences = report.sentences[context].to_vec();
        Around {
            old_owned,
            new_owned,
            part,
        }
    }

    /// The rule's findings for the new text: the old ones outside the owned
    /// sentences, moved, and those of the rule run on the part.
    fn rerun(
        &self,
        rule: &'static rules::Rule,
        ctx: &Context,
        edit: &Edit,
        old: &Report,
        old_found: &[Diagnostic],
        report: &Report,
    ) -> Option<Vec<Diagnostic>> {
        let mut kept = Vec::with_capacity(old_found.len());
        for d in old_found {
            let i = sentence_of(&old.sentences, d.span)?;
            if !self.old_owned.contains(&i) {
                kept.push(edit.diagnostic(d)?);
            }
        }
        // Findings about one sentence come from one run, in the order the
        // rule gave them: the engine's stable sort keeps it.
        for d in engine::run_rule(rule, ctx) {
            if self
                .new_owned
                .contains(&sentence_of(&report.sentences, d.span)?)
            {
                kept.push(d);
            }
        }
        Some(kept)
    }
}

/// The compact sentences of the new report: those the edit did not touch
/// carried over (moved), the others made anew.
fn carry_texts<'a>(
    edit: &Edit,
    window: &Window,
    old: Vec<(Compact, bool, CharSet)>,
    text: &str,
    report: &'a Report,
) -> Vec<Text<'a>> {
    let ns = &report.sentences;
    let mut old = old.into_iter();
    let mut out = Vec::with_capacity(ns.len());
    for (compact, wider, chars) in old.by_ref().take(window.same_before) {
        out.push(Text {
            sentence: &ns[out.len()],
            compact,
            wider,
            chars,
        });
    }
    for s in &ns[window.new.clone()] {
        out.push(Text::new(s, Compact::new(text, s.span)));
    }
    for (mut compact, wider, chars) in old.skip(window.old_end - window.same_before) {
        compact.shift(edit.delta);
        out.push(Text {
            sentence: &ns[out.len()],
            compact,
            wider,
            chars,
        });
    }
    out
}

fn without_sentences(r: &Report) -> Report {
    Report {
        title: r.title.clone(),
        period: r.period.clone(),
        year: r.year,
        signature_date: r.signature_date.clone(),
        issuer: r.issuer.clone(),
        sections: r.sections.clone(),
        preamble: r.preamble,
        active: r.active.clone(),
        applications: r.applications.clone(),
        review: r.review.clone(),
        sentences: Vec::new(),
        table_spans: r.table_spans.clone(),
    }
}

/// The index of the sentence holding `span` (not empty: an empty span where
/// one sentence ends and the next begins belongs to neither for sure).
fn sentence_of(sentences: &[Sentence], span: Span) -> Option<usize> {
    if span.is_empty() {
        return None;
    }
    let i = sentences.partition_point(|s| s.span.start <= span.start);
    let i = i.checked_sub(1)?;
    let s = sentences[i].span;
    (span.start >= s.start && span.end <= s.end).then_some(i)
}
