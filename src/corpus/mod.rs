//! The corpus as a whole, read from the index: bodies and their years,
//! year-over-year series, comparisons, corpus-wide rules and tidy export.
//! It reads reports (with user aliases applied) and knows nothing of the TUI.

pub mod aliases;
pub mod bodies;
pub mod export;
pub mod metrics;
pub mod rules;
pub mod series;

use std::collections::{BTreeMap, BTreeSet};

use crate::index::{IndexError, Store};
use crate::model::Report;

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{0}")]
    Index(#[from] IndexError),
    #[error("aliases {0}")]
    Aliases(String),
    #[error("{0}")]
    Body(#[from] crate::identity::ResolveError),
    #[error("{0}")]
    NoCommonYear(String),
}

pub struct Corpus {
    /// Sorted by body_id, year, source.
    pub reports: Vec<Report>,
}

/// What the corpus knows of one body.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BodyInfo {
    pub id: String,
    /// The names it was written as, most used first.
    pub names: Vec<String>,
    pub years: BTreeSet<i32>,
    pub sources: Vec<String>,
}

impl BodyInfo {
    pub fn name(&self) -> &str {
        self.names.first().map_or(self.id.as_str(), String::as_str)
    }
}

impl Corpus {
    pub fn load(store: &Store) -> Result<Corpus, CorpusError> {
        let aliases = aliases::Aliases::load(&store.dir).map_err(CorpusError::Aliases)?;
        Ok(Corpus::new(store.reports()?, &aliases))
    }

    pub fn new(mut reports: Vec<Report>, aliases: &aliases::Aliases) -> Corpus {
        for r in &mut reports {
            aliases.apply(r);
        }
        reports
            .sort_by(|a, b| (&a.body_id, a.year, &a.source).cmp(&(&b.body_id, b.year, &b.source)));
        Corpus { reports }
    }

    /// Every body with a known identity.
    pub fn bodies(&self) -> BTreeMap<String, BodyInfo> {
        let mut out: BTreeMap<String, BodyInfo> = BTreeMap::new();
        // (uses, latest year) per (id, name): the most used name first, the newest on a tie.
        let mut counts: BTreeMap<(String, String), (usize, i32)> = BTreeMap::new();
        for r in &self.reports {
            let Some(id) = &r.body_id else { continue };
            let info = out.entry(id.clone()).or_insert_with(|| BodyInfo {
                id: id.clone(),
                ..Default::default()
            });
            if let Some(y) = r.year {
                info.years.insert(y);
            }
            info.sources.push(r.source.clone());
            if let Some(name) = &r.body {
                let e = counts.entry((id.clone(), name.clone())).or_default();
                e.0 += 1;
                e.1 = e.1.max(r.year.unwrap_or(0));
            }
        }
        for (id, name) in counts.keys() {
            if let Some(info) = out.get_mut(id) {
                info.names.push(name.clone());
            }
        }
        for info in out.values_mut() {
            info.names
                .sort_by_key(|n| std::cmp::Reverse(counts[&(info.id.clone(), n.clone())]));
        }
        out
    }

    /// Reports that never name their body.
    pub fn unnamed(&self) -> Vec<&Report> {
        self.reports
            .iter()
            .filter(|r| r.body_id.is_none())
            .collect()
    }

    /// A body named as CLI.md says: body_id, full name, or unambiguous part.
    pub fn resolve(&self, text: &str) -> Result<String, CorpusError> {
        let names: BTreeMap<String, Vec<String>> = self
            .bodies()
            .into_iter()
            .map(|(id, info)| (id, info.names))
            .collect();
        Ok(crate::identity::resolve(&names, text)?)
    }

    /// One report per year of a body (the first by source when a year repeats).
    pub fn years_of(&self, id: &str) -> BTreeMap<i32, &Report> {
        let mut out = BTreeMap::new();
        for r in self
            .reports
            .iter()
            .filter(|r| r.body_id.as_deref() == Some(id))
        {
            if let Some(y) = r.year {
                out.entry(y).or_insert(r);
            }
        }
        out
    }
}
