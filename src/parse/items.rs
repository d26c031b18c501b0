//! The items of a protocol: which scheme heads them (§, numbers, headings, table rows) and where
//! each begins.

use super::{Line, scan};

/// The § headings of the body, outside the TOC, where a heading can stand.
pub(super) fn section_headings(
    lines: &[Line],
    toc: Option<&std::ops::Range<usize>>,
) -> Vec<(usize, scan::Heading)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if toc.is_some_and(|r| r.contains(&i)) {
            continue;
        }
        let Some(h) = scan::heading(&l.t) else {
            continue;
        };
        let prev = i.checked_sub(1).map(|p| lines[p].t.as_str());
        let standalone = prev
            .is_none_or(|p| p.is_empty() || scan::is_rule(p) || p.ends_with(['.', ':', '!', '?']))
            || h.prefix.is_some();
        // A heading after text that did not end a sentence is a wrapped reference ("se mer i\n§ 30.").
        if standalone && !h.rest.ends_with(',') {
            out.push((i, h));
        }
    }
    out
}
