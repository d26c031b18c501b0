//! Bundles the sample protocols in `assets/` into the binary, so `protokoll` with no argument
//! opens them wherever it is installed; and names the build by its sources, so the parse cache
//! never trusts an entry written by another parser or other checks.
use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rustc-env=PROTOKOLL_BUILD={:016x}", sources_hash());
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

/// FNV-1a over every source file's path and bytes (in sorted order) and the lock file: any
/// change to the code or a dependency gives another value.
fn sources_hash() -> u64 {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = vec![std::path::PathBuf::from("Cargo.lock")];
    walk(std::path::Path::new("src"), &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        for b in f.to_string_lossy().bytes().chain(bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
