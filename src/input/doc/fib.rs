//! The FIB (File Information Block) at the start of the `WordDocument`
//! stream, and the piece table it points to.

use super::{damaged, u16_at, u32_at, DocError, DocLimits};

/// `wIdent` of Word 97 and later (including what WPS writes).
const WIDENT_WORD97: u16 = 0xA5EC;
/// `wIdent` of Word 6.0/95.
const WIDENT_WORD6: u16 = 0xA5DC;

const F_WHICH_TBL_STM: u16 = 0x0200;
const F_ENCRYPTED: u16 = 0x0100;
const F_OBFUSCATED: u16 = 0x8000;

/// Indexes of (fc, lcb) pairs in FibRgFcLcb97.
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;

#[derive(Debug)]
pub(super) struct Fib {
    /// The table stream is `1Table` (else `0Table`).
    pub table_1: bool,
    /// Characters in the main document (footnotes, headers… follow it).
    pub ccp_text: u32,
    pub clx: (u32, u32),
    pub plcf_bte_chpx: (u32, u32),
    pub plcf_bte_papx: (u32, u32),
}

impl Fib {
    pub fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let short = || damaged("WordDocument 流过短，文件信息块（FIB）不完整");
        let ident = u16_at(word, 0).ok_or_else(short)?;
        match ident {
            WIDENT_WORD97 => {}
            WIDENT_WORD6 => return Err(DocError::OldWord),
            _ => return Err(damaged("文件信息块（FIB）的标识不是 Word 文档")),
        }
        // Word 6.0/95 files may carry the same identifier; their FIB
        // version (nFib) is below Word 97's 0xC1 (betas wrote 0xC0).
        if u16_at(word, 2).ok_or_else(short)? < 0xC0 {
            return Err(DocError::OldWord);
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        if flags & (F_ENCRYPTED | F_OBFUSCATED) != 0 {
            return Err(DocError::Encrypted);
        }
        // FibBase (32 bytes), then three counted arrays: fibRgW (u16s),
        // fibRgLw (u32s), fibRgFcLcbBlob (u32 pairs).
        let csw = u16_at(word, 32).ok_or_else(short)? as usize;
        let lw = 34 + csw * 2;
        let cslw = u16_at(word, lw).ok_or_else(short)? as usize;
        let ccp_text = u32_at(word, lw + 2 + 3 * 4).ok_or_else(short)?;
        let fc_lcb_at = lw + 2 + cslw * 4;
        let count = u16_at(word, fc_lcb_at).ok_or_else(short)? as usize;
        if count <= CLX {
            return Err(damaged("文件信息块（FIB）缺少分段表（CLX）的位置"));
        }
        let pair = |i: usize| -> Result<(u32, u32), DocError> {
            let at = fc_lcb_at + 2 + i * 8;
            Ok((
                u32_at(word, at).ok_or_else(short)?,
                u32_at(word, at + 4).ok_or_else(short)?,
            ))
        };
        Ok(Fib {
            table_1: flags & F_WHICH_TBL_STM != 0,
            ccp_text,
            clx: pair(CLX)?,
            plcf_bte_chpx: pair(PLCF_BTE_CHPX)?,
            plcf_bte_papx: pair(PLCF_BTE_PAPX)?,
        })
    }
}

/// A run of main-document text stored contiguously in `WordDocument`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// Characters in the piece (after clipping to the main document).
    pub chars: u32,
    /// Byte offset of its first character in `WordDocument`.
    pub offset: u32,
    /// One byte per character (cp1252) rather than UTF-16.
    pub compressed: bool,
}

/// `fib.lcb` bytes at `fib.fc` in the table stream.
pub(super) fn slice<'a>(
    table: &'a [u8],
    (fc, lcb): (u32, u32),
    what: &str,
) -> Result<&'a [u8], DocError> {
    let start = fc as usize;
    start
        .checked_add(lcb as usize)
        .and_then(|end| table.get(start..end))
        .ok_or_else(|| DocError::Damaged(format!("{what}超出表格流的范围")))
}

/// The main document's pieces, in text order, each checked to lie inside
/// `WordDocument`.
pub(super) fn pieces(
    fib: &Fib,
    word: &[u8],
    table: &[u8],
    limits: &DocLimits,
) -> Result<Vec<Piece>, DocError> {
    if fib.ccp_text > limits.max_chars {
        return Err(DocError::TooLarge("正文字符数".to_string()));
    }
    let plc = plc_pcd(slice(table, fib.clx, "分段表（CLX）")?)?;
    if plc.len() < 4 || (plc.len() - 4).checked_rem(12) != Some(0) {
        return Err(damaged("分段表（PlcPcd）的长度不对"));
    }
    let n = (plc.len() - 4) / 12;
    if n > limits.max_pieces {
        return Err(DocError::TooLarge("分段表的条目数".to_string()));
    }
    let cp = |i: usize| u32_at(plc, i * 4).unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    let mut done = 0u32;
    for i in 0..n {
        let (start, end) = (cp(i), cp(i + 1));
        if end < start || start != done {
            return Err(damaged("分段表（PlcPcd）的字符位置不连续"));
        }
        if start >= fib.ccp_text {
            break;
        }
        let chars = end.min(fib.ccp_text) - start;
        let raw = u32_at(plc, 4 * (n + 1) + i * 8 + 2).unwrap_or(0);
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        let (offset, bytes) = if compressed {
            (fc / 2, chars as u64)
        } else {
            (fc, chars as u64 * 2)
        };
        if offset as u64 + bytes > word.len() as u64 {
            return Err(damaged("正文分段超出 WordDocument 流（文件可能被截断）"));
        }
        out.push(Piece {
            chars,
            offset,
            compressed,
        });
        done = end;
    }
    if done < fib.ccp_text {
        return Err(damaged("分段表（PlcPcd）没有覆盖全部正文"));
    }
    Ok(out)
}

/// Skip the formatting entries (Prc, 0x01) of the CLX and return the PlcPcd
/// of its Pcdt (0x02).
fn plc_pcd(clx: &[u8]) -> Result<&[u8], DocError> {
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(0x01) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| damaged("分段表（CLX）被截断"))?;
                at += 3 + cb as usize;
            }
            Some(0x02) => {
                let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("分段表（CLX）被截断"))?;
                let start = at + 5;
                return start
                    .checked_add(lcb as usize)
                    .and_then(|end| clx.get(start..end))
                    .ok_or_else(|| damaged("分段表（CLX）被截断"));
            }
            _ => return Err(damaged("分段表（CLX）的格式不对")),
        }
    }
}
