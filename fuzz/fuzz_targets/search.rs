//! Search and the people finder over the bundled sample protocols, with arbitrary queries:
//! every hit's highlights must be character boundaries of its text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

struct Corpus {
    library: protokoll::model::Library,
    index: protokoll::search::Index,
    people: protokoll::people::People,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let library = protokoll::library::load_texts(protokoll::samples::SAMPLES).library;
    Corpus {
        index: protokoll::search::Index::new(&library),
        people: protokoll::people::index(&library),
        library,
    }
});

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let corpus = &*CORPUS;
    let terms = protokoll::search::parse_query(&query);
    for hit in corpus.index.search(&corpus.library.meetings, &query) {
        assert!(hit.meeting_index < corpus.library.meetings.len());
        for (start, end) in protokoll::search::highlights(&hit.text, &terms) {
            assert!(start <= end && hit.text.get(start..end).is_some());
        }
    }
    let _ = protokoll::people::Finder::default().find(&corpus.people.people, &query);
});
