//! Building the model for 1,000 protocols, decoded and parsed as at start-up.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "corpus.rs"]
mod corpus;

fn build_model(c: &mut Criterion) {
    let corpus = corpus::files(1000);
    let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let texts: Vec<(&str, &[u8])> = corpus
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let mut group = c.benchmark_group("model");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("1000 protocols", |b| {
        b.iter(|| {
            let loaded = protokoll::library::load_texts(&texts);
            assert_eq!(loaded.library.meetings.len(), 1000);
        });
    });
    group.finish();
}

criterion_group!(benches, build_model);
criterion_main!(benches);
