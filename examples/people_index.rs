//! Builds the people index of the benchmark corpus once, for counting instructions:
//!
//! ```sh
//! cargo build --release --example people_index
//! RAYON_NUM_THREADS=1 valgrind --tool=callgrind '--toggle-collect=protokoll::people::index*' \
//!     target/release/examples/people_index 200
//! ```

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let library = corpus::library(n);
    let people = protokoll::people::index(&library);
    println!("{} people", people.people.len());
}
