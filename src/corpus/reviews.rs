//! Reviews of findings: an office marks a finding confirmed or dismissed,
//! with a note, and then sees only what is open. Kept in `reviews.json` in
//! the index folder, keyed by the finding's id — a hash of the report's
//! content hash, the rule and the cells — so a review survives re-indexing
//! and no longer applies once the report's content changes (its id is gone;
//! `prune` then drops it from the file).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FILE_NAME: &str = "reviews.json";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum State {
    #[default]
    Open,
    Confirmed,
    Dismissed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Confirmed => "confirmed",
            State::Dismissed => "dismissed",
        }
    }
    /// The next state of the TUI's review key: open → confirmed → dismissed → open.
    pub fn next(self) -> State {
        match self {
            State::Open => State::Confirmed,
            State::Confirmed => State::Dismissed,
            State::Dismissed => State::Open,
        }
    }
}

/// One review, with what it was about (so the file explains itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub state: State,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The content hash of the report the finding is about.
    pub hash: String,
    pub rule: String,
    #[serde(default)]
    pub keys: Vec<String>,
    /// The source when reviewed, for people reading the file.
    #[serde(default)]
    pub source: String,
    /// Seconds since 1970.
    #[serde(default)]
    pub at: u64,
}

/// The id of a finding: stable while the report's content is.
pub fn finding_id(hash: &str, rule: &str, keys: &[String]) -> String {
    let mut h = Sha256::new();
    h.update(hash.as_bytes());
    h.update([0]);
    h.update(rule.as_bytes());
    for k in keys {
        h.update([0x1f]);
        h.update(k.as_bytes());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Debug, Default, Clone)]
pub struct Reviews {
    path: PathBuf,
    by_id: BTreeMap<String, Review>,
}

impl Reviews {
    /// The reviews of the index at `index_dir` (none yet: empty).
    pub fn load(index_dir: &Path) -> Result<Reviews, String> {
        let path = index_dir.join(FILE_NAME);
        let by_id = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a reviews file: {e}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        Ok(Reviews { path, by_id })
    }

    pub fn get(&self, id: &str) -> Option<&Review> {
        self.by_id.get(id)
    }

    pub fn state(&self, id: &str) -> State {
        self.get(id).map_or(State::Open, |r| r.state)
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Records a review; reopening with no note forgets it.
    pub fn set(&mut self, id: &str, review: Review) {
        if review.state == State::Open && review.note.is_empty() {
            self.by_id.remove(id);
        } else {
            self.by_id.insert(id.to_string(), review);
        }
    }

    /// Drops reviews of reports whose content is no longer indexed; how many.
    pub fn prune(&mut self, live_hashes: &HashSet<&str>) -> usize {
        let before = self.by_id.len();
        self.by_id
            .retain(|_, r| live_hashes.contains(r.hash.as_str()));
        before - self.by_id.len()
    }

    /// Writes the file whole, through a temporary file, so a crash leaves
    /// the old one.
    pub fn save(&self) -> Result<(), String> {
        let text = serde_json::to_string_pretty(&self.by_id).map_err(|e| e.to_string())?;
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, text)
            .and_then(|_| std::fs::rename(&tmp, &self.path))
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(state: State, hash: &str) -> Review {
        Review {
            state,
            note: "checked against the PDF".into(),
            hash: hash.into(),
            rule: "requests.balance".into(),
            keys: vec!["requests.total.total".into()],
            source: "a.txt".into(),
            at: 1,
        }
    }

    #[test]
    fn reviews_round_trip_and_prune() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Reviews::load(dir.path()).unwrap();
        assert!(r.is_empty());
        let id = finding_id("h1", "requests.balance", &["requests.total.total".into()]);
        assert_ne!(
            id,
            finding_id("h2", "requests.balance", &["requests.total.total".into()])
        );
        assert_ne!(
            id,
            finding_id("h1", "requests.outcomes", &["requests.total.total".into()])
        );
        r.set(&id, review(State::Dismissed, "h1"));
        r.set("other", review(State::Confirmed, "h2"));
        r.save().unwrap();
        let mut again = Reviews::load(dir.path()).unwrap();
        assert_eq!(again.state(&id), State::Dismissed);
        assert_eq!(again.get(&id).unwrap().note, "checked against the PDF");
        assert_eq!(again.prune(&["h1"].into_iter().collect()), 1);
        assert_eq!(again.state("other"), State::Open);
        again.set(
            &id,
            Review {
                note: String::new(),
                ..review(State::Open, "h1")
            },
        );
        assert!(again.is_empty());
        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        let err = Reviews::load(dir.path()).unwrap_err();
        assert!(err.contains("reviews.json"), "{err}");
    }
}
