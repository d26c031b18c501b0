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
}

/// A pair of words, Swedish first.
pub type Text = (&'static str, &'static str);

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
pub const NO_MEETINGS: Text = ("Inga protokoll inlästa.", "No protocols loaded.");
pub const NO_PARAGRAPHS: Text = ("Protokollet har inga §.", "This protocol has no §.");
pub const LOADING: Text = ("Läser in protokoll", "Reading protocols");
pub const NO_SUCH_PARAGRAPH: Text = ("finns inte i protokollet", "is not in this protocol");
pub const SKIPPED: Text = ("filer hoppades över — tryck m", "files skipped — press m");
pub const SKIPPED_ONE: Text = ("fil hoppades över — tryck m", "file skipped — press m");
pub const HINTS: Text = ("?:hjälp  q:avsluta", "?:help  q:quit");
pub const CHAIR: Text = ("ordförande", "chair");
pub const SECRETARY: Text = ("sekreterare", "secretary");
pub const ADJUSTERS: Text = ("justerare", "adjusters");
pub const PLACE: Text = ("Plats", "Place");
pub const CLOSE: Text = ("Esc stänger", "Esc closes");
pub const PARAGRAPHS_SHORT: Text = ("§", "§");

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
