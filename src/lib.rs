//! protokoll: read, review and search Swedish meeting minutes.
//!
//! The domain (`read`, `parse`, `model`, `library`, `date`) knows nothing of the terminal; the
//! command line (`cli`) and the terminal UI (`tui`) stand on it.

pub mod cache;
pub mod cli;
pub mod date;
pub mod docs;
pub mod fold;
pub mod lang;
pub mod library;
pub mod model;
pub mod parse;
pub mod people;
pub mod read;
pub mod refs;
pub mod review;
pub mod search;
pub mod show;
pub mod tui;
pub mod walk;
pub mod watch;
pub mod words;

/// The bundled sample protocols.
pub mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}
