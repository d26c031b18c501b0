//! People: identity rules (each with a case that links and one that must not), fuzzy finding
//! with Swedish letters, and the seeds' people who appear in two protocols.

use protokoll::library;
use protokoll::people::{self, Finder, Role};

fn index(texts: &[(&str, &str)]) -> people::People {
    let bytes: Vec<(&str, &[u8])> = texts.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    let loaded = library::load_texts(&bytes);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    people::index(&loaded.library)
}

fn person<'a>(p: &'a people::People, name: &str) -> &'a people::Person {
    p.people.iter().find(|x| x.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            p.people.iter().map(|x| &x.name).collect::<Vec<_>>()
        )
    })
}

const A: &str = "Protokoll styrelsen för Kommunförbundet Test\n\nTid: 2024-03-01 09.00-12.00\n\nNärvarande: Erik Lövgren (S), Ånge, ordförande\nSusanne Hansson, Berg\nElisabeth Lassen, Mo\nFredrik Kjellman Ölmerud, Förbundet (sekreterare)\n\nUtses att justera: Susanne Hansson\n\nSekreterare: Fredrik Ölmerud\n\n§ 1 Öppnande\n\nSusanne väljs att justera. Elisabet Lassen och Elin presenterar. Anders W har ordet.\n";
const B: &str = "Protokoll styrelsen för Kommunförbundet Test\n\nTid: 2020-05-07 09.00-12.00\n\nNärvarande: Peder Björk (S), Sundsvall ordf.\nErik Lovgren (S), Ånge\nSusanne Berg, Mo\n\nUtses att justera Erik Lovgren\n\n§ 12 Status\n\nSusanne redogör.\n";

#[test]
fn one_person_across_meetings_case_and_diacritics_ignored() {
    let p = index(&[("a.txt", A), ("b.txt", B)]);
    let erik = person(&p, "Erik Lövgren");
    let roles: Vec<(String, Role)> = erik
        .appearances
        .iter()
        .map(|a| (a.meeting.clone(), a.role))
        .collect();
    assert!(roles.contains(&("a".into(), Role::Chair)));
    assert!(roles.contains(&("b".into(), Role::Adjuster)));
    assert_eq!(erik.meetings(), 2);
    assert_eq!(erik.attendance(), (2, 2));
    // Negative: "Peder Björk" is not merged with anyone.
    assert_eq!(person(&p, "Peder Björk").meetings(), 1);
}

#[test]
fn first_names_alone_link_within_a_protocol_never_across() {
    let p = index(&[("a.txt", A), ("b.txt", B)]);
    let hansson = person(&p, "Susanne Hansson");
    assert!(
        hansson
            .appearances
            .iter()
            .any(|a| a.role == Role::Mentioned && a.paragraph == Some(1))
    );
    // In b.txt, "Susanne" is Susanne Berg, the only Susanne of that roster.
    assert!(hansson.appearances.iter().all(|a| a.meeting == "a"));
    let berg = person(&p, "Susanne Berg");
    assert!(
        berg.appearances
            .iter()
            .any(|a| a.role == Role::Mentioned && a.paragraph == Some(12))
    );
    // "Elin" is in no roster: not a person; "Anders W" is somebody else's name.
    assert!(
        !p.people
            .iter()
            .any(|x| x.name.starts_with("Elin") || x.name.starts_with("Anders"))
    );
}

#[test]
fn short_forms_and_spelling_variants_become_aliases() {
    let p = index(&[("a.txt", A)]);
    let sec = person(&p, "Fredrik Kjellman Ölmerud");
    assert_eq!(sec.aliases, ["Fredrik Ölmerud"]);
    assert!(sec.appearances.iter().any(|a| a.role == Role::Signatory));
    let lassen = person(&p, "Elisabeth Lassen");
    assert_eq!(lassen.aliases, ["Elisabet Lassen"]);
    assert_eq!(p.variants.len(), 1);
    assert_eq!(
        (
            p.variants[0].written.as_str(),
            p.variants[0].roster.as_str()
        ),
        ("Elisabet Lassen", "Elisabeth Lassen")
    );
    // Negative: a different first name with the same surname is a different person.
    let q = index(&[(
        "c.txt",
        "Protokoll\n\nNärvarande: Anna Andersson, X\nTony Andersson, Y\n\n§ 1 T\n\nTina Andersson deltar.\n",
    )]);
    assert!(q.variants.is_empty());
    assert!(q.people.iter().all(|x| x.aliases.is_empty()));
}

#[test]
fn same_name_in_two_organisations_is_one_entry_with_both() {
    let x = "Protokoll\n\nNärvarande: Anna Ek, Alstad\nBo Ek, Mo\n\n§ 1 T\n\nText.\n";
    let y = "Protokoll\n\nNärvarande: Anna Ek, Region Norr\nBo Ek, Mo\n\n§ 1 T\n\nText.\n";
    let p = index(&[("x.txt", x), ("y.txt", y)]);
    let anna = person(&p, "Anna Ek");
    assert_eq!(anna.affiliations.len(), 2);
    assert_eq!(anna.meetings(), 2);
}

#[test]
fn fuzzy_queries_find_erik_lovgren_first_and_highlight_as_written() {
    let p = index(&[("a.txt", A), ("b.txt", B)]);
    let finder = Finder::default();
    for q in ["lovgren", "LÖVGREN", "eri lov", "e lövgr", "Lövgren"] {
        let hits = finder.find(&p.people, q);
        assert_eq!(p.people[hits[0].person].name, "Erik Lövgren", "query {q}");
    }
    let hits = finder.find(&p.people, "lövg");
    let spans = people::highlight(&p.people[hits[0].person].name, &hits[0].indices);
    assert!(spans.contains(&("Lövg".to_owned(), true)), "{spans:?}");
    assert!(finder.find(&p.people, "zzzz").is_empty());
    assert_eq!(finder.find(&p.people, "").len(), p.people.len());
}

#[test]
fn people_command_text_and_json() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args([
            "people",
            "sjöström",
            "--format",
            "json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["people"][0];
    assert_eq!(first["name"], "Anna-Karin Sjöström");
    let a = &first["appearances"][0];
    for key in ["meeting", "date", "as", "paragraph", "line"] {
        assert!(a.get(key).is_some(), "appearance lacks {key}");
    }
    let roles: Vec<&str> = first["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["as"].as_str().unwrap())
        .collect();
    assert!(
        roles.contains(&"chair") && roles.contains(&"adjuster"),
        "{roles:?}"
    );
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args([
            "people",
            "sjöström",
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets"),
        ])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&text.stdout);
    assert!(s.starts_with("Anna-Karin Sjöström"), "{s}");
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn seed_people_in_two_protocols_are_one_entry() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let loaded = library::load(&[dir]);
    let p = people::index(&loaded.library);
    let erik = person(&p, "Erik Lövgren");
    let meetings: Vec<&str> = erik
        .appearances
        .iter()
        .map(|a| a.meeting.as_str())
        .collect();
    assert!(
        meetings.contains(&"kfvn-styrelse-2024-09-27")
            && meetings.contains(&"kfvn-styrelse-2020-05-07")
    );
    assert!(
        erik.appearances
            .iter()
            .any(|a| a.role == Role::Chair && a.meeting == "kfvn-styrelse-2024-09-27")
    );
    assert!(
        erik.appearances
            .iter()
            .any(|a| a.role == Role::Adjuster && a.meeting == "kfvn-styrelse-2020-05-07")
    );
    for name in [
        "Martin Söderström",
        "Elise Ackerot",
        "Anna-Britta Åkerlind",
        "Ida Stafrin",
    ] {
        assert_eq!(person(&p, name).meetings(), 2, "{name}");
    }
    // Absent in 2024, present in 2020.
    let dalin = person(&p, "Stefan Dalin");
    assert!(dalin.appearances.iter().any(|a| a.role == Role::Absent));
    assert_eq!(dalin.attendance(), (1, 2));
    assert_eq!(
        person(&p, "Fredrik Kjellman Ölmerud").aliases,
        ["Fredrik Ölmerud"]
    );
    assert_eq!(person(&p, "Elisabeth Lassen").aliases, ["Elisabet Lassen"]);
    let susanne = person(&p, "Susanne Hansson");
    assert!(
        susanne
            .appearances
            .iter()
            .any(|a| a.role == Role::Mentioned && a.paragraph == Some(21))
    );
}

#[test]
fn municipal_appearances_move_vote_reserve_and_recuse() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let loaded = library::load(&[dir]);
    let p = people::index(&loaded.library);
    let falk = person(&p, "Roger Falk");
    let roles: Vec<Role> = falk.appearances.iter().map(|a| a.role).collect();
    for r in [Role::Mover, Role::Voted, Role::Reserved] {
        assert!(roles.contains(&r), "{r:?} missing: {roles:?}");
    }
    assert!(
        falk.appearances
            .iter()
            .filter(|a| a.role == Role::Voted)
            .all(|a| a.vote.is_some())
    );
    let sundin = person(&p, "Erik Sundin");
    assert!(
        sundin
            .appearances
            .iter()
            .any(|a| a.role == Role::Recused && a.paragraph == Some(4))
    );
}

const SWEDISH: &str = "Protokoll styrelsen för Kommunförbundet Test\n\nTid: 2024-03-01 09.00-12.00\n\nNärvarande: Åsa Åberg (S), Mo\nAnna Aberg (M), Mo\nZara Zetterlund (C), Mo\nÖrjan Öhman (S), Mo\nEva Lind (S), Mo\nLinnea Danielsson (S), Mo\nÄrla Ängström (V), Mo\n\n§ 1 Öppnande\n\nInget.\n";

#[test]
fn people_sort_in_swedish_order_with_a_ring_a_umlaut_o_umlaut_after_z() {
    let p = index(&[("s.txt", SWEDISH)]);
    let names: Vec<&str> = p.people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Anna Aberg",
            "Linnea Danielsson",
            "Eva Lind",
            "Zara Zetterlund",
            "Åsa Åberg",
            "Ärla Ängström",
            "Örjan Öhman",
        ]
    );
}

#[test]
fn a_whole_word_surname_ranks_first() {
    let p = index(&[("s.txt", SWEDISH)]);
    let hits = Finder::default().find(&p.people, "lind");
    let names: Vec<&str> = hits
        .iter()
        .map(|h| p.people[h.person].name.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"Eva Lind"), "{names:?}");
    assert!(names.contains(&"Linnea Danielsson"), "{names:?}");
}

#[test]
fn a_municipality_in_a_roster_is_not_a_person() {
    // The roster reader takes a municipality on a line of its own, or after a name without a
    // comma, for a name; the people index must not list it as a person.
    let text = "Protokoll styrelsen för Kommunförbundet Test\n\nTid: 2024-03-01 09.00-12.00\n\nNärvarande: Anna Ek (S), Östra Göinge\nEva Lind (S), Lilla Edet\n\n§ 1 Öppnande\n\nInget.\n";
    let p = index(&[("k.txt", text)]);
    let names: Vec<&str> = p.people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        ["Anna Ek (S)", "Eva Lind (S)"].map(|n| n.split(" (").next().unwrap()),
        "{names:?}"
    );
}

#[test]
fn the_people_command_counts_meetings_in_the_singular_and_plural() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), A).unwrap();
    std::fs::write(dir.path().join("b.txt"), B).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["people", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("meeting(s)"), "{text}");
    assert!(text.contains("  1 meeting, present"), "{text}");
    assert!(text.contains("  2 meetings, present"), "{text}");
}
