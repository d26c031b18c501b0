//! Building the model for 1,000 protocols: the seed protocols (when `../shared` is beside the
//! repository) and the bundled samples, repeated, decoded and parsed in parallel as at start-up.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.join("../shared/corpus/seeds"), root.join("assets")] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                files.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    (0..1000).map(|i| files[i % files.len()].clone()).collect()
}

fn build_model(c: &mut Criterion) {
    let corpus = corpus();
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
