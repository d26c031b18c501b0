//! Every message the review writes, Swedish and English side by side, so the checks hold only
//! logic and a translator reads one file. Messages say what was expected and what was found,
//! and name the § or line they concern; the finding itself carries the line to jump to.

use crate::date::{Date, WEEKDAYS_SV};
use crate::lang::Lang;

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The three roles that sign a protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Chair,
    Secretary,
    Adjuster,
}

impl Role {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Role::Chair => lang.t("ordförande", "chair"),
            Role::Secretary => lang.t("sekreterare", "secretary"),
            Role::Adjuster => lang.t("justerare", "adjuster"),
        }
    }
}

/// Where a spelling of a name was seen, for the name-variant message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Roster,
    Signature,
    Officer,
    Presenter,
    Text,
}

impl Source {
    fn word(self, lang: Lang) -> &'static str {
        match self {
            Source::Roster => lang.t("närvarolistan", "the roster"),
            Source::Signature => lang.t("underskriften", "the signature"),
            Source::Officer => lang.t("protokollets huvud", "the header"),
            Source::Presenter => lang.t("föredragande", "the presenters"),
            Source::Text => lang.t("texten", "the text"),
        }
    }
}

/// `§ 27`, `§§ 27–28`, `§§ 3, 5–7`: numbers (sorted, unique) with runs folded.
pub fn sections(numbers: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let mut j = i;
        while j + 1 < numbers.len() && numbers[j + 1] == numbers[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            numbers[i].to_string()
        } else {
            format!("{}–{}", numbers[i], numbers[j])
        });
        i = j + 1;
    }
    let several = numbers.len() > 1;
    format!("{} {}", if several { "§§" } else { "§" }, parts.join(", "))
}

fn names(list: &[String]) -> String {
    list.iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where each of some § numbers is named outside the body: "; § 27 is named at line 12".
fn named_at(lang: Lang, named: &[(u32, u32)]) -> String {
    named
        .iter()
        .map(|(n, line)| match lang {
            Lang::Sv => format!("; § {n} nämns på rad {line}"),
            Lang::En => format!("; § {n} is named at line {line}"),
        })
        .collect()
}

/// `missing` (declared, or inside the run) are missing between `before` and `after`; `named`
/// are those the protocol names elsewhere, with the line.
pub fn gap(lang: Lang, before: u32, after: u32, missing: &[u32], named: &[(u32, u32)]) -> String {
    let m = sections(missing);
    let also = named_at(lang, named);
    match lang {
        Lang::Sv => format!("{m} saknas: numreringen går från § {before} till § {after}{also}"),
        Lang::En => {
            let verb = if missing.len() == 1 { "is" } else { "are" };
            format!("{m} {verb} missing: the numbering jumps from § {before} to § {after}{also}")
        }
    }
}

pub fn duplicate(lang: Lang, number: u32, first_line: u32) -> String {
    match lang {
        Lang::Sv => format!(
            "§ {number} förekommer två gånger (först på rad {first_line}); varje nummer ska användas en gång"
        ),
        Lang::En => format!(
            "§ {number} appears twice (first at line {first_line}); expected each number once"
        ),
    }
}

pub fn range_missing(
    lang: Lang,
    declared: &[u32],
    missing: &[u32],
    named: &[(u32, u32)],
) -> String {
    let (d, m) = (sections(declared), sections(missing));
    let also = named_at(lang, named);
    match lang {
        Lang::Sv => format!("protokollet anger {d}, men {m} finns inte i texten{also}"),
        Lang::En => format!("the protocol declares {d}, but the body has no {m}{also}"),
    }
}

pub fn range_extra(lang: Lang, declared: &[u32], extra: &[u32]) -> String {
    let (d, e) = (sections(declared), sections(extra));
    match lang {
        Lang::Sv => format!("{e} ligger utanför de angivna {d}"),
        Lang::En => format!("{e} lies outside the declared {d}"),
    }
}

pub fn toc_mismatch(lang: Lang, number: u32, agenda: &str, body: &str) -> String {
    match lang {
        Lang::Sv => format!(
            "§ {number}: rubriken i innehållsförteckningen \"{agenda}\" skiljer sig från rubriken i texten \"{body}\""
        ),
        Lang::En => {
            format!("§ {number}: agenda title \"{agenda}\" differs from the body title \"{body}\"")
        }
    }
}

pub fn toc_without_body(lang: Lang, number: u32, title: &str) -> String {
    match lang {
        Lang::Sv => {
            format!("§ {number} \"{title}\" står i innehållsförteckningen men finns inte i texten")
        }
        Lang::En => format!("§ {number} \"{title}\" is in the agenda but not in the body"),
    }
}

pub fn body_without_toc(lang: Lang, number: u32, title: &str) -> String {
    match lang {
        Lang::Sv => format!("§ {number} \"{title}\" saknas i innehållsförteckningen"),
        Lang::En => format!("§ {number} \"{title}\" is missing from the agenda"),
    }
}

pub fn weekday(lang: Lang, written: &str, date: Date, claimed: usize) -> String {
    let real = date.weekday();
    match lang {
        Lang::Sv => format!(
            "\"{written}\": {date} är en {}, inte en {}",
            WEEKDAYS_SV[real], WEEKDAYS_SV[claimed]
        ),
        Lang::En => format!(
            "\"{written}\": {date} is a {}, not a {}",
            WEEKDAYS_EN[real], WEEKDAYS_EN[claimed]
        ),
    }
}

pub fn signed_late(
    lang: Lang,
    who: &str,
    role: Option<&str>,
    signed: Date,
    meeting: Date,
    days: i64,
) -> String {
    let who = match role {
        Some(r) => format!("{who} ({r})"),
        None => who.to_owned(),
    };
    match lang {
        Lang::Sv => format!(
            "{who} skrev under {signed}, {days} dagar efter mötet {meeting}; justering ska ske inom 14 dagar"
        ),
        Lang::En => format!(
            "{who} signed on {signed}, {days} days after the meeting on {meeting}; expected within 14 days"
        ),
    }
}

pub fn justering_late(lang: Lang, justering: Date, meeting: Date, days: i64) -> String {
    match lang {
        Lang::Sv => format!(
            "justeringen {justering} ligger {days} dagar efter mötet {meeting}; justering ska ske inom 14 dagar"
        ),
        Lang::En => format!(
            "the justering on {justering} is {days} days after the meeting on {meeting}; expected within 14 days"
        ),
    }
}

pub fn unsigned(lang: Lang, roles: &[&str]) -> String {
    let roles = roles.join(", ");
    match lang {
        Lang::Sv => {
            format!("underskriftsraderna ({roles}) saknar namn: ett utkast, ännu ej justerat")
        }
        Lang::En => format!("the signature lines ({roles}) carry no name: a draft, not yet signed"),
    }
}

pub fn signature_name(lang: Lang, role: Role, signed: &str, holders: &[String]) -> String {
    let (w, h) = (role.word(lang), names(holders));
    match lang {
        Lang::Sv => format!("underskrivet som {w} av \"{signed}\", men {w} är {h}"),
        Lang::En => {
            let w = if role == Role::Adjuster && holders.len() > 1 {
                "adjusters are"
            } else {
                match role {
                    Role::Chair => "chair is",
                    Role::Secretary => "secretary is",
                    Role::Adjuster => "adjuster is",
                }
            };
            format!(
                "signed as {} by \"{signed}\", but the {w} {h}",
                role.word(lang)
            )
        }
    }
}

pub fn listed_absent(lang: Lang, role: Role, name: &str, line: u32) -> String {
    let w = role.word(lang);
    match lang {
        Lang::Sv => format!("{w} {name} står som frånvarande (rad {line}) men ska ha deltagit"),
        Lang::En => format!("{w} {name} is listed as absent (line {line}); expected present"),
    }
}

pub fn not_in_roster(lang: Lang, role: Role, name: &str) -> String {
    let w = role.word(lang);
    match lang {
        Lang::Sv => format!("{w} {name} finns inte bland de närvarande"),
        Lang::En => format!("{w} {name} is not among those present"),
    }
}

pub fn replaced_present(lang: Lang, name: &str, by: &str, by_line: u32) -> String {
    match lang {
        Lang::Sv => format!(
            "{name} står som närvarande, men {by} ersätter {name} (rad {by_line}); en ersatt ledamot ska inte vara närvarande"
        ),
        Lang::En => format!(
            "{name} is listed present, but {by} replaces {name} (line {by_line}); expected the replaced member absent"
        ),
    }
}

pub fn attendance_range(lang: Lang, name: &str, outside: &[u32], has: &[u32]) -> String {
    let (o, h) = (sections(outside), sections(has));
    match lang {
        Lang::Sv => {
            format!("{name} deltar enligt listan i {o}, som inte finns i protokollet ({h})")
        }
        Lang::En => format!("{name} is listed for {o}, which the protocol does not have ({h})"),
    }
}

/// Several people's § limits reach past the protocol's § (`outside`, all of them together).
pub fn attendance_range_many(lang: Lang, names: &[&str], outside: &[u32], has: &[u32]) -> String {
    let (o, h) = (sections(outside), sections(has));
    let who = names.join(", ");
    match lang {
        Lang::Sv => format!(
            "närvarolistan anger {o} för {} personer ({who}), som inte finns i protokollet ({h}); är filen hela protokollet?",
            names.len()
        ),
        Lang::En => format!(
            "the roster lists {o} for {} people ({who}), which the protocol does not have ({h}); is the file the whole protocol?",
            names.len()
        ),
    }
}

pub fn name_variant(lang: Lang, found: &str, expected: &str, source: Source, line: u32) -> String {
    let s = source.word(lang);
    match lang {
        Lang::Sv => {
            format!("\"{found}\" ser ut som en annan stavning av \"{expected}\" ({s}, rad {line})")
        }
        Lang::En => {
            format!("\"{found}\" looks like another spelling of \"{expected}\" ({s}, line {line})")
        }
    }
}

pub fn dangling(lang: Lang, from: u32, written: &str, to: u32) -> String {
    match lang {
        Lang::Sv => {
            format!("§ {from}: \"{written}\" hänvisar till § {to}, som inte finns i protokollet")
        }
        Lang::En => format!("§ {from}: \"{written}\" refers to § {to}, which this protocol lacks"),
    }
}

pub fn quorum(lang: Lang, at: &[u32], present: usize, seats: usize) -> String {
    let need = seats / 2 + 1;
    let at = if at.is_empty() {
        String::new()
    } else {
        format!("{}: ", sections(at))
    };
    match lang {
        Lang::Sv => format!(
            "{at}{present} av {seats} ledamöter närvarande; beslutsförhet kräver mer än hälften ({need})"
        ),
        Lang::En => format!(
            "{at}{present} of {seats} members present; a quorum needs more than half ({need})"
        ),
    }
}

/// What the parser was unsure of, for the `unsure` finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsureOf {
    Roster,
    Officers,
    Signatures,
    Paragraphs,
}

/// What could not be read with certainty, and which checks were therefore not run.
pub fn unsure(lang: Lang, what: UnsureOf) -> String {
    match (what, lang) {
        (UnsureOf::Roster, Lang::Sv) => "närvarolistan kan vara feltolkad (kolumner som löpt ihop): beslutförhet, närvaro, ersättare och röstsiffror mot närvaron är inte kontrollerade".to_owned(),
        (UnsureOf::Roster, Lang::En) => "the roster may be misread (its columns ran together): quorum, attendance, substitutes and vote counts against it were not checked".to_owned(),
        (UnsureOf::Officers, Lang::Sv) => "kunde inte säkert avgöra vem som var ordförande, sekreterare eller justerare: underskrifterna och funktionärernas närvaro är inte kontrollerade".to_owned(),
        (UnsureOf::Officers, Lang::En) => "could not tell for certain who chaired, kept the minutes or adjusted: the signatures and the officers' attendance were not checked".to_owned(),
        (UnsureOf::Signatures, Lang::Sv) => "underskrifternas roller kan ha blandats ihop: vem som skrivit under för vilken roll är inte kontrollerat".to_owned(),
        (UnsureOf::Signatures, Lang::En) => "the signature block's roles may be mixed up: who signed for which role was not checked".to_owned(),
        (UnsureOf::Paragraphs, Lang::Sv) => "några §-nummer kan komma från en innehållsförteckning eller tabell: luckor och dubbletter är bara information".to_owned(),
        (UnsureOf::Paragraphs, Lang::En) => "some § numbers may come from a table of contents or a table: gaps and duplicates are information only".to_owned(),
    }
}

/// A file that was named or found but could not be checked.
pub fn unreadable(lang: Lang, why: &str) -> String {
    format!("{}: {why}", lang.t("inte granskad", "not checked"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_fold_runs() {
        assert_eq!(sections(&[27]), "§ 27");
        assert_eq!(sections(&[27, 28]), "§§ 27–28");
        assert_eq!(sections(&[3, 5, 6, 7, 9]), "§§ 3, 5–7, 9");
    }

    #[test]
    fn weekday_names_the_real_and_the_claimed_day() {
        let d = Date::new(2024, 10, 21).unwrap();
        assert_eq!(
            weekday(Lang::En, "Tisdag 21 oktober 2024", d, 1),
            "\"Tisdag 21 oktober 2024\": 2024-10-21 is a Monday, not a Tuesday"
        );
        assert!(weekday(Lang::Sv, "x", d, 1).contains("är en måndag, inte en tisdag"));
    }
}
