use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Extra;

/// An ordered rating scale: labels from most true to least true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub name: String,
    pub labels: Vec<Label>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One rating on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// The rating's name as published ("Mostly True").
    pub label: String,
    /// A short code shown where space is tight ("MT").
    pub key: String,
    /// Higher means more true.
    pub value: i32,
    /// `#rrggbb`.
    pub colour: String,
    #[serde(default)]
    pub description: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A 24-bit colour parsed from `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum ScaleError {
    #[error("the scale {0:?} has no labels")]
    Empty(String),
    #[error("the scale {scale:?} has the label {label:?} twice")]
    DuplicateLabel { scale: String, label: String },
    #[error("the label {label:?} has the colour {colour:?}, expected #rrggbb")]
    BadColour { label: String, colour: String },
    #[error("the label {0:?} has an empty name or key")]
    EmptyLabel(String),
    #[error("the scale file is not valid: {0}")]
    Parse(String),
}

/// The bundled default scale (PolitiFact's Truth-O-Meter).
const DEFAULT_SCALE: &str = include_str!("../../assets/scales/politifact.json");

impl Scale {
    /// The default scale shipped in `assets/`.
    pub fn default_scale() -> Scale {
        // The asset is checked by a unit test, so a broken build cannot ship.
        Scale::from_json(DEFAULT_SCALE).expect("bundled default scale is valid")
    }

    /// Parses and validates a scale from JSON.
    pub fn from_json(json: &str) -> Result<Scale, ScaleError> {
        let scale: Scale =
            serde_json::from_str(json).map_err(|e| ScaleError::Parse(e.to_string()))?;
        scale.validate()?;
        Ok(scale)
    }

    /// Checks the invariants: at least one label, unique non-empty names, `#rrggbb` colours.
    pub fn validate(&self) -> Result<(), ScaleError> {
        if self.labels.is_empty() {
            return Err(ScaleError::Empty(self.name.clone()));
        }
        for (i, l) in self.labels.iter().enumerate() {
            if l.label.trim().is_empty() || l.key.trim().is_empty() {
                return Err(ScaleError::EmptyLabel(l.label.clone()));
            }
            if Rgb::parse(&l.colour).is_none() {
                return Err(ScaleError::BadColour {
                    label: l.label.clone(),
                    colour: l.colour.clone(),
                });
            }
            if self.labels[..i].iter().any(|o| o.label == l.label) {
                return Err(ScaleError::DuplicateLabel {
                    scale: self.name.clone(),
                    label: l.label.clone(),
                });
            }
        }
        Ok(())
    }

    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.label == name)
    }

    /// Position (0-based) of a label on the scale.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l.label == name)
    }

    /// Highest and lowest values: `bestRating` and `worstRating` in ClaimReview.
    pub fn best_and_worst(&self) -> Option<(i32, i32)> {
        let best = self.labels.iter().map(|l| l.value).max()?;
        let worst = self.labels.iter().map(|l| l.value).min()?;
        Some((best, worst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled scale is PolitiFact's six labels, most true first, values descending.
    #[test]
    fn default_scale_is_valid_and_ordered() {
        let s = Scale::default_scale();
        let names: Vec<_> = s.labels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            names,
            [
                "True",
                "Mostly True",
                "Half True",
                "Mostly False",
                "False",
                "Pants on Fire"
            ]
        );
        assert!(s.labels.windows(2).all(|w| w[0].value > w[1].value));
        assert_eq!(s.best_and_worst(), Some((6, 1)));
    }

    /// Colours parse from `#rrggbb` only.
    #[test]
    fn colour_parsing() {
        assert_eq!(Rgb::parse("#0a10FF"), Some(Rgb(10, 16, 255)));
        assert_eq!(Rgb::parse("0a10ff"), None);
        assert_eq!(Rgb::parse("#0a10f"), None);
        assert_eq!(Rgb::parse("#0a10fé"), None);
    }

    /// A scale with a repeated label or a bad colour is refused with a message naming it.
    #[test]
    fn invalid_scales_are_refused() {
        let mut s = Scale::default_scale();
        s.labels[1].label = "True".into();
        assert!(matches!(
            s.validate(),
            Err(ScaleError::DuplicateLabel { .. })
        ));
        let mut s = Scale::default_scale();
        s.labels[0].colour = "green".into();
        assert!(s.validate().unwrap_err().to_string().contains("green"));
    }
}
