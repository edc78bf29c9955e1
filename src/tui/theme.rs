//! Styles and symbols. The 16 ANSI colours by default; with `NO_COLOR` only
//! bold, underline and reverse — meaning is never carried by colour alone.
//! `XXGK_ASCII=1` (or `--ascii`) swaps ambiguous-width symbols for ASCII.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            ascii: false,
        }
    }
}

impl Theme {
    pub fn from_env(ascii_flag: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let ascii =
            ascii_flag || std::env::var_os("XXGK_ASCII").is_some_and(|v| !v.is_empty() && v != "0");
        Theme {
            color: !no_color,
            ascii,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn hit(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn flagged(&self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.ascii {
            "..."
        } else {
            "…"
        }
    }
    pub fn bar(&self) -> char {
        if self.ascii {
            '#'
        } else {
            '█'
        }
    }
    pub fn separator(&self) -> &'static str {
        if self.ascii {
            " > "
        } else {
            " › "
        }
    }
    /// Sparkline levels, lowest first.
    pub fn spark(&self) -> &'static [char] {
        if self.ascii {
            &['_', '.', '-', '~', '=', '+', '*', '#']
        } else {
            &['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']
        }
    }
    /// Columns out of view to the left (two cells) and to the right.
    pub fn more_left(&self) -> &'static str {
        if self.ascii {
            "< "
        } else {
            "◀ "
        }
    }
    pub fn more_right(&self) -> &'static str {
        if self.ascii {
            ">"
        } else {
            "▶"
        }
    }
    pub fn mark(&self) -> &'static str {
        if self.ascii {
            "*"
        } else {
            "●"
        }
    }
    pub fn spinner(&self, tick: usize) -> char {
        let frames: &[char] = if self.ascii {
            &['|', '/', '-', '\\']
        } else {
            &['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
        };
        frames[tick % frames.len()]
    }
}
