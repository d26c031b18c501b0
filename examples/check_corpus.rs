//! Parses the benchmark corpus (as `parse_corpus` does) and reviews every meeting: for counting
//! the instructions of the checks with `valgrind --tool=callgrind`, beside the parse's.
//!
//! ```sh
//! cargo build --release --example check_corpus
//! valgrind --tool=callgrind target/release/examples/check_corpus 200
//! ```

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let n = corpus::count_arg();
    let files = corpus::files(n);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let texts: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let loaded = protokoll::library::load_texts(&texts);
    let findings: usize = loaded
        .library
        .meetings
        .iter()
        .map(|m| protokoll::review::check(m, protokoll::lang::Lang::En).len())
        .sum();
    println!(
        "{} meetings, {bytes} bytes, {findings} findings",
        loaded.library.meetings.len()
    );
}
