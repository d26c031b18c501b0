//! The bundled sample protocols, read against `tests/expected/assets.json`: the facts a careful
//! reader sees in each file, written down by hand (not by running the program).

use std::collections::BTreeMap;

use protokoll::model::Meeting;
use serde_json::Value;

fn load() -> (Vec<Meeting>, Value) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = protokoll::library::load(&[dir.join("assets")]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("tests/expected/assets.json")).unwrap(),
    )
    .unwrap();
    (loaded.library.meetings, expected)
}

fn norm(s: &str) -> String {
    s.replace('\u{2013}', "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

#[test]
fn every_sample_reads_as_a_careful_reader_sees_it() {
    let (meetings, expected) = load();
    let files = expected["files"].as_object().unwrap();
    // Every file described must be loaded (other samples have golden tests of their own).
    assert!(meetings.len() >= files.len());
    for (file, e) in files {
        let m = meetings
            .iter()
            .find(|m| m.source.ends_with(file.as_str()))
            .unwrap_or_else(|| panic!("{file} not loaded"));
        let ctx = |what: &str| format!("{file}: {what}");
        for (key, got) in [
            ("date", &m.date),
            ("start", &m.start),
            ("end", &m.end),
            ("place", &m.place),
            ("organization", &m.organization),
            ("body", &m.body),
            ("chair", &m.chair),
            ("secretary", &m.secretary),
        ] {
            assert_eq!(got, &s(&e[key]), "{}", ctx(key));
        }
        let declared: Option<Vec<u32>> = e["declared_paragraphs"]
            .as_array()
            .map(|a| a.iter().map(|n| n.as_u64().unwrap() as u32).collect());
        assert_eq!(
            m.declared_paragraphs.map(|r| r.to_vec()),
            declared,
            "{}",
            ctx("declared")
        );
        let adjusters: Vec<String> = e["adjusters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(s)
            .collect();
        assert_eq!(m.adjusters, adjusters, "{}", ctx("adjusters"));

        let mut present: Vec<&str> = m
            .attendees
            .iter()
            .filter(|a| a.present)
            .map(|a| a.name.as_str())
            .collect();
        let mut want: Vec<&str> = e["present"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        present.sort_unstable();
        want.sort_unstable();
        assert_eq!(present, want, "{}", ctx("present"));
        let mut absent: Vec<&str> = m
            .attendees
            .iter()
            .filter(|a| !a.present)
            .map(|a| a.name.as_str())
            .collect();
        let mut want: Vec<&str> = e["absent"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        absent.sort_unstable();
        want.sort_unstable();
        assert_eq!(absent, want, "{}", ctx("absent"));
        let replaces: BTreeMap<&str, &str> = m
            .attendees
            .iter()
            .filter_map(|a| Some((a.name.as_str(), a.replaces.as_deref()?)))
            .collect();
        let want: BTreeMap<&str, &str> = e["replaces"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
            .collect();
        assert_eq!(replaces, want, "{}", ctx("replaces"));
        let limits: BTreeMap<&str, Vec<u32>> = m
            .attendees
            .iter()
            .filter_map(|a| Some((a.name.as_str(), a.paragraphs.clone()?)))
            .collect();
        let want: BTreeMap<&str, Vec<u32>> = e["limits"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str(),
                    v.as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_u64().unwrap() as u32)
                        .collect(),
                )
            })
            .collect();
        assert_eq!(limits, want, "{}", ctx("limits"));

        let paragraphs = e["paragraphs"].as_array().unwrap();
        assert_eq!(m.paragraphs.len(), paragraphs.len(), "{}", ctx("§ count"));
        for (p, want) in m.paragraphs.iter().zip(paragraphs) {
            let n = want["number"].as_u64().unwrap() as u32;
            assert_eq!(p.number, n, "{}", ctx("§ number"));
            assert_eq!(
                norm(&p.title),
                norm(want["title"].as_str().unwrap()),
                "{}",
                ctx(&format!("§ {n} title"))
            );
            let decisions: Vec<String> = want["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .map(norm)
                .collect();
            assert_eq!(
                p.decisions.iter().map(|d| norm(d)).collect::<Vec<_>>(),
                decisions,
                "{}",
                ctx(&format!("§ {n} decisions"))
            );
            let presenters: Vec<String> = want["presenters"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(s)
                .collect();
            assert_eq!(
                p.presenters,
                presenters,
                "{}",
                ctx(&format!("§ {n} presenters"))
            );
            assert_eq!(p.dnr, s(&want["dnr"]), "{}", ctx(&format!("§ {n} dnr")));
        }
        let agenda: Vec<(u32, String, Option<u32>)> = m
            .agenda
            .iter()
            .map(|a| (a.number, norm(&a.title), a.page))
            .collect();
        let want: Vec<(u32, String, Option<u32>)> = e["agenda"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["number"].as_u64().unwrap() as u32,
                    norm(a["title"].as_str().unwrap()),
                    a["page"].as_u64().map(|p| p as u32),
                )
            })
            .collect();
        assert_eq!(agenda, want, "{}", ctx("agenda"));
        let sigs: Vec<(Option<String>, Option<String>, Option<String>)> = m
            .signatures
            .iter()
            .map(|x| (x.name.clone(), x.role.clone(), x.signed_at.clone()))
            .collect();
        let want: Vec<(Option<String>, Option<String>, Option<String>)> = e["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| (s(&x["name"]), s(&x["role"]), s(&x["signed_at"])))
            .collect();
        assert_eq!(sigs, want, "{}", ctx("signatures"));
        let j = &e["justering"];
        let want = (s(&j["date"]), s(&j["place"]));
        let got = m
            .justering
            .as_ref()
            .map_or((None, None), |j| (j.date.clone(), j.place.clone()));
        assert_eq!(got, want, "{}", ctx("justering"));
    }
}

#[test]
fn people_recur_across_sample_meetings() {
    let (meetings, _) = load();
    let in_meetings = |name: &str| {
        meetings
            .iter()
            .filter(|m| m.attendees.iter().any(|a| a.name == name))
            .count()
    };
    assert!(in_meetings("Kjell Ångström") >= 3);
    assert!(in_meetings("Margareta Öhrn") >= 3);
    assert!(
        meetings
            .iter()
            .any(|m| m.attendees.iter().any(|a| a.replaces.is_some()))
    );
    assert!(
        meetings
            .iter()
            .any(|m| m.attendees.iter().any(|a| a.paragraphs.is_some()))
    );
    assert!(meetings.iter().filter(|m| !m.agenda.is_empty()).count() >= 2);
}
