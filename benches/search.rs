//! Full-text search over 1,000 and 10,000 protocols in memory.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    for n in [1000, 10_000] {
        let library = corpus::library(n);
        let index = protokoll::search::Index::new(&library);
        for q in ["utjamning", "styrelsen beslutar", "\"hälso- och sjukvård\""] {
            c.bench_function(&format!("search {n} protocols: {q}"), |b| {
                b.iter(|| index.search(&library.meetings, q));
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
