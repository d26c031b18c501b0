//! Tesseract's words laid out as text: the `tsv` output of one block a page (words with their
//! boxes and confidence) turned into the lines `pdftotext -layout` would give for the page,
//! with what is surely not text left out (see [`layout`]).

/// One word of Tesseract's `tsv` output.
#[derive(Debug, Clone)]
struct Word {
    page: u32,
    /// Block, paragraph and line numbers: together they name the line.
    line: (u32, u32, u32),
    left: i64,
    top: i64,
    width: i64,
    height: i64,
    conf: f64,
    text: String,
}

/// Tesseract's `tsv` output laid out as text the way `pdftotext -layout` lays out a page: one
/// line a line, words at their columns (so a label and its value stay apart by spaces), a blank
/// line where the page leaves a gap of about a line, pages ended by form feeds. Left out, unless
/// they are dashes or signs: specks (boxes under a third of the text's height both ways) and
/// marks with no letter or digit read at under 30 % confidence. Left out too: handwriting,
/// "words" without digits more than 1.7 times as tall as the text, with letters over 1.6 times
/// as wide, read at under 60 %; and dust read as a short word far from the others
/// (`without_dust`).
pub fn layout(tsv: &str) -> String {
    let words: Vec<Word> = tsv.lines().filter_map(parse_word).collect();
    let mut pages: Vec<String> = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let page = words[start].page;
        let end = words[start..]
            .iter()
            .position(|w| w.page != page)
            .map_or(words.len(), |n| start + n);
        pages.push(layout_page(&words[start..end]));
        start = end;
    }
    let mut text = pages.join("\x0c");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn parse_word(row: &str) -> Option<Word> {
    let cols: Vec<&str> = row.splitn(12, '\t').collect();
    if cols.len() < 12 || cols[0] != "5" {
        return None;
    }
    let n = |i: usize| cols[i].trim().parse::<i64>().ok();
    let text = crate::read::strip_controls(cols[11].trim()).into_owned();
    if text.is_empty() {
        return None;
    }
    Some(Word {
        page: u32::try_from(n(1)?).ok()?,
        line: (
            u32::try_from(n(2)?).ok()?,
            u32::try_from(n(3)?).ok()?,
            u32::try_from(n(4)?).ok()?,
        ),
        left: n(6)?,
        top: n(7)?,
        width: n(8)?,
        height: n(9)?,
        conf: cols[10].trim().parse().ok()?,
        text,
    })
}

/// The median of `values` (0 when empty).
#[allow(clippy::cast_precision_loss)]
fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
fn layout_page(words: &[Word]) -> String {
    let alnum = |w: &Word| w.text.chars().filter(|c| c.is_alphanumeric()).count();
    let height = median(
        words
            .iter()
            .filter(|w| alnum(w) >= 2)
            .map(|w| w.height as f64)
            .collect(),
    )
    .max(8.0);
    let char_width = {
        let m = median(
            words
                .iter()
                .filter(|w| w.conf >= 50.0 && w.text.chars().count() >= 3)
                .map(|w| w.width as f64 / w.text.chars().count() as f64)
                .collect(),
        );
        if m > 1.0 { m } else { height * 0.5 }
    };
    let kept: Vec<&Word> = words
        .iter()
        .filter(|w| {
            // A dash or a sign is text, however small, however unsure Tesseract is of it.
            let sign = w.text.contains(['-', '–', '§', '$', '&']);
            let speck =
                (w.width as f64) < height * 0.34 && (w.height as f64) < height * 0.34 && !sign;
            let mark = alnum(w) == 0 && w.conf < 30.0 && !sign;
            // A signature reads as a few letters spread over a tall, wide box; a long word
            // on a tilted photo is tall too, but its letters are as wide as the text's, and a
            // bold `§ 15` read as `815` is a heading.
            let per_char = w.width as f64 / w.text.chars().count() as f64;
            let handwriting = w.height as f64 > height * 1.7
                && per_char > char_width * 1.6
                && w.conf < 60.0
                && !w.text.chars().any(|c| c.is_ascii_digit());
            !(speck || mark || handwriting)
        })
        .collect();
    let Some(page_left) = kept.iter().map(|w| w.left).min() else {
        return String::new();
    };
    // Lines in Tesseract's order; each line's words left to right.
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for w in kept {
        match lines.last_mut() {
            Some(line) if line[0].line == w.line => line.push(w),
            _ => lines.push(vec![w]),
        }
    }
    for line in &mut lines {
        line.sort_by_key(|w| w.left);
        *line = without_dust(line, char_width);
    }
    lines.retain(|l| !l.is_empty());
    let mut out = String::new();
    let mut last_bottom: Option<i64> = None;
    for line in lines {
        let top = line.iter().map(|w| w.top).min().unwrap_or(0);
        let bottom = line.iter().map(|w| w.top + w.height).max().unwrap_or(0);
        if let Some(b) = last_bottom
            && (top - b) as f64 > height * 0.9
        {
            out.push('\n');
        }
        last_bottom = Some(bottom);
        let mut text = String::new();
        let mut right = None;
        for w in line {
            let column = ((w.left - page_left) as f64 / char_width).round().max(0.0) as usize;
            let len = text.chars().count();
            match right {
                // The first word stands at its column: the page's indentation.
                None => text.push_str(&" ".repeat(column)),
                // A wide gap is a jump to another column: at least two spaces, aligned.
                Some(r) if (w.left - r) as f64 > char_width * 2.0 => {
                    text.push_str(&" ".repeat(column.saturating_sub(len).max(2)));
                }
                Some(_) => text.push(' '),
            }
            text.push_str(&w.text);
            right = Some(w.left + w.width);
        }
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// A line's words (left to right) without dust read as a short word: up to three characters,
/// no digit, under 30 % confidence, and more than three characters' width from the words
/// beside it (or from nothing), as a speck in a margin or between columns is — `oo`, `ee`.
#[allow(clippy::cast_precision_loss)]
fn without_dust<'a>(line: &[&'a Word], char_width: f64) -> Vec<&'a Word> {
    let far = |gap: i64| gap as f64 > char_width * 3.0;
    (0..line.len())
        .filter(|&i| {
            let w = line[i];
            let short = w.text.chars().count() <= 3 && !w.text.chars().any(|c| c.is_ascii_digit());
            let alone = i
                .checked_sub(1)
                .is_none_or(|p| far(w.left - (line[p].left + line[p].width)))
                && line
                    .get(i + 1)
                    .is_none_or(|n| far(n.left - (w.left + w.width)));
            !(short && alone && w.conf < 30.0)
        })
        .map(|i| line[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word's row of `tsv` output: its page, line, box (left, top, width, height), confidence
    /// and text.
    fn row(page: u32, line: u32, [left, top, w, h]: [i64; 4], conf: f64, text: &str) -> String {
        format!("5\t{page}\t1\t1\t{line}\t1\t{left}\t{top}\t{w}\t{h}\t{conf}\t{text}")
    }

    #[test]
    fn words_are_laid_out_in_columns_with_gaps_as_blank_lines() {
        let tsv = [
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext".to_owned(),
            row(1, 1, [200, 100, 100, 30], 95.0, "Tid"),
            row(1, 1, [320, 100, 100, 30], 95.0, "och"),
            row(1, 1, [440, 100, 100, 30], 95.0, "plats:"),
            row(1, 1, [1000, 100, 200, 30], 95.0, "Måndag"),
            row(1, 2, [1000, 140, 200, 30], 95.0, "digitalt"),
            // A gap of two lines.
            row(1, 3, [200, 240, 100, 30], 95.0, "Beslut"),
            // Dust, a mark and a signature.
            row(1, 3, [600, 240, 3, 3], 40.0, "."),
            row(1, 3, [700, 240, 20, 30], 10.0, "|"),
            row(1, 3, [900, 230, 400, 70], 8.0, "SVYNAAA"),
            // A speck in the margin read as a word.
            row(1, 3, [1800, 240, 40, 20], 6.0, "oo"),
            row(2, 1, [200, 100, 100, 30], 95.0, "Sida"),
        ]
        .join("\n");
        // Characters are 33 px wide: "Måndag" stands at column 24, as does "digitalt".
        let expected = format!(
            "Tid och plats:{}Måndag\n{}digitalt\n\nBeslut\n\x0cSida\n",
            " ".repeat(10),
            " ".repeat(24)
        );
        assert_eq!(layout(&tsv), expected);
    }

    proptest::proptest! {
        #[test]
        fn any_tsv_is_laid_out_without_panic(s in "[0-9\t\na-zå§.|-]{0,400}") {
            let _ = layout(&s);
        }
    }
}
