//! Section headings: a line that is one of the six template headings (or a
//! listed variant), numbered `二、`, `2、`, `（二）` or not at all.

use super::labels::{normalize, normalize_into, NormLabel};
use super::text::{fold_width, is_space, Line};
use crate::model::{Numbering, Section};
use crate::span::Span;
use crate::template::SECTIONS;

/// Heading numbering at the start of `t`: (kind, value, byte length incl. separator and spaces).
/// `t` has at most 48 characters (longer lines are never headings).
fn numbering(t: &str) -> (Numbering, Option<u32>, usize) {
    let mut buf = [(0usize, '\0'); 48];
    let mut len = 0;
    for (i, c) in t.char_indices() {
        if len == buf.len() {
            // Not reached from `find`; keep the reading identical anyway.
            return numbering_long(t);
        }
        buf[len] = (i, c);
        len += 1;
    }
    numbering_of(t, &buf[..len])
}

#[cold]
fn numbering_long(t: &str) -> (Numbering, Option<u32>, usize) {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    numbering_of(t, &chars)
}

fn numbering_of(t: &str, chars: &[(usize, char)]) -> (Numbering, Option<u32>, usize) {
    let end_of = |k: usize| chars.get(k).map(|x| x.0).unwrap_or(t.len());
    let skip_spaces = |mut k: usize| {
        while chars.get(k).is_some_and(|x| is_space(x.1)) {
            k += 1;
        }
        k
    };
    // 第二部分
    if chars.first().map(|x| x.1) == Some('第') {
        if let Some(p) = chars.iter().position(|x| x.1 == '部') {
            if chars.get(p + 1).map(|x| x.1) == Some('分') {
                let inner: String = chars[1..p].iter().map(|x| x.1).collect();
                let v = normalize(&format!("{inner}、x")).number;
                let mut k = p + 2;
                while chars
                    .get(k)
                    .is_some_and(|x| matches!(x.1, '、' | '：' | ':' | '　' | ' '))
                {
                    k += 1;
                }
                return (Numbering::Other, v, end_of(k));
            }
        }
    }
    if t.chars().next().map(fold_width) == Some('(') {
        if let Some(close) = chars.iter().take(5).position(|x| fold_width(x.1) == ')') {
            let inner: String = chars[1..close].iter().map(|x| x.1).collect();
            if let Some(v) = normalize(&format!("{inner}、x")).number {
                return (Numbering::Other, Some(v), end_of(skip_spaces(close + 1)));
            }
        }
    }
    let digits = chars
        .iter()
        .take_while(|x| x.1.is_ascii_digit() || "０１２３４５６７８９".contains(x.1))
        .count();
    let cn = chars
        .iter()
        .take_while(|x| "一二三四五六七八九十".contains(x.1))
        .count();
    let (kind, k) = if digits > 0 {
        (Numbering::Arabic, digits)
    } else if cn > 0 {
        (Numbering::Chinese, cn)
    } else {
        (Numbering::None, 0)
    };
    if k > 0 && k <= 2 {
        let k2 = skip_spaces(k);
        if let Some(&(_, sep)) = chars.get(k2) {
            if matches!(sep, '、' | '.' | '．' | ',' | '，' | '：' | ':') {
                let num: String = chars[..k].iter().map(|x| x.1).collect();
                let v = normalize(&format!("{num}、x")).number;
                return (kind, v, end_of(skip_spaces(k2 + 1)));
            }
        }
        // `2 主动公开…` with only a space.
        if k2 > k && kind == Numbering::Arabic {
            let num: String = chars[..k].iter().map(|x| x.1).collect();
            let v = normalize(&format!("{num}、x")).number;
            return (kind, v, end_of(k2));
        }
    }
    (Numbering::None, None, 0)
}

/// The template's headings and their variants, normalised once:
/// (section index, core, core without a trailing 统计表).
static CANDIDATES: std::sync::LazyLock<Vec<(u8, String, String)>> =
    std::sync::LazyLock::new(|| {
        SECTIONS
            .iter()
            .flat_map(|s| {
                std::iter::once(&s.title)
                    .chain(s.variants.iter())
                    .map(move |cand| {
                        let c = normalize(cand).core;
                        let stripped = c.strip_suffix("统计表").unwrap_or(&c).to_string();
                        (s.index, c, stripped)
                    })
            })
            .collect()
    });

/// The last character of every candidate (with and without 统计表), and 表:
/// the last character of a heading's normalised, trimmed core is one of them.
static LAST_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = CANDIDATES
        .iter()
        .flat_map(|(_, c, stripped)| [c.chars().next_back(), stripped.chars().next_back()])
        .flatten()
        .chain(['表'])
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// A (width-folded) character that normalising drops from a title's end, or
/// that [`section_of`] trims off it: spaces, the label noise characters, and
/// parentheses.
fn dropped_at_end(c: char) -> bool {
    super::labels::is_noise(c) || matches!(c, '（' | '(' | ')' | '）')
}

/// Whether `t` (a trimmed line) may be a heading: the last character of its
/// title, after the characters normalising drops, ends any candidate. The
/// title is a suffix of `t` that only loses such characters at its end, and a
/// core that ends in 统计表 ends in 表.
fn may_name_a_section(t: &str) -> bool {
    let last = &*LAST_CHARS;
    t.chars()
        .rev()
        .map(fold_width)
        .find(|&c| !dropped_at_end(c))
        .is_some_and(|c| last.contains(&c))
}

/// Which section a heading title names, if any.
pub fn section_of_title(title: &str) -> Option<u8> {
    section_of(
        title,
        &mut NormLabel {
            number: None,
            core: String::new(),
        },
    )
}

/// [`section_of_title`], normalising into `buf`.
fn section_of(title: &str, buf: &mut NormLabel) -> Option<u8> {
    normalize_into(title, buf);
    let core = buf.core.trim_end_matches(['（', '(', ')', '）']);
    let core = core.strip_suffix("统计表").unwrap_or(core);
    let core = core.trim_end_matches(['（', '(', ')', '）']);
    CANDIDATES
        .iter()
        .find(|(_, c, stripped)| core == c || core == stripped)
        .map(|(index, _, _)| *index)
}

/// Strip Markdown heading marks and bold.
fn strip_markup(t: &str) -> (&str, usize) {
    let mut skip = 0;
    let mut s = t;
    loop {
        let before = s.len();
        s = s
            .trim_start_matches('#')
            .trim_start_matches("**")
            .trim_start_matches(is_space);
        if s.len() == before {
            break;
        }
    }
    skip += t.len() - s.len();
    let s = s.trim_end_matches("**").trim_end_matches(is_space);
    (s, skip)
}

pub fn find(lines: &[Line]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut buf = NormLabel {
        number: None,
        core: String::new(),
    };
    for l in lines {
        if l.text.starts_with('\t') || l.text.trim_start().starts_with('|') {
            continue;
        }
        let (t, sp) = l.trimmed();
        if !may_name_a_section(t) || t.chars().count() > 48 {
            continue;
        }
        let (t2, skip) = strip_markup(t);
        let base = sp.start + skip;
        let (kind, value, nlen) = numbering(t2);
        let title = t2[nlen..].trim_end_matches(['：', ':', '。']);
        let Some(index) = section_of(title, &mut buf) else {
            continue;
        };
        // `（二）` numbering is a sub-heading style; only accept it when the value agrees.
        if kind == Numbering::Other && value.is_some_and(|v| v != index as u32) {
            continue;
        }
        let number_text = t2[..nlen].to_string();
        out.push(Section {
            index,
            heading_span: sp,
            number_span: Span::new(base, base + nlen),
            number_text: number_text.trim_end_matches(is_space).to_string(),
            numbering: kind,
            number_value: value,
            title: title.to_string(),
            title_span: Span::new(base + nlen, base + nlen + title.len()),
            body: Span::default(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::lines;

    #[test]
    fn dropped_at_end_mirrors_normalising() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            let core = normalize(&format!("情况{c}")).core;
            let trimmed = core.trim_end_matches(['（', '(', ')', '）']);
            assert_eq!(dropped_at_end(fold_width(c)), trimmed == "情况", "{c:?}");
        }
    }

    #[test]
    fn headings() {
        let src = "一、总体情况\n2、 主动公开政府信息情况统计表\n存在的主要问题及改进情况\n## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表\n六、其他需要报告的事项 \n（一）主动公开情况\n";
        let s = find(&lines(src));
        assert_eq!(
            s.iter().map(|s| s.index).collect::<Vec<_>>(),
            [1, 2, 5, 4, 6]
        );
        assert_eq!(s[1].numbering, Numbering::Arabic);
        assert_eq!(s[1].number_text, "2、");
        assert_eq!(s[1].number_value, Some(2));
        assert_eq!(s[2].numbering, Numbering::None);
        assert_eq!(
            &src[s[3].title_span.range()],
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表"
        );
    }
}
