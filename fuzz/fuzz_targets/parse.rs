//! Bytes as a protocol file: decode, clean, parse, review, index the people and find in them.
//! Beyond not panicking, every position the parser gives must be a line of the file, what
//! the command line prints of it must be one line, and the parser's outline (what a search
//! without a cache reads) must agree with the whole parse, hits included.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protokoll::lang::Lang;
use protokoll::model::Library;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = protokoll::read::decode(data) else {
        return;
    };
    let clean = protokoll::read::clean(&text);
    let (outline, said) = protokoll::parse::outline(&clean, "fuzz.txt");
    let (meeting, diags) = protokoll::parse::parse_lines(clean.clone(), "fuzz.txt");
    assert_eq!(outline, protokoll::parse::Outline::of(&meeting));
    assert_eq!(said, diags);
    for q in ["beslut", "a", "§ 1", "\"att\""] {
        let query = protokoll::search::Query::new(q);
        let part = protokoll::search::Part::of_outline(&clean, &outline, &query);
        let light = query.in_part(&part, |li| clean.get(li as usize).map(|l| l.text.as_str()));
        assert_eq!(light, query.in_meeting(&meeting), "{q}");
    }
    let lines = text.split('\n').count() as u32;
    for p in &meeting.paragraphs {
        assert!(
            p.line >= 1 && p.line <= lines,
            "§ {} at line {}",
            p.number,
            p.line
        );
        assert!(p.text_lines.iter().all(|&l| l >= 1 && l <= lines));
        assert!(!protokoll::show::field(&p.title).contains('\n'));
    }
    for a in &meeting.attendees {
        assert!(a.line >= 1 && a.line <= lines);
    }
    for lang in [Lang::Sv, Lang::En] {
        for f in protokoll::review::check(&meeting, lang) {
            assert!(!protokoll::show::field(&f.message).contains(['\n', '\x1b']));
        }
    }
    let library = Library {
        meetings: vec![meeting],
    };
    let people = protokoll::people::index(&library);
    let finder = protokoll::people::Finder::default();
    for query in ["anna", "ö", "k", "lovgren erik"] {
        let _ = finder.find(&people.people, query);
    }
});
