//! Output rendered as each report is checked: its text and findings are
//! dropped at once and only the rendered bytes are kept (the first 24 MB in
//! memory, the rest in a temporary spill file, see [`Slots`]) until every
//! report's turn in the output order is sure (a later year
//! of a pair is re-checked at the end). Memory stays flat whatever the number
//! of reports and findings (issue 15); the output is byte for byte what
//! rendering everything at the end gave.
//!
//! Every format but html and xlsx (which need the whole run on one page or
//! workbook) goes this way.

use super::output::{printable_checked, statistics_of, summary};
use super::*;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom};

/// The buffer between the spill and its file, both ways: 8 KiB (the
/// default) made 2,400 `write` calls for the 19 MB of 10,000 reports' JSON,
/// and a `seek` + `read` per report on the way back (issue 15).
const SPILL_BUFFER: usize = 1 << 20;

/// How pieces are rendered: chosen before the first report is checked.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub format: OutputFormat,
    pub colour: bool,
    /// `--statistics`: nothing is rendered per report, only counted.
    pub statistics: bool,
}

/// What the end of a run needs of a report once its output is rendered.
pub(super) struct Summary {
    /// Errors, warnings, notes.
    pub counts: (usize, usize, usize),
    /// Code, name and whether a safe fix exists, per finding; only for
    /// `--statistics` (otherwise empty: 100,000 reports would hold 300,000).
    pub codes: Vec<(&'static str, &'static str, bool)>,
}

impl Summary {
    /// `rewritable`: a safe fix counts as one only where `--fix` writes it.
    fn of(diagnostics: &[Diagnostic], statistics: bool, rewritable: bool) -> Summary {
        Summary {
            counts: crate::render::office::counts(diagnostics.iter().map(|d| d.severity)),
            codes: diagnostics
                .iter()
                .filter(|_| statistics)
                .map(|d| {
                    let safe = d
                        .fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == Applicability::Safe);
                    (d.code, d.name, safe && rewritable)
                })
                .collect(),
        }
    }

    fn reaches(&self, threshold: Severity) -> bool {
        let (e, w, i) = self.counts;
        match threshold {
            Severity::Error => e > 0,
            Severity::Warning => e + w > 0,
            Severity::Info => e + w + i > 0,
        }
    }
}

/// One report, rendered (on a worker thread).
pub(super) struct Piece {
    bytes: Vec<u8>,
    summary: Summary,
}

/// Render one checked report as its part of the output; the report is dropped.
pub(super) fn piece(c: Checked, style: Style) -> std::io::Result<Piece> {
    let summary = Summary::of(&c.diagnostics, style.statistics, c.rewritable);
    if style.statistics || c.diagnostics.is_empty() {
        return Ok(Piece {
            bytes: Vec::new(),
            summary,
        });
    }
    let people = matches!(
        style.format,
        OutputFormat::Full | OutputFormat::Concise | OutputFormat::Github
    );
    // Formats read by people get no raw control characters (as `render_all`).
    let c = if people { printable_checked(&c) } else { c };
    let files = output::reports(std::slice::from_ref(&c));
    let f = &files[0];
    let mut s = String::new();
    match style.format {
        OutputFormat::Full => {
            let mut buf = if style.colour {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            render::full::emit(f, &mut buf)?;
            return Ok(Piece {
                bytes: buf.into_inner(),
                summary,
            });
        }
        OutputFormat::Concise => render::concise(f, &mut s),
        OutputFormat::Github => render::github::emit(f, &mut s),
        OutputFormat::JsonLines => {
            render::json_lines::emit(f, &mut s).map_err(std::io::Error::other)?
        }
        // Array elements as `to_string_pretty` of the whole array writes them.
        OutputFormat::Json => {
            // Room for the findings, so the buffer is allocated once.
            let path = f.path.len() + f.issuer.map_or(0, str::len);
            s.reserve(f.diagnostics.iter().map(|d| json_size(d, path)).sum());
            for (n, d) in f.diagnostics.iter().enumerate() {
                s.push_str(if n > 0 { ",\n  " } else { "  " });
                render::json::write_pretty(&render::json::convert(f, d), "  ", &mut s);
            }
        }
        OutputFormat::Sarif => {
            let items = f.diagnostics.iter().map(|d| render::sarif::result(f, d));
            s = elements(items, SARIF_INDENT)?;
        }
        OutputFormat::Html | OutputFormat::Xlsx => {
            unreachable!("html and xlsx are rendered from the whole run")
        }
    }
    if matches!(
        style.format,
        OutputFormat::Json | OutputFormat::JsonLines | OutputFormat::Sarif
    ) {
        s = render::escape_c1_in_json(s);
    }
    Ok(Piece {
        bytes: s.into_bytes(),
        summary,
    })
}

/// About the bytes of a finding's pretty JSON at the depth of a `--format
/// json` item, rather more than fewer (measured over findings-heavy reports:
/// 330 of keys and indentation, ~205 a label, 20 a note, 110 a fix and 200
/// an edit), and the texts; `texts` is the path's and the issuer's length.
fn json_size(d: &Diagnostic, texts: usize) -> usize {
    let labels: usize = d.labels.iter().map(|l| 220 + l.message.len()).sum();
    let notes: usize = d.notes.iter().map(|n| 24 + n.len()).sum();
    let fix = d.fix.as_ref().map_or(0, |f| {
        let edits: usize = f.edits.iter().map(|e| 210 + e.replacement.len()).sum();
        120 + f.title.len() + edits
    });
    360 + texts + d.message.len() + labels + notes + fix
}

/// Where SARIF results sit in the pretty log: `runs` → run → `results` → item.
const SARIF_INDENT: &str = "        ";
/// A placeholder for the results in the SARIF frame; no rule text contains it.
const SARIF_HOLE: &str = "\u{0}xxgk-results";

/// Pretty JSON values as items of an array nested at `indent`, `,\n` between them:
/// `to_string_pretty` of each item with `indent` before each of its lines,
/// written straight into one buffer by a formatter that indents from there.
fn elements<T: serde::Serialize>(
    items: impl Iterator<Item = T>,
    indent: &str,
) -> std::io::Result<String> {
    let mut buf = Vec::new();
    for (n, item) in items.enumerate() {
        if n > 0 {
            buf.extend_from_slice(b",\n");
        }
        buf.extend_from_slice(indent.as_bytes());
        let formatter = Nested::new(indent.as_bytes());
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
        item.serialize(&mut ser).map_err(std::io::Error::other)?;
    }
    // serde_json writes only UTF-8 (its own `to_string` relies on it too).
    String::from_utf8(buf).map_err(std::io::Error::other)
}

/// serde_json's `PrettyFormatter` (two spaces a level) with every new line
/// starting with `base`: the value is nested that deep in the document. A
/// raw line break comes only from the formatter (strings escape theirs).
struct Nested<'a> {
    base: &'a [u8],
    level: usize,
    has_value: bool,
}

impl<'a> Nested<'a> {
    fn new(base: &'a [u8]) -> Self {
        Nested {
            base,
            level: 0,
            has_value: false,
        }
    }

    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(self.base)?;
        (0..self.level).try_for_each(|_| w.write_all(b"  "))
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Byte strings by input index: what a run keeps of each report until its
/// turn in the output comes. The first ones are copied into memory, up to a
/// budget; the rest go to an unnamed temporary file. Written to the file and
/// read back, the 49 MB of JSON of 10,000 findings-heavy reports were ~15 ms
/// of copying through the kernel, 5 ms of it after the last report (issue
/// 15). Memory is blocks of [`BLOCK`] bytes filled end to end: its cost is
/// the budget, not the budget and the allocator's leftovers around each piece.
pub(super) struct Slots {
    file: BufWriter<File>,
    len: u64,
    /// Where each input's bytes are (`None`: none kept).
    at: Vec<Option<Held>>,
    blocks: Vec<Vec<u8>>,
    /// How many blocks may be taken.
    budget: usize,
    /// The first error writing the file.
    failed: Option<std::io::Error>,
}

/// Where one input's bytes are kept.
#[derive(Clone, Copy)]
enum Held {
    /// Block, offset and length in memory.
    Memory(usize, usize, usize),
    /// Offset and length in the file.
    File(u64, usize),
}

/// The size of a block of memory of [`Slots`].
const BLOCK: usize = 1 << 20;

/// What [`Slots`] of the rendered output keep in memory before they spill:
/// 100,000 reports' output stays within issue 15's 100 MB with it.
pub(super) const IN_MEMORY: usize = 24 << 20;

impl Slots {
    /// Slots keeping up to `budget` bytes in memory.
    pub(super) fn new(inputs: usize, budget: usize) -> Result<Slots, String> {
        let file = tempfile::tempfile().map_err(|e| messages::TEMP_FILE_FAILED.fill(&[&e]))?;
        Ok(Slots {
            file: BufWriter::with_capacity(SPILL_BUFFER, file),
            len: 0,
            at: (0..inputs).map(|_| None).collect(),
            blocks: Vec::new(),
            budget: budget / BLOCK,
            failed: None,
        })
    }

    /// Keep `bytes` for input `k` (again, when a pair was re-checked: the last one counts).
    pub(super) fn put(&mut self, k: usize, bytes: &[u8]) {
        self.at[k] = match bytes.len() {
            0 => None,
            n => Some(match self.in_memory(bytes) {
                Some(held) => held,
                None => {
                    if let Err(e) = self.file.write_all(bytes) {
                        self.failed.get_or_insert(e);
                    }
                    self.len += n as u64;
                    Held::File(self.len - n as u64, n)
                }
            }),
        };
    }

    /// `bytes` copied to the end of the last block, or of a new one while
    /// the budget allows (`None`: it does not; a piece longer than a block
    /// never fits).
    fn in_memory(&mut self, bytes: &[u8]) -> Option<Held> {
        let fits = |b: &Vec<u8>| b.len() + bytes.len() <= BLOCK;
        if !self.blocks.last().is_some_and(fits) {
            if self.blocks.len() >= self.budget || bytes.len() > BLOCK {
                return None;
            }
            self.blocks.push(Vec::with_capacity(BLOCK));
        }
        let n = self.blocks.len() - 1;
        let block = &mut self.blocks[n];
        block.extend_from_slice(bytes);
        Some(Held::Memory(n, block.len() - bytes.len(), bytes.len()))
    }

    pub(super) fn fail(&mut self, e: std::io::Error) {
        self.failed.get_or_insert(e);
    }

    pub(super) fn any(&self) -> bool {
        self.at.iter().any(Option::is_some)
    }

    /// The kept byte strings in input order, read back one at a time.
    pub(super) fn reader(self) -> std::io::Result<SlotReader> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        let at = self.at.into_iter().flatten().collect();
        Ok(SlotReader {
            at,
            blocks: self.blocks,
            file: FileReader {
                file: BufReader::with_capacity(SPILL_BUFFER, file),
                buf: Vec::new(),
                pos: None,
            },
        })
    }
}

/// [`Slots`] read back: the `n`th kept byte string (inputs without any skipped).
pub(super) struct SlotReader {
    at: Vec<Held>,
    blocks: Vec<Vec<u8>>,
    file: FileReader,
}

/// The file of [`Slots`], read back a byte string at a time.
struct FileReader {
    file: BufReader<File>,
    buf: Vec<u8>,
    /// Where the file is read next (`None`: not known yet): slots are
    /// mostly in file order, and a read there needs no seek.
    pos: Option<u64>,
}

/// Slices a vectored write takes at most (`IOV_MAX` is 1,024 on Linux).
const VECTORED: usize = 1000;

impl SlotReader {
    pub(super) fn read(&mut self, n: usize) -> std::io::Result<&[u8]> {
        match self.at[n] {
            Held::Memory(b, at, len) => Ok(&self.blocks[b][at..at + len]),
            Held::File(offset, len) => self.file.read(offset, len),
        }
    }

    /// Every byte string in order, `sep` between two, written to `out` by
    /// vectored writes of up to [`VECTORED`] slices: those in memory
    /// straight from where they are, those in the file read back a run of
    /// neighbours at a time. (One `write_all` each, through a buffer, the
    /// 49 MB of 10,000 reports' JSON took 5 ms after the last report.)
    pub(super) fn write_joined(&mut self, sep: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
        let SlotReader { at, blocks, file } = self;
        let mut batch = Vec::with_capacity(VECTORED);
        let mut n = 0;
        while n < at.len() {
            let Held::Memory(b, start, len) = at[n] else {
                write_all_vectored(out, &mut batch)?;
                n = file.write_run(at, n, sep, out)?;
                continue;
            };
            if n > 0 {
                batch.push(std::io::IoSlice::new(sep));
            }
            batch.push(std::io::IoSlice::new(&blocks[b][start..start + len]));
            if batch.len() >= VECTORED - 1 {
                write_all_vectored(out, &mut batch)?;
            }
            n += 1;
        }
        write_all_vectored(out, &mut batch)
    }
}

/// The file bytes [`FileReader::write_run`] reads at once, at most (more
/// for a single longer string).
const RUN: usize = 1 << 20;

impl FileReader {
    /// Write `at[from]`, which is in the file, and the strings after it that
    /// follow it there (up to [`RUN`] bytes), each after `sep` but the first
    /// string of all; the index after them.
    fn write_run(
        &mut self,
        at: &[Held],
        from: usize,
        sep: &[u8],
        out: &mut dyn Write,
    ) -> std::io::Result<usize> {
        let Held::File(offset, first) = at[from] else {
            unreachable!("a run starts in the file")
        };
        let (mut end, mut total) = (from + 1, first);
        while let Some(&Held::File(o, len)) = at.get(end) {
            if o != offset + total as u64 || total + len > RUN {
                break;
            }
            (end, total) = (end + 1, total + len);
        }
        let bytes = self.read(offset, total)?;
        let mut batch = Vec::with_capacity(VECTORED);
        let mut pos = 0;
        for (n, held) in at.iter().enumerate().take(end).skip(from) {
            let &Held::File(_, len) = held else {
                unreachable!("a run is in the file")
            };
            if n > 0 {
                batch.push(std::io::IoSlice::new(sep));
            }
            batch.push(std::io::IoSlice::new(&bytes[pos..pos + len]));
            pos += len;
            if batch.len() >= VECTORED - 1 {
                write_all_vectored(out, &mut batch)?;
            }
        }
        write_all_vectored(out, &mut batch)?;
        Ok(end)
    }

    fn read(&mut self, offset: u64, len: usize) -> std::io::Result<&[u8]> {
        if self.pos != Some(offset) {
            self.file.seek(SeekFrom::Start(offset))?;
        }
        self.buf.clear();
        // Not `read_exact` into a zeroed buffer: no memset of every byte read.
        (&mut self.file)
            .take(len as u64)
            .read_to_end(&mut self.buf)?;
        if self.buf.len() != len {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.pos = Some(offset + len as u64);
        Ok(&self.buf)
    }
}

/// Write all of `batch` (as the unstable `Write::write_all_vectored`) and empty it.
fn write_all_vectored(
    out: &mut dyn Write,
    batch: &mut Vec<std::io::IoSlice<'_>>,
) -> std::io::Result<()> {
    let mut bufs = &mut batch[..];
    // Advancing by nothing drops leading empty slices (an empty separator):
    // a write of only those would return 0 and read as `WriteZero`.
    std::io::IoSlice::advance_slices(&mut bufs, 0);
    while !bufs.is_empty() {
        match out.write_vectored(bufs) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut bufs, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    batch.clear();
    Ok(())
}

/// The rendered reports of a run (see [`Slots`]) and their summaries.
pub(super) struct Spill {
    style: Style,
    slots: Slots,
    summaries: Vec<Option<Summary>>,
}

impl Spill {
    pub(super) fn new(style: Style, inputs: usize) -> Result<Spill, String> {
        Ok(Spill {
            style,
            slots: Slots::new(inputs, IN_MEMORY)?,
            summaries: (0..inputs).map(|_| None).collect(),
        })
    }

    /// Keep report `k`'s piece (again, when a pair was re-checked: the last one counts).
    pub(super) fn put(&mut self, k: usize, piece: std::io::Result<Piece>) {
        match piece {
            Ok(p) => {
                self.slots.put(k, &p.bytes);
                self.summaries[k] = Some(p.summary);
            }
            Err(e) => self.slots.fail(e),
        }
    }

    fn summaries(&self) -> impl Iterator<Item = &Summary> {
        self.summaries.iter().flatten()
    }

    pub(super) fn files(&self) -> usize {
        self.summaries().count()
    }

    pub(super) fn clean(&self) -> bool {
        self.summaries().all(|s| s.counts == (0, 0, 0))
    }

    pub(super) fn reaches(&self, threshold: Severity) -> bool {
        self.summaries().any(|s| s.reaches(threshold))
    }

    /// The whole output: the format's frame around the pieces in input order.
    pub(super) fn write_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        let Spill {
            style,
            slots,
            summaries,
        } = self;
        let any = slots.any();
        let mut pieces = slots.reader()?;
        if style.statistics {
            let codes = summaries.iter().flatten().flat_map(|s| s.codes.iter());
            return out.write_all(&statistics_of(codes.copied(), style.format)?);
        }
        let (head, sep, tail) = frame(style.format, any)?;
        out.write_all(head.as_bytes())?;
        pieces.write_joined(sep.as_bytes(), out)?;
        out.write_all(tail.as_bytes())?;
        if style.format == OutputFormat::Full {
            let (mut e, mut w, mut i) = (0, 0, 0);
            for s in summaries.iter().flatten() {
                (e, w, i) = (e + s.counts.0, w + s.counts.1, i + s.counts.2);
            }
            let mut buf = if style.colour {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            // `--quiet` prints the findings only, as ruff's drops `Found N errors.`
            if e + w + i > 0 && !crate::cli::quiet() {
                let files = summaries.iter().flatten().count();
                writeln!(buf, "{}", summary(e, w, i, files))?;
            }
            buf.reset()?;
            out.write_all(buf.as_slice())?;
        }
        Ok(())
    }
}

/// What goes before the first piece, between two, and after the last.
fn frame(format: OutputFormat, any: bool) -> std::io::Result<(String, &'static str, String)> {
    Ok(match format {
        OutputFormat::Json if any => ("[\n".into(), ",\n", "\n]\n".into()),
        OutputFormat::Json => ("[]\n".into(), "", String::new()),
        OutputFormat::Sarif => {
            let mut log = render::sarif::log(&[]);
            log["runs"][0]["results"] = serde_json::Value::String(SARIF_HOLE.into());
            let text = serde_json::to_string_pretty(&log).map_err(std::io::Error::other)?;
            let hole = serde_json::to_string(SARIF_HOLE).map_err(std::io::Error::other)?;
            let at = text
                .find(&hole)
                .ok_or_else(|| std::io::Error::other("SARIF frame without results"))?;
            let (before, after) = (&text[..at], &text[at + hole.len()..]);
            let after = render::escape_c1_in_json(format!("{after}\n"));
            let before = render::escape_c1_in_json(before.to_string());
            if any {
                (format!("{before}[\n"), ",\n", format!("\n      ]{after}"))
            } else {
                (format!("{before}[]"), "", after)
            }
        }
        _ => (String::new(), "", String::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::elements;
    use super::{Slots, BLOCK, RUN};

    /// A writer that takes at most 7 bytes a call, vectored or not: every
    /// partial write is carried on from.
    struct Trickle(Vec<u8>);

    impl std::io::Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
            let mut left = 7;
            for b in bufs {
                let n = b.len().min(left);
                self.0.extend_from_slice(&b[..n]);
                left -= n;
            }
            Ok(7 - left)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Pieces of every size that matters: empty, tiny, ones that fill a
    /// block, longer than a block and than a run read back at once.
    fn pieces() -> Vec<Vec<u8>> {
        let sizes = [
            0,
            1,
            5,
            700,
            BLOCK / 2,
            BLOCK - 3,
            2,
            BLOCK + 1,
            0,
            RUN + 9,
            3,
            40_000,
        ];
        let mut out: Vec<Vec<u8>> = Vec::new();
        for round in 0..4 {
            for (i, &n) in sizes.iter().enumerate() {
                let b = b'a' + ((round * sizes.len() + i) % 26) as u8;
                out.push(vec![b; n]);
            }
        }
        out
    }

    #[test]
    fn slots_write_every_piece_joined_in_order_whatever_is_in_memory() {
        let pieces = pieces();
        // Two pairs re-checked at the end, with other lengths.
        let redone = [(3, vec![b'R'; 9]), (7, vec![b'S'; BLOCK / 3])];
        let mut want = pieces.clone();
        for (k, p) in &redone {
            want[*k] = p.clone();
        }
        let want: Vec<&[u8]> = want
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| &p[..])
            .collect();
        for budget in [0, BLOCK, 3 * BLOCK, 100 * BLOCK] {
            for sep in [&b""[..], b",\n"] {
                let mut slots = Slots::new(pieces.len(), budget).unwrap();
                for (k, p) in pieces.iter().enumerate() {
                    slots.put(k, p);
                }
                for (k, p) in &redone {
                    slots.put(*k, p);
                }
                let mut out = Trickle(Vec::new());
                slots.reader().unwrap().write_joined(sep, &mut out).unwrap();
                assert!(out.0 == want.join(sep), "budget {budget}, sep {sep:?}");
            }
        }
    }

    #[test]
    fn slots_keep_no_more_in_memory_than_the_budget() {
        let mut slots = Slots::new(100, 2 * BLOCK).unwrap();
        for k in 0..100 {
            slots.put(k, &vec![b'x'; BLOCK / 10 + k]);
        }
        assert_eq!(slots.blocks.len(), 2);
        assert!(slots.blocks.iter().all(|b| b.capacity() == BLOCK));
        assert!(slots.len > 0, "the rest went to the file");
    }

    /// What `elements` wrote before the formatter: each item pretty on its
    /// own, every line prefixed (the oracle).
    fn by_lines(items: &[serde_json::Value], indent: &str) -> String {
        let pretty = |v| serde_json::to_string_pretty(v).unwrap();
        let item = |v| {
            let lines: Vec<String> = pretty(v).lines().map(|l| format!("{indent}{l}")).collect();
            lines.join("\n")
        };
        items.iter().map(item).collect::<Vec<_>>().join(",\n")
    }

    #[test]
    fn items_are_the_pretty_values_indented_line_by_line() {
        let items = [
            serde_json::json!({"code": "H002", "labels": [], "notes": ["甲\n乙", "\r\n"],
                "fix": null, "nested": {"a": [1, {"b": []}, {}], "c": {}}}),
            serde_json::json!([]),
            serde_json::json!("一行\n两行"),
            serde_json::json!({"edits": [{"location": {"line": 1, "column": 2}}], "x": "\u{9b}"}),
        ];
        for indent in ["", "  ", "        "] {
            for n in 0..=items.len() {
                let got = elements(items[..n].iter(), indent).unwrap();
                assert_eq!(
                    got,
                    by_lines(&items[..n], indent),
                    "indent {indent:?}, {n} items"
                );
            }
        }
    }
}
