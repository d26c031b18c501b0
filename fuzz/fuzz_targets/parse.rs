//! Bytes as a protocol file: decode, clean, parse, review, index the people and find in them.
//! Beyond not panicking, every position the parser gives must be a line of the file, and what
//! the command line prints of it must be one line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use protokoll::lang::Lang;
use protokoll::model::Library;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = protokoll::read::decode(data) else {
        return;
    };
    let (meeting, _) = protokoll::parse::parse(&text, "fuzz.txt");
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
