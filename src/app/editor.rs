//! A small text editor for claim wording (one line) and explanations (many lines).

/// Editable text with a cursor. `row` and `col` count lines and chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    lines: Vec<String>,
    row: usize,
    col: usize,
    multiline: bool,
}

impl Editor {
    /// A one-line editor; newlines in `text` become spaces. The cursor starts at the end.
    pub fn single_line(text: &str) -> Editor {
        let line = text.replace(['\n', '\r'], " ");
        let col = line.chars().count();
        Editor {
            lines: vec![line],
            row: 0,
            col,
            multiline: false,
        }
    }

    /// A multi-line editor. The cursor starts at the end of the text.
    pub fn multi_line(text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        Editor {
            lines,
            row,
            col,
            multiline: true,
        }
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Cursor as (line, char column).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines[row].chars().count()
    }

    fn byte_at(&self, row: usize, col: usize) -> usize {
        let line = &self.lines[row];
        line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
    }

    pub fn insert_char(&mut self, c: char) {
        if c == '\n' {
            self.new_line();
            return;
        }
        let at = self.byte_at(self.row, self.col);
        self.lines[self.row].insert(at, c);
        self.col += 1;
    }

    /// Splits the line at the cursor (multi-line only).
    pub fn new_line(&mut self) {
        if !self.multiline {
            return;
        }
        let at = self.byte_at(self.row, self.col);
        let rest = self.lines[self.row].split_off(at);
        self.row += 1;
        self.lines.insert(self.row, rest);
        self.col = 0;
    }

    pub fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line_len(self.row);
        }
    }

    pub fn right(&mut self) {
        if self.col < self.line_len(self.row) {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    pub fn up(&mut self) {
        if self.row > 0 {
            self.row -= 1;
            self.col = self.col.min(self.line_len(self.row));
        }
    }

    pub fn down(&mut self) {
        if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = self.col.min(self.line_len(self.row));
        }
    }

    pub fn home(&mut self) {
        self.col = 0;
    }

    pub fn end(&mut self) {
        self.col = self.line_len(self.row);
    }

    /// Backspace: deletes before the cursor, joining lines at a line start.
    pub fn delete_back(&mut self) {
        if self.col > 0 {
            self.col -= 1;
            let at = self.byte_at(self.row, self.col);
            self.lines[self.row].remove(at);
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_len(self.row);
            self.lines[self.row].push_str(&line);
        }
    }

    /// Delete: deletes under the cursor, joining the next line at a line end.
    pub fn delete_forward(&mut self) {
        if self.col < self.line_len(self.row) {
            let at = self.byte_at(self.row, self.col);
            self.lines[self.row].remove(at);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    /// Ctrl-w: deletes the word before the cursor and the spaces after it, like a shell.
    pub fn delete_word_back(&mut self) {
        if self.col == 0 {
            self.delete_back();
            return;
        }
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut start = self.col;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let from = self.byte_at(self.row, start);
        let to = self.byte_at(self.row, self.col);
        self.lines[self.row].replace_range(from..to, "");
        self.col = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typing, moving and deleting in a one-line editor work on chars, not bytes.
    #[test]
    fn single_line_editing() {
        let mut e = Editor::single_line("Crimée annexée");
        assert_eq!(e.cursor(), (0, 14));
        e.insert_char('!');
        e.home();
        e.insert_char('«');
        e.delete_forward();
        e.end();
        e.left();
        e.delete_back();
        assert_eq!(e.text(), "«rimée annexé!");
        e.new_line();
        assert_eq!(e.lines().len(), 1, "no new lines in a one-line editor");
    }

    /// Ctrl-w removes the previous word and the spaces before the cursor.
    #[test]
    fn delete_word_back() {
        let mut e = Editor::single_line("Musk spoke with Putin  ");
        e.delete_word_back();
        assert_eq!(e.text(), "Musk spoke with ");
        e.delete_word_back();
        assert_eq!(e.text(), "Musk spoke ");
        e.home();
        e.delete_word_back();
        assert_eq!(e.text(), "Musk spoke ");
    }

    /// A multi-line editor splits and joins lines and keeps the column within each line.
    #[test]
    fn multi_line_editing() {
        let mut e = Editor::multi_line("first line\nsecond");
        assert_eq!(e.cursor(), (1, 6));
        e.up();
        assert_eq!(e.cursor(), (0, 6));
        e.new_line();
        assert_eq!(e.text(), "first \nline\nsecond");
        e.delete_back();
        assert_eq!(e.text(), "first line\nsecond");
        e.end();
        e.delete_forward();
        assert_eq!(e.text(), "first linesecond");
        e.insert_char('\n');
        assert_eq!(e.text(), "first line\nsecond");
        e.down();
        e.right();
        assert_eq!(e.cursor(), (1, 1));
    }

    /// Newlines pasted into a one-line editor become spaces.
    #[test]
    fn single_line_flattens_newlines() {
        let e = Editor::single_line("a\nb\r\nc");
        assert_eq!(e.text(), "a b  c");
    }
}
