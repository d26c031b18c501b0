//! The terminal UI: state ([`app`]), keys ([`keys`]), drawing ([`view`]), styles ([`theme`]) and
//! words (`crate::lang`). This module owns the terminal: it sets it up, turns terminal events
//! into actions, draws only when something changed, loads the library in the background behind
//! a progress gauge, and restores the terminal on quit, on error, on panic, and on SIGTERM,
//! SIGHUP or SIGINT.

pub mod app;
pub mod body;
pub mod finder;
pub mod keys;
pub mod nav;
pub mod overlays;
pub mod theme;
pub mod view;

use std::io::{self, IsTerminal, Stdout};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::lang::Lang;
use app::{Action, App, Overlay};
use theme::Theme;

use crate::library::{Loaded, Progress};
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
    let progress = Arc::new(Progress::default());
    let (tx, rx) = mpsc::channel::<Loaded>();
    let loader_progress = Arc::clone(&progress);
    let spawned = std::thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            let loaded = crate::cli::load_with(&paths, &loader_progress);
            let _ = tx.send(loaded);
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
    app.loading = Some((0, 0));
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
    let result = event_loop(&mut terminal, &mut app, &rx, changes, &progress, &stop);
    restore();
    if let Err(e) = result {
        eprintln!("protokoll: {e}");
        return ExitCode::from(2);
    }
    crate::cli::report(&Loaded {
        library: Library::default(),
        diagnostics: std::mem::take(&mut app.diagnostics),
    });
    ExitCode::SUCCESS
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    rx: &mpsc::Receiver<Loaded>,
    changes: Option<&mpsc::Receiver<Vec<crate::library::Change>>>,
    progress: &Progress,
    stop: &AtomicBool,
) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if app.loading.is_some() {
            match rx.try_recv() {
                Ok(loaded) => {
                    app.set_library(loaded.library, loaded.diagnostics);
                    dirty = true;
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    app.loading = None;
                    app.message = Some("loading failed".into());
                    dirty = true;
                }
                Err(mpsc::TryRecvError::Empty) => {
                    let now = (
                        progress.done.load(Ordering::Relaxed),
                        progress.total.load(Ordering::Relaxed),
                    );
                    if app.loading != Some(now) {
                        app.loading = Some(now);
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
        if dirty {
            let mut metrics = app.metrics.clone();
            terminal.draw(|f| metrics = view::draw(f, app, &theme))?;
            app.metrics = metrics;
            dirty = app.settle();
            if dirty {
                continue;
            }
        }
        let wait = if app.loading.is_some() { 30 } else { 250 };
        if !event::poll(Duration::from_millis(wait))? {
            continue;
        }
        match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(action) = key_action(app, k) {
                    app.update(action);
                    dirty = true;
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

/// When the terminal goes away (its window closed, tmux killed) crossterm's `poll` spins on a
/// descriptor that reads nothing forever and never returns to our loop (crossterm issue 793),
/// so a SIGHUP flag is never looked at. A thread looks instead: a hung-up terminal is no longer
/// a terminal. Nothing is lost by leaving at once: marks and notes are saved as they are made.
fn watch_for_hangup() {
    let _ = std::thread::Builder::new().name("hangup".into()).spawn(|| {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if !io::stdin().is_terminal() {
                // 128 + SIGHUP, as a shell reports a process ended by a hangup.
                std::process::exit(129);
            }
        }
    });
}

/// Keys in a prompt are text; elsewhere the key table decides.
pub fn key_action(app: &App, k: event::KeyEvent) -> Option<Action> {
    if matches!(app.overlay, Some(Overlay::Finder(_) | Overlay::Anything(_))) {
        return match k.code {
            KeyCode::Char('c') if k.modifiers.contains(event::KeyModifiers::CONTROL) => {
                Some(Action::Quit)
            }
            KeyCode::Char(c) if !k.modifiers.contains(event::KeyModifiers::CONTROL) => {
                Some(Action::Input(c))
            }
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Up => Some(Action::Up),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::PageUp => Some(Action::PageUp),
            _ => None,
        };
    }
    if matches!(
        app.overlay,
        Some(Overlay::Goto(_) | Overlay::Note(_) | Overlay::Search(_) | Overlay::Filter(_))
    ) {
        return match k.code {
            KeyCode::Char(c) if !k.modifiers.contains(event::KeyModifiers::CONTROL) => {
                Some(Action::Input(c))
            }
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Char('c') => Some(Action::Quit),
            _ => None,
        };
    }
    keys::action_for(k)
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
