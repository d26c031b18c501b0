//! The command line: argument parsing, choosing the library, and the non-interactive commands
//! (`check` in [`check`]). Exit codes are decided here, the same for every command: 2 for a
//! usage error or a named path that does not exist (a message names it), or output that could
//! not be written; 1 when `check` finds an error-level finding not accepted, or `search` finds
//! nothing (as grep does); else 0. A closed pipe (`protokoll export | head`) is success.

mod check;

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::library::{self, Loaded};
use crate::show::field;

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
    /// Parse every file, neither reading nor writing the parse cache.
    #[arg(long, global = true)]
    pub no_cache: bool,
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
    /// Review findings: what a secretary checks before signing, each with the lines it rests
    /// on. Exit 1 if any is an error not accepted.
    ///
    /// `--accept CODE:LINE --reason "…" FILE` settles a finding: it is kept with the review
    /// marks, shown as accepted, and no longer counts for the exit code, until the lines it
    /// rests on change. `--unaccept CODE:LINE FILE` takes it back.
    Check {
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Accept the finding with this code at this line (`paragraph-gap:195`) of FILE.
        #[arg(long, value_name = "CODE:LINE", requires = "reason")]
        accept: Option<String>,
        /// Why the finding stands as written ("§ 42 handled in a closed session").
        #[arg(long, value_name = "TEXT", requires = "accept")]
        reason: Option<String>,
        /// Take back the acceptance of the finding with this code at this line of FILE.
        #[arg(long, value_name = "CODE:LINE", conflicts_with = "accept")]
        unaccept: Option<String>,
        paths: Vec<PathBuf>,
    },
    /// The parse cache: where it is and how big (`--info`, the default), or empty it
    /// (`--clear`).
    Cache {
        /// Remove every entry.
        #[arg(long)]
        clear: bool,
        /// Say where the cache is, how many entries it holds and their size.
        #[arg(long)]
        info: bool,
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
    if !cli.no_cache
        && !matches!(cli.command, Some(Command::Cache { .. }))
        && let Some(cache) = crate::cache::Cache::default_location()
    {
        cache.enable();
    }
    let code = dispatch(cli);
    // Entries written by this run may have taken the folder over its limit.
    if let Some(cache) = crate::cache::Cache::global() {
        cache.trim();
    }
    code
}

fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Cache { clear, info }) => cache_command(clear, info),
        Some(Command::Export {
            format: ExportFormat::Json,
            paths,
        }) => {
            let loaded = load(&paths);
            report(&loaded);
            let written = emit(|out| {
                serde_json::to_writer_pretty(&mut *out, &loaded.library)?;
                writeln!(out)?;
                Ok(())
            });
            exit(written, &paths, false)
        }
        Some(Command::People { format, args }) => {
            let (query, paths) = query_and_paths(&args);
            let loaded = load(&paths);
            report(&loaded);
            let people = crate::people::index(&loaded.library);
            let hits = crate::people::Finder::default()
                .find(&people.people, query.as_deref().unwrap_or(""));
            let written = emit(|out| match format {
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
            });
            exit(written, &paths, false)
        }
        Some(Command::Check {
            format,
            accept,
            reason,
            unaccept,
            paths,
        }) => {
            let settle = match (accept, unaccept) {
                (Some(spec), _) => Some(check::Settle::parse(&spec, reason)),
                (None, Some(spec)) => Some(check::Settle::parse(&spec, None)),
                (None, None) => None,
            };
            match settle.transpose() {
                Ok(settle) => check::run(format, &paths, settle),
                Err(e) => {
                    eprintln!("protokoll: {}", field(&e));
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Search {
            query,
            format,
            paths,
        }) => {
            // Each file is searched as soon as it is read, then dropped: from its cached
            // search part, or parsed only when its text can hold a hit.
            let query = crate::search::Query::new(&query);
            let (found, diagnostics) = if let Some(paths) = sources(&paths) {
                library::search_files(&paths, &query)
            } else {
                let loaded = library::load_texts(crate::samples::SAMPLES);
                let found = loaded
                    .library
                    .meetings
                    .iter()
                    .map(|m| (m.clone(), query.in_meeting(m)))
                    .collect();
                (found, loaded.diagnostics)
            };
            report_diagnostics(&diagnostics);
            let hits: Vec<(&str, crate::search::Hit)> = found
                .iter()
                .flat_map(|(m, hits)| {
                    hits.iter().map(|h| {
                        let mut h = h.clone();
                        h.meeting.clone_from(&m.id);
                        (m.source.as_str(), h)
                    })
                })
                .collect();
            let written = emit(|out| match format {
                Format::Json => {
                    #[derive(serde::Serialize)]
                    struct Hits<'a> {
                        hits: Vec<&'a crate::search::Hit>,
                    }
                    let hits = Hits {
                        hits: hits.iter().map(|(_, h)| h).collect(),
                    };
                    serde_json::to_writer_pretty(&mut *out, &hits)?;
                    writeln!(out)
                }
                Format::Text => {
                    for (source, h) in &hits {
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
            });
            exit(written, &paths, hits.is_empty())
        }
        None if missing(&cli.paths) => {
            for p in cli.paths.iter().filter(|p| std::fs::metadata(p).is_err()) {
                eprintln!(
                    "protokoll: {}: no such file or folder",
                    field(&p.display().to_string())
                );
            }
            ExitCode::from(2)
        }
        None => crate::tui::run(cli.paths, !cli.no_watch),
    }
}

/// `protokoll cache [--clear] [--info]`.
fn cache_command(clear: bool, info: bool) -> ExitCode {
    let Some(cache) = crate::cache::Cache::default_location() else {
        eprintln!("protokoll: no cache folder (no home directory)");
        return ExitCode::from(2);
    };
    if clear {
        if let Err(e) = cache.clear() {
            eprintln!(
                "protokoll: {}: {}",
                field(&cache.dir.display().to_string()),
                field(&e.to_string())
            );
            return ExitCode::from(2);
        }
        println!("{}: cleared", field(&cache.dir.display().to_string()));
    }
    if info || !clear {
        let i = cache.info();
        println!(
            "{}: {} entries, {} MB (limit {} MB; build {})",
            field(&cache.dir.display().to_string()),
            i.entries,
            i.bytes.div_ceil(1024 * 1024),
            cache.limit / (1024 * 1024),
            crate::cache::BUILD
        );
    }
    ExitCode::SUCCESS
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

/// Whether a named path does not exist (a dangling symlink counts as missing). The walk has
/// already said so, naming it, as `path:1: cannot read: …`.
fn missing(paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| std::fs::metadata(p).is_err())
}

/// The exit code of a command that wrote its output (`written`): 2 when writing failed or a
/// named path does not exist, 1 when it found nothing it should have (`search` without hits),
/// else 0.
fn exit(written: ExitCode, paths: &[PathBuf], nothing_found: bool) -> ExitCode {
    if written != ExitCode::SUCCESS {
        written
    } else if missing(paths) {
        ExitCode::from(2)
    } else if nothing_found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
    report_diagnostics(&loaded.diagnostics);
}

/// As [`report`].
pub fn report_diagnostics(diagnostics: &[crate::model::Diagnostic]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diagnostics {
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
