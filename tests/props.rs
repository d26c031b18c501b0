//! The parser on arbitrary text: it never panics, and every § it returns points at a line of the
//! file (1-based, within the line count).

use proptest::prelude::*;

/// Text that looks enough like a protocol to reach deep into the parser: headings, labels,
/// bullets, tabs, page breaks, hyphens and odd characters mixed at random.
fn protocolish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("§ 12 Titel\n".to_owned()),
        Just("§12\n".to_owned()),
        Just("KS § 4  Dnr 2023/1\n".to_owned()),
        Just("## **§3 Rubrik**\n".to_owned()),
        Just("Närvarande: Anna Ek (S), Ort, ordförande\n".to_owned()),
        Just("Deltagare:\tA B, X kommun C D, Y §§ 1-3, 5 E F, Z\n".to_owned()),
        Just("Justeras av:\tA B Sekreterare C D Ordförande\n".to_owned()),
        Just("Innehållsförteckning\n".to_owned()),
        Just("§ 1 Upprop.....\t3\n".to_owned()),
        Just("Styrelsen beslutar att:\n".to_owned()),
        Just("- punkt\n".to_owned()),
        Just("att göra något\n".to_owned()),
        Just("Beslut\n".to_owned()),
        Just("ord-\n".to_owned()),
        Just("\x0c".to_owned()),
        Just("Sida 2(9)\n".to_owned()),
        Just("Sekreterare: \n".to_owned()),
        Just("Namn: A B\nDatum och tid: 2024-09-30 13:40:14 GMT+02:00\n".to_owned()),
        Just("Tid och plats: måndag 9 juni 2025 kl. 09.00-12.00\n".to_owned()),
        Just("\n".to_owned()),
        "[ -~åäöÅÄÖ§\t\r\n(),.:-]{0,40}",
        any::<String>(),
        odd_statement(),
        odd_title().prop_map(|t| format!("§ 7 {t}\n")),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Characters whose lowercase has another length in UTF-8 (KELVIN SIGN, İ, OHM SIGN, ANGSTROM
/// SIGN, CAPITAL SHARP S): offsets found in a lowercased copy do not fit the text as written.
const LENGTH_CHANGING: [char; 5] = ['\u{212A}', '\u{0130}', '\u{2126}', '\u{212B}', '\u{1E9E}'];

/// A municipal statement or heading with length-changing characters put among its words.
fn odd_statement() -> impl Strategy<Value = String> {
    let template = prop::sample::select(vec![
        "Anna Berg (S) {c}ja\n",
        "Per Olsson (M): {c}nej\n",
        "{c}JA = förslaget{c}, NEJ = {c}yrkandet. 2 ja-röster mot 1 nej-röst.\n",
        "Den som vill bifalla {c}A röstar ja, den som vill bifalla {c}B röstar nej.\n",
        "{c}Eva Lind (C) reserverar sig{c}.\n",
        "{c}Anna Lind (C) tjänstgör {c}för Erik Sundin.\n",
        "{c}Eva Lind (C) ersätter {c}Erik Sundin (C).\n",
        "{c}Eva Lind (C) yrkar {c}avslag.\n",
        "Följande ledamöter röstar {c}JA: Anna Berg (S){c}.\n",
    ]);
    with_odd_characters(template)
}

/// A § title with a Dnr, length-changing characters among its words.
fn odd_title() -> impl Strategy<Value = String> {
    with_odd_characters(prop::sample::select(vec![
        "Titel {c} Dnr{c} 2024/{c}3",
        "{c}Ärende (dnr: {c}KS 2024/7)",
        "Budget diarienummer {c}12{c}",
    ]))
}

/// `template` with each `{c}` replaced by a length-changing character and a little filler.
fn with_odd_characters(
    template: impl Strategy<Value = &'static str>,
) -> impl Strategy<Value = String> {
    let chars = prop::collection::vec(prop::sample::select(LENGTH_CHANGING.to_vec()), 1..4);
    (template, chars, "[a-zåäö]{0,3}").prop_map(|(t, cs, filler)| {
        let mut out = String::new();
        let mut k = 0;
        for (i, piece) in t.split("{c}").enumerate() {
            if i > 0 {
                out.push(cs[k % cs.len()]);
                out.push_str(&filler);
                k += 1;
            }
            out.push_str(piece);
        }
        out
    })
}

/// Words and phrases that occur in [`protocolish`] text, and some at random.
fn search_query() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "titel",
            "anna ek",
            "\"anna ek\"",
            "beslutar att",
            "punkt",
            "ordförande",
            "2024",
            "å",
            "e",
            "§",
            "\"sida 2\"",
            "ORD",
            "kelvin",
        ])
        .prop_map(str::to_owned),
        "[a-zåäö§ \"]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn words_split_as_split_whitespace(text in "[a \t\u{a0}\u{2003}\u{3000}\u{85}§Å]{0,16}|\\PC{0,30}|\\PZ{0,30}") {
        let ours: Vec<&str> = protokoll::words::words(&text).collect();
        let std: Vec<&str> = text.split_whitespace().collect();
        prop_assert_eq!(ours, std);
        let ours: Vec<&str> = protokoll::words::words(&text).rev().collect();
        let std: Vec<&str> = text.split_whitespace().rev().collect();
        prop_assert_eq!(ours, std);
        prop_assert_eq!(protokoll::words::is_blank(&text), text.trim().is_empty());
    }

    #[test]
    fn text_lines_split_as_the_standard_lines(text in "[a\r\n§ ]{0,12}|\\PC{0,30}") {
        let ours: Vec<&str> = protokoll::model::text_lines(&text).collect();
        let std: Vec<&str> = text.lines().collect();
        prop_assert_eq!(ours, std);
    }

    #[test]
    fn never_panics_and_lines_are_in_the_file(text in protocolish()) {
        let (m, _) = protokoll::parse::parse(&text, "fuzz.txt");
        let lines = text.split('\n').count() as u32;
        for p in &m.paragraphs {
            prop_assert!(p.line >= 1 && p.line <= lines, "§ {} at line {} of {}", p.number, p.line, lines);
            for &l in &p.text_lines {
                prop_assert!(l >= 1 && l <= lines);
            }
        }
        for a in &m.attendees {
            prop_assert!(a.line >= 1 && a.line <= lines);
        }
    }

    #[test]
    fn statements_with_length_changing_characters_keep_the_protocol(
        title in odd_title(),
        body in prop::collection::vec(odd_statement(), 1..12)
    ) {
        let body = body.concat();
        let text = format!("Protokoll\n\n§ 1 {title}\n\n{body}\n§ 2 {title}\n\n{body}");
        let (m, _) = protokoll::parse::parse(&text, "fuzz.txt");
        for n in [1, 2] {
            prop_assert!(m.paragraphs.iter().any(|p| p.number == n), "§ {} lost", n);
        }
    }

    #[test]
    fn the_outline_agrees_with_the_whole_parse(text in protocolish(), query in search_query()) {
        let clean = protokoll::read::clean(&text);
        let (outline, said) = protokoll::parse::outline(&clean, "2024-05-06 fuzz.txt");
        let (m, diags) = protokoll::parse::parse_lines(clean.clone(), "2024-05-06 fuzz.txt");
        prop_assert_eq!(&outline, &protokoll::parse::Outline::of(&m));
        prop_assert_eq!(said, diags);
        let query = protokoll::search::Query::new(&query);
        let part = protokoll::search::Part::of_outline(&clean, &outline, &query);
        let light = query.in_part(&part, |li| clean.get(li as usize).map(|l| l.text.as_str()));
        let whole = query.in_meeting(&m);
        prop_assert_eq!(light, whole);
    }

    #[test]
    fn a_header_read_without_its_roster_is_the_same_but_for_it(text in protocolish()) {
        use protokoll::parse::{Line, header};
        let lines: Vec<Line> = text
            .split('\n')
            .enumerate()
            .map(|(i, t)| Line { number: i as u32 + 1, t: t.trim().to_owned(), level: 0, indent: 0 })
            .collect();
        let mut whole = header::read(&lines);
        whole.roster.clear();
        prop_assert_eq!(format!("{whole:?}"), format!("{:?}", header::read_without_roster(&lines)));
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = protokoll::read::decode(&bytes) {
            let _ = protokoll::parse::parse(&text, "fuzz.txt");
        }
    }
}
