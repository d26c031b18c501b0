//! The parse cache as the commands use it: a second run answers from it and says the same, a
//! changed file is read again, a damaged entry is ignored and rebuilt, `--no-cache` leaves it
//! alone, `cache --info` / `--clear`, and findings in one language are not served in another.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

struct Setup {
    library: tempfile::TempDir,
    cache: tempfile::TempDir,
    data: tempfile::TempDir,
}

/// The bundled samples copied into a folder, their times an hour back: files saved long
/// enough ago to be cached (a file changed in the last seconds is not).
fn setup() -> Setup {
    let library = tempfile::tempdir().unwrap();
    for (name, bytes) in protokoll::samples::SAMPLES {
        let file = library.path().join(Path::new(name).file_name().unwrap());
        std::fs::write(&file, bytes).unwrap();
        age(&file);
    }
    Setup {
        library,
        cache: tempfile::tempdir().unwrap(),
        data: tempfile::tempdir().unwrap(),
    }
}

fn age(file: &Path) {
    let f = std::fs::File::options().write(true).open(file).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

impl Setup {
    fn run(&self, args: &[&str], lang: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_protokoll"))
            .args(args)
            .arg(self.library.path())
            .env("PROTOKOLL_CACHE_DIR", self.cache.path())
            .env("PROTOKOLL_DATA_DIR", self.data.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap()
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.run(args, "C").stdout).unwrap()
    }

    /// Every file of the parse cache (its packs) with its modification time.
    fn packs(&self) -> Vec<(PathBuf, SystemTime)> {
        let mut out = Vec::new();
        let parse = self.cache.path().join("parse");
        for f in std::fs::read_dir(parse).into_iter().flatten().flatten() {
            out.push((f.path(), f.metadata().unwrap().modified().unwrap()));
        }
        out.sort();
        out
    }

    /// How many entries `cache --info` says the cache holds.
    fn entries(&self) -> usize {
        let info = Command::new(env!("CARGO_BIN_EXE_protokoll"))
            .args(["cache", "--info"])
            .env("PROTOKOLL_CACHE_DIR", self.cache.path())
            .output()
            .unwrap();
        let info = String::from_utf8(info.stdout).unwrap();
        let (_, after) = info
            .split_once(": ")
            .expect("the folder, then what it holds");
        after.split(' ').next().unwrap().parse().expect(&info)
    }
}

#[test]
fn a_second_run_answers_from_the_cache_and_says_the_same() {
    let s = setup();
    let uncached = s.stdout(&["export", "--no-cache"]);
    let check = s.stdout(&["check", "--format", "json"]);
    assert_eq!(s.entries(), protokoll::samples::SAMPLES.len());
    let packs = s.packs();
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(s.stdout(&["check", "--format", "json"]), check);
    assert_eq!(s.stdout(&["export"]), uncached);
    for q in ["beslut", "\"styrelsen beslutar\"", "zzzz"] {
        assert_eq!(
            s.stdout(&["search", "--format", "json", q]),
            s.stdout(&["search", "--format", "json", "--no-cache", q]),
            "{q}"
        );
    }
    assert_eq!(
        s.packs(),
        packs,
        "the warm runs read the entries and wrote none"
    );
}

#[test]
fn a_file_changed_in_place_is_read_again() {
    let s = setup();
    s.stdout(&["export"]);
    // Same size, same modification time: only the change time and the text differ.
    let file = s.library.path().join("alstad-bun-2024-05-06.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("Lärkan"), "the sample names its place");
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, text.replacen("Lärkan", "Lärkon", 1)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let export = s.stdout(&["export"]);
    assert!(
        export.contains("Lärkon"),
        "the changed file was parsed again"
    );
    assert_eq!(export, s.stdout(&["export", "--no-cache"]));
}

#[test]
fn a_damaged_entry_is_ignored_and_rebuilt() {
    let s = setup();
    let export = s.stdout(&["export"]);
    let check = s.stdout(&["check", "--format", "json"]);
    let packs = s.packs();
    assert!(!packs.is_empty());
    for (i, (pack, _)) in packs.iter().enumerate() {
        let mut bytes = std::fs::read(pack).unwrap();
        match i % 3 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => {
                let mid = bytes.len() / 2;
                bytes[mid] ^= 0x55;
            }
            _ => bytes = b"not an entry at all".to_vec(),
        }
        std::fs::write(pack, bytes).unwrap();
    }
    assert_eq!(s.stdout(&["check", "--format", "json"]), check);
    assert_eq!(s.stdout(&["export"]), export);
    // A damaged model under a whole summary is found by `export`, which rebuilds the entry
    // without findings; the next `check` adds them back.
    s.stdout(&["check", "--format", "json"]);
    let rebuilt = s.packs();
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(s.stdout(&["check", "--format", "json"]), check);
    assert_eq!(s.stdout(&["export"]), export);
    assert_eq!(s.packs(), rebuilt, "the rebuilt entries are whole");
}

#[test]
fn no_cache_neither_reads_nor_writes_and_clear_empties_it() {
    let s = setup();
    s.stdout(&["export", "--no-cache"]);
    s.stdout(&["check", "--no-cache"]);
    assert!(s.packs().is_empty());
    s.stdout(&["export"]);
    assert_eq!(s.entries(), protokoll::samples::SAMPLES.len());
    let clear = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["cache", "--clear"])
        .env("PROTOKOLL_CACHE_DIR", s.cache.path())
        .output()
        .unwrap();
    assert!(clear.status.success());
    assert!(s.packs().is_empty());
}

#[test]
fn findings_in_one_language_are_not_served_in_another() {
    let s = setup();
    let sv = String::from_utf8(s.run(&["check"], "sv_SE.UTF-8").stdout).unwrap();
    let en = String::from_utf8(s.run(&["check"], "C").stdout).unwrap();
    let sv_again = String::from_utf8(s.run(&["check"], "sv_SE.UTF-8").stdout).unwrap();
    assert_ne!(
        sv, en,
        "the samples have findings, and their messages differ"
    );
    assert_eq!(sv, sv_again);
    assert_eq!(
        en,
        String::from_utf8(s.run(&["check", "--no-cache"], "C").stdout).unwrap()
    );
}

#[test]
fn a_file_saved_just_now_is_not_cached() {
    let s = setup();
    let file = s.library.path().join("ny.txt");
    std::fs::write(&file, "Protokoll\n\n§ 1 Ett\n\nText.\n").unwrap();
    s.stdout(&["export"]);
    assert_eq!(s.entries(), protokoll::samples::SAMPLES.len());
}
