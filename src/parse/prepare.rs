//! Lines as the parser reads them: Markdown decoration stripped, heading levels noted, and the
//! noise of publishing taken out — front matter (YAML `---`, TOML `+++`, Nikola `<!-- .. -->`,
//! Org `#+` lines), HTML comments and tags, code fences, LaTeX commands, table pipes, and the
//! stamps of e-signing services on every page. What front matter says of the title and date is
//! kept as a last resort for the header.

use super::{Line, scan};
use crate::model::SourceLine;
use crate::words::is_blank;

/// What a document's front matter says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Front {
    pub title: Option<String>,
    pub date: Option<String>,
}

pub fn lines(clean: &[SourceLine]) -> (Vec<Line>, Front) {
    let mut front = Front::default();
    let mut out: Vec<Line> = Vec::with_capacity(clean.len());
    let mut fence: Option<&str> = None;
    let mut comment = false;
    let first = clean.iter().position(|l| !is_blank(&l.text));
    // The margin every line has (pdftotext -layout indents a whole page).
    let margin = clean
        .iter()
        .filter(|l| !is_blank(&l.text))
        .map(|l| l.text.len() - l.text.trim_start().len())
        .min()
        .unwrap_or(0);
    for (i, l) in clean.iter().enumerate() {
        let raw = l.text.trim();
        let mut line = Line {
            number: l.number,
            t: String::new(),
            level: 0,
            indent: 0,
        };
        if let Some(close) = fence {
            if raw == close {
                fence = None;
            }
            out.push(line);
            continue;
        }
        if comment {
            comment = !raw.contains("-->");
            meta_line(raw, &mut front);
            out.push(line);
            continue;
        }
        if Some(i) == first && (raw == "---" || raw == "+++") {
            fence = Some(if raw == "---" { "---" } else { "+++" });
            // Front matter: read its keys up to the closing fence.
            for l in &clean[i + 1..] {
                let t = l.text.trim();
                if t == raw {
                    break;
                }
                meta_line(t, &mut front);
            }
            out.push(line);
            continue;
        }
        if raw.starts_with("<!--") {
            comment = !raw.contains("-->");
            meta_line(raw.trim_start_matches("<!--"), &mut front);
            out.push(line);
            continue;
        }
        if let Some(org) = raw.strip_prefix("#+") {
            meta_line(org, &mut front);
            out.push(line);
            continue;
        }
        if raw.starts_with("```") || raw.starts_with("~~~") || is_noise(raw) {
            // Code fences are dropped, their content kept: signature lines are often fenced.
            out.push(line);
            continue;
        }
        let level = raw.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&level) && raw.as_bytes().get(level) == Some(&b' ') {
            line.level = level as u8;
        }
        let lead = l.text.len() - l.text.trim_start().len();
        line.indent = lead.saturating_sub(margin).min(255) as u8;
        let text = pipes(raw);
        let text = strip_tags(text.as_ref());
        line.t = scan::strip_md(text.trim_end_matches('\\'));
        out.push(line);
    }
    setext(&mut out);
    (out, front)
}

/// `title: "…"`, `date = 2024-02-07`, `.. date: 2009-12-03 12:00:00 CEST`, `TITLE: …`.
fn meta_line(t: &str, front: &mut Front) {
    let t = t.trim().trim_start_matches("..").trim();
    let Some(sep) = t.find([':', '=']) else {
        return;
    };
    let key = t[..sep].trim().to_ascii_lowercase();
    let value = t[sep + 1..].trim().trim_matches(['"', '\'']).trim();
    if value.is_empty() {
        return;
    }
    match key.as_str() {
        "title" if front.title.is_none() => front.title = Some(value.to_owned()),
        "date" if front.date.is_none() => front.date = Some(value.to_owned()),
        _ => {}
    }
}

/// Lines that are publishing noise wherever they stand: a signing service's document id on every
/// page, LaTeX commands, HTML comments on one line.
fn is_noise(t: &str) -> bool {
    const STAMPS: [&str; 6] = [
        "doc id:",
        "document id:",
        "dokument-id:",
        "dokumentid:",
        "transaktionsidentitet:",
        "transaction id:",
    ];
    let lower_start = |p: &str| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    STAMPS.iter().any(|p| lower_start(p))
        || (t.starts_with('\\')
            && t[1..]
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'{' || b == b'}'))
        || (t.starts_with("<!--") && t.ends_with("-->"))
}

/// A Markdown table row `| Datum | 2024-03-05 |` read as cells, as a form's columns are; the
/// separator row `|---|---|` is dropped.
fn pipes(t: &str) -> std::borrow::Cow<'_, str> {
    if !(t.starts_with('|') && t.ends_with('|') && t.len() > 1) {
        return t.into();
    }
    let cells: Vec<&str> = t[1..t.len() - 1].split('|').map(str::trim).collect();
    if cells
        .iter()
        .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    {
        return String::new().into();
    }
    cells.join("     ").into()
}

const TAGS: [&str; 24] = [
    "br", "p", "div", "span", "b", "i", "u", "em", "strong", "hr", "ul", "ol", "li", "table", "tr",
    "td", "th", "a", "sup", "sub", "font", "center", "small", "img",
];

/// HTML tags taken out (`<br>`, `<p align="left">`, `</strong>`); other angle brackets
/// (`<styrelsen@example.se>`) stay.
fn strip_tags(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains('<') {
        return t.into();
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('>');
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let is_tag = close.is_some_and(|c| c < 200)
            && (TAGS.contains(&name.as_str())
                || (name.len() == 2
                    && name.starts_with('h')
                    && name.as_bytes()[1].is_ascii_digit()));
        if let (true, Some(c)) = (is_tag, close) {
            out.push(' ');
            rest = &after[c + 1..];
        } else {
            out.push('<');
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Setext headings: a line of text over `===` (level 1) or `---` (level 2) after a blank line.
fn setext(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let under = lines[i].t.as_str();
        let level = if under.len() >= 3 && under.bytes().all(|b| b == b'=') {
            1
        } else if under.len() >= 3 && under.bytes().all(|b| b == b'-') {
            2
        } else {
            continue;
        };
        let above = &lines[i - 1];
        let alone = i < 2 || lines[i - 2].t.is_empty();
        if !above.t.is_empty()
            && above.level == 0
            && alone
            && scan::strip_bullet(&above.t).is_none()
        {
            lines[i - 1].level = level;
            lines[i].t.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(text: &str) -> (Vec<String>, Front) {
        let clean: Vec<SourceLine> = text
            .lines()
            .enumerate()
            .map(|(i, t)| SourceLine {
                number: i as u32 + 1,
                text: t.to_owned(),
            })
            .collect();
        let (lines, front) = lines(&clean);
        (lines.into_iter().map(|l| l.t).collect(), front)
    }

    #[test]
    fn front_matter_is_read_and_removed() {
        let (l, f) = prep("---\ntitle: \"Protokoll\"\ndate: 2024-02-07\n---\n\nText");
        assert_eq!(l, ["", "", "", "", "", "Text"]);
        assert_eq!(f.title.as_deref(), Some("Protokoll"));
        assert_eq!(f.date.as_deref(), Some("2024-02-07"));
        let (l, f) = prep(
            "<!--\n.. title: Höstmöte\n.. date: 2009-12-03 12:00:00 CEST\n-->\nText <!-- TEASER_END -->",
        );
        assert_eq!(f.date.as_deref(), Some("2009-12-03 12:00:00 CEST"));
        assert_eq!(l[4], "Text <!-- TEASER_END -->");
        let (_, f) = prep("+++\ntitle = \"Styrelsemöte\"\n+++\n");
        assert_eq!(f.title.as_deref(), Some("Styrelsemöte"));
    }

    #[test]
    fn noise_is_dropped_and_tables_become_cells() {
        let (l, _) =
            prep("Doc ID: 5c1e9f\n```\nNamn\n```\n| Datum | 2024-02-07 |\n|---|---|\nEn <br> rad");
        assert_eq!(
            l,
            ["", "", "Namn", "", "Datum     2024-02-07", "", "En rad"]
        );
    }

    #[test]
    fn setext_headings_get_levels() {
        let clean: Vec<SourceLine> = ["Titel", "=====", "", "Del", "---", "text"]
            .iter()
            .enumerate()
            .map(|(i, t)| SourceLine {
                number: i as u32 + 1,
                text: (*t).to_owned(),
            })
            .collect();
        let (l, _) = lines(&clean);
        assert_eq!(l[0].level, 1);
        assert_eq!(l[3].level, 2);
        assert!(l[4].t.is_empty());
    }
}
