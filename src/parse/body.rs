//! One § of the body: its title (on the heading line or the next), Dnr, presenters
//! (`Föredragande:`), decisions and cleaned text.
//!
//! Decisions come in three shapes: a `Beslut` section (all its items until the next section), an
//! intro line ("Styrelsen beslutar att:", "Styrelsen beslutar", "… föreslår kommunstyrelsen
//! besluta att") followed by bullets, `att …` lines or one paragraph, and — when a § has neither
//! — the sentences and leading list items that decide by their verb ("Dagordningen godkännes.",
//! "a) Jenny Kriström väljs att … justera").

use super::Line;
use super::roster;
use super::scan;

/// What the body of one § holds.
#[derive(Debug, Default, PartialEq)]
pub struct Body {
    pub title: String,
    pub dnr: Option<String>,
    pub presenters: Vec<String>,
    pub decisions: Vec<String>,
    /// Att-clauses put to the meeting and rejected ("Beslut: Attsatsen avslås").
    pub rejected: Vec<String>,
    pub text: String,
    pub text_lines: Vec<u32>,
}

/// Reads a § from the rest of its heading line and the lines up to the next heading.
pub fn read(rest: &str, lines: &[Line]) -> Body {
    let (title, dnr, i) = heading(rest, lines);
    let mut body = Body {
        title,
        dnr,
        ..Body::default()
    };
    let rest = &lines[i.min(lines.len())..];
    body.presenters = presenters(rest);
    let (decisions, rejected) = super::decisions::read(rest);
    body.decisions = decisions;
    body.rejected = rejected;
    let (text, text_lines) = clean_text(rest);
    body.text = text;
    body.text_lines = text_lines;
    body
}

/// The § title and Dnr, from the rest of its heading line or the lines after it, and where
/// its text starts in `lines`.
fn heading(rest: &str, lines: &[Line]) -> (String, Option<String>, usize) {
    let mut body = Body::default();
    let (title, dnr) = scan::split_dnr(rest);
    body.title = title;
    body.dnr = dnr;
    let mut i = 0;
    let next_content = |from: usize| {
        (from..lines.len()).find(|&j| !lines[j].t.is_empty() && !scan::is_rule(&lines[j].t))
    };
    if body.title.is_empty() {
        // The title is on the next non-empty line, possibly after a Dnr line.
        while let Some(j) = next_content(i) {
            let t = lines[j].t.as_str();
            let (title, dnr) = scan::split_dnr(t);
            if dnr.is_some() && body.dnr.is_none() {
                body.dnr = dnr;
            }
            i = j + 1;
            if !title.is_empty() {
                if looks_like_title(&title) {
                    body.title = title;
                } else {
                    i = j;
                }
                break;
            }
        }
    }
    // A title wrapped onto the next line: no blank between, continues in lower case.
    if !body.title.is_empty()
        && let Some(next) = lines.get(i)
        && next.t.starts_with(|c: char| c.is_lowercase())
        && !body.title.ends_with(['.', ':'])
        && scan::strip_bullet(&next.t).is_none()
    {
        let (more, dnr) = scan::split_dnr(&next.t);
        body.title.push(' ');
        body.title.push_str(&more);
        if dnr.is_some() {
            body.dnr = dnr;
        }
        i += 1;
    }
    body.title = body
        .title
        .trim_end_matches(['.', ':'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // A Dnr on its own line right after the title.
    if body.dnr.is_none()
        && let Some(j) = next_content(i)
        && let (t, Some(dnr)) = scan::split_dnr(&lines[j].t)
        && t.is_empty()
    {
        body.dnr = Some(dnr);
        i = j + 1;
    }
    (body.title, body.dnr, i)
}

/// The source line of the last line of text [`read`] gives for the same § (the last of its
/// `text_lines`), found without reading the rest.
pub fn last_text_line(rest: &str, lines: &[Line]) -> Option<u32> {
    let (_, _, i) = heading(rest, lines);
    // `clean_text` keeps every line that is neither blank nor a rule, and drops blanks at the end.
    lines[i.min(lines.len())..]
        .iter()
        .rev()
        .find(|l| !l.t.is_empty() && !scan::is_rule(&l.t))
        .map(|l| l.number)
}

fn looks_like_title(t: &str) -> bool {
    scan::strip_bullet(t).is_none()
        && !t.to_lowercase().starts_with("föredragande")
        && t.chars().count() < 250
}

/// The body text: rules dropped, runs of blank lines collapsed, no blank at either end.
fn clean_text(lines: &[Line]) -> (String, Vec<u32>) {
    let mut out: Vec<(&str, u32)> = Vec::new();
    for l in lines {
        if scan::is_rule(&l.t) {
            continue;
        }
        if l.t.is_empty() && out.last().is_none_or(|(t, _)| t.is_empty()) {
            continue;
        }
        out.push((l.t.as_str(), l.number));
    }
    while out.last().is_some_and(|(t, _)| t.is_empty()) {
        out.pop();
    }
    let text = out.iter().map(|(t, _)| *t).collect::<Vec<_>>().join("\n");
    (text, out.into_iter().map(|(_, n)| n).collect())
}

static PRESENTS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" föredr"));

/// Names after `Föredragande:` (on the line or the next), roles dropped.
fn presenters(lines: &[Line]) -> Vec<String> {
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        // "Anna Ek, Bo Lund och Cia Berg föredrar ärendet." Found by one prebuilt searcher
        // first: this runs for every line of every item.
        let verbs: &[&str] = if PRESENTS.find(l.t.as_bytes()).is_some() {
            &[
                " föredrar ärendet",
                " föredrog ärendet",
                " föredrar",
                " föredrog",
            ]
        } else {
            &[]
        };
        for verb in verbs {
            if let Some(at) = l.t.find(verb)
                && roster::starts_with_name(&l.t)
            {
                let who = l.t[..at].replace(" och ", ", ").replace(" samt ", ", ");
                out.extend(roster::split_people(&who).into_iter().map(|e| e.name));
                break;
            }
        }
        if !l.t.starts_with(['F', 'f', 'P', 'p']) {
            continue;
        }
        let value = ["föredragande", "föredragare", "föredras av", "presentatör"]
            .iter()
            .find_map(|lab| scan::after_label(&l.t, lab));
        let Some(value) = value else { continue };
        let value = if value.is_empty() {
            lines[k + 1..]
                .iter()
                .find(|x| !x.t.is_empty())
                .map_or("", |x| x.t.as_str())
        } else {
            value
        };
        out.extend(roster::split_people(value).into_iter().map(|e| e.name));
    }
    out
}

/// Paragraph blocks: runs of non-blank lines.
pub(super) fn blocks(lines: &[Line]) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in lines {
        if l.t.is_empty() || scan::is_rule(&l.t) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if is_known_heading(&l.t) {
            // "Kommunfullmäktiges beslut" right above its text: a heading of its own block.
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(vec![l.t.as_str()]);
        } else {
            cur.push(l.t.as_str());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A line that is certainly a section heading, even without blank lines around it: one of
/// the section names, or a decision label ("Beslut", "Kommunstyrelsens beslut").
pub fn is_known_heading(line: &str) -> bool {
    let t = line.trim_end_matches(':').trim();
    // `eq_lower` is equal lengths first: a line longer than every name is none of them.
    if t.len() <= LONGEST_HEADING
        && SECTIONS
            .iter()
            .chain(&WHOLE_HEADINGS)
            .any(|s| scan::eq_lower(t, s))
    {
        return true;
    }
    // The others end in "beslut(et)". Called for every line of every §: most lines are refused
    // by their last word, with nothing lowercased or allocated.
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    (scan::eq_lower(last, "beslut") || scan::eq_lower(last, "beslutet"))
        && t.split_whitespace().nth(4).is_none()
        && (super::decisions::is_decision_label(&[line])
            || t.len()
                .checked_sub("förslag till beslut".len())
                .and_then(|at| t.get(at..))
                .is_some_and(|end| scan::eq_lower(end, "förslag till beslut")))
}

/// The length in bytes of the longest of [`SECTIONS`] and [`WHOLE_HEADINGS`].
const LONGEST_HEADING: usize = {
    let (a, b) = (longest(&SECTIONS), longest(&WHOLE_HEADINGS));
    if a > b { a } else { b }
};

/// The length in bytes of the longest of `names` (for a constant).
const fn longest(names: &[&str]) -> usize {
    let mut longest = 0;
    let mut i = 0;
    while i < names.len() {
        if names[i].len() > longest {
            longest = names[i].len();
        }
        i += 1;
    }
    longest
}

/// Headings [`is_known_heading`] knows besides [`SECTIONS`] and the decision labels.
const WHOLE_HEADINGS: [&str; 2] = ["omröstningsresultat", "protokollsanteckningar"];

/// Section headings inside a § that end a decision section.
pub(super) const SECTIONS: [&str; 26] = [
    "bakgrund",
    "sammanfattning",
    "synpunkter",
    "beslutsunderlag",
    "bilaga",
    "bilagor",
    "ärendebeskrivning",
    "ärendet",
    "yrkanden",
    "yrkande",
    "propositionsordning",
    "beslutsgång",
    "omröstning",
    "votering",
    "reservation",
    "reservationer",
    "protokollsanteckning",
    "jäv",
    "beslutet skickas till",
    "expedieras till",
    "underlag framtaget av",
    "diskussion",
    "status",
    "motivering",
    "föredragande",
    "ledamöters förslag",
];

pub(super) fn is_section_label(block: &[&str]) -> bool {
    if block.len() != 1 || block[0].len() > 120 {
        return false;
    }
    let t = block[0].trim_end_matches(':').trim();
    let lower = t.to_lowercase();
    SECTIONS.iter().any(|s| {
        lower
            .strip_prefix(s)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    }) || (t.split_whitespace().count() <= 6
        && t.chars().count() <= 60
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', '!', '?'])
        && scan::strip_bullet(t).is_none()
        && !t.contains(". "))
}

/// A line that reads as a section heading inside a § ("Bakgrund", "Synpunkter från mötet"),
/// when it stands alone between blank lines.
pub fn is_section_heading(line: &str) -> bool {
    is_section_label(&[line]) || super::decisions::is_decision_label(&[line])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i as u32 + 1,
                t: scan::strip_md(t),
                level: 0,
                indent: 0,
            })
            .collect()
    }

    #[test]
    fn presenters_named_before_the_verb() {
        let b = read(
            "Budget",
            &lines("Anna Ek, Bo Lund och Cia Berg föredrar ärendet.\n\nText."),
        );
        assert_eq!(b.presenters, ["Anna Ek", "Bo Lund", "Cia Berg"]);
    }

    #[test]
    fn title_on_next_line_with_dnr() {
        let b = read(
            "",
            &lines("\nStärkta strukturer\n\nDnr 2010.009-7\n\nText."),
        );
        assert_eq!(
            (b.title.as_str(), b.dnr.as_deref()),
            ("Stärkta strukturer", Some("2010.009-7"))
        );
        assert_eq!(b.text, "Text.");
        let b = read(
            "",
            &lines("\nNorrlandslänens samarbete Dnr 2007.030-6\n\nText."),
        );
        assert_eq!(
            (b.title.as_str(), b.dnr.as_deref()),
            ("Norrlandslänens samarbete", Some("2007.030-6"))
        );
    }

    #[test]
    fn decisions_after_intro_bullets() {
        let b = read(
            "T",
            &lines(
                "---\n\nStyrelsen beslutar att:\n\n- Lägga informationen till handlingarna\n\n### **Bakgrund:**\n\nText.",
            ),
        );
        assert_eq!(b.decisions, ["Lägga informationen till handlingarna"]);
    }

    #[test]
    fn decisions_in_a_beslut_section() {
        let b = read(
            "T",
            &lines(
                "Beslut\n\nStyrelsen beslutar att\n\n- A.\n- B.\n\nStatus med anledning av Corona\n\n- inte ett beslut",
            ),
        );
        assert_eq!(b.decisions, ["A.", "B."]);
        let b = read(
            "T",
            &lines(
                "Beslut\n\nFörbundschef får i uppdrag.\n\nUnderlaget återrapporteras.\n\nSammanfattning och överväganden\n\nText.",
            ),
        );
        assert_eq!(
            b.decisions,
            ["Förbundschef får i uppdrag.", "Underlaget återrapporteras."]
        );
        let b = read(
            "T",
            &lines(
                "Styrelsen beslut\n\nStyrelsen Kommunförbundet X beslutar att:\nGodkänna prognos 1 2025.\n\nSammanfattning\n\nText.",
            ),
        );
        assert_eq!(b.decisions, ["Godkänna prognos 1 2025."]);
    }

    #[test]
    fn att_clauses() {
        let b = read(
            "T",
            &lines(
                "Text.\n\nStyrelsen beslutar\n\natt ställa sig bakom förslaget\n\nOrdförande tackar.",
            ),
        );
        assert_eq!(b.decisions, ["ställa sig bakom förslaget"]);
        let b = read(
            "T",
            &lines("Styrelsen beslutar att lägga rapporten till handlingarna."),
        );
        assert_eq!(b.decisions, ["lägga rapporten till handlingarna."]);
    }

    #[test]
    fn decisions_by_verb() {
        let b = read("T", &lines("Dagordningen godkännes."));
        assert_eq!(b.decisions, ["Dagordningen godkännes."]);
        let b = read(
            "T",
            &lines("- a) Upprop genomförs\n- b) Anna Ek väljs att justera\n\nMer text."),
        );
        assert_eq!(
            b.decisions,
            ["Upprop genomförs", "Anna Ek väljs att justera"]
        );
        let b = read("T", &lines("Inga övriga frågor denna gång."));
        assert!(b.decisions.is_empty());
        let b = read(
            "T",
            &lines("Alla fick svara;\n\n1. Vad lyckas ni med?\n2. Vad ska vara klart?"),
        );
        assert!(b.decisions.is_empty());
    }

    #[test]
    fn presenters_without_roles() {
        let b = read(
            "T",
            &lines(
                "Föredragande: *Martin Söderström, förbundschef, Elin Ring, förbundsstrateg & Johanna Bogfors, förbundsstrateg*",
            ),
        );
        assert_eq!(
            b.presenters,
            ["Martin Söderström", "Elin Ring", "Johanna Bogfors"]
        );
    }
}
