//! Byte searches a machine word at a time ("SWAR"): the lines of table
//! cells are short, and a `memchr` call per line costs more in its set-up
//! than in its search. Used by the line splitter, the line index, the cell
//! reader and H002; each use is held to a plain search by a test.

/// The eight bytes from `p` as one number, the first byte lowest.
#[inline]
pub fn word_at(bytes: &[u8], p: usize) -> u64 {
    u64::from_le_bytes(bytes[p..p + 8].try_into().expect("eight bytes"))
}

/// `byte` in each of the eight bytes of a word.
#[inline]
pub const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of each zero byte of `x`, and maybe of a byte above a zero
/// byte ("Bit Twiddling Hacks": whether there is one is exact).
#[inline]
pub fn zero_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    x.wrapping_sub(ONES) & !x & (ONES << 7)
}

/// Calls `f` with the offset of each byte `needle` of `b`, in order: 32
/// bytes at a time as four words, where a call of `memchr` per line costs
/// more than the line itself on the short lines of table cells.
#[inline]
pub fn each_byte(b: &[u8], needle: u8, mut f: impl FnMut(usize)) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = splat(needle);
    // The high bit of each byte of `w` that is `needle` (exactly those: no
    // carry crosses a byte, as `(x & LOW7) + LOW7` stays within each).
    let hits = |w: &[u8]| {
        let x = word_at(w, 0) ^ pattern;
        !(((x & LOW7) + LOW7) | x | LOW7)
    };
    let mut report = |mut hit: u64, at: usize| {
        while hit != 0 {
            f(at + (hit.trailing_zeros() / 8) as usize);
            hit &= hit - 1;
        }
    };
    let mut blocks = b.chunks_exact(32);
    let mut base = 0;
    for block in &mut blocks {
        let h = [
            hits(&block[..8]),
            hits(&block[8..16]),
            hits(&block[16..24]),
            hits(&block[24..]),
        ];
        if h[0] | h[1] | h[2] | h[3] != 0 {
            for (k, &hit) in h.iter().enumerate() {
                report(hit, base + 8 * k);
            }
        }
        base += 32;
    }
    for (i, &c) in blocks.remainder().iter().enumerate() {
        if c == needle {
            f(base + i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_finds_what_memchr_finds() {
        let pieces = ["\n", "\r\n", "一", "a", "\t", "\u{3000}", "", "２"];
        for s in crate::parse::text::random_texts(&pieces, 2000).chain([
            "\n".repeat(70),
            format!("{}\n", "x".repeat(31)),
            format!("{}\n", "x".repeat(32)),
            format!("{}\n{}", "一".repeat(11), "\n".repeat(33)),
        ]) {
            for needle in [b'\n', b'\r', 0x80, 0xE4] {
                let mut got = Vec::new();
                each_byte(s.as_bytes(), needle, |i| got.push(i));
                let want: Vec<usize> = memchr::memchr_iter(needle, s.as_bytes()).collect();
                assert_eq!(got, want, "{s:?} {needle:#x}");
            }
        }
    }

    #[test]
    fn zero_bytes_says_exactly_whether_a_byte_is_zero() {
        for k in 0..8 {
            for v in [0u8, 1, 0x80, 0xff, 0x7f] {
                let mut b = [0x41u8; 8];
                b[k] = v;
                let w = word_at(&b, 0);
                assert_eq!(zero_bytes(w) != 0, v == 0, "{b:?}");
                assert!(zero_bytes(w ^ splat(0x41)) != 0, "seven bytes are 0x41");
            }
        }
    }
}
