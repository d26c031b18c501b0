//! Judging and mending text that came from OCR. Two jobs, both pure:
//!
//! - [`noise`]: whether a PDF's text layer is worth reading or is the garbage a scanner's own
//!   OCR leaves. The measure is the share of *plausible words* among the words of the layer:
//!   a word is plausible when it is made of letters only (inner hyphens allowed), has a vowel,
//!   no more than five consonants in a row, and is written lower case, Capitalised or in
//!   CAPITALS. Numbers, dates and one-letter words are not counted either way. A layer is
//!   noise when under half its words are plausible, or when it has fewer than ten plausible
//!   words a page and its pages are images (a scan whose only text is a scanner's footer).
//!   Swedish protocols score 0.9 and more; our fixture's scanner layer scores 0.14.
//! - [`clean`]: the damage Tesseract does to protocols, mended where the document itself makes
//!   the reading clear, and nowhere else. Tesseract's Swedish data has no `§`, so a § heading
//!   comes out as `$ 12`, `& 12`, `8 12`, `S 12` or `812`; a `1.` starting a numbered list as
//!   `l.`; a `2.` as `2,`; a stamp or a signature as a line of marks; a header label without
//!   its diacritics (`Narvarande`). The parser is not asked to know any of this.

mod noise;

pub use noise::{MIN_WORD_SHARE, MIN_WORDS_PER_PAGE, WordCount, count_words, noise, pages};

/// OCR text with its typical damage mended (see the module documentation): `$`, `£` and `&`
/// before a number read as `§` (`$$` as `§§`); `8`, `S` or `5` before a number, or glued to
/// it, at the start of a line read as `§` where the numbers of the document's other headings
/// or its declared range ("Paragrafer 14-24") show it is one; `l.` and `I.` as `1.` and `N,`
/// as `N.` at the start of a line where the next or previous item of the list is numbered;
/// marks standing alone between columns (dust read as `-`, `.`, `>`) and, on a § heading, a
/// last word far to the right that is no page number, blanked; and lines that are mostly marks
/// (a stamp, a signature, a fold) and lines that are only a page number (`Sida 13).` for
/// `Sida 1(3)`) dropped; header labels that lost their diacritics (`Narvarande`) restored.
pub fn clean(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(signs_before_numbers).collect();
    let lines = headings(lines);
    let lines = numbered(lines);
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| restore_labels(&stray_marks(&l)))
        .collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if mostly_marks(line) || page_number(line) {
            continue;
        }
        out.push_str(line);
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

/// `$ 12`, `$12`, `£ 12`, `& 12`, `$& 12` → `§ 12`; `$$ 21-25` → `§§ 21-25`. Swedish protocols write
/// amounts in kronor, and `&` joins names, never a number.
fn signs_before_numbers(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let sign = |c: &char| matches!(c, '$' | '£' | '&');
        if sign(&c) && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            // One sign, or two: `$$` is `§§`, two different ones (`$&`) one `§` read twice.
            let run = if chars.get(i + 1).is_some_and(sign) {
                2
            } else {
                1
            };
            let double = run == 2 && chars[i + 1] == c;
            let mut next = i + run;
            if chars.get(next) == Some(&' ') {
                next += 1;
            }
            if chars.get(next).is_some_and(char::is_ascii_digit) {
                out.push_str(if double { "§§ " } else { "§ " });
                i = next;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A line's § heading number, when it starts with `§ N` (after indentation).
fn heading_number(line: &str) -> Option<u32> {
    let rest = line.trim_start().strip_prefix('§')?.trim_start();
    leading_number(rest).map(|(n, _)| n)
}

/// The number at the start of `s` (one to three digits) and what follows it.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    Some((s[..digits].parse().ok()?, &s[digits..]))
}

/// A heading where `§` was read as `8`, `S` or `5`: the line's start, the number, and what
/// follows, when what follows can follow a heading (nothing, or a title in capitals, maybe
/// after `:` or `.`).
fn candidate(line: &str) -> Option<(usize, u32, &str)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let mut chars = trimmed.chars();
    let first = chars.next()?;
    if !matches!(first, '8' | 'S' | '5') {
        return None;
    }
    let after = chars.as_str();
    let spaced = after.trim_start_matches(' ');
    let (n, rest) = leading_number(spaced)?;
    let title = rest.trim_start_matches([':', '.']).trim_start();
    let heads = title.is_empty()
        || title.starts_with(|c: char| c.is_uppercase())
        || (rest.starts_with(' ') && title.starts_with('.'));
    let separated = rest.is_empty() || rest.starts_with([' ', ':', '.']);
    (heads && separated).then_some((indent, n, rest))
}

/// The range a protocol declares ("Paragrafer 14 - 24", "Paragraf 9-16", "§§ 38-45").
fn declared_range(lines: &[String]) -> Option<(u32, u32)> {
    lines.iter().find_map(|l| {
        let lower = l.trim_start().to_lowercase();
        let rest = ["paragrafer", "paragraf", "§§"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))?;
        let rest = rest.trim_start_matches([':', ' ']);
        let (a, rest) = leading_number(rest)?;
        let rest = rest.trim_start().strip_prefix(['-', '–'])?.trim_start();
        let (b, _) = leading_number(rest)?;
        (a <= b).then_some((a, b))
    })
}

/// Mends § headings read as `8`, `S` or `5` (see [`clean`]). A candidate is taken when its
/// number is in the declared range, or next to (or the same as, for a table of contents) the
/// number of a heading already known; known headings grow as candidates are taken. With no
/// heading known, three or more candidates whose numbers follow each other know each other.
fn headings(mut lines: Vec<String>) -> Vec<String> {
    let mut known: std::collections::BTreeSet<u32> =
        lines.iter().filter_map(|l| heading_number(l)).collect();
    let range = declared_range(&lines);
    let candidates: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| candidate(l).map(|(_, n, _)| (i, n)))
        .collect();
    if known.is_empty() && candidates.len() >= 3 {
        let numbers: std::collections::BTreeSet<u32> = candidates.iter().map(|c| c.1).collect();
        known.extend(
            numbers
                .iter()
                .filter(|&&n| numbers.contains(&(n + 1)) || n > 0 && numbers.contains(&(n - 1))),
        );
    }
    let mut taken = vec![false; candidates.len()];
    loop {
        let mut changed = false;
        for (k, &(_, n)) in candidates.iter().enumerate() {
            if taken[k] {
                continue;
            }
            let near = known.contains(&n)
                || known.contains(&(n + 1))
                || (n > 0 && known.contains(&(n - 1)));
            let declared = range.is_some_and(|(a, b)| (a..=b).contains(&n));
            if near || declared {
                taken[k] = true;
                known.insert(n);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (k, &(i, n)) in candidates.iter().enumerate() {
        if taken[k]
            && let Some((indent, _, rest)) = candidate(&lines[i])
        {
            let fixed = format!("{}§ {n}{rest}", &lines[i][..indent]);
            lines[i] = fixed;
        }
    }
    lines
}

/// The number of a numbered line (`3. …`, or `3, …` as OCR may read it).
fn list_number(line: &str) -> Option<u32> {
    let (n, rest) = leading_number(line.trim_start())?;
    (rest.starts_with('.') || rest.starts_with(", ")).then_some(n)
}

/// `l.`/`I.` → `1.` and `N,` → `N.` at the start of a line, when the list's next (or
/// previous) number is there.
fn numbered(mut lines: Vec<String>) -> Vec<String> {
    let numbers: std::collections::BTreeSet<u32> =
        lines.iter().filter_map(|l| list_number(l)).collect();
    for line in &mut lines {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let mut chars = trimmed.chars();
        let (first, second) = (chars.next(), chars.next());
        let starts_text = |s: &str| s.starts_with(' ') || s.starts_with(|c: char| c.is_uppercase());
        if matches!(first, Some('l' | 'I'))
            && second == Some('.')
            && starts_text(&trimmed[2..])
            && numbers.contains(&2)
        {
            *line = format!("{}1.{}", &line[..indent], &trimmed[2..]);
            continue;
        }
        if let Some((n, rest)) = leading_number(trimmed)
            && let Some(text) = rest.strip_prefix(',')
            && text.starts_with(' ')
            && text.trim_start().starts_with(|c: char| c.is_uppercase())
            && (numbers.contains(&(n + 1)) || (n > 0 && numbers.contains(&(n - 1))))
        {
            let digits = trimmed.len() - rest.len();
            *line = format!("{}{}.{text}", &line[..indent], &trimmed[..digits]);
        }
    }
    lines
}

/// Blanks what dust leaves between a page's columns: a token of one or two marks (no letter,
/// digit or `§`) with two spaces or the line's start before it and two spaces or the line's
/// end after it. On a § heading it also blanks a last token after six spaces that has no digit
/// (a page number in a table of contents has): a speck read as `oc` beside the title.
fn stray_marks(line: &str) -> String {
    let mut out = line.to_owned();
    let tokens: Vec<(usize, &str)> = line
        .split(' ')
        .scan(0, |at, t| {
            let start = *at;
            *at += t.len() + 1;
            Some((start, t))
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let gap_before = |start: usize| start == 0 || line[..start].ends_with("  ");
    let gap_after = |end: usize| end == line.len() || line[end..].starts_with("  ");
    let heading = heading_number(line).is_some();
    for (k, &(start, t)) in tokens.iter().enumerate() {
        let end = start + t.len();
        let marks = t.chars().count() <= 2
            && !t.chars().any(|c| c.is_alphanumeric() || c == '§')
            && gap_before(start)
            && gap_after(end)
            && tokens.len() > 1;
        let speck = heading
            && k + 1 == tokens.len()
            && k > 1
            && line[..start].ends_with("      ")
            && !t.chars().any(|c| c.is_ascii_digit());
        if marks || speck {
            out.replace_range(start..end, &" ".repeat(t.len()));
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Header labels with the å, ä, ö that OCR may lose (`Narvarande`, `Ordforande`).
const LABELS: [&str; 17] = [
    "Närvarande",
    "Närvaro",
    "Frånvarande",
    "Ordförande",
    "Ersättare",
    "Ledamöter",
    "Övriga",
    "Tjänstgörande",
    "Tjänstepersoner",
    "Tjänstemän",
    "Gäster",
    "Mötesordförande",
    "Mötessekreterare",
    "Mötesdatum",
    "Mötesplats",
    "Protokollförare",
    "Sammanträdesdatum",
];

/// Whether `word` is `label` with its å, ä and ö read as a and o, in any case: how a label
/// looks when OCR has lost its diacritics. Compared a character at a time, without allocating:
/// it is asked of the first two words of every line.
fn folds_to(word: &str, label: &str) -> bool {
    let fold = |c: char| match c.to_ascii_lowercase() {
        'å' | 'ä' | 'Å' | 'Ä' => 'a',
        'ö' | 'Ö' => 'o',
        c => c,
    };
    word.len() + 3 >= label.len()
        && word.len() <= label.len()
        && word.chars().count() == label.chars().count()
        && word
            .chars()
            .zip(label.chars())
            .all(|(w, l)| fold(w) == fold(l))
}

/// The first two words of a line put back as the header labels they are when OCR lost their
/// diacritics: `Narvarande:` → `Närvarande:`, `Ej narvarande` → `Ej närvarande`. Only words
/// with no å, ä or ö of their own, only these labels, only where a label stands.
fn restore_labels(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let mut out = line[..indent].to_owned();
    for (k, word) in line[indent..].split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let bare = word.trim_end_matches([':', ',']);
        let label = (k < 2 && !bare.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']))
            .then(|| LABELS.iter().find(|l| folds_to(bare, l)))
            .flatten();
        match label {
            Some(label) => {
                let lower = bare.starts_with(char::is_lowercase);
                if lower {
                    out.push_str(&label.to_lowercase());
                } else {
                    out.push_str(label);
                }
                out.push_str(&word[bare.len()..]);
            }
            None => out.push_str(word),
        }
    }
    out
}

/// A line that is only a page number, `Sida 1(3)` or `Sida 2 av 3`, as OCR may misread it
/// (`Sida 13).`) so that the reader of page furniture would not know it.
fn page_number(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = t.strip_prefix("Sida ").or_else(|| t.strip_prefix("sida ")) else {
        return false;
    };
    let rest = rest.trim();
    rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.split_whitespace().all(|w| {
            w == "av"
                || w.chars()
                    .all(|c| c.is_ascii_digit() || "()./,:;|".contains(c))
        })
}

/// A line that is mostly marks: four or more visible characters (`(S)` alone is a party),
/// under half of them letters or digits.
fn mostly_marks(line: &str) -> bool {
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    let alnum = line.chars().filter(|c| c.is_alphanumeric()).count();
    visible >= 4 && alnum * 2 < visible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_before_numbers_are_section_signs() {
        assert_eq!(
            clean("$ 21 Protokollets justering"),
            "§ 21 Protokollets justering"
        );
        assert_eq!(clean("Mossby $$ 21-25, 27"), "Mossby §§ 21-25, 27");
        assert_eq!(
            clean("se &25. Och $10 Ekonomi"),
            "se § 25. Och § 10 Ekonomi"
        );
        assert_eq!(
            clean("$& 25 Upphandling, &$11 Status"),
            "§ 25 Upphandling, § 11 Status"
        );
        assert_eq!(clean("£14"), "§ 14");
        assert_eq!(clean("Svensson & Co, US$ 5"), "Svensson & Co, US$ 5");
    }

    #[test]
    fn eights_become_section_signs_where_the_other_headings_say_so() {
        let text = "Paragrafer: 21-29\n$ 21 Justering\n8 22 Föregående protokoll\n\
            & 23 Laget runt\n8 24 Regional utvecklingsstrategi...   3\nS 25: Upphandling\n\
            8 000 kronor till föreningen\n8 12 st stolar";
        assert_eq!(
            clean(text),
            "Paragrafer: 21-29\n§ 21 Justering\n§ 22 Föregående protokoll\n§ 23 Laget runt\n\
             § 24 Regional utvecklingsstrategi...   3\n§ 25: Upphandling\n\
             8 000 kronor till föreningen\n8 12 st stolar"
        );
        // A glued heading inside the declared range, and one that is a number.
        assert_eq!(
            clean("Paragrafer 14 - 24\n814\nSammanträdet"),
            "Paragrafer 14 - 24\n§ 14\nSammanträdet"
        );
        assert_eq!(
            clean("Paragrafer 14 - 24\n8 30 Möte"),
            "Paragrafer 14 - 24\n8 30 Möte"
        );
        // No § known and no range: a run of three candidates vouches for itself, one does not.
        assert_eq!(
            clean("8 1 Öppnande\n8 2 Val\nS 3 Beslut"),
            "§ 1 Öppnande\n§ 2 Val\n§ 3 Beslut"
        );
        assert_eq!(clean("8 1 Öppnande\nText"), "8 1 Öppnande\nText");
    }

    #[test]
    fn dust_between_columns_is_blanked() {
        assert_eq!(
            clean(
                "   Deltagare:      -     Per-Olof Hedman\n   Paragrafer:   >   21-29\n- a) Camilla"
            ),
            "   Deltagare:            Per-Olof Hedman\n   Paragrafer:       21-29\n- a) Camilla"
        );
        assert_eq!(
            clean(
                "$ 24 Regional utvecklingsstrategi, 2025          oc\n$ 25 Upphandling .....     4"
            ),
            "§ 24 Regional utvecklingsstrategi, 2025\n§ 25 Upphandling .....     4"
        );
    }

    #[test]
    fn labels_get_back_their_diacritics() {
        assert_eq!(
            clean(
                "Narvarande: Anna Berg\nEj narvarande Per Ek\n  Ovriga deltagare:\nOrdforande Ordforande"
            ),
            "Närvarande: Anna Berg\nEj närvarande Per Ek\n  Övriga deltagare:\nOrdförande Ordförande"
        );
        // Not past the second word, and never a word that has its own diacritics.
        assert_eq!(clean("Anna Berg ordforande"), "Anna Berg ordforande");
        assert_eq!(clean("Nårvarande:"), "Nårvarande:");
    }

    #[test]
    fn page_numbers_misread_are_dropped() {
        assert_eq!(
            clean("                 Sida 13).\nProtokoll\nSida 2 av 3\nSida 4 i texten"),
            "Protokoll\nSida 4 i texten"
        );
    }

    #[test]
    fn numbered_lists_and_marks() {
        assert_eq!(
            clean("l. En utbildning\n2, Ett program\n3. Marknadsföring"),
            "1. En utbildning\n2. Ett program\n3. Marknadsföring"
        );
        assert_eq!(clean("l. ensam rad"), "l. ensam rad");
        assert_eq!(
            clean("Beslut\n~—~ /~\\ \\\\ ;;;\n| . , |\nInga övriga frågor.\n2024-11-12"),
            "Beslut\nInga övriga frågor.\n2024-11-12"
        );
    }

    proptest::proptest! {
        #[test]
        fn cleaning_never_panics_and_keeps_letters(s in "[ a-zåäöA-Z0-9$£&§.,:;|()\\-\n]{0,300}") {
            let out = clean(&s);
            proptest::prop_assert!(out.chars().filter(|c| c.is_alphabetic()).count() <= s.chars().filter(|c| c.is_alphabetic()).count());
        }

        #[test]
        fn any_text_is_counted_without_panic(s in "\\PC{0,200}") {
            let _ = noise(&s);
            let _ = clean(&s);
        }
    }
}
