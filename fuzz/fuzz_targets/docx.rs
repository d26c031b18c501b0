//! The Word reader on arbitrary archives, or on arbitrary `document.xml`, `styles.xml` and
//! `numbering.xml` (see `zipped.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod zipped;

fuzz_target!(|data: &[u8]| {
    let bytes = zipped::archive(
        data,
        &["word/document.xml", "word/styles.xml", "word/numbering.xml"],
    );
    zipped::read(&bytes, "docx");
});
