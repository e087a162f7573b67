//! Forms: a few labelled fields, one focused; used for links and source records.

use super::editor::Editor;

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// One of a fixed list (stance, source type).
    Choice {
        options: &'static [&'static str],
        index: usize,
    },
    /// One line of text.
    Line(Editor),
    /// Several lines of text.
    Text(Editor),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub label: &'static str,
    pub value: FieldValue,
}

impl FormField {
    pub fn choice(label: &'static str, options: &'static [&'static str], index: usize) -> Self {
        FormField {
            label,
            value: FieldValue::Choice { options, index },
        }
    }

    pub fn line(label: &'static str, text: &str) -> Self {
        FormField {
            label,
            value: FieldValue::Line(Editor::single_line(text)),
        }
    }

    pub fn text(label: &'static str, text: &str) -> Self {
        FormField {
            label,
            value: FieldValue::Text(Editor::multi_line(text)),
        }
    }

    /// The field's text (for a choice, the chosen option).
    pub fn value(&self) -> String {
        match &self.value {
            FieldValue::Choice { options, index } => options[*index].to_string(),
            FieldValue::Line(e) | FieldValue::Text(e) => e.text(),
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        match &mut self.value {
            FieldValue::Line(e) | FieldValue::Text(e) => Some(e),
            FieldValue::Choice { .. } => None,
        }
    }
}

/// Fields and which one has the focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The values the form opened with, to tell whether anything was changed.
    initial: Vec<String>,
}

impl Form {
    pub fn new(fields: Vec<FormField>) -> Form {
        let initial = fields.iter().map(FormField::value).collect();
        Form {
            fields,
            focus: 0,
            initial,
        }
    }

    /// Whether any field differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| f.value() != *v)
    }

    pub fn focused(&self) -> &FormField {
        &self.fields[self.focus]
    }

    pub fn focused_mut(&mut self) -> &mut FormField {
        &mut self.fields[self.focus]
    }

    /// Tab: the next field, wrapping.
    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    /// Shift-Tab: the previous field, wrapping.
    pub fn previous(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// Sets a choice field by option name; a no-op on other fields or unknown names.
    pub fn choose(&mut self, field: usize, option: &str) {
        if let Some(FieldValue::Choice { options, index }) =
            self.fields.get_mut(field).map(|f| &mut f.value)
            && let Some(i) = options.iter().position(|o| *o == option)
        {
            *index = i;
        }
    }

    /// Moves a choice field by `delta` options, wrapping.
    pub fn cycle(&mut self, field: usize, delta: isize) {
        if let Some(FieldValue::Choice { options, index }) =
            self.fields.get_mut(field).map(|f| &mut f.value)
        {
            let n = options.len() as isize;
            *index = ((*index as isize + delta).rem_euclid(n)) as usize;
        }
    }

    pub fn value(&self, field: usize) -> String {
        self.fields
            .get(field)
            .map(FormField::value)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STANCES: &[&str] = &["supports", "refutes", "context"];

    /// Focus wraps both ways; choices cycle and can be set by name.
    #[test]
    fn focus_and_choices() {
        let mut f = Form::new(vec![
            FormField::choice("Stance", STANCES, 0),
            FormField::text("Quote", ""),
            FormField::line("Locator", "p. 4"),
        ]);
        f.previous();
        assert_eq!(f.focus, 2);
        f.next();
        assert_eq!(f.focus, 0);
        f.cycle(0, -1);
        assert_eq!(f.value(0), "context");
        f.choose(0, "refutes");
        assert_eq!(f.value(0), "refutes");
        f.choose(0, "nonsense");
        assert_eq!(f.value(0), "refutes");
        assert_eq!(f.value(2), "p. 4");
        assert!(f.fields[0].editor_mut().is_none());
    }
}
