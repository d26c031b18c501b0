//! Text from a file or its name, made safe to print: every field the command line writes (and
//! the UI's file names) passes through [`field`], the Markdown report through [`markdown`] and
//! [`code_span`].
//!
//! A file name is whatever bytes its author chose. Printed as it is, `ESC ] 0 ;` sets the
//! terminal's title, `ESC [ 2 J` clears the screen, and a newline followed by
//! `FORGED.txt:9: error[forged]` forges a whole line of `check` or `search` output, which a
//! reader, an editor's error list or CI takes for real. So in a one-line field control
//! characters are shown, not obeyed — as the Unicode control pictures (`␛`, `␊`, `␉`), so the
//! name can still be recognised — and characters that only steer how other text shows (bidi
//! controls, invisible separators and fillers, tag characters) are removed, and combining marks
//! are capped at [`MAX_MARKS`] on one letter. Text read from files gets the same removals when
//! it is read ([`crate::read::strip_controls`]).

use std::borrow::Cow;

/// Combining marks kept on one base character: Swedish needs one, Vietnamese two; a tower of
/// them ("Zalgo" text) draws over the lines around it.
pub const MAX_MARKS: usize = 2;

/// Characters that are never text of their own but steer how the text around them shows, or
/// hide in it: bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, U+202A–U+202E,
/// U+2066–U+2069), the line and paragraph separators U+2028/U+2029, tag characters
/// (U+E0000–U+E007F), Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the interlinear
/// annotation characters U+FFF9–U+FFFB.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// A combining mark of the blocks that hold them (diacritics, their extensions and
/// supplements, marks for symbols, half marks).
pub fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// One field on one line of output: control characters (newline, tab and escape among them)
/// as control pictures, C1 controls as U+FFFD, invisible characters removed, combining marks
/// capped. Text without any of them is returned as it is.
pub fn field(s: &str) -> Cow<'_, str> {
    // Below U+0300 only controls need care: most characters are told by one comparison.
    let needs_care = |c: char| {
        if c < '\u{300}' {
            c.is_control()
        } else {
            is_invisible(c) || is_combining(c)
        }
    };
    // Printable ASCII (most file names) is told a byte at a time, which the compiler widens.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut marks = 0;
    for c in s.chars() {
        if is_combining(c) {
            marks += 1;
            if marks <= MAX_MARKS {
                out.push(c);
            }
            continue;
        }
        marks = 0;
        match c {
            // C0 controls as ␀…␟, DEL as ␡.
            '\0'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{fffd}'),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A field as Markdown text: [`field`], then every character Markdown could read as markup
/// escaped with a backslash, and what would start a heading, list or quote at the start of a
/// line made plain.
pub fn markdown(s: &str) -> String {
    let f = field(s);
    let mut out = String::with_capacity(f.len() + 8);
    // "12." or "3)" at the start would open a numbered list.
    let digits = f.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in f.char_indices() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) || (i == 0 && matches!(c, '-' | '+' | '='))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A field as a Markdown code span: fenced with one backtick more than the longest run inside
/// it, so nothing in it can close the span early (backslashes do not escape inside one).
pub fn code_span(s: &str) -> String {
    let f = field(s);
    let mut longest = 0;
    let mut run = 0;
    for c in f.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if f.starts_with('`') || f.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{f}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        let name = "a\x1b]0;title\x07\x1b[2J\nFORGED.txt:9: error[forged]\tb\u{7f}\u{9b}";
        assert_eq!(
            field(name),
            "a␛]0;title␇␛[2J␊FORGED.txt:9: error[forged]␉b␡\u{fffd}"
        );
        assert!(matches!(field("Lövgren § 3"), Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_characters_go_and_marks_are_capped() {
        let s = "A\u{200E}\u{200F}\u{061C}B\u{202E}C\u{2028}D\u{E0041}\u{E007F}E\u{3164}\u{115F}F\u{FFF9}G";
        assert_eq!(field(s), "ABCDEFG");
        assert_eq!(field("e\u{301}\u{302}\u{303}\u{304}x"), "e\u{301}\u{302}x");
        assert_eq!(field("o\u{308}"), "o\u{308}");
    }

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            markdown("# Rubrik *fet* [länk](x) a|b"),
            "\\# Rubrik \\*fet\\* \\[länk\\](x) a\\|b"
        );
        assert_eq!(markdown("- punkt"), "\\- punkt");
        assert_eq!(markdown("12. x 3. y"), "12\\. x 3. y");
        assert_eq!(markdown("<img src=x>"), "\\<img src=x\\>");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("p\n.txt"), "`p␊.txt`");
    }
}
