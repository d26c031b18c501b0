//! The `OpenDocument` reader on arbitrary archives, or on arbitrary `content.xml` and
//! `styles.xml` (see `zipped.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod zipped;

fuzz_target!(|data: &[u8]| {
    let bytes = zipped::archive(data, &["content.xml", "styles.xml"]);
    zipped::read(&bytes, "odt");
});
