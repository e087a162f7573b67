use super::{ClaimId, SourceId};

/// Where new ids and timestamps come from, so the state machine stays deterministic in tests.
pub trait Entropy {
    /// A fresh random id string of `[a-z0-9]`.
    fn new_id_string(&mut self) -> String;
    /// The current time as RFC 3339, to the second, UTC.
    fn now(&self) -> String;

    fn new_id(&mut self) -> ClaimId {
        ClaimId(self.new_id_string())
    }

    fn new_source_id(&mut self) -> SourceId {
        SourceId(self.new_id_string())
    }

    /// Today's date, `YYYY-MM-DD` (UTC).
    fn today(&self) -> String {
        self.now().chars().take(10).collect()
    }
}

/// Random ids from the operating system and the real clock.
#[derive(Debug, Default)]
pub struct SystemEntropy;

const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
const ID_LEN: usize = 10;

impl Entropy for SystemEntropy {
    fn new_id_string(&mut self) -> String {
        // 10 characters of a 32-letter alphabet: 50 bits, collision-safe across copies.
        let mut bytes = [0u8; ID_LEN];
        if getrandom::fill(&mut bytes).is_err() {
            // No OS randomness: fall back to the clock's nanoseconds, still unique per call.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = (nanos >> (i * 5)) as u8;
            }
        }
        bytes
            .iter()
            .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
            .collect()
    }

    fn now(&self) -> String {
        let now = jiff::Timestamp::now();
        jiff::Timestamp::from_second(now.as_second())
            .unwrap_or(now)
            .to_string()
    }
}

/// Counting ids (`c1`, `c2`, …) and a fixed time: for tests and benches.
#[derive(Debug, Clone)]
pub struct FixedEntropy {
    pub next: u32,
    pub time: String,
}

impl Default for FixedEntropy {
    fn default() -> Self {
        FixedEntropy {
            next: 1,
            time: "2026-01-02T03:04:05Z".to_string(),
        }
    }
}

impl Entropy for FixedEntropy {
    fn new_id_string(&mut self) -> String {
        let id = format!("c{}", self.next);
        self.next += 1;
        id
    }

    fn now(&self) -> String {
        self.time.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// System ids are valid, of the documented length, and differ between calls.
    #[test]
    fn system_ids_are_valid_and_distinct() {
        let mut e = SystemEntropy;
        let a = e.new_id();
        let b = e.new_id();
        assert!(ClaimId::is_valid(&a.0));
        assert_eq!(a.0.len(), ID_LEN);
        assert_ne!(a, b);
        assert!(e.now().ends_with('Z'));
    }
}
