//! The body hierarchy (city › district › body) with each body's years, and
//! coverage: the years a body lacks that its siblings have.

use std::collections::{BTreeMap, BTreeSet};

use super::{BodyInfo, Corpus};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Node {
    /// Path segments above the body (e.g. ["长春市", "二道区"]); empty when unplaced.
    pub parents: Vec<String>,
    pub unit: String,
    #[serde(flatten)]
    pub info: BodyInfo,
    /// Years the siblings (same parents) have and this body lacks.
    pub missing: Vec<i32>,
    /// Why the body is not placed on the map (its id is local to a folder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<String>,
}

/// Years as compact ranges: 2008-2012, 2015.
pub fn year_ranges(years: &BTreeSet<i32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = years.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end = iter.next().unwrap_or(end);
        }
        parts.push(if end > start {
            format!("{start}-{end}")
        } else {
            start.to_string()
        });
    }
    parts.join(", ")
}

/// Splits an id into its parents and unit; unplaced ids (`name~hash`) have
/// no parents: their levels are not places on the map.
pub fn split_id(id: &str) -> (Vec<String>, String) {
    if id.contains('~') {
        return (Vec::new(), id.to_string());
    }
    let mut parts: Vec<String> = id.split('/').map(str::to_string).collect();
    let unit = parts.pop().unwrap_or_default();
    (parts, unit)
}

pub fn tree(corpus: &Corpus) -> Vec<Node> {
    let bodies = corpus.bodies();
    let mut by_parent: BTreeMap<Vec<String>, BTreeSet<i32>> = BTreeMap::new();
    for (id, info) in &bodies {
        let (parents, _) = split_id(id);
        by_parent
            .entry(parents)
            .or_default()
            .extend(info.years.iter().copied());
    }
    let mut nodes: Vec<Node> = bodies
        .into_iter()
        .map(|(id, info)| {
            let (parents, unit) = split_id(&id);
            let siblings = &by_parent[&parents];
            let missing = if parents.is_empty() {
                Vec::new()
            } else {
                siblings.difference(&info.years).copied().collect()
            };
            Node {
                local: xxgk_core::identity::why_local(&id),
                parents,
                unit,
                info,
                missing,
            }
        })
        .collect();
    // Placed bodies first, in map order; then the ones not placed.
    nodes.sort_by_key(|n| n.local.is_some());
    nodes
}
