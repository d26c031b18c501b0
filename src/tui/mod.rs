//! The terminal UI.
use std::process::ExitCode;

use crate::library::Loaded;

/// Runs the UI over a loaded library until the user quits.
pub fn run(loaded: Loaded) -> ExitCode {
    crate::cli::report(&loaded);
    ExitCode::SUCCESS
}
