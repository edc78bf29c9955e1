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

    /// Ctrl-u: deletes everything before the cursor.
    pub fn kill_to_start(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let at = self.byte(self.cursor);
        self.text.replace_range(..at, "");
        self.cursor = 0;
        true
    }

    /// Where the word before the cursor starts: back over spaces, then
    /// over the word (a run of non-spaces, as readline counts words).
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor;
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// Ctrl-w: deletes the word before the cursor.
    pub fn kill_word(&mut self) -> bool {
        let start = self.word_start();
        if start == self.cursor {
            return false;
        }
        let (a, b) = (self.byte(start), self.byte(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
        true
    }

    /// Alt-b: to the start of the word before the cursor.
    pub fn word_left(&mut self) {
        self.cursor = self.word_start();
    }

    /// Alt-f: past the end of the next word.
    pub fn word_right(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        self.cursor = i;
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

    #[test]
    fn readline_keys() {
        let mut i = Input::default();
        i.set("行政复议 -诉讼 year:2023");
        i.word_left();
        assert_eq!(i.cursor_column(), width("行政复议 -诉讼 "));
        i.word_left();
        i.word_right();
        assert_eq!(i.cursor_column(), width("行政复议 -诉讼"));
        assert!(i.kill_word());
        assert_eq!(i.text(), "行政复议  year:2023");
        assert!(i.kill_to_start());
        assert_eq!(i.text(), " year:2023");
        assert!(!i.kill_to_start());
    }
}
