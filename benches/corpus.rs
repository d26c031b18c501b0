//! The benchmark corpus, shared by the benches: the seed protocols (when `../shared` is beside
//! the repository) and the bundled samples, repeated to `n` files.

#[allow(dead_code, reason = "each bench uses part of this module")]
pub fn files(n: usize) -> Vec<(String, Vec<u8>)> {
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
    (0..n)
        .map(|i| {
            (
                format!("{i}-{}", files[i % files.len()].0),
                files[i % files.len()].1.clone(),
            )
        })
        .collect()
}

#[allow(dead_code, reason = "each bench uses part of this module")]
pub fn library(n: usize) -> protokoll::model::Library {
    let corpus = files(n);
    let texts: Vec<(&str, &[u8])> = corpus
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    protokoll::library::load_texts(&texts).library
}

/// The number of files asked for on the command line (for the examples that count
/// instructions), 200 if none.
#[allow(dead_code, reason = "each bench uses part of this module")]
pub fn count_arg() -> usize {
    std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200)
}
