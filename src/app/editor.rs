//! A small text editor for claim wording (one line) and explanations (many lines), with
//! the readline keys a shell user expects. Pasting is linear in the pasted length.

/// The most a one-line field holds, in chars: a wording, a title, a URL or a query is far
/// shorter; a longer paste is cut, with a message.
pub const ONE_LINE_MAX: usize = 10_000;

/// Editable text with a cursor. `row` and `col` count lines and chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    lines: Vec<String>,
    row: usize,
    col: usize,
    multiline: bool,
    /// The text the editor opened with, to tell whether anything was typed.
    original: String,
}

impl Editor {
    /// A one-line editor; newlines in `text` become spaces. The cursor starts at the end.
    pub fn single_line(text: &str) -> Editor {
        let line = text.replace(['\n', '\r'], " ");
        let col = line.chars().count();
        Editor {
            lines: vec![line.clone()],
            row: 0,
            col,
            multiline: false,
            original: line,
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
            original: text.to_string(),
        }
    }

    /// Whether the text differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// Inserts `text` at the cursor in one step (a paste): newlines start lines in a
    /// multi-line editor and become spaces in a one-line one, which holds at most
    /// [`ONE_LINE_MAX`] chars. Returns how many chars did not fit.
    pub fn insert_str(&mut self, text: &str) -> usize {
        if !self.multiline {
            let room = ONE_LINE_MAX.saturating_sub(self.line_len(0));
            let cut = text.char_indices().nth(room).map_or(text.len(), |(i, _)| i);
            let dropped = text[cut..].chars().count();
            let piece = text[..cut].replace(['\n', '\r'], " ");
            let at = self.byte_at(0, self.col);
            self.lines[0].insert_str(at, &piece);
            self.col += piece.chars().count();
            return dropped;
        }
        let at = self.byte_at(self.row, self.col);
        let rest = self.lines[self.row].split_off(at);
        let mut pieces = text.split('\n');
        if let Some(first) = pieces.next() {
            self.lines[self.row].push_str(first);
        }
        let mut added: Vec<String> = pieces.map(str::to_owned).collect();
        let last_len = match added.last() {
            Some(last) => last.chars().count(),
            None => self.line_len(self.row),
        };
        let new_rows = added.len();
        match added.last_mut() {
            Some(last) => last.push_str(&rest),
            None => self.lines[self.row].push_str(&rest),
        }
        let at_row = self.row + 1;
        self.lines.splice(at_row..at_row, added.drain(..));
        self.row += new_rows;
        self.col = last_len;
        0
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

    /// The column where the word before `col` starts (skipping spaces first).
    fn word_start(&self, col: usize) -> usize {
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut start = col.min(chars.len());
        while start > 0 && !chars[start - 1].is_alphanumeric() {
            start -= 1;
        }
        while start > 0 && chars[start - 1].is_alphanumeric() {
            start -= 1;
        }
        start
    }

    /// The column just past the word at or after `col`.
    fn word_end(&self, col: usize) -> usize {
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut end = col.min(chars.len());
        while end < chars.len() && !chars[end].is_alphanumeric() {
            end += 1;
        }
        while end < chars.len() && chars[end].is_alphanumeric() {
            end += 1;
        }
        end
    }

    /// Alt-b, Ctrl-Left: to the start of this or the previous word (the previous line's
    /// end at a line start).
    pub fn word_left(&mut self) {
        if self.col == 0 {
            self.left();
            return;
        }
        self.col = self.word_start(self.col);
    }

    /// Alt-f, Ctrl-Right: past the end of this or the next word (the next line's start at
    /// a line end).
    pub fn word_right(&mut self) {
        if self.col == self.line_len(self.row) {
            self.right();
            return;
        }
        self.col = self.word_end(self.col);
    }

    /// Deletes chars `from..to` of the cursor's line and puts the cursor at `from`.
    fn delete_cols(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte_at(self.row, from), self.byte_at(self.row, to));
        self.lines[self.row].replace_range(a..b, "");
        self.col = from;
    }

    /// Alt-d: deletes from the cursor to the end of the word after it.
    pub fn delete_word_forward(&mut self) {
        if self.col == self.line_len(self.row) {
            self.delete_forward();
            return;
        }
        let end = self.word_end(self.col);
        self.delete_cols(self.col, end);
    }

    /// Ctrl-u: deletes from the start of the line to the cursor.
    pub fn delete_to_line_start(&mut self) {
        self.delete_cols(0, self.col);
    }

    /// Ctrl-k: deletes from the cursor to the end of the line (joins the next line at a
    /// line end, as Emacs does).
    pub fn delete_to_line_end(&mut self) {
        let len = self.line_len(self.row);
        if self.col == len {
            self.delete_forward();
            return;
        }
        self.delete_cols(self.col, len);
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

    /// The readline keys move and delete by word and to the line's ends.
    #[test]
    fn readline_keys() {
        let mut e = Editor::single_line("Musk spoke with Putin");
        e.word_left();
        assert_eq!(e.cursor(), (0, 16));
        e.word_left();
        e.word_left();
        assert_eq!(e.cursor(), (0, 5));
        e.word_right();
        assert_eq!(e.cursor(), (0, 10));
        e.delete_word_forward();
        assert_eq!(e.text(), "Musk spoke Putin");
        e.delete_to_line_end();
        assert_eq!(e.text(), "Musk spoke");
        e.word_left();
        e.delete_to_line_start();
        assert_eq!((e.text().as_str(), e.cursor()), ("spoke", (0, 0)));
        let mut m = Editor::multi_line("one\ntwo");
        m.up();
        m.end();
        m.delete_to_line_end();
        assert_eq!(
            m.text(),
            "onetwo",
            "Ctrl-k at a line end joins the next line"
        );
    }

    /// A paste goes in at the cursor in one piece: lines split in a multi-line editor,
    /// the cursor ends after it; a one-line field is capped and says how much was cut.
    #[test]
    fn pastes_insert_whole() {
        let mut m = Editor::multi_line("ab");
        m.left();
        assert_eq!(m.insert_str("1\n2\n3"), 0);
        assert_eq!(m.text(), "a1\n2\n3b");
        assert_eq!(m.cursor(), (2, 1));
        let mut one = Editor::single_line("x");
        let long = "y".repeat(ONE_LINE_MAX + 5);
        assert_eq!(one.insert_str(&long), 6);
        assert_eq!(one.text().chars().count(), ONE_LINE_MAX);
        let mut l = Editor::single_line("");
        l.insert_str("a\nb");
        assert_eq!(l.text(), "a b");
        assert!(l.changed() && !Editor::multi_line("same").changed());
    }

    /// Newlines pasted into a one-line editor become spaces.
    #[test]
    fn single_line_flattens_newlines() {
        let e = Editor::single_line("a\nb\r\nc");
        assert_eq!(e.text(), "a b  c");
    }
}
