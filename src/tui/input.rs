//! A one-line text box with a character cursor whose terminal column is
//! measured in display cells, so the real cursor sits right for Chinese (IME).

use crate::text::width;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl Input {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.chars().count();
    }

    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let at = self.byte(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
        true
    }

    pub fn delete(&mut self) -> bool {
        if self.cursor >= self.text.chars().count() {
            return false;
        }
        let at = self.byte(self.cursor);
        self.text.remove(at);
        true
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// The cursor's column in display cells.
    pub fn cursor_column(&self) -> usize {
        width(&self.text[..self.byte(self.cursor)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_column_counts_cells() {
        let mut i = Input::default();
        for c in "行政a复议".chars() {
            i.insert(c);
        }
        assert_eq!(i.cursor_column(), 9);
        i.left();
        i.left();
        assert_eq!(i.cursor_column(), 5);
        i.backspace();
        assert_eq!(i.text(), "行政复议");
        assert_eq!(i.cursor_column(), 4);
    }
}
