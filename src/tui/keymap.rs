//! The keymap is data: one list of bindings feeds key handling, the bottom
//! hint bar and the `?` help screen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::state::Screen;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Lists,
    /// Lists whose rows open something (not Compare or Report).
    Open,
    Search,
    Bodies,
    Compare,
    Report,
    Checks,
}

pub struct Binding {
    pub keys: &'static str,
    pub help: &'static str,
    pub scope: Scope,
    /// Shown in the hint bar at the bottom.
    pub hint: bool,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "Tab/S-Tab",
        help: "next / previous screen",
        scope: Scope::Global,
        hint: false,
    },
    Binding {
        keys: "1-4",
        help: "search, bodies, compare, checks",
        scope: Scope::Global,
        hint: true,
    },
    Binding {
        keys: "/",
        help: "search (type to filter)",
        scope: Scope::Global,
        hint: true,
    },
    Binding {
        keys: "Esc",
        help: "back",
        scope: Scope::Global,
        hint: true,
    },
    Binding {
        keys: "?",
        help: "help",
        scope: Scope::Global,
        hint: true,
    },
    Binding {
        keys: "q",
        help: "quit",
        scope: Scope::Global,
        hint: true,
    },
    Binding {
        keys: "j/k ↑/↓",
        help: "move",
        scope: Scope::Lists,
        hint: false,
    },
    Binding {
        keys: "g/G",
        help: "first / last",
        scope: Scope::Lists,
        hint: false,
    },
    Binding {
        keys: "C-d/C-u PgDn/PgUp",
        help: "page down / up",
        scope: Scope::Lists,
        hint: false,
    },
    Binding {
        keys: "Enter",
        help: "open",
        scope: Scope::Open,
        hint: true,
    },
    Binding {
        keys: "C-u C-w M-b M-f",
        help: "in a box: delete to start / word; word back / forward",
        scope: Scope::Search,
        hint: false,
    },
    Binding {
        keys: "↑ (empty box)",
        help: "earlier queries",
        scope: Scope::Search,
        hint: false,
    },
    Binding {
        keys: "C-y",
        help: "cycle the year filter",
        scope: Scope::Search,
        hint: true,
    },
    Binding {
        keys: "C-b",
        help: "filter by the selected hit's body",
        scope: Scope::Search,
        hint: true,
    },
    Binding {
        keys: "C-r",
        help: "one line per report / per section",
        scope: Scope::Search,
        hint: false,
    },
    Binding {
        keys: "Space",
        help: "mark a body for compare",
        scope: Scope::Bodies,
        hint: true,
    },
    Binding {
        keys: "←/→ h/l",
        help: "previous / next year",
        scope: Scope::Compare,
        hint: true,
    },
    Binding {
        keys: "r",
        help: "review: confirm, dismiss, reopen",
        scope: Scope::Checks,
        hint: true,
    },
    Binding {
        keys: "o",
        help: "open only / all",
        scope: Scope::Checks,
        hint: true,
    },
    Binding {
        keys: "s / f",
        help: "filter by severity / by rule",
        scope: Scope::Checks,
        hint: false,
    },
    Binding {
        keys: "h/l ←/→ 0/$",
        help: "table cell left / right, first / last column",
        scope: Scope::Report,
        hint: false,
    },
    Binding {
        keys: "/ (in a report)",
        help: "find in the report; Enter done, n/N move",
        scope: Scope::Report,
        hint: false,
    },
    Binding {
        keys: "n/N",
        help: "next / previous hit",
        scope: Scope::Report,
        hint: true,
    },
    Binding {
        keys: "y",
        help: "copy (OSC 52)",
        scope: Scope::Report,
        hint: true,
    },
    Binding {
        keys: "e",
        help: "write the table to CSV",
        scope: Scope::Report,
        hint: true,
    },
    Binding {
        keys: "R",
        help: "read the index again (also done when xxgk index finishes)",
        scope: Scope::Global,
        hint: false,
    },
    Binding {
        keys: "C-c",
        help: "quit at once",
        scope: Scope::Global,
        hint: false,
    },
];

pub fn scopes_of(screen: Screen) -> &'static [Scope] {
    match screen {
        Screen::Search => &[Scope::Search, Scope::Open, Scope::Lists, Scope::Global],
        Screen::Bodies => &[Scope::Bodies, Scope::Open, Scope::Lists, Scope::Global],
        Screen::Body => &[Scope::Bodies, Scope::Open, Scope::Lists, Scope::Global],
        Screen::Compare => &[Scope::Compare, Scope::Lists, Scope::Global],
        Screen::Checks => &[Scope::Checks, Scope::Open, Scope::Lists, Scope::Global],
        Screen::Report => &[Scope::Report, Scope::Lists, Scope::Global],
        Screen::Help => &[Scope::Global],
    }
}

/// Maps a key to an action. `typing`: a text box has the focus, so printable
/// characters go into it.
pub fn map(key: KeyEvent, screen: Screen, typing: bool) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    // The readline keys fingers know, in a text box.
    if typing && (ctrl || alt) {
        match (ctrl, key.code) {
            (true, KeyCode::Char('u')) => return Some(Action::KillToStart),
            (true, KeyCode::Char('w')) => return Some(Action::KillWord),
            (false, KeyCode::Char('b')) => return Some(Action::WordLeft),
            (false, KeyCode::Char('f')) => return Some(Action::WordRight),
            _ => {}
        }
    }
    if ctrl {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('d') => Some(Action::PageDown),
            KeyCode::Char('u') => Some(Action::PageUp),
            KeyCode::Char('y') if screen == Screen::Search => Some(Action::CycleYear),
            KeyCode::Char('b') if screen == Screen::Search => Some(Action::ToggleBodyFilter),
            KeyCode::Char('r') if screen == Screen::Search => Some(Action::TogglePerReport),
            KeyCode::Char('a') => Some(Action::Home),
            KeyCode::Char('e') => Some(Action::End),
            _ => None,
        };
    }
    match key.code {
        KeyCode::Esc => return Some(Action::Back),
        KeyCode::Tab => return Some(Action::NextScreen),
        KeyCode::BackTab => return Some(Action::PrevScreen),
        KeyCode::Up => return Some(Action::Up),
        KeyCode::Down => return Some(Action::Down),
        KeyCode::PageUp => return Some(Action::PageUp),
        KeyCode::PageDown => return Some(Action::PageDown),
        KeyCode::Enter => return Some(Action::Open),
        _ => {}
    }
    if typing {
        return match key.code {
            KeyCode::Char(c) => Some(Action::Input(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Delete => Some(Action::Delete),
            KeyCode::Left => Some(Action::Left),
            KeyCode::Right => Some(Action::Right),
            KeyCode::Home => Some(Action::Home),
            KeyCode::End => Some(Action::End),
            _ => None,
        };
    }
    match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('R') => Some(Action::Reload),
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Char('/') => Some(Action::Focus),
        KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
        KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
        KeyCode::Char('h') | KeyCode::Left => Some(Action::Left),
        KeyCode::Char('0') => Some(Action::FirstColumn),
        KeyCode::Char('$') => Some(Action::LastColumn),
        KeyCode::Char('l') | KeyCode::Right => Some(Action::Right),
        KeyCode::Char(' ') => Some(Action::Mark),
        KeyCode::Char('n') => Some(Action::NextHit),
        KeyCode::Char('N') => Some(Action::PrevHit),
        KeyCode::Char('y') => Some(Action::Copy),
        KeyCode::Char('e') => Some(Action::ExportCsv),
        KeyCode::Char('r') if screen == Screen::Checks => Some(Action::CycleReview),
        KeyCode::Char('o') if screen == Screen::Checks => Some(Action::ToggleOpenOnly),
        KeyCode::Char('s') if screen == Screen::Checks => Some(Action::CycleSeverity),
        KeyCode::Char('f') if screen == Screen::Checks => Some(Action::CycleRule),
        KeyCode::Char('1') => Some(Action::Goto(Screen::Search)),
        KeyCode::Char('2') => Some(Action::Goto(Screen::Bodies)),
        KeyCode::Char('3') => Some(Action::Goto(Screen::Compare)),
        KeyCode::Char('4') => Some(Action::Goto(Screen::Checks)),
        KeyCode::Backspace => Some(Action::Back),
        _ => None,
    }
}

/// The help screen's lines: a scope title, then its bindings (keys, help).
pub fn help_lines() -> Vec<(Option<&'static str>, &'static str)> {
    let mut out = Vec::new();
    for (scope, title) in [
        (Scope::Global, "everywhere"),
        (Scope::Lists, "lists"),
        (Scope::Open, "lists that open"),
        (Scope::Search, "search"),
        (Scope::Bodies, "bodies"),
        (Scope::Compare, "compare"),
        (Scope::Checks, "checks"),
        (Scope::Report, "report"),
    ] {
        out.push((None, title));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            out.push((Some(b.keys), b.help));
        }
    }
    out
}

/// The hint bar for a screen: its bindings marked `hint`, most specific first.
pub fn hints(screen: Screen) -> Vec<(&'static str, &'static str)> {
    scopes_of(screen)
        .iter()
        .flat_map(|s| BINDINGS.iter().filter(move |b| b.scope == *s && b.hint))
        .map(|b| (b.keys, b.help))
        .collect()
}
