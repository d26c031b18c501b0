//! Word 97–2003 (`.doc`): the text as `antiword` reads it, run through [`super::run`] with a
//! time limit and a cap on its output, so a crafted file costs one diagnostic.
//!
//! Why `antiword` and not `catdoc`: both were measured on a `.doc` that `LibreOffice` saved from
//! one of our samples (`tests/fixtures/scans/legacy.doc`, made by `scripts/make-scans.py`).
//! Both read å ä ö and § right. `catdoc` drops empty paragraphs, so every § heading runs into
//! the text before it and the parser found 1 of 11 §; `antiword` keeps them, and once its
//! tables (`|cell  |cell  |`, a wrapped cell continued on the next row) are turned into
//! tab-separated cells by [`tables_to_tabs`], the model read from it is the model read from
//! the sample's own text, fact for fact.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::run::{self, Limits, RunError};

/// The name of this reader in the model.
pub const READER: &str = "antiword";

/// The install of `antiword`, for the message when it is missing.
pub const INSTALL: &str = "apt install antiword (macOS: brew install antiword)";

/// How long `antiword` may take for one file; it reads a long protocol in a tenth of a second.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Why a `.doc` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocFileError {
    /// `antiword` is not on `PATH`.
    NotInstalled,
    /// It did not finish within this time; it was killed with what it started.
    TimedOut(Duration),
    TooMuchText,
    /// `antiword` refused the file; its own message, when it gave one.
    Refused(Option<String>),
    /// It ran and found no text.
    NoText,
    /// It could not be started or waited for.
    Run(String),
}

impl std::fmt::Display for DocFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocFileError::NotInstalled => write!(
                f,
                "Word 97-2003 document (.doc): not read, antiword is not installed ({INSTALL})"
            ),
            DocFileError::TimedOut(limit) => write!(
                f,
                "Word 97-2003 document (.doc): antiword did not finish within {} s; skipped",
                limit.as_secs_f64()
            ),
            DocFileError::TooMuchText => write!(
                f,
                "Word 97-2003 document (.doc): more than {} MB of text; skipped",
                crate::read::MAX_FILE_BYTES / 1_048_576
            ),
            DocFileError::Refused(Some(why)) => {
                write!(f, "cannot read Word 97-2003 document (.doc): {why}")
            }
            DocFileError::Refused(None) => {
                write!(
                    f,
                    "cannot read Word 97-2003 document (.doc): antiword failed"
                )
            }
            DocFileError::NoText => write!(f, "Word 97-2003 document (.doc) with no text"),
            DocFileError::Run(e) => write!(f, "cannot run antiword: {e}"),
        }
    }
}

/// The text of the Word 97–2003 file at `path`.
pub fn read(path: &Path) -> Result<String, DocFileError> {
    let mut command = Command::new("antiword");
    // UTF-8 output, no wrapping of paragraphs into lines.
    command
        .args(["-m", "UTF-8.txt", "-w", "0"])
        .arg(super::pdf::argument(path));
    let limits = Limits::new(TIMEOUT, crate::read::MAX_FILE_BYTES);
    let ran = match run::run(command, limits) {
        Ok(r) => r,
        Err(RunError::NotFound) => return Err(DocFileError::NotInstalled),
        Err(RunError::TimedOut) => return Err(DocFileError::TimedOut(limits.timeout)),
        Err(RunError::Io(e)) => return Err(DocFileError::Run(e)),
    };
    if ran.truncated {
        return Err(DocFileError::TooMuchText);
    }
    if !ran.status.success() {
        let stderr = String::from_utf8_lossy(&ran.stderr);
        let why = stderr.lines().find(|l| !l.trim().is_empty()).map(|l| {
            // "x.doc is not a Word Document." names the file; the diagnostic does already.
            let l = l.rsplit_once(" is ").map_or(l, |(_, rest)| rest);
            crate::read::strip_controls(l).chars().take(200).collect()
        });
        return Err(DocFileError::Refused(why));
    }
    let text = tables_to_tabs(&String::from_utf8_lossy(&ran.stdout));
    if text.trim().is_empty() {
        return Err(DocFileError::NoText);
    }
    Ok(text)
}

/// `antiword`'s tables as a text export writes them: a row `|a   |b   |` becomes `a\tb`, and a
/// row that only continues cells wrapped from the row above (its first cell empty) is joined
/// to that row, cell by cell.
pub fn tables_to_tabs(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        let l = line.trim_end();
        let cells: Option<Vec<&str>> = (l.len() > 1 && l.starts_with('|') && l.ends_with('|'))
            .then(|| l[1..l.len() - 1].split('|').map(str::trim).collect());
        let Some(cells) = cells else {
            in_table = false;
            out.push(l.to_owned());
            continue;
        };
        if in_table
            && cells.first().is_some_and(|c| c.is_empty())
            && cells.iter().any(|c| !c.is_empty())
            && let Some(last) = out.last_mut()
        {
            let mut above: Vec<String> = last.split('\t').map(str::to_owned).collect();
            above.resize(above.len().max(cells.len()), String::new());
            for (a, c) in above.iter_mut().zip(&cells) {
                if !c.is_empty() {
                    if !a.is_empty() {
                        a.push(' ');
                    }
                    a.push_str(c);
                }
            }
            above.join("\t").trim_end_matches('\t').clone_into(last);
            continue;
        }
        in_table = true;
        out.push(cells.join("\t").trim_end_matches('\t').to_owned());
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_become_cells_and_wrapped_cells_join() {
        let text = "Övriga deltagare\n\n\
|Birgitta Sjödin   |Kommunförbundet   |sekreterare   |\n\
|Nils-Erik Jansson |Folkhälsoprojektet|§ 22          |\n\
|                  |projektledare     |              |\n\
|Lena Åkerman      |Kommunförbundet   |              |\n\
\nUtses att justera Kjell Ångström\n";
        assert_eq!(
            tables_to_tabs(text),
            "Övriga deltagare\n\n\
Birgitta Sjödin\tKommunförbundet\tsekreterare\n\
Nils-Erik Jansson\tFolkhälsoprojektet projektledare\t§ 22\n\
Lena Åkerman\tKommunförbundet\n\
\nUtses att justera Kjell Ångström\n"
        );
    }

    #[test]
    fn a_bar_in_text_is_text() {
        assert_eq!(tables_to_tabs("a | b\n|\n"), "a | b\n|\n");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_turned_into_cells_without_panic(s in "[|a-zö \n]{0,300}") {
            let _ = tables_to_tabs(&s);
        }
    }
}
