//! How much of a PDF's text layer is words (see [`super`] for the measure).

/// The least share of plausible words a text layer must have to be read as text.
pub const MIN_WORD_SHARE: f64 = 0.5;

/// The least number of plausible words a page of a text layer must have on average.
pub const MIN_WORDS_PER_PAGE: usize = 10;

/// How many words of a text were counted, and how many of them look like words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordCount {
    pub counted: usize,
    pub plausible: usize,
}

impl WordCount {
    /// The share of plausible words (1 for a text with no words counted).
    #[allow(clippy::cast_precision_loss)]
    pub fn share(self) -> f64 {
        if self.counted == 0 {
            1.0
        } else {
            self.plausible as f64 / self.counted as f64
        }
    }
}

/// Counts the words of `text` and the plausible ones among them (see the module documentation).
pub fn count_words(text: &str) -> WordCount {
    let mut count = WordCount::default();
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if word.chars().count() < 2 || !word.chars().any(char::is_alphabetic) {
            continue;
        }
        if word
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_ascii_digit())
            || word
                .chars()
                .all(|c| c.is_ascii_digit() || "-./:".contains(c))
        {
            continue;
        }
        count.counted += 1;
        if plausible(word) {
            count.plausible += 1;
        }
    }
    count
}

fn plausible(word: &str) -> bool {
    const VOWELS: &str = "aeiouyåäöéüAEIOUYÅÄÖÉÜ";
    word.split('-').all(|part| {
        let mut chars = part.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        let rest: Vec<char> = chars.collect();
        let letters = part.chars().all(char::is_alphabetic);
        let case = rest.iter().all(|c| c.is_lowercase())
            || (first.is_uppercase() && rest.iter().all(|c| c.is_uppercase()));
        let mut run = 0;
        let mut longest = 0;
        for c in part.chars() {
            if VOWELS.contains(c) {
                run = 0;
            } else {
                run += 1;
                longest = longest.max(run);
            }
        }
        letters && case && part.chars().any(|c| VOWELS.contains(c)) && longest <= 5
    })
}

/// The pages of a text layer with text on them (at least one).
pub fn pages(text: &str) -> usize {
    text.split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .count()
        .max(1)
}

/// Whether a PDF text layer may be noise (see the module documentation); its word count when
/// so. Too few words make a scan only when the pages are images, which the caller checks.
pub fn noise(text: &str) -> Option<WordCount> {
    let count = count_words(text);
    (count.share() < MIN_WORD_SHARE || count.plausible < MIN_WORDS_PER_PAGE * pages(text))
        .then_some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_layers_of_words_and_of_noise() {
        let real = "Protokoll styrelsen för Kommunförbundet Skogsbygden\nPlats: Microsoft Teams, \
            digitalt möte\nTid: 2021-03-12 09.00-12.00\nNärvaro: Kjell Ångström (S), Mossby ordf.\n\
            Margareta Öhrn (S), Alstad 1 v. ordf. Per-Åke Lindgren (M), Alstad";
        assert!(count_words(real).share() > 0.9, "{:?}", count_words(real));
        assert_eq!(noise(real), None);
        let garbage = "SamrIika8s0rupp#n \\+1+inför1uV5kt VkogWQy<de5\n=X! oc9 plVWs: Ii=da7 4 \
            no7eXb<r 2024 vl. 13.00 - 15.30 X+xita8t V{a Tea9q D4*tK8awe: Ver-2<o\\ %edman, \
            V0stadg komq4> Caiilla Rönk\\xci, B^örkå Moqmun ~attlK1 Lijdb=QI, GK09ni<3 rommuV";
        assert!(
            count_words(garbage).share() < 0.3,
            "{:?}",
            count_words(garbage)
        );
        assert!(noise(garbage).is_some());
        // A scan whose only text is the scanner's footer, on three pages.
        assert!(noise("Scanned by Xerox\x0cScanned by Xerox\x0cScanned by Xerox").is_some());
    }
}
