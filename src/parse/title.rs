//! Who met, as the title or intro of minutes outside a municipal template says it: "IX
//! Årsmötesprotokoll 2019", "Protokoll fört vid datorföreningen Stackens höstmöte 2009",
//! "Gemensamt husrådsmöte BRF Doktor Lindh", "Möte med sektionens styrelse".

/// Kinds of meeting, as words of a title, and the body each names (in the definite form).
const KINDS: [(&str, &str); 17] = [
    ("extra medlemsmöte", "Extra medlemsmötet"),
    ("extra årsmöte", "Extra årsmötet"),
    ("extra föreningsstämma", "Extra föreningsstämman"),
    ("årsmöte", "Årsmötet"),
    ("höstmöte", "Höstmötet"),
    ("vårmöte", "Vårmötet"),
    ("medlemsmöte", "Medlemsmötet"),
    ("sektionsmöte", "Sektionsmötet"),
    ("föreningsstämma", "Föreningsstämman"),
    ("årsstämma", "Årsstämman"),
    ("stämma", "Stämman"),
    ("husrådsmöte", "Husrådsmötet"),
    ("partistyrelse", "Partistyrelsen"),
    ("kårstyrelse", "Kårstyrelsen"),
    ("styrelsemöte", "Styrelsen"),
    ("styrelseprotokoll", "Styrelsen"),
    ("styrelse", "Styrelsen"),
];

/// The body a title names by the kind of meeting, where its words start with a kind
/// ("Årsmötesprotokoll", "styrelsemöte", "sektionens styrelse"; not "Länsstyrelse").
pub fn body_from_kind(title: &str) -> Option<String> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (kind, body) in KINDS {
        let parts: Vec<&str> = kind.split(' ').collect();
        let found = words.windows(parts.len()).any(|w| {
            w[..parts.len() - 1] == parts[..parts.len() - 1]
                && w[parts.len() - 1]
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .starts_with(parts[parts.len() - 1])
        });
        if found {
            return Some(body.to_owned());
        }
    }
    None
}

/// Words that make a word an organisation's (the word and the capitalised words around it are
/// its name): "datorföreningen Stackens", "BRF Doktor Lindh", "Österlen Budoklubb".
const ORG_MARKERS: [&str; 10] = [
    "förening",
    "brf",
    "klubb",
    "kåren",
    "samfällighet",
    "sällskap",
    "förbund",
    "sektionen",
    "amnesty",
    "organisation",
];

/// Adjectives of a kind of meeting, capitalised in titles, not part of the organisation.
const KIND_ADJECTIVES: [&str; 6] = [
    "konstituerande",
    "extra",
    "ordinarie",
    "gemensamt",
    "gemensamma",
    "extrainsatt",
];

/// The organisation named in a title or intro: around a word like "föreningen" or "klubb", or
/// the capitalised words right before the kind of meeting ("IX Årsmötesprotokoll", "Stackens
/// Vårmöte").
pub fn organization_in_prose(title: &str) -> Option<String> {
    // A name does not run over a sentence or clause end: stop words there.
    let raw: Vec<&str> = title.split_whitespace().collect();
    let words: Vec<&str> = raw
        .iter()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';' | '#' | '*')))
        .collect();
    let ends = |i: usize| raw[i].ends_with([',', '.', ':', ';']);
    let cap = |w: &str| {
        w.starts_with(char::is_uppercase)
            && !w.chars().any(|c| c.is_ascii_digit())
            && crate::date::weekday_sv(w).is_none()
    };
    let is_kind = |w: &str| {
        let l = w.to_lowercase();
        KINDS
            .iter()
            .any(|(k, _)| l.starts_with(k.split(' ').next().unwrap_or(k)))
            || l.starts_with("protokoll")
            || l.starts_with("möte")
    };
    for (i, w) in words.iter().enumerate() {
        let l = w.to_lowercase();
        if !ORG_MARKERS.iter().any(|m| l.contains(m)) || l.contains("styrelse") || is_kind(w) {
            continue;
        }
        let mut start = i;
        while start > 0
            && cap(words[start - 1])
            && !is_kind(words[start - 1])
            && !ends(start - 1)
            && i - start < 2
        {
            start -= 1;
        }
        let mut end = i + 1;
        while end < words.len()
            && !ends(end - 1)
            && cap(words[end])
            && !is_kind(words[end])
            && end - i < 4
        {
            end += 1;
        }
        // "Studentkåren i Norrvik", "Hyresgästföreningen i Ort".
        if end + 1 < words.len() && words[end] == "i" && !ends(end - 1) && cap(words[end + 1]) {
            end += 2;
        }
        if end - start < 2 && !cap(w) {
            continue;
        }
        return Some(genitive(&words[start..end].join(" ")));
    }
    // "IX Årsmötesprotokoll", "Stackens Vårmöte 2024-03-07", "Ixs Konstituerande styrelsemöte".
    let k = words
        .iter()
        .position(|w| is_kind(w) && !w.to_lowercase().starts_with("protokoll"))?;
    let mut end = k;
    while end > 0 && KIND_ADJECTIVES.contains(&words[end - 1].to_lowercase().as_str()) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && cap(words[start - 1]) && end - start < 3 {
        start -= 1;
    }
    if start == end {
        return None;
    }
    let org = words[start..end]
        .iter()
        .filter(|w| !w.to_lowercase().starts_with("protokoll"))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    (!org.is_empty()).then(|| genitive(&org))
}

/// "Stackens" → "Stacken": the genitive of a name before the meeting it held.
fn genitive(s: &str) -> String {
    match s.strip_suffix('s') {
        Some(base) if base.chars().count() >= 2 && !base.ends_with('s') => base.to_owned(),
        _ => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_from_kinds() {
        assert_eq!(
            body_from_kind("IX Årsmötesprotokoll 2019").as_deref(),
            Some("Årsmötet")
        );
        assert_eq!(
            body_from_kind("Möte med sektionens styrelse den 1 december 2007").as_deref(),
            Some("Styrelsen")
        );
        assert_eq!(
            body_from_kind("Samverkanstid kommuner, Region och Länsstyrelse"),
            None
        );
    }

    #[test]
    fn organisations_in_prose() {
        let o = |s: &str| organization_in_prose(s);
        assert_eq!(
            o("Protokoll fört vid datorföreningen Stackens höstmöte 2009, torsdagen").as_deref(),
            Some("datorföreningen Stacken")
        );
        assert_eq!(
            o("Gemensamt husrådsmöte BRF Doktor Lindh 2020-10-14").as_deref(),
            Some("BRF Doktor Lindh")
        );
        assert_eq!(o("IX Årsmötesprotokoll 2019").as_deref(), Some("IX"));
        assert_eq!(o("Stackens Vårmöte 2024-03-07").as_deref(), Some("Stacken"));
        assert_eq!(
            o("Ixs Konstituerande styrelsemöte för år 2018").as_deref(),
            Some("Ix")
        );
        assert_eq!(o("Anteckningar från arbetsmöte"), None);
    }
}
