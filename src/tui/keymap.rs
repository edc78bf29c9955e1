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
        keys: "x",
        help: "clear the marks (also those the filter hides)",
        scope: Scope::Bodies,
        hint: false,
    },
    Binding {
        keys: "←/→",
        help: "previous / next year",
        scope: Scope::Compare,
        hint: true,
    },
    Binding {
        keys: "h/l 0/$",
        help: "bodies out of view: left / right, first / last",
        scope: Scope::Compare,
        hint: false,
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

/// Makes the action a rebound key stands for.
type MakeAction = fn() -> Action;

/// Actions a user may bind to another key in `keys.toml` (config folder):
///
/// ```toml
/// [keys]
/// quit = "x"       # x quits (q still does)
/// review = "v"
/// ```
const BINDABLE: &[(&str, MakeAction)] = &[
    ("quit", || Action::Quit),
    ("help", || Action::Help),
    ("search", || Action::Focus),
    ("back", || Action::Back),
    ("down", || Action::Down),
    ("up", || Action::Up),
    ("top", || Action::Top),
    ("bottom", || Action::Bottom),
    ("left", || Action::Left),
    ("right", || Action::Right),
    ("open", || Action::Open),
    ("mark", || Action::Mark),
    ("next_hit", || Action::NextHit),
    ("previous_hit", || Action::PrevHit),
    ("copy", || Action::Copy),
    ("export", || Action::ExportCsv),
    ("reload", || Action::Reload),
    ("review", || Action::CycleReview),
    ("open_only", || Action::ToggleOpenOnly),
    ("bodies", || Action::Goto(Screen::Bodies)),
    ("compare", || Action::Goto(Screen::Compare)),
    ("checks", || Action::Goto(Screen::Checks)),
];

/// A user's rebindings: key → action name.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct UserKeys(std::collections::HashMap<char, &'static str>);

impl UserKeys {
    /// Reads `[keys] action = "k"`; an unknown action or a key that is not
    /// one character is an error naming it.
    pub fn parse(text: &str) -> Result<UserKeys, String> {
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            keys: std::collections::BTreeMap<String, String>,
        }
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut out = std::collections::HashMap::new();
        for (action, key) in file.keys {
            let name = BINDABLE
                .iter()
                .find(|(n, _)| *n == action)
                .map(|(n, _)| *n)
                .ok_or_else(|| format!("keys.{action}: no such action"))?;
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(format!("keys.{action} = {key:?}: one character"));
            };
            out.insert(c, name);
        }
        Ok(UserKeys(out))
    }

    /// The config folder's `keys.toml`, if any (an error is reported, not fatal).
    pub fn load() -> Result<UserKeys, String> {
        let Some(path) = directories::ProjectDirs::from("", "", "xxgk")
            .map(|d| d.config_dir().join("keys.toml"))
        else {
            return Ok(UserKeys::default());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => UserKeys::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(_) => Ok(UserKeys::default()),
        }
    }

    fn action(&self, c: char) -> Option<Action> {
        let name = self.0.get(&c)?;
        BINDABLE.iter().find(|(n, _)| n == name).map(|(_, f)| f())
    }
}

/// `map`, with the user's rebindings first (outside text boxes).
pub fn map_with(user: &UserKeys, key: KeyEvent, screen: Screen, typing: bool) -> Option<Action> {
    if let (false, KeyCode::Char(c)) = (typing, key.code) {
        if key.modifiers.difference(KeyModifiers::SHIFT).is_empty() {
            if let Some(a) = user.action(c) {
                return Some(a);
            }
        }
    }
    map(key, screen, typing)
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
        KeyCode::Char('x') if matches!(screen, Screen::Bodies | Screen::Compare) => {
            Some(Action::ClearMarks)
        }
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Char('/') => Some(Action::Focus),
        KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
        KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
        // On Compare ←/→ choose the year and h/l scroll the body columns.
        KeyCode::Char('h') if screen == Screen::Compare => Some(Action::ColumnLeft),
        KeyCode::Char('l') if screen == Screen::Compare => Some(Action::ColumnRight),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_file_rebinds_keys() {
        let user = UserKeys::parse("[keys]\nquit = \"x\"\nreview = \"v\"\n").unwrap();
        let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert!(matches!(
            map_with(&user, k('x'), Screen::Search, false),
            Some(Action::Quit)
        ));
        assert!(matches!(
            map_with(&user, k('v'), Screen::Checks, false),
            Some(Action::CycleReview)
        ));
        // In a text box, x is typed.
        assert!(matches!(
            map_with(&user, k('x'), Screen::Search, true),
            Some(Action::Input('x'))
        ));
        // The defaults stay.
        assert!(matches!(
            map_with(&user, k('q'), Screen::Search, false),
            Some(Action::Quit)
        ));
        let err = UserKeys::parse("[keys]\nfly = \"f\"\n").unwrap_err();
        assert!(err.contains("keys.fly"), "{err}");
        assert!(UserKeys::parse("[keys]\nquit = \"xx\"\n").is_err());
    }

    /// Every binding's help names keys that `map` knows, and the hint bar
    /// shows only bindings of the screen's scopes.
    #[test]
    fn bindings_hints_and_help_agree() {
        for screen in [
            Screen::Search,
            Screen::Bodies,
            Screen::Body,
            Screen::Compare,
            Screen::Checks,
            Screen::Report,
        ] {
            for (keys, _) in hints(screen) {
                let b = BINDINGS.iter().find(|b| b.keys == keys).unwrap();
                assert!(scopes_of(screen).contains(&b.scope), "{keys} on {screen:?}");
            }
            assert!(hints(screen).iter().any(|(k, _)| *k == "?"));
            assert!(hints(screen).iter().any(|(k, _)| *k == "q"));
        }
        let listed: Vec<&str> = help_lines().iter().filter_map(|(k, _)| *k).collect();
        assert_eq!(
            listed.len(),
            BINDINGS.len(),
            "help lists every binding once"
        );
        // Single-key bindings do what map says on their scope's screens.
        let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert!(matches!(
            map(k('r'), Screen::Checks, false),
            Some(Action::CycleReview)
        ));
        assert!(matches!(
            map(k('R'), Screen::Search, false),
            Some(Action::Reload)
        ));
        assert!(matches!(
            map(k('$'), Screen::Report, false),
            Some(Action::LastColumn)
        ));
        assert!(matches!(
            map(k('s'), Screen::Checks, false),
            Some(Action::CycleSeverity)
        ));
        // Compare: h/l scroll the bodies, ←/→ stay the year.
        assert!(matches!(
            map(k('l'), Screen::Compare, false),
            Some(Action::ColumnRight)
        ));
        assert!(matches!(
            map(
                KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
                Screen::Compare,
                false
            ),
            Some(Action::Right)
        ));
        assert!(matches!(
            map(k('l'), Screen::Report, false),
            Some(Action::Right)
        ));
    }
}
