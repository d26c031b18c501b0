//! The parts of a Word document that say what Word adds to a paragraph's text: paragraph
//! styles (`word/styles.xml`: which are headings, which number their paragraphs) and lists
//! (`word/numbering.xml`: the level formats, and counters so that the `1.`, `a)` or `§ 12` a
//! paragraph shows can be written out as it comes).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::zipped::{Format, ZipProblem, xml};

/// A paragraph style as far as reading needs it.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    pub(super) heading: bool,
    /// The list a style numbers its paragraphs with (numbered headings): (numId, level).
    pub(super) num: Option<(String, u8)>,
    based_on: Option<String>,
}

/// The paragraph styles of `word/styles.xml`, by id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    pub(super) fn parse(bytes: &[u8]) -> Result<Styles, ZipProblem> {
        let mut reader = Reader::from_reader(bytes);
        let mut buf = Vec::new();
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut num_level = 0u8;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(e) => return Err(xml::error(Format::Word, "word/styles.xml", &reader, &e)),
            };
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => {
                        current = xml::attr(&e, "styleId").map(|id| (id, Style::default()));
                        num_level = 0;
                    }
                    "name" => {
                        if let Some((_, s)) = current.as_mut() {
                            let name = xml::attr(&e, "val").unwrap_or_default().to_lowercase();
                            s.heading |= name.starts_with("heading") || name == "title";
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = xml::attr(&e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            // Level 9 is body text.
                            s.heading |= xml::attr(&e, "val").is_some_and(|v| v != "9");
                        }
                    }
                    "ilvl" => {
                        num_level = xml::attr(&e, "val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num = xml::attr(&e, "val").map(|id| (id, num_level));
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = current.take() {
                        styles.by_id.insert(id, s);
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        Ok(styles)
    }

    /// The style `id` with what it inherits from the styles it is based on.
    pub(super) fn resolve(&self, id: &str) -> Style {
        let mut out = Style::default();
        let mut next = Some(id.to_owned());
        // Chains are short; the bound stops a loop of styles based on each other.
        for _ in 0..16 {
            let Some(s) = next.take().and_then(|id| self.by_id.get(&id)) else {
                break;
            };
            out.heading |= s.heading;
            if out.num.is_none() {
                out.num.clone_from(&s.num);
            }
            next.clone_from(&s.based_on);
        }
        out
    }

    /// A style id that names a heading when `styles.xml` is missing: `Heading2`, `Rubrik2`
    /// (Swedish Word), `Title`.
    pub(super) fn looks_like_heading(id: &str) -> bool {
        let id = id.to_lowercase();
        id.starts_with("heading") || id.starts_with("rubrik") || id == "title"
    }
}

/// A level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of `word/numbering.xml` and their counters, so generated numbers can be written
/// out as the paragraphs come.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId → levels.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// Counters per numId and level; 0 means the level has not started.
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    pub(super) fn parse(bytes: &[u8]) -> Result<Numbering, ZipProblem> {
        let mut reader = Reader::from_reader(bytes);
        let mut buf = Vec::new();
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num_id: Option<String> = None;
        loop {
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(e) => return Err(xml::error(Format::Word, "word/numbering.xml", &reader, &e)),
            };
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let val = || xml::attr(&e, "val");
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = xml::attr(&e, "abstractNumId"),
                        "lvl" => {
                            let ilvl = xml::attr(&e, "ilvl").and_then(|v| v.parse().ok());
                            level = ilvl.map(|i| {
                                (
                                    i,
                                    Level {
                                        start: 1,
                                        ..Level::default()
                                    },
                                )
                            });
                        }
                        "start" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                            }
                        }
                        "numFmt" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.format = val().unwrap_or_default();
                            }
                        }
                        "lvlText" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.text = val().unwrap_or_default();
                            }
                        }
                        "num" => num_id = xml::attr(&e, "numId"),
                        "abstractNumId" => {
                            if let (Some(id), Some(a)) = (&num_id, val()) {
                                n.nums.insert(id.clone(), a);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    _ => {}
                },
                _ => {}
            }
            buf.clear();
        }
        Ok(n)
    }

    /// The label of the next item of list `num_id` at `level` ("3.", "b)", "§ 12", "•"), and
    /// the counters moved on. `None` when the list is not defined.
    pub(super) fn label(&mut self, num_id: &str, level: u8) -> Option<String> {
        let levels = self.abstracts.get(self.nums.get(num_id)?)?;
        let level = usize::from(level.min(8));
        let this = levels.get(&(level as u8))?;
        let counters = self.counters.entry(num_id.to_owned()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            this.start
        } else {
            counters[level].saturating_add(1)
        };
        for c in &mut counters[level + 1..] {
            *c = 0;
        }
        if this.format == "bullet" {
            return Some("•".to_owned());
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let l = (d - 1) as usize;
                let lvl = levels.get(&(l as u8));
                let value = match counters[l] {
                    0 => lvl.map_or(1, |x| x.start),
                    v => v,
                };
                out.push_str(&format_number(
                    value,
                    lvl.map_or("decimal", |x| x.format.as_str()),
                ));
            } else {
                out.push(c);
            }
        }
        Some(out.trim().to_owned())
    }
}

/// A list counter in Word's number format `format`.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// A, B, …, Z, AA, BB, …: Word repeats the letter past Z.
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'A' + (n % 26) as u8);
    std::iter::repeat_n(letter, (n / 26 + 1).min(10) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    n = n.min(3999);
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(12, "decimal"), "12");
    }
}
