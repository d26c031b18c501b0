//! The people index for 1,000 protocols, and the finder filtering 50,000 distinct names per
//! keystroke.

use criterion::{Criterion, criterion_group, criterion_main};
use protokoll::people::{Finder, Person};

#[path = "corpus.rs"]
mod corpus;

/// 50,000 distinct names from Swedish first names, surnames and a middle initial.
fn names() -> Vec<Person> {
    let first = [
        "Anna", "Erik", "Åsa", "Lars", "Märta", "Björn", "Karin", "Örjan", "Eva", "Per", "Ingrid",
        "Jöns", "Lena", "Olof", "Sofia", "Gunnar", "Maja", "Nils", "Elin", "Tomas",
    ];
    let last = [
        "Lövgren",
        "Åberg",
        "Sjölander",
        "Nordin",
        "Andersson",
        "Ekström",
        "Öberg",
        "Hägglund",
        "Lindqvist",
        "Bäckström",
        "Wästlund",
        "Ångström",
        "Dahlgren",
        "Sundqvist",
        "Holm",
        "Berg",
        "Nyström",
        "Forsberg",
        "Jonsson",
        "Karlsson",
        "Lind",
        "Strand",
        "Falk",
        "Rönnbäck",
        "Håkansson",
    ];
    let mut out = Vec::with_capacity(50_000);
    'outer: for mid in 0..200 {
        for f in first {
            for l in last {
                let name = format!(
                    "{f} {}{} {l}",
                    char::from(b'A' + (mid % 26) as u8),
                    mid / 26
                );
                out.push(Person {
                    folded: protokoll::fold::key(&name),
                    name,
                    ..Person::default()
                });
                if out.len() == 50_000 {
                    break 'outer;
                }
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let library = corpus::library(1000);
    c.bench_function("people index, 1000 protocols", |b| {
        b.iter(|| protokoll::people::index(&library));
    });
    let people = names();
    let finder = Finder::default();
    for q in ["l", "lov", "lövgren", "eri lov", "zzz"] {
        c.bench_function(&format!("find in 50000 names: {q}"), |b| {
            b.iter(|| finder.find(&people, q));
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
