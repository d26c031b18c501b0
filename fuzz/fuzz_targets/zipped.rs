//! Shared by the Word and `OpenDocument` targets: the input is a zip archive as it is (when it
//! starts with `PK`), or the XML parts of one, separated by `\0`, which are zipped here with
//! correct checksums so that mutations reach the XML readers rather than the zip reader's
//! checksum test.

/// The archive to read: `data` itself, or `data`'s parts zipped under `names`.
pub fn archive(data: &[u8], names: &[&str]) -> Vec<u8> {
    use std::io::Write;
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(data.split(|&b| b == 0)) {
        if z.start_file(*name, stored).is_err() || z.write_all(part).is_err() {
            return Vec::new();
        }
    }
    z.finish()
        .map(std::io::Cursor::into_inner)
        .unwrap_or_default()
}

/// Reads the archive as a document of `extension`, and its text as a protocol.
pub fn read(bytes: &[u8], extension: &str) {
    if let Ok(doc) = protokoll::docs::read_zip_bytes(bytes, Some(extension)) {
        let _ = protokoll::parse::parse(&doc.text, "fuzz");
    }
}
