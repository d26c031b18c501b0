//! Tests of the parse cache and its packs.

use super::*;

/// A protocol file saved an hour ago, and its key.
fn file(dir: &Path, name: &str) -> (PathBuf, Key) {
    let path = dir.join(name);
    std::fs::write(&path, format!("Protokoll {name}\n\n§ 1 Ett\n")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    let key = Key::of(&path).unwrap();
    (path, key)
}

#[cfg(unix)]
#[test]
fn canonical_paths_are_what_canonicalize_gives() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let (file, _) = file(&real, "a.md");
    std::os::unix::fs::symlink(&real, dir.path().join("linked")).unwrap();
    std::os::unix::fs::symlink(&file, dir.path().join("link.md")).unwrap();
    let paths = [
        file.clone(),
        dir.path().join("linked/a.md"),
        dir.path().join("link.md"),
        real.join("../real/a.md"),
        dir.path().join("missing.md"),
    ];
    for path in paths {
        // Twice: the second time the folder comes from the thread's store.
        for _ in 0..2 {
            assert_eq!(
                canonical(&path),
                std::fs::canonicalize(&path).ok(),
                "{}",
                path.display()
            );
        }
    }
}

/// An entry of `key` without a meeting, as another build writes it.
fn other_build_entry(key: &Key) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    let header = Header {
        build: "0.0.1+other".to_owned(),
        key: key.clone(),
    };
    part(&mut bytes, &header).unwrap();
    part(&mut bytes, &Summary::default()).unwrap();
    part(&mut bytes, &None::<StoredMeetingRef<'_>>).unwrap();
    bytes
}

/// Writes `bytes` as the entry of `key`.
fn write_entry(cache: &Cache, key: &Key, bytes: &[u8]) {
    cache.add(Cache::name(key), bytes);
    cache.flush();
}

/// A meeting of one line of 1,000 letters, dated `date`.
fn meeting(date: &str) -> Meeting {
    Meeting {
        date: Some(date.to_owned()),
        ..meeting_of_letters(1000)
    }
}

/// A meeting of one line of `n` letters, undated.
fn meeting_of_letters(n: usize) -> Meeting {
    Meeting {
        lines: [crate::model::Line {
            number: 1,
            text: &"x".repeat(n),
        }]
        .into_iter()
        .collect(),
        ..Meeting::default()
    }
}

/// A temporary folder, and a cache in it.
fn folder() -> (tempfile::TempDir, Cache) {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::at(dir.path().join("parse"));
    (dir, cache)
}

#[test]
fn trimming_removes_the_oldest_packs_until_within_the_limit() {
    let (dir, mut cache) = folder();
    let mut keys = Vec::new();
    for i in 0..5 {
        let (_, key) = file(dir.path(), &format!("{i}.txt"));
        cache.put(&key, Some(&meeting("2024-01-01")), &[], None);
        // Each entry in a pack of its own, written after the one before.
        cache.flush();
        keys.push(key);
    }
    let info = cache.info();
    assert_eq!(info.entries, 5);
    assert_eq!(pack::list(&cache.dir).len(), 5);
    cache.limit = info.bytes * 2 / 5 + 10;
    assert_eq!(cache.trim(), 3);
    let kept: Vec<bool> = keys.iter().map(|k| cache.summary(k).is_some()).collect();
    assert_eq!(
        kept,
        [false, false, false, true, true],
        "the newest two stay"
    );
}

#[test]
fn the_newest_entry_of_a_file_wins_and_small_packs_are_gathered() {
    let (dir, cache) = folder();
    let keys: Vec<Key> = (0..4)
        .map(|i| file(dir.path(), &format!("{i}.txt")).1)
        .collect();
    // Twenty small packs: each file written five times, a later date each time.
    for round in 1..=5 {
        for key in &keys {
            cache.put(key, Some(&meeting(&format!("2024-01-0{round}"))), &[], None);
            cache.flush();
        }
    }
    let dates = |cache: &Cache| -> Vec<Option<String>> {
        keys.iter()
            .map(|k| cache.entry(k).and_then(|(s, _)| s.date))
            .collect()
    };
    let newest = vec![Some("2024-01-05".to_owned()); 4];
    assert_eq!(dates(&cache), newest, "this process reads what it wrote");
    assert_eq!(
        dates(&Cache::at(cache.dir.clone())),
        newest,
        "so does the next"
    );
    assert_eq!(pack::list(&cache.dir).len(), 20);
    assert_eq!(cache.trim(), 0, "within the limit");
    assert_eq!(pack::list(&cache.dir).len(), 1, "gathered into one");
    let next = Cache::at(cache.dir.clone());
    assert_eq!(dates(&next), newest);
    assert_eq!(next.info().entries, 4);
}

#[test]
fn a_pack_whose_entries_were_all_replaced_is_removed() {
    let (dir, cache) = folder();
    let keys: Vec<Key> = (0..3)
        .map(|i| file(dir.path(), &format!("{i}.txt")).1)
        .collect();
    let (_, kept) = file(dir.path(), "kept.txt");
    for key in keys.iter().chain([&kept]) {
        cache.put(key, Some(&meeting("2024-01-01")), &[], None);
    }
    cache.flush();
    for key in &keys {
        cache.put(key, Some(&meeting("2024-01-02")), &[], None);
    }
    cache.flush();
    let before = pack::list(&cache.dir);
    assert_eq!(before.len(), 2);
    // Three of four entries of the first pack replaced: it is gathered into a new pack.
    cache.trim();
    let after = pack::list(&cache.dir);
    assert_eq!(after.len(), 2);
    assert!(!after.contains(&before[0]) && after.contains(&before[1]));
    let next = Cache::at(cache.dir.clone());
    let date = |k: &Key| next.entry(k).and_then(|(s, _)| s.date);
    assert_eq!(date(&kept).as_deref(), Some("2024-01-01"));
    assert!(
        keys.iter()
            .all(|k| date(k).as_deref() == Some("2024-01-02"))
    );
    assert_eq!(next.info().entries, 4);
}

#[test]
fn an_entry_is_read_back_before_it_is_written() {
    let (dir, cache) = folder();
    let (_, key) = file(dir.path(), "a.txt");
    cache.put(&key, Some(&meeting("2024-01-01")), &[], None);
    cache.put(&key, Some(&meeting("2024-01-02")), &[], None);
    assert!(pack::list(&cache.dir).is_empty());
    let date = cache.entry(&key).and_then(|(s, _)| s.date);
    assert_eq!(date.as_deref(), Some("2024-01-02"), "the newest gathered");
}

#[test]
fn gathering_drops_other_builds_and_waits_for_another_trim() {
    let (dir, cache) = folder();
    let (_, key) = file(dir.path(), "a.txt");
    let (_, old) = file(dir.path(), "old.txt");
    // An entry of another build, and a leftover of a pack cut short an hour ago.
    write_entry(&cache, &old, &other_build_entry(&old));
    let leftover = cache.dir.join(".pack-cut-short");
    std::fs::write(&leftover, b"PKPACK01").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200))
        .unwrap();
    for _ in 0..=MAX_SMALL_PACKS {
        cache.put(&key, Some(&meeting("2024-01-01")), &[], None);
        cache.flush();
    }
    let before = pack::list(&cache.dir);
    // Another process trimming: this one leaves the folder as it is.
    let held = cache.lock().unwrap();
    assert_eq!(cache.trim(), 0);
    assert_eq!(pack::list(&cache.dir), before);
    assert!(leftover.exists());
    drop(held);
    cache.trim();
    let after = pack::list(&cache.dir);
    assert_eq!(after.len(), 1);
    assert!(after[0].0 > before.last().unwrap().0, "{after:?}");
    assert!(!leftover.exists());
    let next = Cache::at(cache.dir.clone());
    assert_eq!(next.info().entries, 1, "the other build's entry is gone");
    assert!(next.summary(&key).is_some());
}

#[test]
fn entries_gathered_are_written_as_one_pack_when_it_is_full() {
    let (dir, cache) = folder();
    let (_, key) = file(dir.path(), "a.txt");
    let big = meeting_of_letters(PACK_BYTES);
    cache.put(&key, Some(&meeting("2024-01-01")), &[], None);
    assert!(pack::list(&cache.dir).is_empty(), "gathered, not written");
    cache.put(&key, Some(&big), &[], None);
    assert_eq!(pack::list(&cache.dir).len(), 1, "full, so written");
    assert!(cache.entry(&key).is_some_and(|(s, _)| s.date.is_none()));
}

#[test]
fn a_damaged_pack_is_passed_over_whole() {
    let (dir, cache) = folder();
    let (_, key) = file(dir.path(), "a.txt");
    cache.put(&key, Some(&meeting("2024-01-01")), &[], None);
    cache.flush();
    let (path, len) = pack::list(&cache.dir).remove(0);
    let bytes = std::fs::read(&path).unwrap();
    for cut in [len as usize - 1, len as usize / 2, 8, 0] {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        assert!(
            Cache::at(cache.dir.clone()).summary(&key).is_none(),
            "{cut}"
        );
    }
    std::fs::write(&path, &bytes).unwrap();
    assert!(Cache::at(cache.dir.clone()).summary(&key).is_some());
}

#[test]
fn an_entry_of_another_build_or_another_file_is_not_read() {
    let (dir, cache) = folder();
    let (_, key) = file(dir.path(), "a.txt");
    cache.put(&key, Some(&Meeting::default()), &[], None);
    cache.flush();
    assert!(cache.entry(&key).is_some());
    // The same entry, written by another build.
    write_entry(&cache, &key, &other_build_entry(&key));
    assert!(cache.entry(&key).is_none());
    assert!(cache.summary(&key).is_none());
    // An entry under this file's name that was written for another file.
    let (_, other) = file(dir.path(), "b.txt");
    cache.put(&other, Some(&Meeting::default()), &[], None);
    cache.flush();
    let Some((pack::Source::Pack(file), at, len)) = cache.slot(Cache::name(&other)) else {
        panic!("written, so in a pack");
    };
    let mut bytes = vec![0; len as usize];
    std::os::unix::fs::FileExt::read_exact_at(&*file, &mut bytes, at).unwrap();
    write_entry(&cache, &key, &bytes);
    assert!(cache.entry(&key).is_none());
}

#[test]
fn a_meeting_comes_back_whole() {
    let (dir, cache) = folder();
    let (path, key) = file(dir.path(), "kfsb.txt");
    let text = String::from_utf8(protokoll_sample()).unwrap();
    let (meeting, diagnostics) = crate::parse::parse(&text, "kfsb.txt");
    let mut meeting = meeting;
    meeting.path_key = path.display().to_string();
    cache.put(&key, Some(&meeting), &diagnostics, None);
    cache.flush();
    let (summary, back) = cache.entry(&key).unwrap();
    assert_eq!(back.as_ref(), Some(&meeting));
    assert_eq!(summary.diagnostics("kfsb.txt"), diagnostics);
    let (_, indexed) = cache.entry_indexed(&key).unwrap();
    let (back, part) = indexed.unwrap();
    assert_eq!(back, meeting);
    // What a search finds in the kept part and lines is what it finds in the meeting.
    let (_, searchable) = cache.searchable(&key, |_| true).unwrap();
    let Searchable::Found(kept, lines) = searchable else {
        panic!("{searchable:?}")
    };
    // A part turned down is not read.
    let (_, passed) = cache.searchable(&key, |_| false).unwrap();
    assert!(matches!(passed, Searchable::Passed), "{passed:?}");
    for q in [
        "beslut",
        "styrelsen",
        "\"skogsbygden beslutar\"",
        "§",
        "zzzz",
    ] {
        let query = crate::search::Query::new(q);
        let hits = query.in_meeting(&meeting);
        let texts = |hits: &[crate::search::Hit]| {
            hits.iter()
                .map(|h| (h.paragraph, h.line, h.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            texts(&query.in_part(&kept, |li| lines.get(li as usize).map(|l| l.text))),
            texts(&hits),
            "{q}"
        );
        assert_eq!(
            texts(&query.in_part(&part, |li| lines.get(li as usize).map(|l| l.text))),
            texts(&hits),
            "{q}"
        );
        assert!(q == "zzzz" || !hits.is_empty(), "{q}");
    }
}

#[test]
fn an_entry_missing_its_search_part_is_not_read() {
    let (dir, cache) = folder();
    let (_, key) = file(dir.path(), "kfsb.txt");
    // A meeting without a search part or lines: no reader may take it as whole.
    let mut bytes = MAGIC.to_vec();
    let header = Header {
        build: BUILD.to_owned(),
        key: key.clone(),
    };
    let summary = Summary {
        has_meeting: true,
        ..Summary::default()
    };
    part(&mut bytes, &header).unwrap();
    part(&mut bytes, &summary).unwrap();
    part(&mut bytes, &None::<Part>).unwrap();
    part(&mut bytes, &None::<Lines>).unwrap();
    let meeting = Meeting::default();
    let stored = StoredMeetingRef {
        meeting: &meeting,
        path_key: "",
        text_lines: Vec::new(),
    };
    crate::model::with_every_field(|| part(&mut bytes, &Some(stored))).unwrap();
    write_entry(&cache, &key, &bytes);
    assert!(cache.summary(&key).is_some());
    assert!(cache.entry(&key).is_none());
    assert!(cache.entry_indexed(&key).is_none());
    assert!(cache.searchable(&key, |_| true).is_none());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// A pack damaged anywhere (bytes changed, cut short) is read without a panic, and an
    /// entry it still serves is whole: the meeting as it was put.
    #[test]
    fn a_damaged_pack_never_panics_nor_serves_a_damaged_entry(
        changes in proptest::collection::vec((proptest::prelude::any::<usize>(), proptest::prelude::any::<u8>()), 0..6),
        cut in proptest::option::of(proptest::prelude::any::<usize>()),
    ) {
        let (dir, cache) = folder();
        let (_, key) = file(dir.path(), "a.txt");
        let (_, other) = file(dir.path(), "b.txt");
        let put = meeting("2024-01-01");
        cache.put(&key, Some(&put), &[], None);
        cache.put(&other, Some(&meeting("2024-01-02")), &[], None);
        cache.flush();
        let (path, _) = pack::list(&cache.dir).remove(0);
        let mut bytes = std::fs::read(&path).unwrap();
        for (at, b) in changes {
            let n = bytes.len();
            bytes[at % n] ^= b;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % (bytes.len() + 1));
        }
        std::fs::write(&path, &bytes).unwrap();
        let next = Cache::at(cache.dir.clone());
        let _ = next.info();
        if let Some((summary, back)) = next.entry(&key) {
            proptest::prop_assert_eq!(summary.date.as_deref(), Some("2024-01-01"));
            proptest::prop_assert_eq!(back.map(|m| m.lines), Some(put.lines.clone()));
        }
        let _ = next.searchable(&other, |_| true);
        let _ = next.entry_indexed(&other);
    }
}

fn protokoll_sample() -> Vec<u8> {
    crate::samples::SAMPLES
        .iter()
        .find(|(n, _)| n.contains("kfsb-styrelse-2024-06-10"))
        .map(|(_, b)| b.to_vec())
        .unwrap()
}
