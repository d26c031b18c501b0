//! The user's language, and the words the UI shows in Swedish and English side by side.
//! Swedish when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `sv`, English otherwise.

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    /// From the environment, as the C library would choose: `LC_ALL`, then `LC_MESSAGES`, then `LANG`.
    pub fn from_env() -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        Lang::from_locale(&value)
    }

    /// `sv_SE.UTF-8` → Swedish; anything else → English.
    pub fn from_locale(value: &str) -> Lang {
        if value.to_lowercase().starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    /// Picks the word for this language.
    pub fn t(self, sv: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// Picks one of a pair.
    pub fn pick(self, text: Text) -> &'static str {
        self.t(text.0, text.1)
    }

    /// A count and its noun, singular or plural as the number asks: "1 meeting", "2 möten".
    pub fn count(self, n: usize, noun: Noun) -> String {
        format!("{n} {}", self.noun(n, noun))
    }

    /// The noun alone, in the number `n` asks for.
    pub fn noun(self, n: usize, noun: Noun) -> &'static str {
        let (one, many) = match self {
            Lang::Sv => noun.sv,
            Lang::En => noun.en,
        };
        if n == 1 { one } else { many }
    }
}

/// A pair of words, Swedish first.
pub type Text = (&'static str, &'static str);

/// A noun in both languages, each as (singular, plural).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    pub sv: (&'static str, &'static str),
    pub en: (&'static str, &'static str),
}

pub const MEETING_N: Noun = Noun {
    sv: ("möte", "möten"),
    en: ("meeting", "meetings"),
};
pub const FILE_N: Noun = Noun {
    sv: ("fil", "filer"),
    en: ("file", "files"),
};
pub const HIT_N: Noun = Noun {
    sv: ("träff", "träffar"),
    en: ("hit", "hits"),
};
pub const FINDING_N: Noun = Noun {
    sv: ("anmärkning", "anmärkningar"),
    en: ("finding", "findings"),
};
pub const ERROR_N: Noun = Noun {
    sv: ("fel", "fel"),
    en: ("error", "errors"),
};
pub const WARNING_N: Noun = Noun {
    sv: ("varning", "varningar"),
    en: ("warning", "warnings"),
};
pub const INFO_N: Noun = Noun {
    sv: ("info", "info"),
    en: ("info", "info"),
};
pub const PERSON_N: Noun = Noun {
    sv: ("person", "personer"),
    en: ("person", "people"),
};
pub const ITEM_N: Noun = Noun {
    sv: ("träff", "träffar"),
    en: ("match", "matches"),
};

pub const MEETINGS: Text = ("Möten", "Meetings");
pub const AGENDA: Text = ("Innehåll", "Agenda");
pub const PARAGRAPH: Text = ("Paragraf", "Paragraph");
pub const ROSTER: Text = ("Närvaro", "Attendance");
pub const DECISION: Text = ("Beslut", "Decision");
pub const MEMBERS: Text = ("Beslutande", "Members");
pub const SUBSTITUTES: Text = ("Ersättare", "Substitutes");
pub const STAFF: Text = ("Övriga deltagare", "Others present");
pub const GUESTS: Text = ("Gäster", "Guests");
pub const ABSENT: Text = ("Frånvarande", "Absent");
pub const REPLACES: Text = ("ersätter", "replaces");
pub const HELP: Text = ("Hjälp — tangenter", "Help — keys");
pub const MESSAGES: Text = ("Meddelanden", "Messages");
pub const GOTO: Text = ("Gå till §: ", "Go to §: ");
pub const FILTER_PROMPT: Text = (
    "Filter (år, organ, organisation): ",
    "Filter (year, body, organisation): ",
);
pub const FILTER: Text = ("filter", "filter");
pub const NO_MEETINGS: Text = ("Inga protokoll inlästa.", "No protocols loaded.");
pub const NO_PARAGRAPHS: Text = ("Protokollet har inga §.", "This protocol has no §.");
pub const NO_MATCH: Text = ("Inget möte matchar", "No meeting matches");
pub const ESC_CLEARS_FILTER: Text = ("Esc tar bort filtret", "Esc clears the filter");
pub const DOES_NOT_EXIST: Text = ("finns inte", "does not exist");
pub const NO_PROTOCOLS_IN: Text = (
    "har inga protokoll (*.txt, *.md, *.pdf, *.docx, *.odt)",
    "holds no protocols (*.txt, *.md, *.pdf, *.docx, *.odt)",
);
pub const NONE_READABLE: Text = (
    "kunde inte läsas — m visar varför",
    "could not be read — m shows why",
);
pub const STILL_LOADING: Text = ("Läser in …", "Reading …");
pub const LOADING: Text = ("Läser in protokoll", "Reading protocols");
pub const READING_OCR: Text = ("läser (OCR)…", "reading (OCR)…");
pub const UNREAD: Text = ("oläst, se meddelandena (m)", "unread, see the messages (m)");
pub const OCR_PAGE: Text = ("OCR, sida", "OCR, page");
pub const OCR_SCAN: Text = ("skanning", "scan");
pub const READ_BY_OCR: Text = ("Läst med OCR", "Read by OCR");
pub const SCAN_WAITING: Text = (
    "En skanning: den läses med OCR när resten är inläst, och visas här när den är klar.",
    "A scan: it is read by OCR once the rest has loaded, and shown here when it is done.",
);
pub const SCAN_UNREAD: Text = (
    "En skanning som inte kunde läsas; meddelandena (m) säger varför och vad som ska installeras.",
    "A scan that could not be read; the messages (m) say why and what to install.",
);
pub const NO_SUCH_PARAGRAPH: Text = ("finns inte i protokollet", "is not in this protocol");
pub const SKIPPED: Text = ("hoppades över — tryck m", "skipped — press m");
pub const PRESS_M: Text = ("tryck m", "press m");
pub const HINTS: Text = ("?:hjälp  q:avsluta", "?:help  q:quit");
pub const CHAIR: Text = ("ordförande", "chair");
pub const SECRETARY: Text = ("sekreterare", "secretary");
pub const ADJUSTERS: Text = ("justerare", "adjusters");
pub const PLACE: Text = ("Plats", "Place");
pub const CLOSE: Text = ("Esc stänger", "Esc closes");
pub const CLOSE_HELP: Text = ("? Esc q stänger", "? Esc q close");
pub const HELP_MARKS: Text = ("Markeringar", "Marks");
pub const HELP_MOUSE: Text = ("Mus", "Mouse");
pub const HELP_PROMPTS: Text = (
    "Att skriva i en rad (/ f : @ Ctrl-P a)",
    "Typing in a line (/ f : @ Ctrl-P a)",
);
pub const HELP_REPORT: Text = ("Rapport", "Report");
pub const ENTER_GOES_THERE: Text = ("Enter går dit", "Enter goes there");

// The meeting's page (`i`).
pub const MEETING_PAGE: Text = ("Mötet", "The meeting");
pub const ORGANISATION: Text = ("Organisation", "Organisation");
pub const BODY: Text = ("Organ", "Body");
pub const WHEN: Text = ("Tid", "Date and time");
pub const CHAIR_CAP: Text = ("Ordförande", "Chair");
pub const SECRETARY_CAP: Text = ("Sekreterare", "Secretary");
pub const ADJUSTERS_CAP: Text = ("Justerare", "Adjusters");
pub const JUSTERING: Text = ("Justering", "Justering");
pub const NOTICE: Text = ("Anslag", "Notice");
pub const POSTED: Text = ("uppsatt", "posted");
pub const REMOVED: Text = ("nedtas", "removed");
pub const KEPT_AT: Text = ("förvaras", "kept at");
pub const PARAGRAPHS_LABEL: Text = ("Paragrafer", "Paragraphs");
pub const DECLARED: Text = ("angivna", "declared");
pub const FOUND: Text = ("funna", "found");
pub const SOURCE: Text = ("Fil", "File");
pub const REVIEW: Text = ("Granskning", "Review");
pub const PROGRESS: Text = ("Läget", "Progress");
pub const TO_REVIEW: Text = ("Kvar", "To review");
pub const CHANGED_SINCE: Text = ("Ändrade sedan", "Changed since");
pub const FINDINGS: Text = ("Anmärkningar", "Findings");
pub const NOTE: Text = ("Anteckning", "Note");
pub const NOTE_KEYS: Text = ("Enter sparar, Esc avbryter", "Enter saves, Esc cancels");
// Accepting a finding (`a` in the findings list).
pub const ACCEPT: Text = ("Godta", "Accept");
pub const ACCEPT_KEYS: Text = (
    "skäl · Enter godtar · Esc avbryter",
    "reason · Enter accepts · Esc cancels",
);
pub const ACCEPT_HINT: Text = ("a godtar", "a accepts");
pub const ACCEPTED_MARK: Text = ("godtagen", "accepted");
pub const ACCEPTED_N: Noun = Noun {
    sv: ("godtagen", "godtagna"),
    en: ("accepted", "accepted"),
};
pub const PARAGRAPHS_SHORT: Text = ("§", "§");
pub const PARAGRAPH_N: Noun = Noun {
    sv: ("§", "§"),
    en: ("§", "§"),
};
pub const MESSAGE_N: Noun = Noun {
    sv: ("meddelande", "meddelanden"),
    en: ("message", "messages"),
};

/// "line 45" / "rad 45".
pub fn line_label(lang: Lang, line: u32) -> String {
    format!("{} {line}", lang.t("rad", "line"))
}

// Messages in the status line.
pub const FOLDER_CHANGED: Text = ("Mappen ändrades, lästa igen", "Folder changed, read again");
pub const READ_AGAIN: Text = ("Läst igen", "Read again");
pub const LOADING_FAILED: Text = ("Inläsningen misslyckades", "Loading failed");
pub const CANNOT_RUN: Text = ("Kan inte starta", "Cannot run");
pub const NO_HITS: Text = ("Inga träffar", "No hits");
pub const HITS_HINT: Text = (
    "n/N går igenom dem, Tab till listan",
    "n/N walk them, Tab to the list",
);
pub const SEARCH_WRAPPED: Text = ("Sökningen började om från början", "Search wrapped");
pub const NO_REFERENCES: Text = ("Inga hänvisningar i §", "No references in this §");
pub const MEETING_NOT_LOADED: Text = ("Mötet är inte inläst:", "That meeting is not loaded:");
pub const NO_FINDINGS: Text = ("Inga anmärkningar.", "No findings.");
pub const FINDINGS_WRAPPED: Text = ("Från början igen", "Wrapped");
pub const REVIEWED_ONE: Text = ("granskad", "reviewed");
pub const REVIEWED_MANY: Text = ("granskade", "reviewed");
pub const NOT_REVIEWED: Text = ("inte granskad", "not reviewed");
pub const LEFT_TO_REVIEW: Text = ("kvar att granska", "left to review");
pub const OF: Text = ("av", "of");
pub const EDIT_TEXT_ONLY: Text = (
    "e öppnar textfiler; det här protokollet lästes ur en annan filtyp",
    "e opens text files; this protocol was read from another kind of file",
);
pub const EDIT_NO_FILE: Text = (
    "Protokollet är inte en fil på disken (ett inbyggt exempel)",
    "This protocol is not a file on disk (a bundled sample)",
);
pub const COPIED: Text = ("Kopierat", "Copied");
pub const ACCEPTED: Text = ("godtagen", "accepted");
pub const NOT_ACCEPTED: Text = ("inte längre godtagen", "no longer accepted");
pub const REASON_NEEDED: Text = (
    "Skriv ett skäl för att godta anmärkningen",
    "Write a reason to accept the finding",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_only_for_sv_locales() {
        assert_eq!(Lang::from_locale("sv_SE.UTF-8"), Lang::Sv);
        assert_eq!(Lang::from_locale("sv"), Lang::Sv);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }
}
