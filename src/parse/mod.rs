//! The parser: clean text in, a [`Meeting`] and diagnostics out. It never fails and never panics
//! on any input; what it cannot read it leaves `None` (or empty) and, where a reader would want
//! to know, says so in a [`Diagnostic`].
//!
//! A protocol has regions, found in this order: the § headings of the body ([`scan::heading`],
//! accepted only where a heading can stand: after a blank line, a page break, a sentence end, or
//! as a Markdown heading); a table of contents (a heading like `Innehållsförteckning` followed by
//! § entries, or entries with dot leaders and page numbers) which is not the body; the header
//! before both; and a tail after the last § (an e-signature appendix, a signature block). Each
//! region has its own reader: [`header`], [`body`], with [`roster`] for lists of people.

pub mod body;
pub mod header;
pub mod municipal;
pub mod roster;
pub mod scan;
pub mod tables;

use crate::date;
use crate::model::{
    AgendaItem, Attendee, Diagnostic, Group, Justering, Meeting, Paragraph, Signature, SourceLine,
};
use crate::read;

/// A line as the parser reads it: Markdown decoration stripped and trimmed, with its source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: u32,
    pub t: String,
}

/// Parses decoded text. `source` names the file in diagnostics.
pub fn parse(text: &str, source: &str) -> (Meeting, Vec<Diagnostic>) {
    parse_lines(read::clean(text), source)
}

/// Parses lines already cleaned by [`read::clean`].
pub fn parse_lines(clean: Vec<SourceLine>, source: &str) -> (Meeting, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let lines = join_wrapped_labels(
        clean
            .iter()
            .map(|l| Line {
                number: l.number,
                t: scan::strip_md(&l.text),
            })
            .collect(),
    );
    let toc = find_toc(&lines);
    let mut headings = find_headings(&lines, toc.as_ref().map(|t| &t.range));
    if let Some(appendix) = appendix_table(&lines, &headings) {
        headings.retain(|(i, _)| *i < appendix);
    }
    let first_body = headings.first().map_or(lines.len(), |h| h.0);
    let header_end = toc
        .as_ref()
        .map_or(first_body, |t| t.range.start.min(first_body));
    let body_end = headings
        .last()
        .map_or(lines.len(), |&(i, _)| body_end(&lines, i + 1));

    let header_cells = cells(&lines[..header_end]);
    let h = header::read(&header_cells);
    let tail_cells = cells(&lines[body_end.max(header_end)..]);
    let tail = header::read(&tail_cells);
    let esign = header::read_esignatures(&tail_cells);

    let mut m = Meeting {
        source: source.to_owned(),
        lines: clean,
        ..Meeting::default()
    };
    m.agenda = toc.map(|t| t.items).unwrap_or_default();

    for (k, (i, hd)) in headings.iter().enumerate() {
        let end = headings.get(k + 1).map_or(body_end, |n| n.0).max(i + 1);
        let b = body::read(&hd.rest, &lines[i + 1..end]);
        let mut p = Paragraph {
            number: hd.number,
            title: b.title,
            line: lines[*i].number,
            dnr: b.dnr,
            presenters: b.presenters,
            decisions: b.decisions,
            text: b.text,
            text_lines: b.text_lines,
            ..Paragraph::default()
        };
        municipal::read(&lines[i + 1..end], &mut p);
        m.paragraphs.push(p);
    }
    let tables = tables::read(&m.lines);
    attach_roll_tables(&mut m, &tables);
    m.notice = municipal::notice(&header_cells).or_else(|| municipal::notice(&tail_cells));
    if m.paragraphs.is_empty() {
        let line = lines
            .iter()
            .find(|l| !l.t.is_empty())
            .map_or(1, |l| l.number);
        diags.push(Diagnostic {
            path: source.to_owned(),
            line,
            message: if m.agenda.is_empty() {
                "no § found: expected headings like `§ 12 Title` or `§12`".to_owned()
            } else {
                "only a table of contents: its § headings have no body".to_owned()
            },
        });
    }

    fill_meta(&mut m, &h, &header_cells);
    fill_people(&mut m, &h, &tail, &esign);
    attach_attendance(&mut m, tables);
    serve_for_one_paragraph(&mut m);
    (m, diags)
}

/// Roll calls printed as an omröstningslista table (often on a page of their own) go to the
/// votes without a roll call, in order, preferring a § that refers to such a list.
fn attach_roll_tables(m: &mut Meeting, tables: &[tables::Table]) {
    for (about, roll) in tables.iter().flat_map(|t| t.rolls.iter().cloned()) {
        let refers = |p: &Paragraph| {
            let t = p.text.to_lowercase();
            t.contains("omröstningslista") || t.contains("voteringslista")
        };
        let open = |p: &Paragraph| p.votes.iter().any(|v| v.roll.is_empty());
        let target = m
            .paragraphs
            .iter()
            .position(|p| p.number == about && open(p))
            .or_else(|| m.paragraphs.iter().position(|p| refers(p) && open(p)))
            .or_else(|| {
                m.paragraphs
                    .iter()
                    .position(|p| p.votes.iter().any(|v| v.roll.is_empty()))
            });
        if let Some(pi) = target
            && let Some(v) = m.paragraphs[pi]
                .votes
                .iter_mut()
                .find(|v| v.roll.is_empty())
        {
            v.roll = roll;
        }
    }
}

/// Attendance from an appendix närvarolista ("Beslutande: se närvarolista"): people the roster
/// does not list are added as the table has them; the roster's own entries stand.
fn attach_attendance(m: &mut Meeting, tables: Vec<tables::Table>) {
    for a in tables.into_iter().flat_map(|t| t.attendance) {
        let listed = m.attendees.iter_mut().find(|x| same_name(&x.name, &a.name));
        match listed {
            Some(x) => {
                if x.party.is_none() {
                    x.party = a.party;
                }
                if x.role.is_none() {
                    x.role = a.role;
                }
            }
            None => m.attendees.push(a),
        }
    }
}

/// A substitute named in a § as serving for a member serves in that § only, and the member
/// does not; the roster may already say so ("ersätter Erik Sundin (C), § 4").
fn serve_for_one_paragraph(m: &mut Meeting) {
    let all: Vec<u32> = m.paragraphs.iter().map(|p| p.number).collect();
    let subs: Vec<(u32, crate::model::Substitute)> = m
        .paragraphs
        .iter()
        .flat_map(|p| p.substitutes.iter().map(|s| (p.number, s.clone())))
        .collect();
    for (n, sub) in subs {
        let Some(member) = m
            .attendees
            .iter()
            .position(|a| a.group == Group::Member && same_name(&a.name, &sub.replaces))
        else {
            // The text names someone the roster does not list as a member: too little to go on.
            continue;
        };
        let listed = m.attendees.iter().find(|a| same_name(&a.name, &sub.name));
        // A member cannot serve as someone's substitute; then the roster stands.
        let serves = listed.is_none_or(|a| {
            a.group == Group::Substitute
                || a.replaces
                    .as_deref()
                    .is_some_and(|r| same_name(r, &sub.replaces))
        });
        if !serves {
            continue;
        }
        if m.attendees[member].present {
            let limits = m.attendees[member]
                .paragraphs
                .get_or_insert_with(|| all.clone());
            limits.retain(|&x| x != n);
        }
        match m
            .attendees
            .iter_mut()
            .find(|a| same_name(&a.name, &sub.name))
        {
            Some(a)
                if a.replaces
                    .as_deref()
                    .is_some_and(|r| same_name(r, &sub.replaces)) =>
            {
                // Serving for the whole meeting already (no limits), or for some § of it.
                if let Some(limits) = a.paragraphs.as_mut()
                    && !limits.contains(&n)
                {
                    limits.push(n);
                    limits.sort_unstable();
                }
            }
            Some(a) if a.group == Group::Substitute => {
                a.group = Group::Member;
                a.present = true;
                a.replaces = Some(sub.replaces.clone());
                a.paragraphs = Some(vec![n]);
            }
            Some(_) => {}
            None => m.attendees.push(Attendee {
                name: sub.name,
                group: Group::Member,
                present: true,
                role: None,
                party: sub.party,
                affiliation: None,
                replaces: Some(sub.replaces),
                paragraphs: Some(vec![n]),
                line: sub.line,
            }),
        }
    }
}

/// `pdftotext -layout` prints a form's columns side by side: "Plats och tid      Kommunhuset…",
/// "Datum för anslags uppsättande  2024-03-29    Datum för anslags nedtagande  2024-04-22".
/// Runs of three spaces or more separate cells, and each cell is read as a line of its own
/// (numbered as its line); cells that are page furniture ("Sida 1(9)") are dropped.
fn cells(lines: &[Line]) -> Vec<Line> {
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
                });
            }
        }
    }
    out
}

/// A label broken over two lines (`**Deltagare` / `(beslutande):** Karin …`, `Justeringens tid` /
/// `och plats:`) is read as one line, numbered as its first half.
fn join_wrapped_labels(lines: Vec<Line>) -> Vec<Line> {
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

struct Toc {
    range: std::ops::Range<usize>,
    items: Vec<AgendaItem>,
}

const TOC_HEADINGS: [&str; 7] = [
    "innehållsförteckning",
    "innehåll",
    "dagordning",
    "ärendelista",
    "föredragningslista",
    "ärenden",
    "förteckning över ärenden",
];

/// A TOC entry: a § line with dot leaders or a page number after a tab.
fn toc_entry(t: &str) -> Option<AgendaItem> {
    let h = scan::heading(t)?;
    let rest = h.rest.as_str();
    let (title, page) = split_page(rest);
    Some(AgendaItem {
        number: h.number,
        title,
        page,
        line: 0,
    })
}

/// `Title.....\t4`, `Title\t3`, `Title ..... 4` → (`Title`, 4).
fn split_page(rest: &str) -> (String, Option<u32>) {
    let trimmed = rest.trim_end();
    let digits: String = trimmed
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !digits.is_empty() && digits.len() <= 4 {
        let before = &trimmed[..trimmed.len() - digits.len()];
        let leader = before.ends_with('\t')
            || before.trim_end().ends_with("..")
            || before.ends_with("  ")
            || before.trim_end().ends_with('…');
        if leader {
            let title = before
                .trim_end()
                .trim_end_matches(['.', '…', '\t', ' '])
                .trim();
            return (title.to_owned(), digits.parse().ok());
        }
    }
    (trimmed.trim_end_matches(['.', '…']).trim().to_owned(), None)
}

fn has_page(t: &str) -> bool {
    scan::heading(t).is_some_and(|h| split_page(&h.rest).1.is_some())
}

/// The table of contents: after a TOC heading, the run of § entries, sub-items (`a) …`) and
/// blank lines, ending before a § number repeats (the body starts over) or at other text.
/// Without a heading, a run of entries with page numbers.
fn find_toc(lines: &[Line]) -> Option<Toc> {
    let is_heading_line = |t: &str| {
        if t.len() > 40 {
            return false;
        }
        let t = t.trim_end_matches(':').trim();
        TOC_HEADINGS.iter().any(|h| scan::eq_lower(t, h))
    };
    let start = lines
        .iter()
        .position(|l| is_heading_line(&l.t))
        .filter(|&i| {
            lines[i + 1..]
                .iter()
                .find(|l| !l.t.is_empty() && !scan::is_rule(&l.t))
                .is_some_and(|l| toc_entry(&l.t).is_some())
        });
    let (begin, mut i) = if let Some(s) = start {
        (s, s + 1)
    } else {
        let first = lines.iter().position(|l| has_page(&l.t))?;
        (first, first)
    };
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut last_entry_idx = None;
    while i < lines.len() {
        let t = lines[i].t.as_str();
        if t.is_empty() || scan::is_rule(t) {
            i += 1;
            continue;
        }
        if let Some(mut item) = toc_entry(t) {
            if items.iter().any(|x| x.number == item.number) {
                break;
            }
            item.line = lines[i].number;
            item.title = scan::split_dnr(&item.title).0;
            last_entry_idx = Some(i);
            i += 1;
            // "KF § 13   Dnr …" with the title on the next line, as the body writes it.
            if item.title.is_empty()
                && let Some(next) = lines.get(i)
                && !next.t.is_empty()
                && scan::heading(&next.t).is_none()
            {
                scan::split_dnr(&next.t)
                    .0
                    .trim_end_matches(['.', '…'])
                    .trim()
                    .clone_into(&mut item.title);
                i += 1;
            }
            items.push(item);
            continue;
        }
        if scan::strip_enumerator(t).is_some() && !items.is_empty() {
            i += 1;
            continue;
        }
        // "Dnr KS 2024/0051" on its own line, under its entry (a table exported cell by cell).
        if !items.is_empty() && matches!(scan::split_dnr(t), (title, Some(_)) if title.is_empty()) {
            i += 1;
            continue;
        }
        break;
    }
    // Entries with page numbers, then one without, then body text: that one is the body's first §.
    if i < lines.len() && items.len() >= 2 {
        let with_pages = items.iter().filter(|x| x.page.is_some()).count();
        if with_pages * 2 > items.len() && items.last().is_some_and(|x| x.page.is_none()) {
            items.pop();
            i = last_entry_idx.unwrap_or(i);
        }
    }
    if items.is_empty() {
        return None;
    }
    Some(Toc {
        range: begin..i,
        items,
    })
}

/// The § headings of the body, outside the TOC, where a heading can stand.
fn find_headings(
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
fn appendix_table(lines: &[Line], headings: &[(usize, scan::Heading)]) -> Option<usize> {
    let mut seen = std::collections::HashSet::new();
    let repeat = headings.iter().find(|(_, h)| !seen.insert(h.number))?.0;
    (headings.first()?.0..repeat).rev().find(|&j| {
        let t = lines[j].t.trim_end_matches(':').trim();
        TABLE_TITLES.iter().any(|title| scan::eq_lower(t, title))
    })
}

/// Where the body ends: a signature appendix, a signature block or an attendance appendix after
/// the last §.
fn body_end(lines: &[Line], from: usize) -> usize {
    const MARKERS: [&str; 15] = [
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

fn fill_meta(m: &mut Meeting, h: &header::Header, header_lines: &[Line]) {
    let (org, body) = org_and_body(&h.title);
    m.organization = org;
    // A form may print the body's name beside other fields rather than as a title
    // ("Barn- och utbildningsnämnden      2024-05-06      1 (5)").
    m.body = body.or_else(|| {
        header_lines
            .iter()
            .map(|l| l.t.as_str())
            .find(|t| is_body_name(t))
            .map(str::to_owned)
    });

    let time_text = h
        .time
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let tp_text = h.time_place.join(" ");
    let title_text = h.title.join(" ");
    let sources = [time_text.as_str(), tp_text.as_str(), title_text.as_str()];
    m.date = sources
        .iter()
        .find_map(|s| date::find_dates(s).into_iter().next())
        .or_else(|| {
            header_lines
                .iter()
                .find_map(|l| date::find_dates(&l.t).into_iter().next())
        })
        .map(|f| f.date.to_string());
    if let Some((start, end)) = [time_text.as_str(), tp_text.as_str()]
        .iter()
        .find_map(|s| date::find_time_range(s))
    {
        m.start = Some(start);
        m.end = end;
    }
    m.place = if h.place.is_empty() {
        remainder(&tp_text)
    } else {
        clean_value(&h.place.join(" "))
    };
    m.declared_paragraphs = h.range;
    if !h.justering.is_empty() {
        let text = h.justering.join(" ");
        let date = date::find_dates(&text).first().map(|f| f.date.to_string());
        m.justering = Some(Justering {
            date,
            place: remainder(&text),
        });
    }
}

/// What is left of a time-and-place value once the weekday, date and clock are taken out.
pub(crate) fn remainder(text: &str) -> Option<String> {
    let mut s = text.to_owned();
    for f in date::find_dates(text).iter().rev() {
        s.replace_range(f.start..f.end, " ");
    }
    let mut words: Vec<&str> = Vec::new();
    for w in s.split_whitespace() {
        let bare = w.trim_matches(|c: char| matches!(c, ',' | ';' | '.'));
        let lower = bare.to_lowercase();
        let is_clock = !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '-' | '–'));
        if date::weekday_sv(bare).is_some()
            || matches!(lower.as_str(), "kl" | "klockan" | "den" | "-" | "–")
            || is_clock
            || bare.is_empty()
        {
            continue;
        }
        words.push(w);
    }
    clean_value(&words.join(" "))
}

fn clean_value(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c: char| {
        matches!(c, ',' | ';' | '.' | ':' | '-' | '–') || c.is_whitespace()
    });
    (!t.is_empty()).then(|| t.to_owned())
}

/// A line that names a deciding body: "Kommunstyrelsens arbetsutskott", "Barn- och
/// utbildningsnämnden", "Kommunfullmäktige".
fn is_body_name(t: &str) -> bool {
    let lower = t.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    (1..=5).contains(&words)
        && t.starts_with(char::is_uppercase)
        && !t.contains(':')
        && [
            "nämnden",
            "nämnd",
            "styrelsen",
            "fullmäktige",
            "utskott",
            "utskottet",
            "beredningen",
            "direktionen",
            "presidiet",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Words that make a title line a protocol's name rather than the body's.
const PROTOCOL_WORDS: [&str; 8] = [
    "sammanträdesprotokoll",
    "mötesprotokoll",
    "protokoll",
    "justerat",
    "utdrag",
    "från",
    "fört",
    "vid",
];

/// The organisation and the body from the title lines: "Styrelsen Kommunförbundet Jämtland
/// Härjedalen", "Protokoll styrelsen för Kommunförbundet Västernorrland", "Styrelsemöte,
/// Kommunförbundet Västernorrland", "Styrelseprotokoll", "Alstads kommun / Kommunstyrelsen".
fn org_and_body(title: &[String]) -> (Option<String>, Option<String>) {
    let joined = title.join(" , ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    let mut org: Option<(usize, usize)> = None;
    for i in 0..words.len() {
        let w = words[i].trim_matches(',');
        let lw = w.to_lowercase();
        let head = w.starts_with(char::is_uppercase)
            && (lw.contains("förbund")
                || lw == "region"
                || lw == "föreningen"
                || lw.starts_with("landsting")
                || lw == "kommun")
            && !lw.contains("styrelse");
        if head {
            let mut j = i + 1;
            while j < words.len()
                && words[j].starts_with(char::is_uppercase)
                && !words[j - 1].ends_with(',')
            {
                j += 1;
            }
            if j > i + 1 {
                org = Some((i, j));
                break;
            }
        }
        // "Alstads kommun", "Region Gotland" written the other way round.
        if (lw == "kommun" || lw == "kommun,")
            && i > 0
            && words[i - 1].starts_with(char::is_uppercase)
        {
            org = Some((i - 1, i + 1));
            break;
        }
    }
    let org_text = org.map(|(a, b)| words[a..b].join(" ").trim_matches(',').trim().to_owned());
    let rest: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(k, _)| org.is_none_or(|(a, b)| *k < a || *k >= b))
        .map(|(_, w)| *w)
        .filter(|w| !PROTOCOL_WORDS.contains(&w.trim_matches(',').to_lowercase().as_str()))
        .collect();
    let rest = rest.join(" ");
    let mut parts: Vec<&str> = rest
        .split(" , ")
        .map(|p| p.trim().trim_matches(',').trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.retain(|p| date::find_dates(p).is_empty());
    let body = parts.first().map(|p| {
        let p = p.trim_end_matches(" för").trim_end_matches(" i").trim();
        let lower = p.to_lowercase();
        if lower.starts_with("styrelse") && !lower.contains(' ') {
            "Styrelsen".to_owned()
        } else {
            let mut c = p.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        }
    });
    (org_text, body.filter(|b| !b.is_empty()))
}

/// The roster as attendees, then chair, secretary, adjusters and signatures.
fn fill_people(
    m: &mut Meeting,
    h: &header::Header,
    tail: &header::Header,
    esign: &[header::ESign],
) {
    for r in &h.roster {
        m.attendees
            .push(r.entry.attendee(r.group, r.present, r.line));
    }
    // A member replaced by a substitute is not present, listed as absent or not.
    let replaced: Vec<(String, u32)> = m
        .attendees
        .iter()
        .filter_map(|a| a.replaces.clone().map(|r| (r, a.line)))
        .collect();
    for (name, line) in replaced {
        if !m.attendees.iter().any(|a| same_name(&a.name, &name)) {
            m.attendees.push(Attendee {
                name,
                group: Group::Member,
                present: false,
                role: None,
                party: None,
                affiliation: None,
                replaces: None,
                paragraphs: None,
                line,
            });
        }
    }

    let mut sigs: Vec<Signature> = h
        .signatures
        .iter()
        .chain(&tail.signatures)
        .cloned()
        .collect();
    let role_of = |a: &Attendee, want: &str| {
        a.role.as_deref().is_some_and(|r| {
            let r = r.to_lowercase();
            r.split(',').any(|part| {
                let p = part.trim().trim_end_matches('.');
                match want {
                    "ordförande" => {
                        p == "ordförande"
                            || p == "ordf"
                            || p.starts_with("tjänstgörande ordförande")
                    }
                    _ => p == want || p.starts_with(&format!("{want} ")),
                }
            })
        })
    };
    let sig_name = |sigs: &[Signature], role: &str| {
        sigs.iter()
            .find(|s| s.role.as_deref() == Some(role))
            .and_then(|s| s.name.clone())
    };
    let names: Vec<String> = m.attendees.iter().map(|a| a.name.clone()).collect();
    m.chair = m
        .attendees
        .iter()
        .find(|a| {
            a.present
                && role_of(a, "ordförande")
                && a.role
                    .as_deref()
                    .is_some_and(|r| r.contains("tjänstgörande"))
        })
        .or_else(|| {
            m.attendees
                .iter()
                .find(|a| a.present && role_of(a, "ordförande"))
        })
        .map(|a| a.name.clone())
        .or_else(|| sig_name(&sigs, "ordförande").map(|n| resolve(&n, &names)));
    m.secretary = m
        .attendees
        .iter()
        .find(|a| role_of(a, "sekreterare"))
        .map(|a| a.name.clone())
        .or_else(|| sig_name(&sigs, "sekreterare").map(|n| resolve(&n, &names)));
    let mut adjusters: Vec<String> = h
        .adjusters
        .iter()
        .chain(&tail.adjusters)
        .map(|n| resolve(n, &names))
        .collect();
    if adjusters.is_empty() {
        adjusters = sigs
            .iter()
            .filter(|s| matches!(s.role.as_deref(), Some("justerare" | "justerande")))
            .filter_map(|s| s.name.as_deref().map(|n| resolve(n, &names)))
            .collect();
    }
    if adjusters.is_empty() {
        adjusters = h
            .unroled_signers
            .iter()
            .map(|n| resolve(n, &names))
            .collect();
    }
    if adjusters.is_empty() {
        adjusters = adjusters_in_text(&m.paragraphs)
            .iter()
            .map(|n| resolve(n, &names))
            .collect();
    }
    adjusters.dedup();
    m.adjusters = adjusters;

    // E-signatures: the time to a signature line of the same person, or a signature of its own.
    for e in esign {
        if let Some(s) = sigs.iter_mut().find(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| same_name(n, &e.name) || short_form_of(n, &e.name))
        }) {
            if s.signed_at.is_none() {
                s.signed_at.clone_from(&e.signed_at);
            }
            continue;
        }
        let role = if m
            .secretary
            .as_deref()
            .is_some_and(|n| same_name(n, &e.name))
        {
            Some("sekreterare")
        } else if m.chair.as_deref().is_some_and(|n| same_name(n, &e.name)) {
            Some("ordförande")
        } else if m.adjusters.iter().any(|n| same_name(n, &e.name)) {
            Some("justerare")
        } else {
            None
        };
        sigs.push(Signature {
            name: Some(e.name.clone()),
            role: role.map(str::to_owned),
            signed_at: e.signed_at.clone(),
            line: e.line,
        });
    }
    if m.organization.is_none() {
        m.organization = esign
            .iter()
            .find(|e| {
                m.secretary
                    .as_deref()
                    .is_some_and(|s| same_name(s, &e.name))
            })
            .or(esign.first())
            .and_then(|e| e.company.clone());
    }
    m.signatures = sigs;
}

/// "Till justerare utses Hans Brynielsson", "Susanne väljs att tillsammans med ordförande justera".
fn adjusters_in_text(paragraphs: &[Paragraph]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paragraphs.iter().take(3) {
        for line in p.text.lines() {
            let lower = line.to_lowercase();
            if !lower.contains("justera") {
                continue;
            }
            let words: Vec<&str> = line
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                .collect();
            for (k, w) in words.iter().enumerate() {
                if *w == "väljs" || *w == "utses" {
                    let before: Vec<&str> = words[..k]
                        .iter()
                        .rev()
                        .take_while(|w| roster::is_name_word(w))
                        .copied()
                        .collect();
                    let after: Vec<&str> = words[k + 1..]
                        .iter()
                        .take_while(|w| roster::is_name_word(w))
                        .copied()
                        .collect();
                    let name = if !before.is_empty() && (before.len() != 1 || before[0] != "Till") {
                        before.into_iter().rev().collect::<Vec<_>>().join(" ")
                    } else {
                        after.join(" ")
                    };
                    if !name.is_empty() {
                        out.push(name);
                    }
                }
            }
        }
    }
    out
}

/// Case-insensitive equality of names, spaces normalised.
pub fn same_name(a: &str, b: &str) -> bool {
    // Word by word, without allocating: names are compared many times over for every roster.
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(l), Some(r)) if l == r => {}
            (Some(l), Some(r)) => {
                let same = if l.is_ascii() && r.is_ascii() {
                    l.eq_ignore_ascii_case(r)
                } else {
                    l.chars()
                        .flat_map(char::to_lowercase)
                        .eq(r.chars().flat_map(char::to_lowercase))
                };
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// "Fredrik Ölmerud" is a short form of "Fredrik Kjellman Ölmerud": same first and last word.
pub fn short_form_of(long: &str, short: &str) -> bool {
    let l: Vec<String> = long.split_whitespace().map(str::to_lowercase).collect();
    let s: Vec<String> = short.split_whitespace().map(str::to_lowercase).collect();
    l.len() > s.len() && s.len() >= 2 && l.first() == s.first() && l.last() == s.last()
}

/// The roster's full form of a name: the name itself when listed, the only roster name with that
/// first name when only a first name is written, the long form of a short form.
pub fn resolve(name: &str, roster: &[String]) -> String {
    if roster.iter().any(|r| same_name(r, name)) {
        return name.to_owned();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let candidates: Vec<&String> = if words.len() == 1 {
        roster
            .iter()
            .filter(|r| {
                r.split_whitespace().next().is_some_and(|f| {
                    f.eq_ignore_ascii_case(words[0]) || f.to_lowercase() == words[0].to_lowercase()
                })
            })
            .collect()
    } else {
        roster.iter().filter(|r| short_form_of(r, name)).collect()
    };
    match candidates.as_slice() {
        [one] => (*one).clone(),
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_and_body_from_titles() {
        let t = |s: &[&str]| org_and_body(&s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>());
        assert_eq!(
            t(&["Styrelsen Kommunförbundet Jämtland Härjedalen"]),
            (
                Some("Kommunförbundet Jämtland Härjedalen".into()),
                Some("Styrelsen".into())
            )
        );
        assert_eq!(
            t(&["Protokoll styrelsen för Kommunförbundet Västernorrland"]),
            (
                Some("Kommunförbundet Västernorrland".into()),
                Some("Styrelsen".into())
            )
        );
        assert_eq!(
            t(&["Protokoll", "Styrelsemöte, Kommunförbundet Västernorrland"]),
            (
                Some("Kommunförbundet Västernorrland".into()),
                Some("Styrelsen".into())
            )
        );
        assert_eq!(t(&["Styrelseprotokoll"]), (None, Some("Styrelsen".into())));
        assert_eq!(
            t(&["Samverkanstid kommuner, Region och Länsstyrelse"]),
            (
                None,
                Some("Samverkanstid kommuner, Region och Länsstyrelse".into())
            )
        );
        assert_eq!(
            t(&["SAMMANTRÄDESPROTOKOLL", "Alstads kommun", "Kommunstyrelsen"]),
            (
                Some("Alstads kommun".into()),
                Some("Kommunstyrelsen".into())
            )
        );
    }

    #[test]
    fn toc_pages() {
        assert_eq!(split_page("Upprop.....\t4"), ("Upprop".into(), Some(4)));
        assert_eq!(
            split_page("Prognos 1 2025\t5"),
            ("Prognos 1 2025".into(), Some(5))
        );
        assert_eq!(
            split_page("Prognos 1 2025"),
            ("Prognos 1 2025".into(), None)
        );
    }

    #[test]
    fn names_resolve_to_the_roster() {
        let roster = vec![
            "Susanne Hansson".to_owned(),
            "Fredrik Kjellman Ölmerud".to_owned(),
            "Susan Ek".to_owned(),
        ];
        assert_eq!(resolve("Susanne", &roster), "Susanne Hansson");
        assert_eq!(
            resolve("Fredrik Ölmerud", &roster),
            "Fredrik Kjellman Ölmerud"
        );
        assert_eq!(resolve("Anna", &roster), "Anna");
    }

    #[test]
    fn remainder_is_the_place() {
        assert_eq!(
            remainder("Måndag 21 oktober 2024 kl. 13.00 - 14.40 Digitalt via teams.").as_deref(),
            Some("Digitalt via teams")
        );
        assert_eq!(
            remainder("måndag 17 juni 2025, digitalt").as_deref(),
            Some("digitalt")
        );
    }
}
