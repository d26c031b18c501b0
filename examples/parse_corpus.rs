//! Parses the benchmark corpus (seed protocols and samples, repeated to N files) once: for
//! counting instructions with `valgrind --tool=callgrind`, which unlike timings on a shared
//! machine give the same figure run after run.
//!
//! ```sh
//! cargo build --release --example parse_corpus
//! valgrind --tool=callgrind target/release/examples/parse_corpus 200
//! ```

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let n = corpus::count_arg();
    let files = corpus::files(n);
    let texts: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let loaded = protokoll::library::load_texts(&texts);
    println!("{} meetings", loaded.library.meetings.len());
}
