//! Loads a folder as the terminal UI's loader does (meetings handed over as read, findings and
//! search index made on the loader's threads) and prints how long it took: for measuring the
//! UI's start over an archive without a terminal.
//!
//! ```sh
//! cargo build --release --example load_archive
//! target/release/examples/load_archive /tmp/protokoll-arkiv-10000
//! ```

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if let Some(cache) = protokoll::cache::Cache::default_location() {
        cache.enable();
    }
    let start = std::time::Instant::now();
    let progress = protokoll::library::Progress {
        background_ocr: true,
        partial: Some(protokoll::library::Partial::new(protokoll::lang::Lang::En)),
        ..Default::default()
    };
    let (loaded, _) = protokoll::library::load_checked(&paths, &progress);
    let meetings = progress
        .partial
        .as_ref()
        .map_or(0, |p| p.meetings.lock().map_or(0, |m| m.len()));
    println!(
        "{meetings} meetings, {} in order, in {:.0} ms",
        loaded.prepared.map_or(0, |p| p.order.len()),
        start.elapsed().as_secs_f64() * 1000.0
    );
}
