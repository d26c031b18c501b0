//! Golden tests over the real seed protocols in `../shared/corpus/seeds`. They are `#[ignore]`d
//! because that folder lives outside the repository; `.ci/run` runs them with `--ignored`, and
//! without the folder they fail loudly rather than pass without asserting anything.

use std::path::PathBuf;

use protokoll::model::{Group, Meeting};

fn seed(id: &str) -> Meeting {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    assert!(
        dir.is_dir(),
        "{} is missing: these tests need ../shared beside the repository",
        dir.display()
    );
    let loaded = protokoll::library::load(&[dir]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.library.meetings.len(), 5);
    loaded
        .library
        .meetings
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no meeting {id}"))
}

fn numbers(m: &Meeting) -> Vec<u32> {
    m.paragraphs.iter().map(|p| p.number).collect()
}

fn title(m: &Meeting, n: u32) -> &str {
    &m.paragraph(n).unwrap_or_else(|| panic!("no § {n}")).title
}

fn decisions(m: &Meeting, n: u32) -> Vec<&str> {
    m.paragraph(n)
        .unwrap()
        .decisions
        .iter()
        .map(String::as_str)
        .collect()
}

fn present(m: &Meeting, group: Group) -> Vec<&str> {
    m.attendees
        .iter()
        .filter(|a| a.group == group && a.present)
        .map(|a| a.name.as_str())
        .collect()
}

fn absent(m: &Meeting) -> Vec<&str> {
    m.attendees
        .iter()
        .filter(|a| !a.present)
        .map(|a| a.name.as_str())
        .collect()
}

fn attendee<'a>(m: &'a Meeting, name: &str) -> &'a protokoll::model::Attendee {
    m.attendees
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("{name} not in roster"))
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn markdown_2024_09_27() {
    let m = seed("kfvn-styrelse-2024-09-27");
    assert_eq!(
        m.organization.as_deref(),
        Some("Kommunförbundet Västernorrland")
    );
    assert_eq!(m.body.as_deref(), Some("Styrelsen"));
    assert_eq!(
        (m.date.as_deref(), m.start.as_deref(), m.end.as_deref()),
        (Some("2024-09-27"), Some("09:00"), Some("12:00"))
    );
    assert_eq!(m.place.as_deref(), Some("Digitalt via Teams"));
    assert_eq!(m.declared_paragraphs, Some([19, 25]));
    assert_eq!(numbers(&m), (19..=25).collect::<Vec<_>>());
    assert_eq!(
        title(&m, 19),
        "Lärande och reflekterande: Utjämningsutredningen"
    );
    assert_eq!(title(&m, 20), "Ledningens information");
    assert_eq!(m.paragraph(19).unwrap().line, 50);
    assert_eq!(decisions(&m, 19), ["Lägga informationen till handlingarna"]);
    assert_eq!(decisions(&m, 21).len(), 2);
    assert!(decisions(&m, 24).is_empty());
    assert_eq!(
        (m.chair.as_deref(), m.secretary.as_deref()),
        (Some("Erik Lövgren"), Some("Annelie Ledin"))
    );
    assert_eq!(m.adjusters, ["John Åberg"]);
    let nordin = attendee(&m, "Johannes Nordin");
    assert_eq!(
        (
            nordin.replaces.as_deref(),
            nordin.affiliation.as_deref(),
            nordin.present
        ),
        (Some("Anna-Britta Åkerlind"), Some("Örnsköldsvik"), true)
    );
    assert!(!attendee(&m, "Anna-Britta Åkerlind").present);
    let aberg = attendee(&m, "John Åberg");
    assert_eq!(
        (aberg.party.as_deref(), aberg.role.as_deref()),
        (Some("S"), Some("2 v ordf"))
    );
    assert_eq!(present(&m, Group::Member).len(), 8);
    assert_eq!(
        present(&m, Group::Staff),
        ["Charlotte Sandelius", "Annelie Ledin"]
    );
    assert_eq!(present(&m, Group::Guest), ["Eva Lindh", "Emelie Värja"]);
    assert!(absent(&m).contains(&"Linda Mattsson"));
    assert_eq!(absent(&m).len(), 7);
    // The e-signature appendix is not part of § 25, and gives the signing times.
    assert_eq!(
        m.paragraph(25).unwrap().text,
        "Inga övriga frågor denna gång."
    );
    let sec = &m.signatures[0];
    assert_eq!(
        (
            sec.name.as_deref(),
            sec.role.as_deref(),
            sec.signed_at.as_deref()
        ),
        (
            Some("Annelie Ledin"),
            Some("sekreterare"),
            Some("2024-09-30T13:40:14+02:00")
        )
    );
    assert_eq!(m.signatures.len(), 3);
    assert!(m.agenda.is_empty());
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn pdf_text_2025_06_09() {
    let m = seed("kfjh-styrelse-2025-06-09");
    assert_eq!(
        m.organization.as_deref(),
        Some("Kommunförbundet Jämtland Härjedalen")
    );
    assert_eq!(m.date.as_deref(), Some("2025-06-09"));
    assert_eq!(
        m.place.as_deref(),
        Some("Fun Factory, hus U, Campus Östersund/Digitalt via teams")
    );
    assert_eq!(m.declared_paragraphs, Some([21, 30]));
    assert_eq!(numbers(&m), (21..=30).collect::<Vec<_>>());
    assert_eq!(m.paragraph(22).unwrap().line, 110);
    assert_eq!(
        title(&m, 23),
        "Översyn av modell för fördelning av kostnader"
    );
    // The table of contents is read as the agenda, with pages, and is not the body.
    assert_eq!(m.agenda.len(), 10);
    assert_eq!(
        (
            m.agenda[1].number,
            m.agenda[1].title.as_str(),
            m.agenda[1].page
        ),
        (22, "Prognos 1 2025", Some(5))
    );
    assert_eq!(m.agenda[9].page, Some(11));
    assert_eq!(decisions(&m, 22), ["Godkänna prognos 1 2025."]);
    assert_eq!(
        decisions(&m, 21)[1],
        "Susanne väljs att tillsammans med ordförande justera protokollet"
    );
    assert_eq!(
        m.paragraph(24).unwrap().presenters,
        [
            "Martin Söderström",
            "Elin Ring",
            "Malin Elmerstig",
            "Johanna Bogfors"
        ]
    );
    assert_eq!(m.paragraph(22).unwrap().presenters, ["Magnus Ståhlberg"]);
    assert_eq!(
        (m.chair.as_deref(), m.secretary.as_deref()),
        (Some("Karin Jonsson"), Some("Elise Ackerot"))
    );
    assert_eq!(m.adjusters, ["Susanne Hansson"]);
    assert_eq!(
        attendee(&m, "Martine Eng").paragraphs,
        Some(vec![28, 29, 30])
    );
    assert_eq!(
        attendee(&m, "Johanna Bogfors").paragraphs,
        Some((21..=26).collect())
    );
    let eklund = attendee(&m, "Veronica Eklund");
    assert_eq!(
        (eklund.replaces.as_deref(), eklund.affiliation.as_deref()),
        (Some("Bo-Göran Danielsson"), Some("Bräcke"))
    );
    assert_eq!(
        attendee(&m, "Simon Högberg").role.as_deref(),
        Some("andre vice ordförande")
    );
    assert_eq!(present(&m, Group::Member).len(), 13);
    assert_eq!(
        m.attendees
            .iter()
            .filter(|a| a.group == Group::Member && !a.present)
            .count(),
        5
    );
    assert_eq!(
        m.attendees
            .iter()
            .filter(|a| a.group == Group::Substitute && !a.present)
            .count(),
        13
    );
    assert_eq!(present(&m, Group::Staff).len(), 10);
    let j = m.justering.as_ref().unwrap();
    assert_eq!(
        (j.date.as_deref(), j.place.as_deref()),
        (Some("2025-06-17"), Some("digitalt"))
    );
    let sigs: Vec<(Option<&str>, Option<&str>)> = m
        .signatures
        .iter()
        .map(|s| (s.name.as_deref(), s.role.as_deref()))
        .collect();
    assert_eq!(
        sigs,
        [
            (Some("Elise Ackerot"), Some("sekreterare")),
            (Some("Karin Jonsson"), Some("ordförande")),
            (Some("Susanne Hansson"), Some("justerare"))
        ]
    );
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn tab_header_2024_10_21() {
    let m = seed("kfjh-samverkanstid-2024-10-21");
    assert_eq!(
        m.body.as_deref(),
        Some("Samverkanstid kommuner, Region och Länsstyrelse")
    );
    assert_eq!(
        (m.date.as_deref(), m.start.as_deref(), m.end.as_deref()),
        (Some("2024-10-21"), Some("13:00"), Some("14:40"))
    );
    assert_eq!(m.place.as_deref(), Some("Digitalt via teams"));
    assert_eq!(m.declared_paragraphs, Some([15, 25]));
    assert_eq!(numbers(&m), (15..=25).collect::<Vec<_>>());
    // The body's title differs from the agenda's (§ 16): each is kept as written.
    assert_eq!(
        title(&m, 16),
        "Föregående möte samt uppföljningar och pågående ärenden"
    );
    assert_eq!(
        m.agenda[1].title,
        "Föregående protokoll samt uppföljningar och pågående ärenden"
    );
    assert_eq!(title(&m, 24), "Handslaget – en uppdatering från kommunerna");
    assert_eq!(m.agenda.len(), 11);
    let members = present(&m, Group::Member);
    assert_eq!(
        members,
        [
            "Tomas Jonsson",
            "Sara Schelin",
            "Peter Jemtbring",
            "Jenny Kriström",
            "Henrik Kvist",
            "Anda Embretzen",
            "Ralf Westerlund"
        ]
    );
    assert_eq!(
        attendee(&m, "Anda Embretzen").paragraphs,
        Some(vec![15, 16, 17, 18, 19, 21])
    );
    assert_eq!(
        attendee(&m, "Sara Schelin").affiliation.as_deref(),
        Some("Åre kommun")
    );
    assert_eq!(
        present(&m, Group::Staff),
        [
            "Martin Söderström",
            "Elise Ackerot",
            "Elin Ring",
            "Elsy Bäckström"
        ]
    );
    assert_eq!(attendee(&m, "Elsy Bäckström").paragraphs, Some(vec![18]));
    assert_eq!(
        (m.chair.as_deref(), m.secretary.as_deref()),
        (Some("Martin Söderström"), Some("Elise Ackerot"))
    );
    assert_eq!(m.adjusters, ["Jenny Kriström"]);
    assert_eq!(
        m.justering.as_ref().unwrap().date.as_deref(),
        Some("2024-10-21")
    );
    assert_eq!(
        decisions(&m, 15),
        [
            "Jenny Kriström väljs att tillsammans med ordförande justera protokollet.",
            "Upprop genomförs.",
            "Dagordningen fastställs."
        ]
    );
    assert_eq!(decisions(&m, 23).len(), 2);
    assert!(
        decisions(&m, 17).is_empty(),
        "a numbered list of questions is not a decision"
    );
    assert_eq!(
        m.paragraph(18).unwrap().presenters,
        ["Elin Ring", "Elsy Bäckström"]
    );
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn word_export_2010_04_22() {
    let m = seed("kfvn-styrelse-2010-04-22");
    assert_eq!(
        m.organization.as_deref(),
        Some("Kommunförbundet Västernorrland")
    );
    assert_eq!(
        (m.date.as_deref(), m.start.as_deref(), m.end.as_deref()),
        (Some("2010-04-22"), Some("09:00"), Some("12:00"))
    );
    assert_eq!(
        m.place.as_deref(),
        Some("Kommunförbundets kansli, Gånsviksvägen, Härnösand")
    );
    assert_eq!(m.declared_paragraphs, Some([15, 28]));
    // § 27 is missing from the protocol; `§28` has no space.
    assert_eq!(
        numbers(&m),
        [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28]
    );
    assert_eq!(title(&m, 15), "Sammanträdet öppnas");
    assert_eq!(title(&m, 28), "Information och delgivningar");
    assert_eq!(m.paragraph(15).unwrap().line, 43);
    let p18 = m.paragraph(18).unwrap();
    assert_eq!(
        (p18.title.as_str(), p18.dnr.as_deref()),
        (
            "Stärkta strukturer för regional samverkan inom äldreomsorgen",
            Some("2010.009-7")
        )
    );
    let p20 = m.paragraph(20).unwrap();
    assert_eq!(
        p20.title,
        "Norrlandslänens fortsatta samarbete med skolfrågor efter nedläggning av ASO"
    );
    assert_eq!(p20.dnr.as_deref(), Some("2007.030-6"));
    assert_eq!(
        decisions(&m, 20),
        ["ställa sig bakom skolpresidiets förslag"]
    );
    assert_eq!(
        decisions(&m, 23),
        [
            "utse Sten-Ove Danielsson som ordinarie och Jonny Lundin som ersättare i styrgruppen för ERNACT-nätverket."
        ]
    );
    assert_eq!(decisions(&m, 16), ["Dagordningen godkännes."]);
    // Hyphenation at line ends is joined, an open compound is not.
    assert!(
        m.paragraph(17)
            .unwrap()
            .text
            .contains("läggs därefter med godkännande")
    );
    let p19 = &m.paragraph(19).unwrap().text;
    assert!(p19.contains("Socialstyrelsens föreskrifter"), "{p19}");
    assert!(p19.contains("hälso- och sjukvårdslagen"));
    assert!(
        m.paragraph(26)
            .unwrap()
            .text
            .contains("Som ett första steg")
    );
    assert_eq!(
        (m.chair.as_deref(), m.secretary.as_deref()),
        (Some("Glenn Nordlund"), Some("May Andersson"))
    );
    assert_eq!(m.adjusters, ["Hans Brynielsson"]);
    assert_eq!(present(&m, Group::Member).len(), 8);
    let nyberg = attendee(&m, "Gunhild Nyberg");
    assert_eq!(
        (nyberg.group, nyberg.paragraphs.clone()),
        (Group::Staff, Some(vec![18, 19, 26]))
    );
    let marell = attendee(&m, "Marie Marell");
    assert_eq!(
        (marell.affiliation.as_deref(), marell.role.as_deref()),
        (Some("Kvalitetslab"), Some("projektledare"))
    );
    // Three signature lines, all empty.
    assert_eq!(m.signatures.len(), 3);
    assert!(m.signatures.iter().all(|s| s.name.is_none()));
}

#[test]
#[ignore = "needs ../shared/corpus/seeds; run by .ci/run with --ignored"]
fn pdf_with_furniture_2020_05_07() {
    let m = seed("kfvn-styrelse-2020-05-07");
    assert_eq!(
        m.organization.as_deref(),
        Some("Kommunförbundet Västernorrland")
    );
    assert_eq!(m.date.as_deref(), Some("2020-05-07"));
    assert_eq!(m.place.as_deref(), Some("Microsoft Teams, digitalt möte"));
    assert_eq!(numbers(&m), (12..=20).collect::<Vec<_>>());
    assert_eq!(
        title(&m, 12),
        "Status Kommunförbundet med anledning av Covid-19"
    );
    assert_eq!(
        decisions(&m, 14),
        [
            "Godkänna slutrapport för överlämning av Energikontoret Västernorrland till Region Västernorrland."
        ]
    );
    // Page furniture ("Mötesdatum … Justerandes signaturer" and the name under it) is removed.
    for p in &m.paragraphs {
        assert!(
            !p.text.contains("Justerandes"),
            "§ {} keeps furniture",
            p.number
        );
        assert!(
            !p.text.contains("Löfdahl"),
            "§ {} keeps furniture",
            p.number
        );
    }
    assert!(!m.paragraph(12).unwrap().text.ends_with("Erik Lövgren"));
    assert_eq!(
        (m.chair.as_deref(), m.secretary.as_deref()),
        (Some("Peder Björk"), Some("Fredrik Kjellman Ölmerud"))
    );
    assert_eq!(m.adjusters, ["Erik Lövgren"]);
    assert_eq!(
        attendee(&m, "Anna-Britta Åkerlind").role.as_deref(),
        Some("1 v. ordf.")
    );
    assert_eq!(attendee(&m, "Johan Andersson").party.as_deref(), Some("C"));
    assert_eq!(present(&m, Group::Member).len(), 13);
    assert_eq!(
        present(&m, Group::Staff),
        ["Charlotte Sandelius", "Fredrik Kjellman Ölmerud"]
    );
    let sigs: Vec<(Option<&str>, Option<&str>)> = m
        .signatures
        .iter()
        .map(|s| (s.name.as_deref(), s.signed_at.as_deref()))
        .collect();
    assert_eq!(
        sigs,
        [
            (Some("Fredrik Ölmerud"), Some("2020-06-04T15:37:00+02:00")),
            (Some("Peder Björk"), Some("2020-06-04T16:05:00+02:00")),
            (Some("Erik Lövgren"), Some("2020-07-05T07:19:00+02:00"))
        ]
    );
}
