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
    let n = corpus::count_arg();
    let library = corpus::library(n);
    let people = protokoll::people::index(&library);
    println!("{} people", people.people.len());
}
