//! The corpus as a whole, read from the index: bodies and their years,
//! year-over-year series, comparisons, corpus-wide rules and tidy export.
//! It reads reports (with user aliases applied) and knows nothing of the TUI.

pub mod aliases;
pub mod bodies;
pub mod coverage;
pub mod duplicates;
pub mod export;
pub mod filter;
pub mod located;
pub mod metrics;
pub mod overview;
pub mod rank;
pub mod reviews;
pub mod rules;
pub mod series;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::index::catalog::Checked;
use crate::index::{IndexError, Store};
use xxgk_core::model::{Finding, Report};

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("aliases {0}")]
    Aliases(String),
    #[error(transparent)]
    Body(#[from] xxgk_core::identity::ResolveError),
    #[error("{0}")]
    NoCommonYear(String),
    #[error("unknown metric `{0}`: `xxgk rank list` lists them")]
    UnknownMetric(String),
}

/// A report as the corpus lists it: the index's catalog entry (who, which
/// year, which template). Its statistics are read on demand
/// (`Corpus::full`), its findings with `checks`.
use crate::index::catalog::CatalogEntry;

/// Where full reports come from.
enum Origin {
    Index(Box<Store>),
    /// Reports given whole (tests, benches), by key.
    Memory(HashMap<String, Report>),
}

/// The corpus: a catalog of every report, with full reports and findings
/// fetched when asked, so listing 100,000 reports holds no statistics.
pub struct Corpus {
    /// Sorted by body_id, year, source; aliases applied.
    pub reports: Vec<CatalogEntry>,
    origin: Origin,
    aliases: aliases::Aliases,
    /// Findings and cross-year statistics by key, read once when first asked.
    checks: OnceLock<HashMap<String, Checked>>,
}

/// What the corpus knows of one body.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BodyInfo {
    pub id: String,
    /// The names it was written as, most used first.
    pub names: Vec<String>,
    pub years: BTreeSet<i32>,
    pub sources: Vec<String>,
    /// Years with several files: which stands, and the others.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repeated: Vec<duplicates::YearSource>,
}

impl BodyInfo {
    pub fn name(&self) -> &str {
        self.names.first().map_or(self.id.as_str(), String::as_str)
    }
}

impl Corpus {
    /// The catalog of an index (fast columns only), with the user's aliases.
    pub fn load(store: &Store) -> Result<Corpus, CorpusError> {
        let aliases = aliases::Aliases::load(&store.dir).map_err(CorpusError::Aliases)?;
        Ok(Corpus::from_entries(
            store.catalog()?,
            Origin::Index(Box::new(store.clone())),
            aliases,
        ))
    }

    /// The bodies `texts` name (resolved as `resolve` does), and a corpus of
    /// just their reports: what `trend` and `compare` need, without reading
    /// the whole catalog (0.4 s at 100,000 reports, growing with the corpus).
    ///
    /// Names come from the index's body terms with the aliases applied. When
    /// that cannot give the answer the whole catalog would — an alias moves
    /// single files, a name is ambiguous or unknown, or a body has no report
    /// left — the whole catalog is read, and its answer (or error) stands.
    pub fn for_bodies(
        store: &Store,
        texts: &[String],
    ) -> Result<(Corpus, Vec<String>), CorpusError> {
        let aliases = aliases::Aliases::load(&store.dir).map_err(CorpusError::Aliases)?;
        let whole = || -> Result<(Corpus, Vec<String>), CorpusError> {
            let corpus = Corpus::load(store)?;
            let ids = texts
                .iter()
                .map(|t| corpus.resolve(t))
                .collect::<Result<_, _>>()?;
            Ok((corpus, ids))
        };
        if aliases.body.iter().any(|e| !e.files.is_empty()) {
            return whole();
        }
        let searcher = store.reader()?.searcher();
        let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (id, indexed) in crate::index::catalog::body_names(store, &searcher)? {
            let pairs: Vec<Option<String>> = if indexed.is_empty() {
                vec![None]
            } else {
                indexed.into_iter().map(Some).collect()
            };
            for name in pairs {
                let (mut body, mut body_id) = (name, Some(id.clone()));
                aliases.apply_to("", &mut body, &mut body_id);
                let Some(body_id) = body_id else { continue };
                let known = names.entry(body_id).or_default();
                if let Some(b) = body.filter(|b| !known.contains(b)) {
                    known.push(b);
                }
            }
        }
        let Ok(ids) = texts
            .iter()
            .map(|t| xxgk_core::identity::resolve(&names, t))
            .collect::<Result<Vec<String>, _>>()
        else {
            return whole();
        };
        // The indexed ids and names whose reports the aliases may bring here.
        let mut raw_ids = ids.clone();
        let mut raw_names = Vec::new();
        for e in aliases.body.iter().filter(|e| ids.contains(&e.id)) {
            raw_ids.extend(e.names.iter().cloned());
            raw_names.extend(e.names.iter().cloned());
        }
        let corpus = Corpus::from_entries(
            store.catalog_of_bodies(&raw_ids, &raw_names)?,
            Origin::Index(Box::new(store.clone())),
            aliases,
        );
        if ids.iter().any(|id| corpus.years_of(id).is_empty()) {
            return whole();
        }
        Ok((corpus, ids))
    }

    /// The folder of the index the corpus was read from.
    pub fn index_dir(&self) -> Option<&std::path::Path> {
        match &self.origin {
            Origin::Index(store) => Some(&store.dir),
            Origin::Memory(_) => None,
        }
    }

    /// A corpus of reports given whole.
    pub fn new(reports: Vec<Report>, aliases: &aliases::Aliases) -> Corpus {
        let entries = reports
            .iter()
            .map(|r| CatalogEntry {
                key: r.source.clone(),
                source: r.source.clone(),
                // Only indexing compares content hashes.
                hash: String::new(),
                body: r.body.clone(),
                body_id: r.body_id.clone(),
                year: r.year,
                template: r.template,
                stats_hash: crate::index::ingest::stats_fingerprint(r),
                findings: u32::try_from(r.findings.len()).unwrap_or(u32::MAX),
                modified: 0,
            })
            .collect();
        let by_key = reports.into_iter().map(|r| (r.source.clone(), r)).collect();
        Corpus::from_entries(entries, Origin::Memory(by_key), aliases.clone())
    }

    fn from_entries(
        mut entries: Vec<CatalogEntry>,
        origin: Origin,
        aliases: aliases::Aliases,
    ) -> Corpus {
        for e in &mut entries {
            aliases.apply_to(&e.source, &mut e.body, &mut e.body_id);
        }
        entries
            .sort_by(|a, b| (&a.body_id, a.year, &a.source).cmp(&(&b.body_id, b.year, &b.source)));
        Corpus {
            reports: entries,
            origin,
            aliases,
            checks: OnceLock::new(),
        }
    }

    /// The full report (statistics and findings, not section texts) of each
    /// of `entries`, with aliases applied; `None` where the index no longer
    /// has it.
    pub fn full(&self, entries: &[&CatalogEntry]) -> Result<Vec<Option<Report>>, CorpusError> {
        self.full_with(entries, false)
    }

    /// `full`, with `evidence` each report's evidence too.
    pub fn full_with(
        &self,
        entries: &[&CatalogEntry],
        evidence: bool,
    ) -> Result<Vec<Option<Report>>, CorpusError> {
        let mut by_key: HashMap<String, Report> = match &self.origin {
            Origin::Index(store) => {
                let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
                store
                    .reports_by_key_with(&keys, evidence)?
                    .into_iter()
                    .collect()
            }
            Origin::Memory(all) => entries
                .iter()
                .filter_map(|e| Some((e.key.clone(), all.get(&e.key)?.clone())))
                .collect(),
        };
        Ok(entries
            .iter()
            .map(|e| {
                let mut r = by_key.remove(&e.key)?;
                self.aliases.apply(&mut r);
                Some(r)
            })
            .collect())
    }

    /// Findings and cross-year statistics of every report, by key: read from
    /// the index on first use, then kept.
    pub fn checks(&self) -> Result<&HashMap<String, Checked>, CorpusError> {
        if let Some(c) = self.checks.get() {
            return Ok(c);
        }
        let all: HashMap<String, Checked> = match &self.origin {
            Origin::Index(store) => store
                .checks()?
                .into_iter()
                .map(|c| (c.key.clone(), c))
                .collect(),
            Origin::Memory(all) => all
                .iter()
                .map(|(key, r)| {
                    let c = Checked {
                        key: key.clone(),
                        findings: r.findings.clone(),
                        cross_year: xxgk_core::checks::cross_year_values(r),
                    };
                    (key.clone(), c)
                })
                .collect(),
        };
        Ok(self.checks.get_or_init(|| all))
    }

    /// The findings of one report (empty before `checks` has been read).
    pub fn findings(&self, entry: &CatalogEntry) -> &[Finding] {
        self.checks
            .get()
            .and_then(|c| c.get(&entry.key))
            .map_or(&[], |c| c.findings.as_slice())
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
        for group in duplicates::repeated(self) {
            if let Some(info) = out.get_mut(group.body_id) {
                info.repeated
                    .push(duplicates::YearSource::of(group.year, &group.files));
            }
        }
        out
    }

    /// Reports that never name their body.
    pub fn unnamed(&self) -> Vec<&CatalogEntry> {
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
        Ok(xxgk_core::identity::resolve(&names, text)?)
    }

    /// Every report of a body by year, the one that stands for the year
    /// first (`duplicates::STANDING_RULE`).
    pub fn files_of(&self, id: &str) -> BTreeMap<i32, Vec<&CatalogEntry>> {
        // `reports` is sorted by body_id: the body's reports are one run.
        let start = self
            .reports
            .partition_point(|r| r.body_id.as_deref() < Some(id));
        let mut out: BTreeMap<i32, Vec<&CatalogEntry>> = BTreeMap::new();
        for r in self.reports[start..]
            .iter()
            .take_while(|r| r.body_id.as_deref() == Some(id))
        {
            if let Some(y) = r.year {
                out.entry(y).or_default().push(r);
            }
        }
        for files in out.values_mut() {
            files.sort_by(|a, b| duplicates::standing_order(a, b));
        }
        out
    }

    /// The report that stands for each year of a body (`files_of`).
    pub fn years_of(&self, id: &str) -> BTreeMap<i32, &CatalogEntry> {
        self.files_of(id)
            .into_iter()
            .map(|(y, files)| (y, files[0]))
            .collect()
    }

    /// `years_of`, with each report read whole.
    pub fn full_years_of(&self, id: &str) -> Result<BTreeMap<i32, Report>, CorpusError> {
        let years = self.years_of(id);
        let entries: Vec<&CatalogEntry> = years.values().copied().collect();
        Ok(years
            .into_keys()
            .zip(self.full(&entries)?)
            .filter_map(|(year, r)| Some((year, r?)))
            .collect())
    }
}
