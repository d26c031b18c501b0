//! A query of one word, told in a line without folding the line.

use super::Term;
use super::prefilter;

/// A query's one word, folded, to be told in a line as shown without folding the line.
#[derive(Debug)]
pub(super) struct Word {
    chars: Vec<char>,
    /// Where its rare letter (see [`Query::rare`]) first stands among `chars`.
    rare_at: usize,
    rare: [u8; 2],
}

impl Word {
    pub(super) fn new(terms: &[Term]) -> Option<Word> {
        let [Term::Word(w)] = terms else {
            return None;
        };
        let [rare, _] = prefilter::rare_letter(w.as_bytes())?;
        let chars: Vec<char> = w.chars().collect();
        let rare_at = chars.iter().position(|&c| c == char::from(rare))?;
        Some(Word {
            chars,
            rare_at,
            rare: [rare, rare.to_ascii_uppercase()],
        })
    }

    /// Whether the line `shown` folded (see [`push_folded`]) holds the word: the word holds no
    /// white space, so it is there when some run of the line's characters folds to it one by
    /// one. Each run is tried where the rare letter can stand.
    pub(super) fn in_line(&self, shown: &str) -> bool {
        let (before, after) = self.chars.split_at(self.rare_at);
        memchr::memchr2_iter(self.rare[0], self.rare[1], shown.as_bytes()).any(|at| {
            let mut back = shown[..at].chars().rev();
            let mut ahead = shown[at..].chars();
            before
                .iter()
                .rev()
                .all(|&w| back.next().is_some_and(|c| crate::fold::fold_char(c) == w))
                && after
                    .iter()
                    .all(|&w| ahead.next().is_some_and(|c| crate::fold::fold_char(c) == w))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Query, part::push_folded};

    #[test]
    fn one_word_is_told_in_a_line_as_folding_the_line_would() {
        let lines = [
            "Beslut",
            "Styrelsen BESLUTAR att",
            "Béslut fattades",
            "ett obeslutat ärende",
            "be slut",
            "besl\u{a0}ut",
            "beslu",
            "b",
            "",
            "Ⱥbeslutȿ Ångström",
            "ångström, angstrom och ÅNGSTRÖM",
            "bbbbeslut",
            "Kelvin \u{212A}elvin",
        ];
        for q in ["beslut", "ångström", "kelvin", "bb", "b", "§3"] {
            let query = Query::new(q);
            for line in lines {
                let mut folded = Vec::new();
                push_folded(line, &mut folded);
                let expected = query.folded[0].find(&folded).is_some();
                let told = query.shown_may_hold(line);
                if query.word.is_some() {
                    assert_eq!(told, expected, "{q} in {line:?}");
                } else {
                    assert!(told, "{q}: no word to tell, every line kept");
                }
            }
        }
        assert!(Query::new("beslut").word.is_some());
        assert!(
            Query::new("ångström").word.is_some(),
            "its rare letter is g"
        );
        assert!(Query::new("beslut protokoll").word.is_none());
        assert!(Query::new("\"beslut\"").word.is_none());
        assert!(
            Query::new("åäö").word.is_none(),
            "no letter only ASCII folds to"
        );
    }
}
