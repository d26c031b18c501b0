//! Small pure scanners over one line: Markdown emphasis, § headings, Dnr, number lists, labels.
//! Each answers one question about a line and is tested right below.

/// The line without Markdown decoration: leading `#`s, `**`/`__` emphasis and `*x*` emphasis.
/// A leading `* ` bullet becomes `- `.
pub fn strip_md(line: &str) -> String {
    strip_md_in(line).into_owned()
}

/// [`strip_md`], borrowing the line when it has no decoration (most lines): for callers that
/// go over every line of a library.
pub fn strip_md_in(line: &str) -> std::borrow::Cow<'_, str> {
    let t = line.trim();
    if memchr::memchr3(b'#', b'*', b'_', t.as_bytes()).is_none() {
        return t.into();
    }
    let t = t.trim_start_matches('#').trim_start();
    let t = t
        .strip_prefix("* ")
        .map_or_else(|| t.to_owned(), |r| format!("- {r}"));
    let t = t.replace("**", "").replace("__", "");
    if !t.contains('*') {
        return t.trim().to_owned().into();
    }
    // A single `*` is emphasis when it touches a word on one side only ("*Ekonomi*.....").
    let chars: Vec<char> = t.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' {
            let before = word(i.checked_sub(1).and_then(|j| chars.get(j)));
            let after = word(chars.get(i + 1));
            if before != after {
                continue;
            }
        }
        out.push(c);
    }
    out.trim().to_owned().into()
}

/// Whether `t` lowercased is `lower` (which is in lowercase already), without allocating.
pub fn eq_lower(t: &str, lower: &str) -> bool {
    // Swedish letters keep their length in bytes when lowercased: a cheap first test.
    t.len() == lower.len() && t.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// A decorative rule: `---`, `___`, `***`, `===`.
pub fn is_rule(line: &str) -> bool {
    let mut n = 0;
    for c in line.chars() {
        match c {
            '-' | '_' | '*' | '=' | '–' | '—' => n += 1,
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    n >= 3
}

/// A § heading: `§ 21 Title`, `§21`, `## §19 Title`, `KS § 45  Dnr KS 2023/0412`, `§ 1. Title`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub number: u32,
    /// What follows the number on the same line, trimmed (may be empty or hold a Dnr).
    pub rest: String,
    /// A body prefix before the § ("KS", "KSAU").
    pub prefix: Option<String>,
}

/// Reads a § heading from a line already stripped of Markdown. References inside prose
/// ("se § 24"), lists (`§§ 15-19`) and ranges (`§ 28-30`) are not headings.
pub fn heading(t: &str) -> Option<Heading> {
    let t = t.trim();
    let sect = t.find('§')?;
    let prefix = t[..sect].trim();
    if !prefix.is_empty()
        && (prefix.chars().count() > 8
            || prefix.contains(' ')
            || !prefix
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-'))
    {
        return None;
    }
    let after = &t[sect + '§'.len_utf8()..];
    if after.starts_with('§') {
        return None;
    }
    let after = after.trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    let rest = &after[digits.len()..];
    // "§ 28-30", "§ 18, 19", "§ 3 och 4": a reference or a range, not a heading.
    let rt = rest.trim_start();
    if rt.starts_with(['-', '–', ','])
        && rt[rt.chars().next()?.len_utf8()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let rest = rest.trim_start_matches(['.', ':', ')']).trim();
    let rest = rest.trim_start_matches(['–', '-', '—']).trim();
    // "§ 30    § 31": column heads of a table, not a heading.
    if rest.starts_with("och ")
        || rest.starts_with(|c: char| c.is_lowercase())
        || rest.starts_with('§')
    {
        return None;
    }
    Some(Heading {
        number,
        rest: rest.to_owned(),
        prefix: (!prefix.is_empty()).then(|| prefix.to_owned()),
    })
}

/// Splits a trailing registry number off a title: `Title Dnr 2010.009-7` → (`Title`, `2010.009-7`).
/// A line that is only a Dnr gives an empty title.
pub fn split_dnr(s: &str) -> (String, Option<String>) {
    // A Dnr stands on a heading or a short line of its own, never deep in prose.
    if s.len() > 400 || !(s.contains("nr") || s.contains("NR") || s.contains("iarie")) {
        return (s.trim().to_owned(), None);
    }
    let lower = crate::fold::Lowered::new(s);
    for key in [
        "dnr:",
        "dnr.",
        "dnr ",
        "diarienr:",
        "diarienr ",
        "diarienummer:",
        "diarienummer ",
    ] {
        let mut from = 0;
        while let Some(found) = lower.find_from(from, key) {
            let at = found.start;
            let boundary = at == 0 || s[..at].ends_with([' ', '\t', '(']);
            if boundary {
                let value = s[found.end..]
                    .trim()
                    .trim_start_matches(':')
                    .trim()
                    .trim_end_matches(')')
                    .trim();
                if value.chars().any(|c| c.is_ascii_digit()) {
                    let title = s[..at].trim().trim_end_matches(['(', ',', '–', '-']).trim();
                    return (title.to_owned(), Some(value.to_owned()));
                }
            }
            from = found.end;
        }
    }
    (s.trim().to_owned(), None)
}

/// Numbers in a list like `15-19, 21`, `18, 19 och 26`, `28–30`; ranges expanded (at most 500
/// numbers in all, so a typo like `1-99999` cannot blow up).
pub fn number_list(s: &str) -> Vec<u32> {
    let s = s.replace(['–', '—'], "-");
    let mut out = Vec::new();
    for part in s.split([',', ';', '&']).flat_map(|p| p.split(" och ")) {
        let part = part.trim().trim_start_matches('§').trim();
        if let Some((a, b)) = part.split_once('-') {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>())
                && a <= b
                && b - a < 500
            {
                out.extend(a..=b);
            }
        } else if let Ok(n) = part.parse::<u32>() {
            out.push(n);
        }
        if out.len() > 500 {
            out.truncate(500);
            break;
        }
    }
    out
}

/// The byte length of a §-list at the start of `s` (`§ 28-30`, `§§ 15-19, 21`), and its numbers.
pub fn section_list_prefix(s: &str) -> Option<(usize, Vec<u32>)> {
    let rest = s.strip_prefix('§')?;
    let rest = rest.strip_prefix('§').unwrap_or(rest);
    let mut end = s.len() - rest.len();
    let bytes = s.as_bytes();
    let mut last_good = None;
    let mut i = end;
    // Accept digits, spaces, dashes and commas followed by a digit.
    while i < bytes.len() {
        let c = s[i..].chars().next()?;
        if c.is_ascii_digit() {
            i += 1;
            last_good = Some(i);
        } else if c == ' ' || c == '-' || c == '–' || c == ',' {
            i += c.len_utf8();
        } else if s[i..].starts_with("och ") && last_good.is_some() {
            i += 4;
        } else {
            break;
        }
    }
    end = last_good?;
    let numbers = number_list(&s[..end]);
    (!numbers.is_empty()).then_some((end, numbers))
}

/// The first `[lo, hi]` range in a text like `Paragrafer 19-25`, `15 - 28`, `101–106`, or a
/// single number.
pub fn range(s: &str) -> Option<[u32; 2]> {
    let nums = number_list(
        &s.chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | ' '))
            .collect::<String>(),
    );
    let lo = *nums.iter().min()?;
    let hi = *nums.iter().max()?;
    Some([lo, hi])
}

/// Lower-case, `**` removed, the first `len` characters compared with `label`, and what follows
/// it must be a separator (`:`, tab, space, end). Returns the value after the separator.
pub fn after_label<'a>(t: &'a str, label: &str) -> Option<&'a str> {
    // Most lines start with another letter than the label: decide that without lowercasing.
    let (Some(a), Some(b)) = (t.bytes().next(), label.bytes().next()) else {
        return None;
    };
    if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && !a.eq_ignore_ascii_case(&b) {
        return None;
    }
    let mut ti = t.char_indices();
    for lc in label.chars() {
        let (_, c) = ti.next()?;
        if c.to_lowercase().ne(lc.to_lowercase()) {
            return None;
        }
    }
    let at = ti.next().map_or(t.len(), |(i, _)| i);
    let rest = &t[at..];
    let sep_ok = rest.is_empty() || rest.starts_with([':', '\t', ' ', ',']);
    if !sep_ok {
        return None;
    }
    // "Vid protokollet, Rasmus Kaj": a comma separates like a space (a capital must follow).
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '\t']);
    let had_colon = rest.starts_with(':');
    let value = rest.trim_start_matches(':').trim();
    if !had_colon && !rest.is_empty() && !t[at..].starts_with('\t') {
        // Without a colon, a label is only a label when a value starts right after it with a
        // capital or a digit ("Tid 22 april 2010", "Beslutande Glenn Nordlund").
        let first = value.chars().next()?;
        // "Ordförande ........": a signature line after its role.
        let dotted = value.starts_with("...") || value.starts_with("___");
        if !(first.is_uppercase() || first.is_ascii_digit() || dotted) {
            return None;
        }
    }
    Some(value)
}

/// Strips list markers: `- `, `• `, `* `, `a) `, `1. `, `1) `.
pub fn strip_bullet(t: &str) -> Option<&str> {
    let t = t.trim_start();
    for b in ["- ", "• ", "– ", "* ", "· "] {
        if let Some(r) = t.strip_prefix(b) {
            return Some(strip_enumerator(r.trim_start()).unwrap_or(r.trim_start()));
        }
    }
    strip_enumerator(t)
}

/// `a) `, `1. `, `1) ` at the start of a line.
pub fn strip_enumerator(t: &str) -> Option<&str> {
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    let mut end = first.len_utf8();
    if first.is_ascii_digit() {
        for (i, c) in chars.by_ref() {
            if !c.is_ascii_digit() {
                end = i;
                break;
            }
        }
    } else if !(first.is_ascii_lowercase()) {
        return None;
    }
    let rest = &t[end..];
    let rest = rest.strip_prefix(')').or_else(|| {
        if first.is_ascii_digit() {
            rest.strip_prefix('.')
        } else {
            None
        }
    })?;
    rest.starts_with(' ').then(|| rest.trim_start())
}

/// A few words to look for in many lines, each searcher built once: cheaper than `str::contains`,
/// which sets up its search again on every call.
pub struct Needles(Vec<memchr::memmem::Finder<'static>>);

impl Needles {
    pub fn new(words: &[&'static str]) -> Self {
        Self(
            words
                .iter()
                .map(|w| memchr::memmem::Finder::new(*w))
                .collect(),
        )
    }

    pub fn any_in(&self, haystack: &[u8]) -> bool {
        self.0.iter().any(|f| f.find(haystack).is_some())
    }

    /// Where any of the words occurs, in order.
    pub fn positions(&self, haystack: &[u8]) -> Vec<usize> {
        let mut at: Vec<usize> = self.0.iter().flat_map(|f| f.find_iter(haystack)).collect();
        at.sort_unstable();
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markdown() {
        assert_eq!(
            strip_md("## **§20 Ledningens information**"),
            "§20 Ledningens information"
        );
        assert_eq!(
            strip_md("Föredragande: *Elin Ring, förbundsstrateg*"),
            "Föredragande: Elin Ring, förbundsstrateg"
        );
        assert_eq!(strip_md("### **Bakgrund:**"), "Bakgrund:");
        assert_eq!(strip_md("* punkt"), "- punkt");
        assert_eq!(strip_md("3 * 4"), "3 * 4");
        assert_eq!(
            strip_md("§ 2 *Ekonomi - prognos*.....\t2"),
            "§ 2 Ekonomi - prognos.....\t2"
        );
    }

    #[test]
    fn rules() {
        assert!(is_rule("---"));
        assert!(is_rule("_____"));
        assert!(!is_rule("- a"));
        assert!(!is_rule("--"));
    }

    #[test]
    fn headings() {
        let h = heading("§ 22 Prognos 1 2025").unwrap();
        assert_eq!((h.number, h.rest.as_str()), (22, "Prognos 1 2025"));
        assert_eq!(heading("§19 Lärande").unwrap().number, 19);
        assert_eq!(heading("§28").unwrap().rest, "");
        assert_eq!(
            heading("§ 1. Mötets öppnande").unwrap().rest,
            "Mötets öppnande"
        );
        assert_eq!(
            heading("§ 4 – Val av justerare").unwrap().rest,
            "Val av justerare"
        );
        let h = heading("KS § 45      Dnr KS 2023/0412").unwrap();
        assert_eq!((h.number, h.prefix.as_deref()), (45, Some("KS")));
        assert!(heading("Se § 24.").is_none());
        assert!(heading("§§ 15-19, 21").is_none());
        assert!(heading("§ 28-30").is_none());
        assert!(heading("§ 18, 19").is_none());
        assert!(heading("§ 24 i protokollet").is_none());
        assert!(heading("§12a").is_none());
    }

    #[test]
    fn dnr() {
        assert_eq!(
            split_dnr("Norrlandslänens samarbete efter ASO Dnr 2007.030-6"),
            (
                "Norrlandslänens samarbete efter ASO".into(),
                Some("2007.030-6".into())
            )
        );
        assert_eq!(
            split_dnr("Dnr 2010.009-7"),
            (String::new(), Some("2010.009-7".into()))
        );
        assert_eq!(
            split_dnr("Dnr KS 2023/0412"),
            (String::new(), Some("KS 2023/0412".into()))
        );
        assert_eq!(split_dnr("Dnrfri rubrik"), ("Dnrfri rubrik".into(), None));
    }

    #[test]
    fn number_lists() {
        assert_eq!(number_list("15-19, 21"), [15, 16, 17, 18, 19, 21]);
        assert_eq!(number_list("18, 19 och 26"), [18, 19, 26]);
        assert_eq!(number_list("28–30"), [28, 29, 30]);
        assert_eq!(number_list("1-99999"), Vec::<u32>::new());
        assert_eq!(
            section_list_prefix("§§ 15-19, 21 Ralf"),
            Some((14, vec![15, 16, 17, 18, 19, 21]))
        );
        assert_eq!(section_list_prefix("§ 28-30"), Some((8, vec![28, 29, 30])));
        assert_eq!(range("Paragrafer 15 - 28"), Some([15, 28]));
        assert_eq!(range("101–106"), Some([101, 106]));
    }

    #[test]
    fn labels() {
        assert_eq!(after_label("Plats: Teams", "plats"), Some("Teams"));
        assert_eq!(
            after_label("Tid 22 april 2010", "tid"),
            Some("22 april 2010")
        );
        assert_eq!(
            after_label("Paragrafer:\t15-25", "paragrafer"),
            Some("15-25")
        );
        assert_eq!(after_label("Tiden går", "tid"), None);
        assert_eq!(after_label("Tid för fika", "tid"), None);
        assert_eq!(after_label("Paragrafer:", "paragrafer"), Some(""));
    }

    #[test]
    fn bullets() {
        assert_eq!(
            strip_bullet("- a) Upprop genomförs"),
            Some("Upprop genomförs")
        );
        assert_eq!(strip_bullet("1. Vad lyckas ni"), Some("Vad lyckas ni"));
        assert_eq!(strip_bullet("b) Organisation"), Some("Organisation"));
        assert_eq!(strip_bullet("Styrelsen"), None);
        assert_eq!(strip_bullet("att göra"), None);
    }
}
