//! Text for the terminal: reflowing lines a PDF export wrapped, expanding tabs, word wrap
//! that keeps `§` with its number, cutting and padding to display columns, and making text
//! from protocols safe to draw. Pure functions of strings, used by every pane and overlay.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Joins lines that a PDF export wrapped inside a paragraph: a line continues the one before when
/// it starts in lower case, or when the one before is long prose; bullets, tables (tabs) and lines
/// ending in `:` keep their own lines.
pub fn reflow(text: &str) -> Vec<String> {
    reflow_numbered(text, &[])
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// [`reflow`], keeping the source line where each joined line starts.
pub fn reflow_numbered(text: &str, numbers: &[u32]) -> Vec<(String, u32)> {
    reflow_segments(text, numbers)
        .into_iter()
        .map(|r| {
            let first = r.segments.first().map_or(0, |s| s.1);
            (r.text, first)
        })
        .collect()
}

/// A line as drawn after [`reflow`], and where each source line it joins starts in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reflowed {
    pub text: String,
    /// (byte offset in `text`, 1-based source line), in order; the first is at offset 0.
    pub segments: Vec<(usize, u32)>,
}

impl Reflowed {
    /// The source lines covered by the bytes `a..b` of the text: the line where `a` is, and
    /// the last line that starts before `b`.
    pub fn lines_of(&self, a: usize, b: usize) -> (u32, u32) {
        let at = |x: usize| {
            self.segments
                .iter()
                .take_while(|s| s.0 <= x)
                .last()
                .map_or(0, |s| s.1)
        };
        (at(a), at(b.saturating_sub(1).max(a)))
    }

    /// The source line that starts in the bytes `a..b`, or (for the first row) at `a`.
    pub fn line_starting_in(&self, a: usize, b: usize) -> Option<u32> {
        self.segments
            .iter()
            .find(|s| s.0 >= a && (s.0 < b || (s.0 == a && a == b)))
            .map(|s| s.1)
    }
}

/// [`reflow`], keeping for every joined line where each of its source lines starts, so a
/// search hit or a finding on a line in the middle of a joined paragraph is found on screen.
pub fn reflow_segments(text: &str, numbers: &[u32]) -> Vec<Reflowed> {
    let mut out: Vec<Reflowed> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let number = numbers.get(k).copied().unwrap_or(0);
        let joins = out.last().is_some_and(|prev| {
            let prev = &prev.text;
            !line.is_empty()
                && !prev.is_empty()
                && !prev.ends_with(':')
                && !line.contains('\t')
                && !prev.contains('\t')
                && crate::parse::scan::strip_bullet(line).is_none()
                && (line.trim_start().starts_with(char::is_lowercase) || prev.width() >= 60)
        });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.text.push(' ');
                prev.segments.push((prev.text.len(), number));
                prev.text.push_str(line.trim());
            }
            _ => out.push(Reflowed {
                text: line.to_owned(),
                segments: vec![(0, number)],
            }),
        }
    }
    out
}

/// Text from a file, a setting or a message, made safe to draw: control and escape sequences
/// removed (the model's text is cleaned when read; paths, notes from `review.json`, error
/// messages and the environment are not).
pub fn clean(s: &str) -> Cow<'_, str> {
    crate::read::strip_controls(s)
}

/// How a meeting is named in lists: its date, then its body (when the body has letters: a
/// page number read as a body is no name), else its organisation, else its file's id; the
/// organisation after a body. "2024-03-25 Kommunfullmäktige · Alstads kommun".
pub fn meeting_label(m: &crate::model::Meeting) -> String {
    let named = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .map(str::to_owned)
    };
    let date = m.date.as_deref().unwrap_or("????-??-??");
    let label = match (named(&m.body), named(&m.organization)) {
        (Some(b), Some(o)) => format!("{date} {b} · {o}"),
        (Some(n), None) | (None, Some(n)) => format!("{date} {n}"),
        (None, None) => format!("{date} {}", m.id),
    };
    clean(&label).into_owned()
}

/// Tabs to spaces (to the next multiple of four): a terminal would drop them.
pub fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += c.width().unwrap_or(0);
        }
    }
    out
}

/// Word wrap to `width` display columns; continuation lines are indented by `indent`. Words
/// longer than a line are broken.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let text = expand_tabs(text);
    let width = width.max(indent + 8);
    if text.width() <= width {
        return vec![text.trim_end().to_owned()];
    }
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    let lead: usize = text.chars().take_while(|c| *c == ' ').count();
    for word in words_keeping_sections(&text) {
        let ww = word.width();
        let sep = usize::from(line_w > 0);
        if line_w + sep + ww > width && line_w > 0 {
            out.push(std::mem::take(&mut line));
            line = " ".repeat(indent);
            line_w = indent;
        }
        if line.is_empty() && out.is_empty() {
            line = " ".repeat(lead);
            line_w = lead;
        }
        if line_w > 0 && !line.ends_with(' ') {
            line.push(' ');
            line_w += 1;
        }
        if ww > width - line_w.min(width) {
            // A word longer than the line: break it by characters.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if line_w + cw > width {
                    out.push(std::mem::take(&mut line));
                    line = " ".repeat(indent);
                    line_w = indent;
                }
                line.push(c);
                line_w += cw;
            }
        } else {
            line.push_str(word);
            line_w += ww;
        }
    }
    if !line.trim().is_empty() {
        out.push(line);
    }
    out
}

/// The words of `text` split at spaces, except that a `§` (or `§§`) stays with the number after
/// it: "§ 28–30" is one word, so a line never ends in a bare `§`.
fn words_keeping_sections(text: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        let (s, mut e) = spans[i];
        while text[s..e].ends_with('§') && i + 1 < spans.len() {
            i += 1;
            e = spans[i].1;
        }
        out.push(&text[s..e]);
        i += 1;
    }
    out
}

/// Cuts a string to `width` display columns, with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    if w >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - w))
    }
}

#[cfg(test)]
mod tests {
    use super::super::roster::compact_numbers;
    use super::*;

    #[test]
    fn wraps_at_words_with_hanging_indent() {
        assert_eq!(
            wrap("- ett två tre fyra fem sex", 12, 2),
            ["- ett två", "  tre fyra", "  fem sex"]
        );
        assert_eq!(wrap("kort", 20, 0), ["kort"]);
        assert_eq!(wrap("a\tb", 20, 0), ["a   b"]);
        let long = wrap("Utjämningsutredningen", 10, 0);
        assert!(long.iter().all(|l| l.width() <= 10), "{long:?}");
        // A roster row never ends in a bare §.
        let row = wrap("Anna Berg (S), Sundsvall — ledamot § 28–30", 36, 2);
        assert_eq!(row, ["Anna Berg (S), Sundsvall — ledamot", "  § 28–30"]);
    }

    #[test]
    fn reflows_wrapped_prose_but_not_lists() {
        let text = "Förslaget bygger på styrelsens inriktningsbeslut i mars och på dialogen.\nFokusområdena\nvälfärd och digitalisering.\n\n- punkt ett\n  fortsätter\nTjänsteskrivelse\nBeslut SocSam";
        assert_eq!(
            reflow(text),
            [
                "Förslaget bygger på styrelsens inriktningsbeslut i mars och på dialogen. Fokusområdena välfärd och digitalisering.",
                "",
                "- punkt ett fortsätter",
                "Tjänsteskrivelse",
                "Beslut SocSam"
            ]
        );
    }

    #[test]
    fn a_joined_line_knows_where_each_source_line_starts() {
        let r = reflow_segments(
            "Förslaget bygger på styrelsens beslut\noch på dialogen.\n",
            &[40, 41],
        );
        assert_eq!(r.len(), 1);
        let start = r[0].text.find("och").unwrap();
        assert_eq!(r[0].segments, [(0, 40), (start, 41)]);
        assert_eq!(r[0].lines_of(0, start), (40, 40));
        assert_eq!(r[0].lines_of(0, r[0].text.len()), (40, 41));
        assert_eq!(r[0].lines_of(start, r[0].text.len()), (41, 41));
        assert_eq!(r[0].line_starting_in(5, r[0].text.len()), Some(41));
    }

    #[test]
    fn a_meeting_is_named_by_date_and_a_body_with_letters() {
        let mut m = crate::model::Meeting {
            id: "ks-2024-02-26".into(),
            date: Some("2024-02-26".into()),
            body: Some("1 (9)".into()),
            ..crate::model::Meeting::default()
        };
        assert_eq!(meeting_label(&m), "2024-02-26 ks-2024-02-26");
        m.organization = Some("Alstads kommun".into());
        assert_eq!(meeting_label(&m), "2024-02-26 Alstads kommun");
        m.body = Some("Kommunstyrelsen".into());
        assert_eq!(
            meeting_label(&m),
            "2024-02-26 Kommunstyrelsen · Alstads kommun"
        );
        m.body = Some("Styrelsen\x1b[2J".into());
        assert!(!meeting_label(&m).contains('\x1b'));
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("Lövgren", 10), "Lövgren");
        assert_eq!(truncate("Lövgren Åberg", 8), "Lövgren…");
        assert_eq!(
            compact_numbers(&[15, 16, 17, 19, 21, 22]),
            "15–17, 19, 21–22"
        );
    }
}
