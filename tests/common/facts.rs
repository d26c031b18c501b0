//! Facts written by reading a protocol (`tests/expected/*.json`), compared with what the parser
//! reads. Names and titles compare without case, spacing, dash kinds or a trailing stop; a
//! decision matches when one contains the other.

use protokoll::model::Meeting;
use serde_json::Value;

pub fn norm(s: &str) -> String {
    let s: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['–', '—'], "-");
    s.trim_end_matches(['.', ':', ';', ',', ' ']).to_owned()
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(norm)
}

/// Facts compared and facts read right, with a line for each miss.
#[derive(Default)]
pub struct Score {
    pub total: usize,
    pub right: usize,
    pub misses: Vec<String>,
}

impl Score {
    fn check(&mut self, what: String, ok: bool) {
        self.total += 1;
        if ok {
            self.right += 1;
        } else {
            self.misses.push(what);
        }
    }

    /// Per cent of the facts read right.
    pub fn percent(&self) -> usize {
        self.right * 100 / self.total.max(1)
    }
}

pub fn score(file: &str, m: &Meeting, want: &Value, s: &mut Score) {
    let scalar = [
        ("date", m.date.clone()),
        ("start", m.start.clone()),
        ("end", m.end.clone()),
        ("place", m.place.clone()),
        ("organization", m.organization.clone()),
        ("body", m.body.clone()),
        ("chair", m.chair.clone()),
        ("secretary", m.secretary.clone()),
    ];
    for (key, got) in scalar {
        let got = got.as_deref().map(norm);
        let exp = opt(&want[key]);
        s.check(format!("{file}: {key} {got:?}, want {exp:?}"), got == exp);
    }
    let count = want["present_count"].as_u64().map(|n| n as u32);
    s.check(
        format!(
            "{file}: present_count {:?}, want {count:?}",
            m.present_count
        ),
        m.present_count == count,
    );
    let scheme = serde_json::to_value(m.scheme).unwrap();
    s.check(
        format!("{file}: scheme {scheme}, want {}", want["scheme"]),
        scheme == want["scheme"],
    );
    let mut got: Vec<String> = m.adjusters.iter().map(|a| norm(a)).collect();
    let mut exp: Vec<String> = list(&want["adjusters"]);
    got.sort();
    exp.sort();
    s.check(
        format!("{file}: adjusters {got:?}, want {exp:?}"),
        got == exp,
    );
    let items = want["items"].as_array().unwrap();
    let numbers: Vec<u64> = items
        .iter()
        .map(|i| i["number"].as_u64().unwrap())
        .collect();
    let got_numbers: Vec<u64> = m.paragraphs.iter().map(|p| u64::from(p.number)).collect();
    s.check(
        format!("{file}: items {got_numbers:?}, want {numbers:?}"),
        got_numbers == numbers,
    );
    for item in items {
        let n = item["number"].as_u64().unwrap() as u32;
        let p = m.paragraph(n);
        let title = norm(item["title"].as_str().unwrap());
        s.check(
            format!(
                "{file}: title {n} {:?}, want {title:?}",
                p.map(|p| &p.title)
            ),
            p.is_some_and(|p| norm(&p.title) == title),
        );
        let got: Vec<String> =
            p.map_or_else(Vec::new, |p| p.decisions.iter().map(|d| norm(d)).collect());
        for d in list(&item["decisions"]) {
            s.check(
                format!("{file}: decision {n} {d:?} not in {got:?}"),
                got.iter()
                    .any(|g| !g.is_empty() && (g.contains(&d) || d.contains(g.as_str()))),
            );
        }
    }
    for (key, present) in [("present", true), ("absent", false)] {
        for name in list(&want[key]) {
            s.check(
                format!("{file}: {key} {name:?} not read"),
                m.attendees
                    .iter()
                    .any(|a| a.present == present && norm(&a.name) == name),
            );
        }
    }
}

fn list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).map(norm).collect())
        .unwrap_or_default()
}
