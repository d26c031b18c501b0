//! What the UI hands to the world outside the terminal window: the editor command for `e`
//! and the clipboard text for `y` / `Y`, as pure functions (the event loop runs and writes
//! them, see `tui::run`).
//!
//! **Editor.** `$VISUAL`, else `$EDITOR`, else `vi`, split into words as a shell would (quotes
//! kept together, so `EDITOR="code --wait"` works) and run without a shell, so a file name is
//! never interpreted. The line is passed as each editor family expects: `+LINE FILE` for vi,
//! vim, neovim, emacs, nano, helix and kakoune (and their relatives), `-g FILE:LINE` for VS Code
//! and its forks; any other editor gets the file alone.
//!
//! **Clipboard.** OSC 52 (`ESC ] 52 ; c ; base64 BEL`): the terminal puts the text on the
//! system clipboard, which works over ssh too. Inside tmux the sequence is written as it is and
//! tmux handles it when its `set-clipboard` option is `on` (it keeps a paste buffer and passes
//! the text on to the outer terminal); with tmux's default, `external`, tmux ignores clipboard
//! requests from programs — `set -g set-clipboard on` in `~/.tmux.conf`. We do not wrap the
//! sequence in tmux's passthrough (`ESC P tmux; …`): that needs `allow-passthrough`, off by
//! default, and bypasses tmux's own buffers.

use std::path::Path;

use crate::model::{Meeting, Paragraph};

/// The editor the user chose: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_from_env() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_owned())
}

/// The command (program and arguments) that opens `path` at `line` in `editor`.
pub fn editor_command(editor: &str, path: &Path, line: u32) -> Vec<String> {
    let mut words = split_words(editor);
    if words.is_empty() {
        words.push("vi".to_owned());
    }
    let program = Path::new(&words[0])
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let program = program.strip_suffix(".exe").unwrap_or(&program);
    let file = path.display().to_string();
    match program {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nvi" | "elvis" | "vis" | "emacs"
        | "emacsclient" | "nano" | "pico" | "micro" | "hx" | "helix" | "kak" | "joe" | "jed"
        | "mg" | "ne" => {
            words.push(format!("+{line}"));
            words.push(file);
        }
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => {
            words.push("-g".to_owned());
            words.push(format!("{file}:{line}"));
        }
        _ => words.push(file),
    }
    words
}

/// Splits a command line into words as a POSIX shell would for plain words and quotes: spaces
/// separate, `'…'` and `"…"` group, `\` escapes the next character (outside single quotes).
pub fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        _ => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// How a § is cited: "KS § 45, 2024-03-25" — the body's short name as the heading writes it
/// ("KS § 45"), else the body's name, then the § and the date.
pub fn reference(m: &Meeting, p: &Paragraph) -> String {
    let heading = m
        .lines
        .iter()
        .find(|l| l.number == p.line)
        .map_or("", |l| l.text);
    let prefix = heading
        .trim_start_matches(['#', ' '])
        .split_once('§')
        .map(|(before, _)| before.trim())
        .filter(|b| {
            !b.is_empty()
                && b.chars().count() <= 8
                && b.chars().all(|c| c.is_uppercase() || c == '-')
        });
    let who = prefix
        .map(str::to_owned)
        .or_else(|| m.body.clone())
        .unwrap_or_default();
    let mut out = if who.is_empty() {
        format!("§ {}", p.number)
    } else {
        format!("{who} § {}", p.number)
    };
    if let Some(date) = &m.date {
        out.push_str(", ");
        out.push_str(date);
    }
    out
}

/// What `y` copies: the reference, the title, then the decisions and text of the §.
pub fn paragraph_text(reference: &str, p: &Paragraph) -> String {
    let mut out = format!("{reference}\n{}\n", p.title);
    let text = p.text.trim();
    if !text.is_empty() {
        out.push('\n');
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_editor_family_gets_the_line_its_way() {
        let p = Path::new("/p/ks 2024.txt");
        assert_eq!(
            editor_command("vim", p, 45),
            ["vim", "+45", "/p/ks 2024.txt"]
        );
        assert_eq!(
            editor_command("/usr/bin/nvim", p, 7),
            ["/usr/bin/nvim", "+7", "/p/ks 2024.txt"]
        );
        for e in ["emacs", "nano", "hx", "helix", "kak", "vi"] {
            assert_eq!(editor_command(e, p, 3)[1], "+3", "{e}");
        }
        assert_eq!(
            editor_command("code --wait", p, 12),
            ["code", "--wait", "-g", "/p/ks 2024.txt:12"]
        );
        assert_eq!(editor_command("gedit", p, 12), ["gedit", "/p/ks 2024.txt"]);
        assert_eq!(editor_command("  ", p, 1), ["vi", "+1", "/p/ks 2024.txt"]);
    }

    #[test]
    fn editor_settings_split_like_a_shell() {
        assert_eq!(
            split_words(r#"'/opt/my editor/bin/vim' -u "NONE x" a\ b"#),
            ["/opt/my editor/bin/vim", "-u", "NONE x", "a b"]
        );
    }

    #[test]
    fn base64_as_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("§ 45".as_bytes()), "wqcgNDU=");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn references_use_the_headings_short_name() {
        let text = "Kommunstyrelsen\n\nSammanträdesdatum 2024-03-25\n\nKS § 45 Budget\n\nText.\n";
        let (mut m, _) = crate::parse::parse(text, "ks.txt");
        m.date = Some("2024-03-25".into());
        let p = m.paragraphs[0].clone();
        assert_eq!(reference(&m, &p), "KS § 45, 2024-03-25");
        m.lines.clear();
        m.body = Some("Styrelsen".into());
        assert_eq!(reference(&m, &p), "Styrelsen § 45, 2024-03-25");
    }
}
