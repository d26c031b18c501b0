//! The command line: argument parsing, choosing the library, and the non-interactive commands.
//! Exit codes are decided here and only here: 0 success, 1 error-level findings (`check`),
//! 2 usage or I/O errors. A closed pipe (`protokoll export | head`) is success.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::library::{self, Loaded};
use crate::show::{code_span, field, markdown};

#[derive(Debug, Parser)]
#[command(
    name = "protokoll",
    version,
    about = "Read, review and search Swedish meeting minutes (protokoll)"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Protocol files and folders (folders are read recursively for *.txt, *.md, *.pdf, *.docx, *.odt).
    pub paths: Vec<PathBuf>,
    /// Do not follow the folders for files that appear, change or disappear while the UI runs.
    #[arg(long)]
    pub no_watch: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the model of the library as JSON.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        paths: Vec<PathBuf>,
    },
    /// List people, best fuzzy match first, with every place they appear.
    ///
    /// The first argument is the query unless it names an existing file or folder.
    People {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// `[QUERY] [PATH…]`
        args: Vec<String>,
    },
    /// Review findings: what a secretary checks before signing. Exit 1 if any is an error.
    Check {
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        paths: Vec<PathBuf>,
    },
    /// Full-text search: every line that matches, with its meeting and §.
    ///
    /// Words match without regard to case or å ä ö; "quoted phrases" match as written.
    Search {
        query: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Some(Command::Export {
            format: ExportFormat::Json,
            paths,
        }) => {
            let loaded = load(&paths);
            report(&loaded);
            emit(|out| {
                serde_json::to_writer_pretty(&mut *out, &loaded.library)?;
                writeln!(out)?;
                Ok(())
            })
        }
        Some(Command::People { format, args }) => {
            let (query, paths) = query_and_paths(&args);
            let loaded = load(&paths);
            report(&loaded);
            let people = crate::people::index(&loaded.library);
            let hits = crate::people::Finder::default()
                .find(&people.people, query.as_deref().unwrap_or(""));
            emit(|out| match format {
                Format::Json => {
                    let list: Vec<&crate::people::Person> =
                        hits.iter().map(|h| &people.people[h.person]).collect();
                    serde_json::to_writer_pretty(
                        &mut *out,
                        &serde_json::json!({ "people": list }),
                    )?;
                    writeln!(out)
                }
                Format::Text => {
                    for h in &hits {
                        write_person(out, &people.people[h.person])?;
                    }
                    Ok(())
                }
            })
        }
        Some(Command::Check { format, paths }) => check(format, &paths),
        Some(Command::Search {
            query,
            format,
            paths,
        }) => {
            let loaded = load(&paths);
            report(&loaded);
            let hits = crate::search::Index::new(&loaded.library).search(&query);
            emit(|out| match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "hits": hits }))?;
                    writeln!(out)
                }
                Format::Text => {
                    for h in &hits {
                        let source = &loaded.library.meetings[h.meeting_index].source;
                        // A hit on the § heading already says which § it is.
                        let para = h
                            .paragraph
                            .filter(|&n| !names_paragraph(&h.text, n))
                            .map(|n| format!("§{n} "))
                            .unwrap_or_default();
                        writeln!(
                            out,
                            "{}:{}: {para}{}",
                            field(source),
                            h.line,
                            field(h.text.trim())
                        )?;
                    }
                    Ok(())
                }
            })
        }
        None => crate::tui::run(cli.paths, !cli.no_watch),
    }
}

/// Whether a line begins by naming § `n`, as its heading does: "§ 19 …", "§19", "KS § 19",
/// "## §19".
fn names_paragraph(text: &str, n: u32) -> bool {
    let t = text.trim_start().trim_start_matches(['#', ' ']);
    let Some(at) = t.find('§') else {
        return false;
    };
    let before = &t[..at];
    if before.chars().count() > 8 || before.chars().any(char::is_lowercase) {
        return false;
    }
    let digits: String = t[at + '§'.len_utf8()..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<u32>() == Ok(n)
}

/// `protokoll check`: findings as compiler-style lines, JSON or a Markdown report. Exit 2 when
/// a named path does not exist, else 1 when a finding is an error — and every file that was
/// named or found but not checked (unreadable, empty, binary, too large, no § in it) is an
/// `unreadable` error, so a run never passes what it did not check — else 0.
fn check(format: CheckFormat, paths: &[PathBuf]) -> ExitCode {
    let (loaded, skipped) = match sources(paths) {
        Some(paths) => library::load_checked(&paths, &library::Progress::default()),
        None => (library::load_texts(crate::samples::SAMPLES), Vec::new()),
    };
    report(&loaded);
    let lang = crate::lang::Lang::from_env();
    // Files not checked come first, each as an `unreadable` finding under its file's stem.
    let unread: Vec<(&str, crate::review::Finding)> = skipped
        .iter()
        .map(|s| {
            let stem = std::path::Path::new(&s.path).file_stem().map_or_else(
                || s.path.clone(),
                |n| field(&n.to_string_lossy()).into_owned(),
            );
            (
                s.path.as_str(),
                crate::review::unreadable(&stem, &s.why, lang),
            )
        })
        .collect();
    let findings: Vec<Vec<crate::review::Finding>> = loaded
        .library
        .meetings
        .iter()
        .map(|m| crate::review::check(m, lang))
        .collect();
    let marks = crate::review::marks::Store::default_location()
        .map(|s| s.load().0)
        .unwrap_or_default();
    let written = emit(|out| match format {
        CheckFormat::Json => {
            let all: Vec<&crate::review::Finding> = unread
                .iter()
                .map(|(_, f)| f)
                .chain(findings.iter().flatten())
                .collect();
            serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "findings": all }))?;
            writeln!(out)
        }
        CheckFormat::Text => {
            let unread = unread.iter().map(|(path, f)| (*path, f));
            let checked = loaded
                .library
                .meetings
                .iter()
                .zip(&findings)
                .flat_map(|(m, fs)| fs.iter().map(|f| (m.source.as_str(), f)));
            for (path, f) in unread.chain(checked) {
                let severity = serde_json::to_value(f.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}:{}: {severity}[{}]: {}",
                    field(path),
                    f.line,
                    f.code,
                    field(&f.message)
                )?;
            }
            Ok(())
        }
        CheckFormat::Markdown => {
            for (path, f) in &unread {
                write_unread_report(out, path, f, lang)?;
            }
            for (m, fs) in loaded.library.meetings.iter().zip(&findings) {
                write_report(out, m, fs, &marks, lang)?;
            }
            Ok(())
        }
    });
    if written != ExitCode::SUCCESS {
        return written;
    }
    let missing = paths.iter().any(|p| std::fs::metadata(p).is_err());
    let errors = !unread.is_empty()
        || findings
            .iter()
            .flatten()
            .any(|f| f.severity == crate::review::Severity::Error);
    if missing {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A review report for one meeting, in Markdown, for the secretary to send: how far the review
/// has come, the § still to review, the open findings, the accepted ones, the notes.
fn write_report(
    out: &mut dyn Write,
    m: &crate::model::Meeting,
    findings: &[crate::review::Finding],
    marks: &crate::review::marks::Marks,
    lang: crate::lang::Lang,
) -> std::io::Result<()> {
    use crate::review::marks::State;
    let t = |sv: &'static str, en: &'static str| lang.t(sv, en);
    writeln!(
        out,
        "# {} {} {}",
        t("Granskning:", "Review:"),
        markdown(m.body.as_deref().unwrap_or(&m.id)),
        markdown(m.date.as_deref().unwrap_or(""))
    )?;
    writeln!(out)?;
    if let Some(org) = &m.organization {
        writeln!(out, "{}", markdown(org))?;
    }
    writeln!(out, "{}: {}", t("Fil", "File"), code_span(&m.source))?;
    writeln!(
        out,
        "{}: {} / {}",
        t("Granskade §", "§ reviewed"),
        marks.reviewed_count(m),
        m.paragraphs.len()
    )?;
    writeln!(out)?;
    let left = crate::review::to_review(m, marks);
    writeln!(
        out,
        "## {} ({})",
        t("§ kvar att granska", "§ still to review"),
        left.len()
    )?;
    writeln!(out)?;
    if left.is_empty() {
        writeln!(out, "{}", t("Alla § är granskade.", "Every § is reviewed."))?;
    }
    for (n, state) in &left {
        let title = m
            .paragraph(*n)
            .map_or(String::new(), |p| markdown(&p.title));
        let changed = if *state == State::Stale {
            t(
                " — granskad, men texten har ändrats sedan",
                " — reviewed, but its text has changed since",
            )
        } else {
            ""
        };
        writeln!(out, "- § {n} {title}{changed}")?;
    }
    // Errors first, as the UI lists them; by line within each severity.
    let mut sorted: Vec<&crate::review::Finding> = findings.iter().collect();
    sorted.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.line.cmp(&b.line)));
    let (accepted, open): (Vec<&crate::review::Finding>, Vec<&crate::review::Finding>) = sorted
        .into_iter()
        .partition(|f| crate::review::is_accepted(marks, m, f));
    for (title, list, none) in [
        (
            t("Anmärkningar", "Findings"),
            &open,
            t("Inga anmärkningar.", "No findings."),
        ),
        (
            t("Godtagna anmärkningar", "Accepted findings"),
            &accepted,
            t("Inga godtagna anmärkningar.", "No accepted findings."),
        ),
    ] {
        writeln!(out)?;
        writeln!(out, "## {title} ({})", list.len())?;
        writeln!(out)?;
        if list.is_empty() {
            writeln!(out, "{none}")?;
            continue;
        }
        writeln!(
            out,
            "| {} | § | {} | {} |",
            t("Allvar", "Severity"),
            t("Rad", "Line"),
            t("Anmärkning", "Finding")
        )?;
        writeln!(out, "|---|---|---|---|")?;
        for f in list {
            let sev = match f.severity {
                crate::review::Severity::Error => t("fel", "error"),
                crate::review::Severity::Warning => t("varning", "warning"),
                crate::review::Severity::Info => t("info", "info"),
            };
            let para = f.paragraph.map(|n| n.to_string()).unwrap_or_default();
            writeln!(
                out,
                "| {sev} | {para} | {} | `{}` {} |",
                f.line,
                f.code,
                markdown(&f.message)
            )?;
        }
    }
    let notes: Vec<(u32, &str)> = m
        .paragraphs
        .iter()
        .filter_map(|p| marks.note(m, p.number).map(|n| (p.number, n)))
        .collect();
    if !notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", t("Anteckningar", "Notes"))?;
        writeln!(out)?;
        for (n, note) in notes {
            writeln!(out, "- § {n}: {}", markdown(note))?;
        }
    }
    writeln!(out)
}

/// The Markdown report for a file that could not be checked: its name and why.
fn write_unread_report(
    out: &mut dyn Write,
    path: &str,
    f: &crate::review::Finding,
    lang: crate::lang::Lang,
) -> std::io::Result<()> {
    let t = |sv: &'static str, en: &'static str| lang.t(sv, en);
    writeln!(
        out,
        "# {} {}",
        t("Granskning:", "Review:"),
        markdown(&f.meeting)
    )?;
    writeln!(out)?;
    writeln!(out, "{}: {}", t("Fil", "File"), code_span(path))?;
    writeln!(out)?;
    writeln!(out, "## {} (1)", t("Anmärkningar", "Findings"))?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} | § | {} | {} |",
        t("Allvar", "Severity"),
        t("Rad", "Line"),
        t("Anmärkning", "Finding")
    )?;
    writeln!(out, "|---|---|---|---|")?;
    writeln!(
        out,
        "| {} |  | {} | `{}` {} |",
        t("fel", "error"),
        f.line,
        f.code,
        markdown(&f.message)
    )?;
    writeln!(out)
}

/// `[QUERY] [PATH…]`: the first word is the query unless it names an existing file or folder.
fn query_and_paths(args: &[String]) -> (Option<String>, Vec<PathBuf>) {
    match args.split_first() {
        Some((first, rest)) if !std::path::Path::new(first).exists() => (
            Some(first.clone()),
            rest.iter().map(PathBuf::from).collect(),
        ),
        _ => (None, args.iter().map(PathBuf::from).collect()),
    }
}

/// One person as a block of text: name, affiliations, then one line per appearance.
fn write_person(out: &mut dyn Write, p: &crate::people::Person) -> std::io::Result<()> {
    let mut head = field(&p.name).into_owned();
    if !p.parties.is_empty() {
        let _ = write!(head, " ({})", field(&p.parties.join(", ")));
    }
    if !p.affiliations.is_empty() {
        let _ = write!(head, " — {}", field(&p.affiliations.join(", ")));
    }
    let (present, listed) = p.attendance();
    writeln!(out, "{head}")?;
    if !p.aliases.is_empty() {
        writeln!(out, "  also written: {}", field(&p.aliases.join(", ")))?;
    }
    writeln!(
        out,
        "  {}, present at {present} of {listed} where listed",
        crate::lang::Lang::En.count(p.meetings(), crate::lang::MEETING_N)
    )?;
    for a in &p.appearances {
        let role = serde_json::to_value(a.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let para = a.paragraph.map(|n| format!("§ {n}")).unwrap_or_default();
        let detail = a
            .detail
            .as_deref()
            .map(|d| format!("  ({})", field(d)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {}  {:<32} {:<10} {:<6} line {}{detail}",
            field(a.date.as_deref().unwrap_or("          ")),
            field(&a.meeting),
            role,
            para,
            a.line
        )?;
    }
    writeln!(out)
}

/// The library for `paths`; with none, the user's data directory when it holds protocols, else
/// the bundled samples.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, &library::Progress::default())
}

/// Like [`load`], counting progress.
pub fn load_with(paths: &[PathBuf], progress: &library::Progress) -> Loaded {
    match sources(paths) {
        Some(paths) => library::load_with(&paths, progress),
        None => library::load_texts(crate::samples::SAMPLES),
    }
}

/// The files and folders [`load`] reads for `paths`: those, or the data directory when it
/// holds protocols; `None` for the bundled samples.
pub fn sources(paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Some(paths.to_vec());
    }
    data_dir()
        .filter(|d| crate::walk::any_protocol(d))
        .map(|d| vec![d])
}

/// `~/.local/share/protokoll` on Linux.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("se", "protokoll", "protokoll").map(|d| d.data_dir().to_owned())
}

/// Diagnostics on stderr, one `path:line: message` each, cleaned for the terminal.
pub fn report(loaded: &Loaded) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in &loaded.diagnostics {
        let _ = writeln!(err, "{}", field(&d.to_string()));
    }
}

/// Writes to stdout through a buffer; a closed pipe ends quietly with success.
fn emit(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = write(&mut out).and_then(|()| out.flush());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("protokoll: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_names_its_paragraph() {
        assert!(names_paragraph("§ 19 Lärande och reflekterande", 19));
        assert!(names_paragraph("## §19 Lärande", 19));
        assert!(names_paragraph("KS § 45 Budget", 45));
        assert!(!names_paragraph("§ 19 Lärande", 20));
        assert!(!names_paragraph("Utjämningen, se mer i § 30.", 30));
    }
}
