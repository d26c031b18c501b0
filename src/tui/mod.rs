//! The terminal UI: state ([`app`]), keys ([`keys`]), drawing ([`view`]), styles ([`theme`]) and
//! words (`crate::lang`). This module owns the terminal: it sets it up, turns terminal events
//! into actions, draws only when something changed, loads the library in the background behind
//! a progress gauge, and restores the terminal on quit, on error, on panic, and on SIGTERM,
//! SIGHUP or SIGINT.

pub mod app;
pub mod body;
pub mod edit;
pub mod external;
pub mod finder;
pub mod keys;
mod layers;
mod library;
pub mod nav;
pub mod overlays;
pub mod pages;
mod review;
pub mod roster;
pub mod text;
pub mod theme;
pub mod view;

use std::io::{self, IsTerminal, Stdout, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::lang::Lang;
use app::{Action, App, Effect, LoadState, OcrState, Overlay};
use edit::Edit;
use theme::Theme;

use crate::library::{Change, Loaded, Progress, ScanProgress};
use crate::model::Library;

/// Runs the UI over the library at `paths` until the user quits.
pub fn run(paths: Vec<PathBuf>, watch: bool) -> ExitCode {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "protokoll: the terminal UI needs a terminal; for output to a pipe or file use `protokoll export`, `check`, `people` or `search` (see --help)"
        );
        return ExitCode::from(2);
    }
    // Watching starts before loading, so nothing that changes while the files are read is
    // missed; its batches wait until the library is there.
    let mut watch_problem = None;
    let watch = match crate::cli::sources(&paths) {
        Some(sources) if watch => crate::watch::start(&sources)
            .map_err(|e| watch_problem = Some(e))
            .ok(),
        _ => None,
    };
    // Scans not in the OCR cache stand in the library at once, and are read after loading,
    // one after another, by the same thread (see `crate::library`).
    let progress = Arc::new(Progress {
        partial: Some(crate::library::Partial::new(Lang::from_env())),
        background_ocr: true,
        ..Progress::default()
    });
    let scan_progress = Arc::new(ScanProgress::default());
    let (tx, rx) = mpsc::channel::<Loaded>();
    let (ocr_tx, ocr_rx) = mpsc::channel::<Change>();
    let paths_shown = paths.clone();
    let loader_progress = Arc::clone(&progress);
    let loader_scans = Arc::clone(&scan_progress);
    let spawned = std::thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            let loaded = crate::cli::load_with(&paths, &loader_progress);
            if tx.send(loaded).is_err() {
                return;
            }
            let scans = loader_progress
                .scans
                .lock()
                .map(|mut s| std::mem::take(&mut *s))
                .unwrap_or_default();
            crate::library::read_scans(scans, &loader_scans, &|c| ocr_tx.send(c).is_ok());
        });
    if let Err(e) = spawned {
        eprintln!("protokoll: cannot start: {e}");
        return ExitCode::from(2);
    }
    install_panic_hook();
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    let mut terminal = match setup() {
        Ok(t) => t,
        Err(e) => {
            restore();
            eprintln!("protokoll: cannot set up the terminal: {e}");
            return ExitCode::from(2);
        }
    };
    let mut app = App::new(Library::default(), Vec::new(), Lang::from_env());
    app.loading = Some(LoadState::default());
    app.sources = crate::cli::sources(&paths_shown).unwrap_or_default();
    if let Some(store) = crate::review::marks::Store::default_location() {
        let (marks, problem) = store.load();
        app.marks = marks;
        app.store = Some(store);
        if let Some(p) = problem {
            app.diagnostics.push(crate::model::Diagnostic {
                path: String::new(),
                line: 0,
                message: p,
            });
        }
    }
    if let Some(p) = watch_problem {
        app.diagnostics.push(crate::model::Diagnostic {
            path: String::new(),
            line: 0,
            message: p,
        });
    }
    let changes = watch.as_ref().map(|w| &w.changes);
    watch_for_hangup();
    let ocr = Ocr {
        changes: &ocr_rx,
        progress: &scan_progress,
    };
    let result = event_loop(
        &mut terminal,
        &mut app,
        &rx,
        changes,
        &progress,
        &ocr,
        &stop,
    );
    restore();
    if let Err(e) = result {
        eprintln!("protokoll: {e}");
        return ExitCode::from(2);
    }
    crate::cli::report_diagnostics(&app.diagnostics);
    ExitCode::SUCCESS
}

/// What the event loop hears from the scans read by OCR after loading.
struct Ocr<'a> {
    changes: &'a mpsc::Receiver<Change>,
    progress: &'a ScanProgress,
}

impl Ocr<'_> {
    /// Puts each scan read since the last call in place of its stand-in, and the progress in
    /// `app.ocr` (`None` once every scan is read). Returns whether anything is to be drawn.
    fn update(&self, app: &mut App) -> bool {
        let mut dirty = false;
        loop {
            match self.changes.try_recv() {
                Ok(change) => {
                    let name = match &change {
                        Change::Read { name, .. } | Change::Gone { name, .. } => name.clone(),
                    };
                    app.apply_changes(vec![change]);
                    app.message = Some(format!(
                        "{}: {}",
                        app.lang.pick(crate::lang::READ_BY_OCR),
                        text::clean(&name)
                    ));
                    dirty = true;
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    dirty |= app.ocr.take().is_some();
                    return dirty;
                }
            }
        }
        let p = self.progress;
        let total = p.total.load(Ordering::Relaxed);
        let state = (total > 0).then(|| OcrState {
            done: p.done.load(Ordering::Relaxed),
            total,
            current: p.current.lock().map(|c| c.clone()).unwrap_or_default(),
            page: p.page.load(Ordering::Relaxed),
            pages: p.pages.load(Ordering::Relaxed),
        });
        if app.ocr != state {
            app.ocr = state;
            dirty = true;
        }
        dirty
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    rx: &mpsc::Receiver<Loaded>,
    changes: Option<&mpsc::Receiver<Vec<crate::library::Change>>>,
    progress: &Progress,
    ocr: &Ocr,
    stop: &AtomicBool,
) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if app.loading.is_some() {
            match rx.try_recv() {
                Ok(loaded) => {
                    // Meetings the loader sent before it finished come first.
                    let batch = progress
                        .partial
                        .as_ref()
                        .and_then(|p| p.meetings.lock().ok().map(|mut v| std::mem::take(&mut *v)))
                        .unwrap_or_default();
                    app.add_reviewed(batch, LoadState::default());
                    app.set_loaded(loaded);
                    dirty = true;
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    app.loading = None;
                    app.message = Some(app.lang.pick(crate::lang::LOADING_FAILED).to_owned());
                    dirty = true;
                }
                Err(mpsc::TryRecvError::Empty) => {
                    // Meetings read so far are shown at once; the reader moves among them.
                    let batch = progress
                        .partial
                        .as_ref()
                        .and_then(|p| p.meetings.lock().ok().map(|mut v| std::mem::take(&mut *v)))
                        .unwrap_or_default();
                    let state = LoadState {
                        done: progress.done.load(Ordering::Relaxed),
                        total: progress.total.load(Ordering::Relaxed),
                        current: progress
                            .current
                            .lock()
                            .map(|c| c.clone())
                            .unwrap_or_default(),
                    };
                    if !batch.is_empty() || app.loading.as_ref() != Some(&state) {
                        app.add_reviewed(batch, state);
                        dirty = true;
                    }
                }
            }
        }
        if app.loading.is_none()
            && let Some(batch) = changes.and_then(|c| c.try_recv().ok())
        {
            dirty |= app.apply_changes(batch);
        }
        if app.loading.is_none() {
            dirty |= ocr.update(app);
        }
        if dirty {
            let mut metrics = app.metrics.clone();
            terminal.draw(|f| metrics = view::draw(f, app, &theme))?;
            app.metrics = metrics;
            dirty = app.settle();
            if dirty {
                continue;
            }
        }
        let wait = if app.loading.is_some() {
            30
        } else if app.ocr.is_some() {
            100
        } else {
            250
        };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(action) = key_action(app, k) {
                    app.update(action);
                    dirty = true;
                }
                if let Some(effect) = app.effect.take() {
                    perform(terminal, app, effect, stop)?;
                }
            }
            Event::Mouse(m) => {
                let action = match m.kind {
                    MouseEventKind::Down(_) => Some(Action::Click(m.column, m.row)),
                    MouseEventKind::ScrollDown => Some(Action::Wheel(true, m.column, m.row)),
                    MouseEventKind::ScrollUp => Some(Action::Wheel(false, m.column, m.row)),
                    _ => None,
                };
                if let Some(a) = action {
                    app.update(a);
                    dirty = true;
                }
            }
            Event::Resize(..) => dirty = true,
            _ => {}
        }
    }
    Ok(())
}

/// Does what the app asked of the terminal: copies with OSC 52, or suspends the UI to run the
/// editor and reads the file again when it returns.
fn perform(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    effect: Effect,
    stop: &AtomicBool,
) -> io::Result<()> {
    match effect {
        Effect::Copy(text) => {
            let mut out = io::stdout();
            out.write_all(external::osc52(&text).as_bytes())?;
            out.flush()
        }
        Effect::Edit {
            command,
            path,
            name,
        } => {
            let Some((program, args)) = command.split_first() else {
                return Ok(());
            };
            // A Ctrl-C typed in an editor that leaves the terminal's signals on reaches us too;
            // it was meant for the editor.
            let stopped = stop.load(Ordering::Relaxed);
            suspend()?;
            let status = std::process::Command::new(program).args(args).status();
            resume(terminal)?;
            stop.store(stopped, Ordering::Relaxed);
            let problem = match status {
                Ok(st) if st.success() => None,
                Ok(st) => Some(format!("{}: {st}", text::clean(program))),
                Err(e) => Some(format!(
                    "{} {}: {e}",
                    app.lang.pick(crate::lang::CANNOT_RUN),
                    text::clean(program)
                )),
            };
            app.apply_changes(vec![crate::library::Change::read(&path, name.clone())]);
            app.message = Some(problem.unwrap_or_else(|| {
                format!(
                    "{}: {}",
                    app.lang.pick(crate::lang::READ_AGAIN),
                    text::clean(&name)
                )
            }));
            Ok(())
        }
    }
}

/// Gives the terminal to another program: the normal screen, cooked mode, the cursor.
fn suspend() -> io::Result<()> {
    disable_raw_mode()?;
    execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    )
}

/// Takes the terminal back after [`suspend`] and draws everything afresh.
fn resume(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()
}

/// When the terminal goes away (its window closed, tmux killed) crossterm's `poll` spins on a
/// descriptor that reads nothing forever and never returns to our loop (crossterm issue 793),
/// so a SIGHUP flag is never looked at. A thread looks instead: a hung-up terminal is no longer
/// a terminal. Nothing is lost by leaving at once: marks and notes are saved as they are made.
fn watch_for_hangup() {
    let _ = std::thread::Builder::new().name("hangup".into()).spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if !io::stdin().is_terminal() {
                // What was read is kept for the next start.
                crate::cache::Cache::flush_global();
                // 128 + SIGHUP, as a shell reports a process ended by a hangup.
                std::process::exit(129);
            }
        }
    });
}

/// Keys in a prompt are text and line editing; elsewhere the key table decides.
pub fn key_action(app: &App, k: event::KeyEvent) -> Option<Action> {
    let Some(overlay) = &app.overlay else {
        return keys::action_for(k);
    };
    if !overlay.is_prompt() {
        return keys::action_for(k);
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let list = matches!(overlay, Overlay::Finder(_) | Overlay::Anything(_));
    Some(match (k.code, ctrl) {
        (KeyCode::Char('c'), true) => Action::Quit,
        (KeyCode::Char('a'), true) | (KeyCode::Home, _) => Action::Edit(Edit::Home),
        (KeyCode::Char('e'), true) | (KeyCode::End, _) => Action::Edit(Edit::End),
        (KeyCode::Char('b'), true) | (KeyCode::Left, _) => Action::Edit(Edit::Left),
        (KeyCode::Char('f'), true) | (KeyCode::Right, _) => Action::Edit(Edit::Right),
        (KeyCode::Char('u'), true) => Action::Edit(Edit::KillToStart),
        (KeyCode::Char('w') | KeyCode::Backspace, true) => Action::Edit(Edit::KillWord),
        (KeyCode::Char('k'), true) => Action::Edit(Edit::KillToEnd),
        (KeyCode::Char('h'), true) | (KeyCode::Backspace, false) => Action::Edit(Edit::Backspace),
        (KeyCode::Char('d'), true) | (KeyCode::Delete, _) => Action::Edit(Edit::Delete),
        (KeyCode::Char(c), false) if !alt => Action::Edit(Edit::Insert(c)),
        (KeyCode::Enter, _) => Action::Submit,
        (KeyCode::Esc, _) => Action::Back,
        (KeyCode::Char('n'), true) | (KeyCode::Down, _) if list => Action::Down,
        (KeyCode::Char('p'), true) | (KeyCode::Up, _) if list => Action::Up,
        (KeyCode::PageDown, _) if list => Action::PageDown,
        (KeyCode::PageUp, _) if list => Action::PageUp,
        _ => return None,
    })
}

fn setup() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(out))
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// A panic on the UI thread restores the terminal before the message is printed. A panic on
/// another thread (a parser, caught and reported as a diagnostic) must not touch the terminal
/// the UI is still drawing on, nor print over it.
fn install_panic_hook() {
    let ui = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui {
            restore();
            previous(info);
        }
    }));
}
