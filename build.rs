//! Bundles the sample protocols in `assets/` into the binary, so `protokoll` with no argument
//! opens them wherever it is installed.
use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=assets");
    let mut names: Vec<String> = std::fs::read_dir("assets")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    let ext = std::path::Path::new(n)
                        .extension()
                        .map(std::ffi::OsStr::to_ascii_lowercase);
                    ext.is_some_and(|e| e == "txt" || e == "md")
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from(
        "/// The sample protocols bundled from `assets/`: (path, bytes).\npub const SAMPLES: &[(&str, &[u8])] = &[\n",
    );
    for n in &names {
        let _ = writeln!(
            out,
            "    (\"assets/{n}\", include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/{n}\"))),"
        );
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("samples.rs");
    std::fs::write(dest, out).expect("write samples.rs");
}
