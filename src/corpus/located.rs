//! A finding placed in the corpus: the report it belongs to, its stable id
//! and its review. Shared by the per-report and corpus rules (`rules`,
//! `duplicates`), `xxgk check` and the browser.

use super::reviews::{finding_id, Review, Reviews, State};
use super::CatalogEntry;
use xxgk_core::model::Finding;

/// A finding with the report it belongs to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Located {
    #[serde(flatten)]
    pub finding: Finding,
    pub source: String,
    pub body_id: Option<String>,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// Every file a corpus rule about several files names (the standing one
    /// first); empty for a finding of one report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Stable while the report's content is (`reviews::finding_id`).
    pub id: String,
    /// Its review (`reviews`): open until someone confirms or dismisses it.
    pub review: State,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The content hash of the report it is about (what a review keys on).
    #[serde(skip)]
    pub hash: String,
}

impl Located {
    pub fn new(r: &CatalogEntry, finding: Finding, sources: Vec<String>) -> Located {
        Located {
            id: finding_id(&r.hash, &finding.rule, &finding.keys),
            finding,
            source: r.source.clone(),
            body_id: r.body_id.clone(),
            body: r.body.clone(),
            year: r.year,
            sources,
            review: State::Open,
            note: String::new(),
            hash: r.hash.clone(),
        }
    }

    /// A review of this finding, in `state`, with `note`, made now.
    pub fn review_as(&self, state: State, note: &str) -> Review {
        Review {
            state,
            note: note.to_string(),
            hash: self.hash.clone(),
            rule: self.finding.rule.clone(),
            keys: self.finding.keys.clone(),
            source: self.source.clone(),
            at: super::reviews::now(),
        }
    }
}

/// Puts each finding's review on it.
pub fn annotate(found: &mut [Located], reviews: &Reviews) {
    for f in found {
        if let Some(r) = reviews.get(&f.id) {
            f.review = r.state;
            f.note = r.note.clone();
        }
    }
}
