//! Hostile and odd input, each reproducer of issue 19 as a test: characters whose lowercase has
//! another length, FIFOs and devices where a protocol should be, self-referring symlinks, a
//! `.odt` that repeats cells without end, files that `check` could not check, and file names
//! that carry escape sequences and forged lines.

use protokoll::model::Meeting;

/// Characters whose lowercase is longer or shorter in UTF-8: KELVIN SIGN, İ, OHM SIGN,
/// ANGSTROM SIGN, CAPITAL SHARP S.
const LENGTH_CHANGING: [char; 5] = ['\u{212A}', '\u{0130}', '\u{2126}', '\u{212B}', '\u{1E9E}'];

const HEAD: &str = "Protokoll\n\nNämnden\n\nTid: måndag 4 mars 2024 kl. 13.00-15.00\n\nLedamöter: Anna Berg (S)\nPer Olsson (M)\nEva Lind (C)\n\nJusteringens plats och tid: Kansliet 2024-03-06\n\n";

/// One statement for every reader that finds a word in lowercase and slices the text with it,
/// `{c}` where a length-changing character shifts the offsets.
const STATEMENTS: [&str; 9] = [
    // roll_line
    "Anna Berg (S) {c}ja",
    "Per Olsson (M) - {c}NEJ",
    // meanings: "ja =" … "nej ="
    "{c}JA = kommunstyrelsens {c}förslag, NEJ = {c}Roger Falks yrkande. Omröstningen utfaller med 2 ja-röster mot 1 nej-röst.",
    // meanings: "bifalla … röstar ja"
    "Den som vill bifalla {c}förslaget röstar ja, den som vill bifalla {c}yrkandet röstar nej.",
    // reservation
    "{c} Eva Lind (C) reserverar sig mot beslutet.",
    // substitution
    "{c} Anna Lind (C) tjänstgör som ersättare {c}för Erik Sundin.",
    "{c} Anna Lind (C) ersätter {c}Erik Sundin (C).",
    // motion
    "{c} Eva Lind (C) yrkar {c}avslag.",
    // split_dnr
    "Dnr {c} 2024/12",
];

fn parse(text: &str) -> Meeting {
    protokoll::parse::parse(text, "hostile.txt").0
}

#[test]
fn length_changing_characters_in_every_reader_do_not_lose_the_protocol() {
    for c in LENGTH_CHANGING {
        for s in STATEMENTS {
            let statement = s.replace("{c}", &c.to_string());
            let text = format!(
                "{HEAD}§ 1 Ärende {c} Dnr 2024/{c}1\n\n{statement}\n\nNämnden beslutar att bifalla.\n\n§ 2 Nästa {c}Dnr: 2024/2\n\n{statement}\n"
            );
            let m = parse(&text);
            let numbers: Vec<u32> = m.paragraphs.iter().map(|p| p.number).collect();
            assert_eq!(numbers, [1, 2], "{c:?} in {statement:?}");
            // Through the library too: a panic there would skip the file with a message.
            let loaded = protokoll::library::load_texts(&[("hostile.txt", text.as_bytes())]);
            assert_eq!(loaded.library.meetings.len(), 1, "{:?}", loaded.diagnostics);
        }
    }
}

#[test]
fn the_vote_line_of_the_issue_is_read_as_a_vote() {
    let text = format!(
        "{HEAD}§ 1 Ärende\n\nNämnden beslutar att bifalla.\n\nOmröstningen utfaller med 2 ja-röster mot 1 nej-röst.\n\nAnna Berg (S) \u{212A}ja\nPer Olsson (M) ja\nEva Lind (C) nej\n"
    );
    let m = parse(&text);
    assert_eq!(m.paragraphs.len(), 1);
    let p = &m.paragraphs[0];
    assert_eq!(p.votes.len(), 1, "{:?}", p.votes);
}

#[test]
fn meanings_motions_and_reservations_keep_their_text_around_length_changing_characters() {
    let text = format!(
        "{HEAD}§ 1 Ärende\n\n\u{212A}\u{130} JA = kommunstyrelsens förslag, NEJ = Roger Falks yrkande.\n\nOmröstningen utfaller med 2 ja-röster mot 1 nej-röst.\n\nNu \u{1E9E}\u{2126} Eva Lind (C) yrkar avslag.\n\n\u{212B}, Per Olsson (M) reserverar sig mot beslutet.\n"
    );
    let m = parse(&text);
    let p = &m.paragraphs[0];
    assert_eq!(
        p.votes[0].yes_means.as_deref(),
        Some("kommunstyrelsens förslag")
    );
    assert_eq!(p.votes[0].no_means.as_deref(), Some("Roger Falks yrkande"));
    assert_eq!(p.motions[0].by, "Eva Lind");
    assert_eq!(p.motions[0].text, "avslag.");
    assert_eq!(p.reservations[0].names, ["Per Olsson"]);
}
