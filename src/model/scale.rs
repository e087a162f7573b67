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
    #[error("the scale {0:?} has no labels (only the \"Conclusion only\" scale may have none)")]
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

/// The bundled presets: id (as typed after `--scale`) and JSON, default first.
const PRESETS: [(&str, &str); 7] = [
    ("politifact", DEFAULT_SCALE),
    ("snopes", include_str!("../../assets/scales/snopes.json")),
    ("aap", include_str!("../../assets/scales/aap.json")),
    ("meta", include_str!("../../assets/scales/meta.json")),
    ("fever", include_str!("../../assets/scales/fever.json")),
    (
        "averitec",
        include_str!("../../assets/scales/averitec.json"),
    ),
    (
        "conclusion-only",
        include_str!("../../assets/scales/conclusion-only.json"),
    ),
];

/// Lower case with spaces and underscores as hyphens: "Conclusion only" → "conclusion-only".
fn preset_key(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Scale {
    /// The name of the one scale that may have no labels: each verdict is a written
    /// conclusion (the explanation), as Full Fact publishes them.
    pub const CONCLUSION_ONLY: &str = "Conclusion only";

    /// The default scale shipped in `assets/`.
    pub fn default_scale() -> Scale {
        // The asset is checked by a unit test, so a broken build cannot ship.
        Scale::from_json(DEFAULT_SCALE).expect("bundled default scale is valid")
    }

    /// Every bundled preset with its id (`politifact`, `snopes`, `aap`, `meta`, `fever`,
    /// `averitec`, `conclusion-only`), the default first.
    pub fn presets() -> Vec<(&'static str, Scale)> {
        PRESETS
            .iter()
            // The assets are checked by a unit test, so a broken build cannot ship.
            .map(|(id, json)| {
                (
                    *id,
                    Scale::from_json(json).expect("bundled preset is valid"),
                )
            })
            .collect()
    }

    /// The preset with this id or display name, ignoring case, spaces and underscores
    /// ("AVeriTeC", "conclusion only", "Snopes-like").
    pub fn preset(id: &str) -> Option<Scale> {
        let key = preset_key(id);
        Scale::presets()
            .into_iter()
            .find(|(pid, scale)| *pid == key || preset_key(&scale.name) == key)
            .map(|(_, scale)| scale)
    }

    /// Whether verdicts on this scale are written conclusions without labels.
    pub fn is_conclusion_only(&self) -> bool {
        self.labels.is_empty() && self.name == Scale::CONCLUSION_ONLY
    }

    /// Parses and validates a scale from JSON.
    pub fn from_json(json: &str) -> Result<Scale, ScaleError> {
        let scale: Scale =
            serde_json::from_str(json).map_err(|e| ScaleError::Parse(e.to_string()))?;
        scale.validate()?;
        Ok(scale)
    }

    /// Checks the invariants: at least one label (unless the scale is named
    /// [`Scale::CONCLUSION_ONLY`]), unique non-empty names, `#rrggbb` colours.
    pub fn validate(&self) -> Result<(), ScaleError> {
        if self.labels.is_empty() && self.name != Scale::CONCLUSION_ONLY {
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

    /// Every preset parses and validates, has descriptions, unique keys and colours, and lists
    /// its labels from most to least true.
    #[test]
    fn presets_are_valid() {
        let presets = Scale::presets();
        let ids: Vec<_> = presets.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            ids,
            [
                "politifact",
                "snopes",
                "aap",
                "meta",
                "fever",
                "averitec",
                "conclusion-only"
            ]
        );
        assert_eq!(presets[0].1, Scale::default_scale());
        for (id, scale) in &presets {
            assert_eq!(scale.validate(), Ok(()), "{id}");
            assert!(
                scale.labels.windows(2).all(|w| w[0].value >= w[1].value),
                "{id}"
            );
            for (i, l) in scale.labels.iter().enumerate() {
                assert!(l.description.ends_with('.'), "{id}: {}", l.label);
                let earlier = &scale.labels[..i];
                assert!(
                    !earlier.iter().any(|o| o.key == l.key),
                    "{id}: key {}",
                    l.key
                );
                assert!(
                    !earlier.iter().any(|o| o.colour == l.colour),
                    "{id}: {}",
                    l.colour
                );
            }
        }
        let snopes = Scale::preset("snopes").unwrap();
        assert!(snopes.label("Unproven").is_some() && snopes.label("Outdated").is_some());
        let meta: Vec<_> = Scale::preset("META")
            .unwrap()
            .labels
            .into_iter()
            .map(|l| l.label)
            .collect();
        for l in [
            "False",
            "Altered",
            "Partly False",
            "Missing Context",
            "Satire",
            "True",
        ] {
            assert!(meta.iter().any(|m| m == l), "{l}");
        }
    }

    /// Presets are found by id or display name, in any case; unknown names find nothing.
    #[test]
    fn preset_lookup() {
        assert_eq!(Scale::preset("PolitiFact"), Some(Scale::default_scale()));
        assert_eq!(Scale::preset("averitec").unwrap().name, "AVeriTeC");
        assert_eq!(Scale::preset("Snopes-like").unwrap().name, "Snopes-like");
        assert_eq!(
            Scale::preset("AAP FactCheck").unwrap().name,
            "AAP FactCheck"
        );
        let conclusion = Scale::preset("conclusion only").unwrap();
        assert!(conclusion.is_conclusion_only());
        assert_eq!(
            Scale::preset(" Conclusion_Only ").as_ref(),
            Some(&conclusion)
        );
        assert_eq!(Scale::preset("truth-o-meter"), None);
    }

    /// Only the scale named "Conclusion only" may have no labels.
    #[test]
    fn only_conclusion_only_may_be_empty() {
        let mut s = Scale::preset("conclusion-only").unwrap();
        assert_eq!(s.best_and_worst(), None);
        s.name = "House style".into();
        let err = s.validate().unwrap_err();
        assert_eq!(err, ScaleError::Empty("House style".into()));
        assert!(err.to_string().contains("Conclusion only"), "{err}");
        assert!(!s.is_conclusion_only());
        assert!(!Scale::default_scale().is_conclusion_only());
    }
}
