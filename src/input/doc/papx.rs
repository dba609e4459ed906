//! Paragraph properties: which paragraph marks are in a table, which 0x07
//! ends a row (`fTtp`), and the row's cell boundaries (`sprmTDefTable`).
//!
//! They live in PAPX FKPs: 512-byte pages of the `WordDocument` stream, listed
//! by the PlcBtePapx in the table stream. Each page maps ranges of stream
//! offsets (FCs) to a list of property modifiers (sprms).

use super::fib::{slice, Fib};
use super::{damaged, u16_at, u32_at, DocError, DocLimits};

const PAGE: usize = 512;

const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// Cells per row Word allows is 63; more is a crafted operand.
const MAX_CELLS: usize = 1024;

/// One row's layout, from the `sprmTDefTable` on its row-end mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct RowDef {
    /// Cell boundaries in twips, one more than the cells.
    pub edges: Vec<i16>,
    /// Cells covered by a merge (the one above or to the left).
    pub covered: Vec<bool>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Props {
    /// Table depth: 0 in the body, 1 in a table, more in nested tables.
    pub depth: u32,
    /// This paragraph mark ends a table row.
    pub row_end: bool,
    pub row: Option<RowDef>,
}

struct Run {
    start: u32,
    end: u32,
    props: usize,
}

/// Paragraph properties by stream offset.
pub(super) struct ParaRuns {
    runs: Vec<Run>,
    props: Vec<Props>,
}

impl ParaRuns {
    pub fn read(
        fib: &Fib,
        word: &[u8],
        table: &[u8],
        limits: &DocLimits,
    ) -> Result<ParaRuns, DocError> {
        let plc = slice(table, fib.plcf_bte_papx, "段落属性索引（PlcBtePapx）")?;
        let n = plc.len().saturating_sub(4) / 8;
        if n > limits.max_papx_pages {
            return Err(DocError::TooLarge("段落属性页数".to_string()));
        }
        let mut out = ParaRuns {
            runs: Vec::new(),
            props: Vec::new(),
        };
        for i in 0..n {
            let pn = u32_at(plc, 4 * (n + 1) + 4 * i).unwrap_or(0) & 0x3F_FFFF;
            let start = pn as usize * PAGE;
            let page = word
                .get(start..start + PAGE)
                .ok_or_else(|| damaged("段落属性页超出 WordDocument 流（文件可能被截断）"))?;
            out.read_page(page);
        }
        out.runs.sort_by_key(|r| r.start);
        Ok(out)
    }

    fn read_page(&mut self, page: &[u8]) {
        let crun = page[PAGE - 1] as usize;
        // crun ≤ 0x1D in a valid page; a larger count would run the offsets
        // into the properties, so it is clipped to what fits.
        let crun = crun.min((PAGE - 1 - 4) / 17);
        for i in 0..crun {
            let (Some(start), Some(end)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1))) else {
                break;
            };
            let b_offset = page[4 * (crun + 1) + 13 * i] as usize * 2;
            let props = if b_offset == 0 {
                Props::default()
            } else {
                parse_papx(page, b_offset)
            };
            self.props.push(props);
            self.runs.push(Run {
                start,
                end,
                props: self.props.len() - 1,
            });
        }
    }

    /// Properties of the paragraph whose mark is at stream offset `fc`.
    pub fn at(&self, fc: u32) -> Option<&Props> {
        let i = self
            .runs
            .partition_point(|r| r.start <= fc)
            .checked_sub(1)?;
        let run = &self.runs[i];
        (fc < run.end).then(|| &self.props[run.props])
    }
}

/// A PapxInFkp at `at`: a size byte (or 0 and a second size byte), the
/// paragraph's style (2 bytes), then its sprms.
fn parse_papx(page: &[u8], at: usize) -> Props {
    let (start, len) = match page.get(at) {
        Some(0) => (at + 2, page.get(at + 1).map_or(0, |&cb| cb as usize * 2)),
        Some(&cb) => (at + 1, cb as usize * 2 - 1),
        None => return Props::default(),
    };
    let end = (start + len).min(PAGE - 1);
    // Skip the style index.
    let grpprl = page.get(start + 2..end).unwrap_or(&[]);
    parse_sprms(grpprl)
}

fn parse_sprms(grpprl: &[u8]) -> Props {
    let mut props = Props::default();
    let mut in_table = false;
    let mut at = 0usize;
    while let Some(sprm) = u16_at(grpprl, at) {
        let op = at + 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == SPRM_T_DEF_TABLE => {
                2 + (u16_at(grpprl, op).unwrap_or(1) as usize).saturating_sub(1)
            }
            _ if sprm == SPRM_P_CHG_TABS && grpprl.get(op) == Some(&255) => {
                // A rare long form; its length is not simply the first byte.
                break;
            }
            _ => 1 + grpprl.get(op).map_or(0, |&b| b as usize),
        };
        let operand = grpprl.get(op..(op + len).min(grpprl.len())).unwrap_or(&[]);
        match sprm {
            SPRM_P_F_IN_TABLE => in_table = operand.first().is_some_and(|&b| b != 0),
            SPRM_P_F_TTP => props.row_end = operand.first().is_some_and(|&b| b != 0),
            SPRM_P_ITAP => props.depth = u32_at(operand, 0).unwrap_or(0),
            SPRM_T_DEF_TABLE => props.row = row_def(operand),
            _ => {}
        }
        at = op + len;
    }
    if in_table && props.depth == 0 {
        props.depth = 1;
    }
    props
}

/// TDefTableOperand: size (2 bytes), cell count, the cell edges, then a
/// 20-byte TC80 per cell whose first two bytes hold the merge flags.
fn row_def(operand: &[u8]) -> Option<RowDef> {
    let cells = *operand.get(2)? as usize;
    if cells == 0 || cells > MAX_CELLS {
        return None;
    }
    let edges = (0..=cells)
        .map(|i| u16_at(operand, 3 + 2 * i).map(|v| v as i16))
        .collect::<Option<Vec<_>>>()?;
    let tcs = 3 + 2 * (cells + 1);
    let covered = (0..cells)
        .map(|i| {
            u16_at(operand, tcs + 20 * i).is_some_and(|grf| {
                let horizontal = grf & 0x3;
                let vertical = (grf >> 5) & 0x3;
                horizontal >= 2 || vertical == 1
            })
        })
        .collect();
    Some(RowDef { edges, covered })
}
