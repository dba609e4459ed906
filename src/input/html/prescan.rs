//! A cheap look at the tags before the page is parsed, to refuse what would
//! make the parse itself slow: the HTML tree builder searches the stack of
//! open elements for most start tags, so its work grows with the number of
//! tags times their nesting depth. Browsers cap the depth (Blink at 512);
//! html5ever does not, and a crafted page nested a hundred thousand levels
//! deep would take minutes. Real report pages are a few dozen levels deep.
//!
//! The depth is estimated with a stack of tag names: end tags close the
//! nearest open element of their name, the elements whose end tag HTML lets
//! authors omit (`<p>`, `<li>`, `<td>`…) close their predecessor, and void
//! elements and the content of `<script>`-like elements are skipped. Sloppy
//! real pages stay far below the limit; only deliberate nesting reaches it.

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements a new one of the same kind closes (their end tag is optional).
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot",
];

/// Block elements whose start closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// How far down the stack an implied or explicit close looks; beyond it the
/// element is taken to stay open (which can only overestimate the depth).
const SEARCH: usize = 64;

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Excess {
    Tags(usize),
    Depth(usize),
}

/// `Err` when the page has more than `max_tags` start tags or nests deeper
/// than `max_depth`.
pub(super) fn check(text: &str, max_tags: usize, max_depth: usize) -> Result<(), Excess> {
    let b = text.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut tags = 0usize;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        match b.get(i) {
            Some(b'!') => i = skip_declaration(b, i),
            Some(b'/') => {
                let (name, end) = tag_name(b, i + 1);
                i = end;
                close(&mut stack, &name);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end) = tag_name(b, i);
                i = end;
                tags += 1;
                if tags > max_tags {
                    return Err(Excess::Tags(max_tags));
                }
                if RAW.contains(&name.as_str()) {
                    i = skip_raw(b, i, &name);
                    continue;
                }
                if VOID.contains(&name.as_str()) {
                    continue;
                }
                if CLOSES_P.contains(&name.as_str()) {
                    close(&mut stack, "p");
                }
                if SELF_CLOSING.contains(&name.as_str()) {
                    close(&mut stack, &name);
                }
                stack.push(name);
                if stack.len() > max_depth {
                    return Err(Excess::Depth(max_depth));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The lowercase tag name at `i`, and where the tag ends (after its `>`).
fn tag_name(b: &[u8], i: usize) -> (String, usize) {
    let len = b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    let name = String::from_utf8_lossy(&b[i..i + len]).to_ascii_lowercase();
    let end = memchr(b'>', &b[i + len..]).map_or(b.len(), |p| i + len + p + 1);
    (name, end)
}

fn skip_declaration(b: &[u8], i: usize) -> usize {
    if b[i..].starts_with(b"!--") {
        find(b, i + 3, b"-->").map_or(b.len(), |p| p + 3)
    } else {
        memchr(b'>', &b[i..]).map_or(b.len(), |p| i + p + 1)
    }
}

fn skip_raw(b: &[u8], i: usize, name: &str) -> usize {
    let end = format!("</{name}");
    find(b, i, end.as_bytes()).unwrap_or(b.len())
}

/// Elements a close never reaches past (the tree builder's scope
/// boundaries): a `<tr>` inside a nested table does not close the outer row.
const BOUNDARY: &[&str] = &[
    "table", "td", "th", "caption", "template", "object", "applet", "marquee", "html",
];

fn close(stack: &mut Vec<String>, name: &str) {
    for (k, open) in stack.iter().rev().take(SEARCH).enumerate() {
        if open == name {
            stack.truncate(stack.len() - k - 1);
            return;
        }
        if BOUNDARY.contains(&open.as_str()) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str, depth: usize) -> bool {
        check(text, 1_000_000, depth).is_ok()
    }

    #[test]
    fn nesting_is_measured() {
        let deep = "<div>".repeat(100);
        assert!(depth_ok(&deep, 100));
        assert_eq!(check(&deep, 1000, 99), Err(Excess::Depth(99)));
        assert!(depth_ok(&"<div></div>".repeat(1000), 1));
    }

    #[test]
    fn omitted_end_tags_and_void_elements_do_not_add_up() {
        assert!(depth_ok(&"<p><span>段落<br><img src=x>".repeat(1000), 3));
        assert!(depth_ok(&"<tr><td>1<td>2".repeat(1000), 3));
        assert!(depth_ok(&"<li>a<div>b</div>".repeat(1000), 3));
        assert!(depth_ok(&"<p><font>x</p>".repeat(10), 10));
    }

    #[test]
    fn nested_tables_count_and_do_not_close_the_outer_row() {
        let nested = "<table><tr><td>a</td><td>".repeat(50);
        // Three levels (table, tr, td) per repetition.
        assert!(depth_ok(&nested, 150));
        assert!(!depth_ok(&nested, 149));
        assert!(depth_ok(
            &"<table><tr><td>1</td><td>2</td></tr></table>".repeat(100),
            3
        ));
    }

    #[test]
    fn scripts_and_comments_are_skipped() {
        let page = "<script>if (a<b) { x = '<div><div><div>'; }</script><!-- <div><div> --><p>x";
        assert!(depth_ok(page, 1));
    }

    #[test]
    fn tags_are_counted() {
        assert_eq!(check(&"<b>".repeat(11), 10, 100), Err(Excess::Tags(10)));
    }
}
