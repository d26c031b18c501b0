//! Times what the terminal UI does when the watcher reports one changed file in a loaded
//! archive, with a search open: for measuring how long the UI's thread is busy.
//!
//! ```sh
//! cargo build --release --example apply_change
//! target/release/examples/apply_change /tmp/protokoll-arkiv-10000
//! ```

fn main() {
    let root = std::env::args_os().nth(1).expect("a folder");
    let root = std::fs::canonicalize(root).expect("the folder exists");
    let loaded = protokoll::library::load(std::slice::from_ref(&root));
    let mut app = protokoll::tui::app::App::new(
        loaded.library,
        loaded.diagnostics,
        protokoll::lang::Lang::En,
    );
    app.run_search("beslut");
    let m = &app.library.meetings[app.library.meetings.len() / 2];
    let path = std::path::PathBuf::from(&m.path_key);
    let start = std::time::Instant::now();
    app.apply_changes(vec![protokoll::library::Change::read(
        &path,
        path.display().to_string(),
    )]);
    println!(
        "{} meetings, one file read again and applied in {:.0} ms",
        app.library.meetings.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
}
