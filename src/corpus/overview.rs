//! The corpus at a glance, for the browser's start screen: how many reports
//! and bodies, where the bodies are (province › city), and which years each
//! level of government covers.

use std::collections::BTreeMap;

use super::bodies::split_id;
use super::Corpus;

/// Levels of government a body sits at, from its id.
pub const LEVELS: [&str; 4] = ["省级", "市级", "县级", "未定位"];

const MUNICIPALITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];

/// 0 province, 1 prefecture, 2 county and below, 3 not placed on the map.
pub fn level(id: &str) -> usize {
    let (parents, _) = split_id(id);
    match parents.len() {
        0 => 3,
        // A municipality's districts are county-level, its own offices provincial.
        1 if MUNICIPALITIES.contains(&parents[0].as_str()) => 0,
        _ if MUNICIPALITIES.contains(&parents[0].as_str()) => 2,
        n => (n - 1).min(2),
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    pub reports: usize,
    pub bodies: usize,
    pub unnamed: usize,
    /// Province → (bodies, city → bodies), most bodies first when shown.
    pub places: BTreeMap<String, (usize, BTreeMap<String, usize>)>,
    /// Year → reports at each of `LEVELS`.
    pub years: BTreeMap<i32, [usize; 4]>,
}

/// A province, its bodies, and its cities with theirs.
pub type Province<'a> = (&'a str, usize, Vec<(&'a str, usize)>);

impl Overview {
    /// Provinces by bodies (most first), each with its cities by bodies.
    pub fn provinces(&self) -> Vec<Province<'_>> {
        let mut out: Vec<Province<'_>> = self
            .places
            .iter()
            .map(|(p, (n, cities))| {
                let mut c: Vec<(&str, usize)> =
                    cities.iter().map(|(c, n)| (c.as_str(), *n)).collect();
                c.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                (p.as_str(), *n, c)
            })
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        out
    }
}

pub fn overview(corpus: &Corpus) -> Overview {
    let bodies = corpus.bodies();
    let mut o = Overview {
        reports: corpus.reports.len(),
        bodies: bodies.len(),
        unnamed: corpus.unnamed().len(),
        ..Default::default()
    };
    for id in bodies.keys() {
        let (parents, _) = split_id(id);
        let Some(province) = parents.first() else {
            continue;
        };
        let entry = o.places.entry(province.clone()).or_default();
        entry.0 += 1;
        if let Some(city) = parents.get(1) {
            *entry.1.entry(city.clone()).or_default() += 1;
        }
    }
    for r in &corpus.reports {
        if let Some(y) = r.year {
            let l = r.body_id.as_deref().map_or(3, level);
            o.years.entry(y).or_default()[l] += 1;
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_ids() {
        assert_eq!(level("吉林省/民政厅"), 0);
        assert_eq!(level("吉林省/长春市/人民政府"), 1);
        assert_eq!(level("吉林省/长春市/二道区/人民政府"), 2);
        assert_eq!(level("吉林省/长春市/二道区/鸿城街道"), 2);
        assert_eq!(level("重庆市/人民政府"), 0);
        assert_eq!(level("重庆市/渝中区/人民政府"), 2);
        assert_eq!(level("朝阳区/人民政府~00aa11"), 3);
    }
}
