//! Where the regions of a protocol meet: form cells, wrapped labels, the end of the body and the
//! appendix tables after it.

use super::{Line, header, scan};

/// `pdftotext -layout` prints a form's columns side by side: "Plats och tid      Kommunhuset…",
/// "Datum för anslags uppsättande  2024-03-29    Datum för anslags nedtagande  2024-04-22".
/// Runs of three spaces or more separate cells, and each cell is read as a line of its own
/// (numbered as its line); cells that are page furniture ("Sida 1(9)") are dropped.
pub(super) fn cells(lines: &[Line]) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        if !l.t.contains("   ") {
            // "Sida" above its page number ("1(4)", removed as furniture already).
            if !l.t.eq_ignore_ascii_case("sida") {
                out.push(l.clone());
            }
            continue;
        }
        for cell in l.t.split("   ").map(str::trim).filter(|c| !c.is_empty()) {
            let is_page = cell.eq_ignore_ascii_case("sida")
                || (cell
                    .get(..5)
                    .is_some_and(|s| s.eq_ignore_ascii_case("sida "))
                    && cell.bytes().any(|b| b.is_ascii_digit()));
            if !is_page {
                out.push(Line {
                    number: l.number,
                    t: cell.to_owned(),
                    level: 0,
                    indent: l.indent,
                });
            }
        }
    }
    out
}

/// A label broken over two lines (`**Deltagare` / `(beslutande):** Karin …`, `Justeringens tid` /
/// `och plats:`) is read as one line, numbered as its first half.
pub(super) fn join_wrapped_labels(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut iter = lines.into_iter().peekable();
    while let Some(mut line) = iter.next() {
        if let Some(next) = iter.peek()
            && next.t.starts_with(|c: char| c == '(' || c.is_lowercase())
            && !line.t.is_empty()
            && line.t.split_whitespace().nth(3).is_none()
            && !line.t.contains(':')
        {
            let joined = format!("{} {}", line.t, next.t);
            let own = header::label_with_len(&line.t).map_or(0, |l| l.0);
            if header::label_with_len(&joined)
                .is_some_and(|l| l.0 > own && l.0 > line.t.chars().count())
            {
                line.t = joined;
                iter.next();
            }
        }
        out.push(line);
    }
    out
}

/// Titles of the appendix tables of attendance and votes.
const TABLE_TITLES: [&str; 4] = [
    "närvaro- och omröstningslista",
    "närvaro- och voteringslista",
    "omröstningslista",
    "närvarolista",
];

/// An appendix table (närvaro- och omröstningslista) heads its vote columns with § numbers;
/// exported one cell per line they read as bare headings. A § number that repeats after such
/// a table's title line is a column, and the body ended before the title.
pub(super) fn appendix_table(lines: &[Line], items: &[super::items::Item]) -> Option<usize> {
    let mut seen = std::collections::HashSet::new();
    let repeat = items.iter().find(|it| !seen.insert(it.number))?.index;
    (items.first()?.index..repeat).rev().find(|&j| {
        let t = lines[j].t.trim_end_matches(':').trim();
        TABLE_TITLES.iter().any(|title| scan::eq_lower(t, title))
    })
}

/// Where the body ends: a signature appendix, a signature block or an attendance appendix after
/// the last §.
pub(super) fn body_end(lines: &[Line], from: usize) -> usize {
    const MARKERS: [&str; 20] = [
        "det här dokumentet är digitalt signerat",
        "detta dokument är digitalt signerat",
        "digitalt signerat",
        "transaktionsidentitet",
        "verifikation",
        "detta är ett elektroniskt undertecknat dokument",
        "elektroniskt undertecknat",
        "elektronisk underskrift",
        "underskrifter",
        "signaturer",
        "vid protokollet",
        "justerandes signaturer",
        "anslag/bevis",
        "anslagsbevis",
        "bevis om justering",
        "protokollet är justerat",
        "intygande",
        "verifikat",
        "anslaget sätts upp",
        "datum för anslags",
    ];
    for (i, l) in lines.iter().enumerate().skip(from) {
        if l.t.is_empty() || l.t.split_whitespace().nth(8).is_some() {
            continue;
        }
        let lower = l.t.trim_end_matches(':').to_lowercase();
        if lower.split_whitespace().count() <= 8
            && MARKERS
                .iter()
                .chain(&TABLE_TITLES)
                .any(|m| lower.starts_with(m))
        {
            return i;
        }
    }
    lines.len()
}
