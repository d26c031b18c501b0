//! `protokoll check`: the review's findings as compiler-style lines with the evidence under
//! each, as JSON, or as the secretary's Markdown report; and settling a finding from the command
//! line (`--accept CODE:LINE --reason "…" FILE`, `--unaccept CODE:LINE FILE`), kept with the
//! review marks like an acceptance made in the UI.
//!
//! Exit codes: 2 for a usage error, a named path that does not exist, or an acceptance that
//! cannot be made or saved; else 1 when a finding is an error the secretary has not accepted —
//! and every file that was named or found but not checked (unreadable, empty, binary, too large)
//! is an `unreadable` error, so a run never passes what it did not check; else 0.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CheckFormat, emit, report_diagnostics, sources};
use crate::lang::Lang;
use crate::library;
use crate::model::Meeting;
use crate::review::marks::{Marks, State, Store};
use crate::review::{self, Finding, Severity};
use crate::show::{code_span, field, markdown};

/// What `--accept` or `--unaccept` asks: the finding by code and line, and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settle {
    pub code: String,
    pub line: u32,
    /// `None` to take an acceptance back.
    pub reason: Option<String>,
}

impl Settle {
    /// `CODE:LINE` as the findings print them (`paragraph-gap:195`).
    pub fn parse(spec: &str, reason: Option<String>) -> Result<Settle, String> {
        let (code, line) = spec
            .rsplit_once(':')
            .ok_or_else(|| format!("{spec}: expected CODE:LINE, as in paragraph-gap:195"))?;
        let line = line
            .trim()
            .parse::<u32>()
            .map_err(|_| format!("{spec}: expected a line number after the colon"))?;
        Ok(Settle {
            code: code.trim().to_owned(),
            line,
            reason,
        })
    }
}

/// The JSON of `check`, written as it is, not through a `serde_json::Value` copy of every
/// finding.
#[derive(serde::Serialize)]
struct Findings<'a> {
    findings: Vec<&'a Finding>,
}

/// Runs `protokoll check` over `paths`, first settling a finding when asked.
pub fn run(format: CheckFormat, paths: &[PathBuf], settle: Option<Settle>) -> ExitCode {
    let lang = Lang::from_env();
    // Only the Markdown report and settling need the models; the rest keeps findings only.
    let keep = format == CheckFormat::Markdown || settle.is_some();
    let mut reviewed = match sources(paths) {
        Some(paths) => library::review_all(&paths, lang, keep),
        None => library::review_loaded(library::load_texts(crate::samples::SAMPLES), lang, keep),
    };
    report_diagnostics(&reviewed.diagnostics);
    let missing = paths.iter().any(|p| std::fs::metadata(p).is_err());
    let store = Store::default_location();
    let mut marks = store.as_ref().map(|s| s.load().0).unwrap_or_default();
    if let Some(settle) = settle
        && let Err(e) = settle_one(
            &settle,
            paths,
            reviewed.files.first().and_then(|r| r.meeting.as_deref()),
            store.as_ref(),
            &mut marks,
            lang,
        )
    {
        eprintln!("protokoll: {}", field(&e));
        return ExitCode::from(2);
    }
    // Files not checked come first, each as an `unreadable` finding under its file's stem.
    let unread: Vec<(&str, Finding)> = reviewed
        .skipped
        .iter()
        .map(|s| {
            let stem = Path::new(&s.path).file_stem().map_or_else(
                || s.path.clone(),
                |n| field(&n.to_string_lossy()).into_owned(),
            );
            (s.path.as_str(), review::unreadable(&stem, &s.why, lang))
        })
        .collect();
    for r in &mut reviewed.files {
        for f in r.findings.iter_mut().flatten() {
            let reason = marks
                .acceptance_at(&r.path_key, f)
                .map(|a| a.reason.clone());
            f.accepted = reason.is_some();
            f.reason = reason;
        }
    }
    let findings = |r: &library::Reviewed| r.findings.as_deref().unwrap_or_default().to_vec();
    let written = emit(|out| match format {
        CheckFormat::Json => {
            let all: Vec<&Finding> = unread
                .iter()
                .map(|(_, f)| f)
                .chain(
                    reviewed
                        .files
                        .iter()
                        .flat_map(|r| r.findings.iter().flatten()),
                )
                .collect();
            serde_json::to_writer_pretty(&mut *out, &Findings { findings: all })?;
            writeln!(out)
        }
        CheckFormat::Text => {
            let unread = unread.iter().map(|(path, f)| (*path, f));
            let checked = reviewed
                .files
                .iter()
                .flat_map(|r| r.findings.iter().flatten().map(|f| (r.name.as_str(), f)));
            for (path, f) in unread.chain(checked) {
                write_text(out, path, f, lang)?;
            }
            Ok(())
        }
        CheckFormat::Markdown => {
            for (path, f) in &unread {
                write_unread_report(out, path, f, lang)?;
            }
            for r in &reviewed.files {
                if let Some(m) = &r.meeting {
                    write_report(out, m, &findings(r), &marks, lang)?;
                }
            }
            Ok(())
        }
    });
    if written != ExitCode::SUCCESS {
        return written;
    }
    let errors = !unread.is_empty()
        || reviewed
            .files
            .iter()
            .flat_map(|r| r.findings.iter().flatten())
            .any(|f| f.severity == Severity::Error && !f.accepted);
    if missing {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Accepts (or takes back) the finding `settle` names in the one protocol file of `paths`, and
/// saves the marks. The message of an `Err` says what was wrong.
fn settle_one(
    settle: &Settle,
    paths: &[PathBuf],
    meeting: Option<&Meeting>,
    store: Option<&Store>,
    marks: &mut Marks,
    lang: Lang,
) -> Result<(), String> {
    let [file] = paths else {
        return Err("--accept and --unaccept take one protocol file".to_owned());
    };
    if !file.is_file() {
        return Err(format!(
            "{}: not a file; --accept and --unaccept take one protocol file",
            file.display()
        ));
    }
    if settle
        .reason
        .as_deref()
        .is_some_and(|r| r.trim().is_empty())
    {
        return Err("--accept needs a reason: --reason \"…\"".to_owned());
    }
    let Some(m) = meeting else {
        return Err(format!("{}: not read as a protocol", file.display()));
    };
    let findings = review::check(m, lang);
    let Some(f) = findings
        .iter()
        .find(|f| f.code == settle.code && f.line == settle.line)
    else {
        let listed: Vec<String> = findings
            .iter()
            .map(|f| format!("{}:{}", f.code, f.line))
            .collect();
        let listed = if listed.is_empty() {
            "it has none".to_owned()
        } else {
            format!("its findings are {}", listed.join(", "))
        };
        return Err(format!(
            "{}: no {} finding at line {}; {listed}",
            file.display(),
            settle.code,
            settle.line
        ));
    };
    let Some(store) = store else {
        return Err("no data directory to keep review marks in".to_owned());
    };
    let accepted = marks.accept(m, f, settle.reason.as_deref().unwrap_or(""));
    store.save(marks).map_err(|e| e.to_string())?;
    let what = if accepted {
        format!("accepted: {}", settle.reason.as_deref().unwrap_or(""))
    } else {
        "no longer accepted".to_owned()
    };
    eprintln!(
        "protokoll: {}:{}: {}[{}] {}",
        field(&m.source),
        f.line,
        severity_word(f.severity, Lang::En),
        f.code,
        field(&what)
    );
    Ok(())
}

/// The severity as the text lines write it: `error`, `warning`, `info` (Swedish in the report).
fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.t("fel", "error"),
        Severity::Warning => lang.t("varning", "warning"),
        Severity::Info => lang.t("info", "info"),
    }
}

/// Characters of an evidence line on one line of text output.
const EVIDENCE_WIDTH: usize = 120;

/// One finding as compiler-style lines: `path:line: severity[code]: message`, the evidence
/// under it (`   14 | text`), and the acceptance (`    = accepted: reason`). Every field is
/// made safe for a terminal, and the lines under the first are indented, so no text from a
/// file can pass for a finding of its own.
fn write_text(out: &mut dyn Write, path: &str, f: &Finding, lang: Lang) -> std::io::Result<()> {
    let accepted = if f.accepted {
        lang.t(" (godtagen)", " (accepted)")
    } else {
        ""
    };
    writeln!(
        out,
        "{}:{}: {}[{}]{accepted}: {}",
        field(path),
        f.line,
        severity_word(f.severity, Lang::En),
        f.code,
        field(&f.message)
    )?;
    for e in &f.evidence {
        let text: String = field(&e.text).chars().take(EVIDENCE_WIDTH).collect();
        writeln!(out, "  {:>5} | {text}", e.line)?;
    }
    if let Some(reason) = f.reason.as_deref().filter(|_| f.accepted) {
        writeln!(
            out,
            "      = {}: {}",
            lang.t("godtagen", "accepted"),
            field(reason)
        )?;
    }
    Ok(())
}

/// The evidence of a finding as one Markdown table cell: `14: “text”`, joined by `<br>`.
fn evidence_cell(f: &Finding) -> String {
    f.evidence
        .iter()
        .map(|e| format!("{}: {}", e.line, code_span(&e.text)))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// A review report for one meeting, in Markdown, for the secretary to send: how far the review
/// has come, the § still to review, the open findings with their evidence, the accepted ones
/// with her reasons, the notes.
fn write_report(
    out: &mut dyn Write,
    m: &Meeting,
    findings: &[Finding],
    marks: &Marks,
    lang: Lang,
) -> std::io::Result<()> {
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
    let left = review::to_review(m, marks);
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
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.line.cmp(&b.line)));
    let (accepted, open): (Vec<&Finding>, Vec<&Finding>) = sorted
        .into_iter()
        .partition(|f| f.accepted || review::is_accepted(marks, m, f));
    for (title, list, none, settled) in [
        (
            t("Anmärkningar", "Findings"),
            &open,
            t("Inga anmärkningar.", "No findings."),
            false,
        ),
        (
            t("Godtagna anmärkningar", "Accepted findings"),
            &accepted,
            t("Inga godtagna anmärkningar.", "No accepted findings."),
            true,
        ),
    ] {
        writeln!(out)?;
        writeln!(out, "## {title} ({})", list.len())?;
        writeln!(out)?;
        if list.is_empty() {
            writeln!(out, "{none}")?;
            continue;
        }
        let last = if settled {
            format!(" {} |", t("Skäl", "Reason"))
        } else {
            String::new()
        };
        writeln!(
            out,
            "| {} | § | {} | {} | {} |{last}",
            t("Allvar", "Severity"),
            t("Rad", "Line"),
            t("Anmärkning", "Finding"),
            t("Belägg", "Evidence")
        )?;
        writeln!(
            out,
            "|---|---|---|---|---|{}",
            if settled { "---|" } else { "" }
        )?;
        for f in list {
            let para = f.paragraph.map(|n| n.to_string()).unwrap_or_default();
            let reason = if settled {
                format!(" {} |", markdown(f.reason.as_deref().unwrap_or("")))
            } else {
                String::new()
            };
            writeln!(
                out,
                "| {} | {para} | {} | `{}` {} | {} |{reason}",
                severity_word(f.severity, lang),
                f.line,
                f.code,
                markdown(&f.message),
                evidence_cell(f)
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
    f: &Finding,
    lang: Lang,
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
        "| {} | § | {} | {} | {} |",
        t("Allvar", "Severity"),
        t("Rad", "Line"),
        t("Anmärkning", "Finding"),
        t("Belägg", "Evidence")
    )?;
    writeln!(out, "|---|---|---|---|---|")?;
    writeln!(
        out,
        "| {} |  | {} | `{}` {} |  |",
        t("fel", "error"),
        f.line,
        f.code,
        markdown(&f.message)
    )?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settle_specs() {
        assert_eq!(
            Settle::parse("paragraph-gap:195", Some("x".into())),
            Ok(Settle {
                code: "paragraph-gap".into(),
                line: 195,
                reason: Some("x".into())
            })
        );
        assert!(Settle::parse("paragraph-gap", None).is_err());
        assert!(Settle::parse("paragraph-gap:x", None).is_err());
    }
}
