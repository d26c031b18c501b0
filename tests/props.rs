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
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

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
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = protokoll::read::decode(&bytes) {
            let _ = protokoll::parse::parse(&text, "fuzz.txt");
        }
    }
}
