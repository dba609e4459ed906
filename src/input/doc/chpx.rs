//! Character properties that change what a reader sees: text deleted with
//! change tracking on (`fRMarkDel`) or hidden (`fVanish`) is not there — a
//! draft with tracked changes would otherwise read "35" deleted and "36"
//! inserted as 3536 — and a symbol-font character (`sprmCSymbol`) is
//! stored as "(" with the real character in its properties.
//!
//! They live in CHPX FKPs: 512-byte pages of `WordDocument` listed by the
//! PlcBteChpx in the table stream, each mapping ranges of stream offsets to
//! a list of character sprms.

use super::fib::{slice, Fib};
use super::{damaged, u16_at, u32_at, DocError, DocLimits};

const PAGE: usize = 512;

const SPRM_C_F_RMARK_DEL: u16 = 0x0800;
const SPRM_C_F_VANISH: u16 = 0x083C;
const SPRM_C_SYMBOL: u16 = 0x6A09;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Mark {
    /// Deleted or hidden.
    Unseen,
    /// A symbol-font character: this UTF-16 unit instead of the stored "(".
    Symbol(u16),
}

/// Stream-offset ranges with a [`Mark`], sorted, not overlapping.
pub(super) struct Unseen {
    ranges: Vec<(u32, u32, Mark)>,
}

impl Unseen {
    pub fn read(
        fib: &Fib,
        word: &[u8],
        table: &[u8],
        limits: &DocLimits,
    ) -> Result<Unseen, DocError> {
        let plc = slice(table, fib.plcf_bte_chpx, "字符属性索引（PlcBteChpx）")?;
        let n = plc.len().saturating_sub(4) / 8;
        if n > limits.max_papx_pages {
            return Err(DocError::TooLarge("字符属性页数".to_string()));
        }
        let mut ranges = Vec::new();
        for i in 0..n {
            let pn = u32_at(plc, 4 * (n + 1) + 4 * i).unwrap_or(0) & 0x3F_FFFF;
            let start = pn as usize * PAGE;
            let page = word
                .get(start..start + PAGE)
                .ok_or_else(|| damaged("字符属性页超出 WordDocument 流（文件可能被截断）"))?;
            read_page(page, &mut ranges);
        }
        ranges.sort_unstable();
        Ok(Unseen { ranges })
    }

    /// The mark of the character at stream offset `fc`, if any.
    pub fn at(&self, fc: u32) -> Option<Mark> {
        let i = self.ranges.partition_point(|r| r.0 <= fc).checked_sub(1)?;
        let (_, end, mark) = self.ranges[i];
        (fc < end).then_some(mark)
    }

    /// True when the character at stream offset `fc` is deleted or hidden.
    pub fn contains(&self, fc: u32) -> bool {
        self.at(fc) == Some(Mark::Unseen)
    }
}

/// A ChpxFkp: run count in the last byte, run boundaries, then one byte
/// per run giving (halved) the offset of its Chpx: a size byte and sprms.
fn read_page(page: &[u8], ranges: &mut Vec<(u32, u32, Mark)>) {
    // At most 0x65 runs fit; a larger count is clipped, not trusted.
    let crun = (page[PAGE - 1] as usize).min((PAGE - 1 - 4) / 5);
    for i in 0..crun {
        let (Some(start), Some(end)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1))) else {
            break;
        };
        let at = page[4 * (crun + 1) + i] as usize * 2;
        if at == 0 || start >= end {
            continue;
        }
        let len = page.get(at).map_or(0, |&cb| cb as usize);
        let grpprl = page
            .get(at + 1..(at + 1 + len).min(PAGE - 1))
            .unwrap_or(&[]);
        if let Some(mark) = mark_of(grpprl) {
            ranges.push((start, end, mark));
        }
    }
}

fn mark_of(grpprl: &[u8]) -> Option<Mark> {
    let mut symbol = None;
    let mut at = 0usize;
    while let Some(sprm) = u16_at(grpprl, at) {
        let op = at + 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => 1 + grpprl.get(op).map_or(0, |&b| b as usize),
        };
        if sprm == SPRM_C_F_RMARK_DEL || sprm == SPRM_C_F_VANISH {
            // A toggle: 1 on, 0x81 the opposite of the style's (off in
            // every style a report uses, so on); 0 and 0x80 off.
            if matches!(grpprl.get(op), Some(1 | 0x81)) {
                return Some(Mark::Unseen);
            }
        }
        if sprm == SPRM_C_SYMBOL {
            // Font index, then the character.
            symbol = u16_at(grpprl, op + 2).map(Mark::Symbol);
        }
        at = op + len;
    }
    symbol
}
