//! What reads scans and old formats without a program of its own: the RTF reader on arbitrary
//! bytes, and on the same bytes as text, the layout of Tesseract's `tsv` output and the
//! mending of OCR damage (`protokoll::docs::{rtf, ocr, ocrtext}`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = protokoll::docs::rtf::read(data);
    let text = String::from_utf8_lossy(data);
    let laid_out = protokoll::docs::ocr::layout(&text);
    let cleaned = protokoll::docs::ocrtext::clean(&laid_out);
    let _ = protokoll::docs::ocrtext::noise(&cleaned);
    let _ = protokoll::docs::ocrtext::clean(&text);
});
