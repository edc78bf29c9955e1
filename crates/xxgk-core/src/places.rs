//! China's administrative map: provinces › prefectures › counties with their
//! codes and names, read once from the vendored `data/divisions.tsv` (its
//! header names the source and date). Identity places bodies on it.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/divisions.tsv");

/// The 56 nationalities, for the short forms of autonomous areas
/// (红河哈尼族彝族自治州 → 红河州). Longest first, so 哈尼族 is tried before 尼族-like tails.
const NATIONALITIES: &[&str] = &[
    "塔吉克族",
    "俄罗斯族",
    "鄂温克族",
    "鄂伦春族",
    "柯尔克孜族",
    "维吾尔族",
    "哈萨克族",
    "乌孜别克族",
    "塔塔尔族",
    "朝鲜族",
    "土家族",
    "哈尼族",
    "傈僳族",
    "布依族",
    "达斡尔族",
    "仫佬族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "德昂族",
    "裕固族",
    "保安族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "东乡族",
    "景颇族",
    "拉祜族",
    "纳西族",
    "撒拉族",
    "布朗族",
    "独龙族",
    "赫哲族",
    "高山族",
    "蒙古族",
    "汉族",
    "回族",
    "藏族",
    "苗族",
    "彝族",
    "壮族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "傣族",
    "黎族",
    "佤族",
    "畲族",
    "水族",
    "土族",
    "羌族",
    "怒族",
    "京族",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    Prefecture,
    County,
}

#[derive(Debug, Clone)]
pub struct Division {
    /// The six-digit code (GB/T 2260).
    pub code: u32,
    pub name: &'static str,
    /// The short form reports also write (延边州, 本溪县, 广西), if any.
    pub short: Option<String>,
    pub level: Level,
    /// Index of the division above, `None` for a province.
    pub parent: Option<usize>,
}

pub struct Map {
    pub divisions: Vec<Division>,
    /// Full and short names → divisions of that name.
    by_name: HashMap<String, Vec<usize>>,
    /// The longest name, in characters.
    longest: usize,
}

/// The map, parsed on first use (about 3,200 lines).
pub fn map() -> &'static Map {
    static MAP: OnceLock<Map> = OnceLock::new();
    MAP.get_or_init(|| Map::parse(TABLE))
}

/// The short form of an autonomous area or region: the place name before its
/// nationalities, with the level's one-character suffix (自治州 → 州); a region
/// keeps the bare name (广西壮族自治区 → 广西). Special regions: 香港特别行政区 → 香港.
fn short_form(name: &str) -> Option<String> {
    if let Some(stem) = name.strip_suffix("特别行政区") {
        return Some(stem.to_string());
    }
    let (stem, suffix) = [
        ("自治区", ""),
        ("自治州", "州"),
        ("自治县", "县"),
        ("自治旗", "旗"),
    ]
    .into_iter()
    .find_map(|(long, short)| Some((name.strip_suffix(long)?, short)))?;
    // The stem is place + nationalities (written with or without 族:
    // 新疆维吾尔, 巴音郭楞蒙古): the place ends where the nationalities start.
    let nationality_at = |s: &str| -> Option<usize> {
        NATIONALITIES.iter().find_map(|n| {
            let bare = n.strip_suffix('族').filter(|b| b.chars().count() >= 2);
            [Some(*n), bare]
                .into_iter()
                .flatten()
                .filter(|form| s.starts_with(*form))
                .map(str::len)
                .max()
        })
    };
    let made_of_nationalities = |mut s: &str| {
        while !s.is_empty() {
            match nationality_at(s) {
                Some(len) => s = &s[len..],
                None => return false,
            }
        }
        true
    };
    let place = stem
        .char_indices()
        .map(|(i, _)| i)
        .skip(2)
        .find(|&i| made_of_nationalities(&stem[i..]))
        .map_or_else(|| stem.strip_suffix('族').unwrap_or(stem), |i| &stem[..i]);
    if place.chars().count() < 2 && suffix.is_empty() {
        return None;
    }
    Some(format!("{place}{suffix}"))
}

impl Map {
    fn parse(table: &'static str) -> Map {
        let mut divisions: Vec<Division> = Vec::new();
        let mut by_code: HashMap<u32, usize> = HashMap::new();
        for line in table.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((code, name)) = line.split_once('\t') else {
                continue;
            };
            let Ok(code) = code.parse::<u32>() else {
                continue;
            };
            let level = if code % 10_000 == 0 {
                Level::Province
            } else if code % 100 == 0 {
                Level::Prefecture
            } else {
                Level::County
            };
            by_code.insert(code, divisions.len());
            divisions.push(Division {
                code,
                name,
                short: short_form(name),
                level,
                parent: None,
            });
        }
        for d in &mut divisions {
            d.parent = match d.level {
                Level::Province => None,
                Level::Prefecture => by_code.get(&(d.code / 10_000 * 10_000)).copied(),
                Level::County => by_code
                    .get(&(d.code / 100 * 100))
                    .or_else(|| by_code.get(&(d.code / 10_000 * 10_000)))
                    .copied(),
            };
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            by_name.entry(d.name.to_string()).or_default().push(i);
            if let Some(short) = &d.short {
                by_name.entry(short.clone()).or_default().push(i);
            }
        }
        let longest = by_name.keys().map(|n| n.chars().count()).max().unwrap_or(0);
        Map {
            divisions,
            by_name,
            longest,
        }
    }

    pub fn get(&self, i: usize) -> &Division {
        &self.divisions[i]
    }

    /// Divisions written exactly `name` (full or short form).
    pub fn named(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Names of divisions that `text` starts with, longest first, each with
    /// the divisions it names.
    pub fn prefixes<'t>(&self, text: &'t str) -> Vec<(&'t str, &[usize])> {
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.longest)
            .collect();
        ends.into_iter()
            .rev()
            .filter_map(|end| {
                let name = &text[..end];
                self.by_name.get(name).map(|ds| (name, ds.as_slice()))
            })
            .collect()
    }

    /// Names of divisions that `text` ends with, longest first.
    pub fn suffixes<'t>(&self, text: &'t str) -> Vec<(&'t str, &[usize])> {
        let starts: Vec<usize> = text
            .char_indices()
            .rev()
            .map(|(i, _)| i)
            .take(self.longest)
            .collect();
        starts
            .into_iter()
            .rev()
            .filter_map(|start| {
                let name = &text[start..];
                self.by_name.get(name).map(|ds| (name, ds.as_slice()))
            })
            .collect()
    }

    /// Whether `upper` is `lower` or one of the divisions above it.
    pub fn contains(&self, upper: usize, lower: usize) -> bool {
        let mut at = Some(lower);
        while let Some(i) = at {
            if i == upper {
                return true;
            }
            at = self.divisions[i].parent;
        }
        false
    }

    /// The full names from the province down to `i`: 吉林省, 长春市, 二道区.
    pub fn path(&self, i: usize) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut at = Some(i);
        while let Some(j) = at {
            out.push(self.divisions[j].name);
            at = self.divisions[j].parent;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str) -> usize {
        let found = map().named(name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        found[0]
    }

    #[test]
    fn the_table_holds_every_level() {
        let m = map();
        assert!(m.divisions.len() > 3000);
        let count = |l| m.divisions.iter().filter(|d| d.level == l).count();
        assert_eq!(count(Level::Province), 34);
        assert!(count(Level::Prefecture) > 300);
        assert!(count(Level::County) > 2800);
    }

    #[test]
    fn paths_follow_the_codes() {
        let m = map();
        assert_eq!(m.path(one("二道区")), ["吉林省", "长春市", "二道区"]);
        assert_eq!(m.path(one("渝中区")), ["重庆市", "渝中区"]);
        assert_eq!(m.path(one("仙桃市")), ["湖北省", "仙桃市"]);
        assert_eq!(m.path(one("昆山市")), ["江苏省", "苏州市", "昆山市"]);
        assert_eq!(m.named("朝阳区").len(), 2);
    }

    #[test]
    fn autonomous_areas_have_short_forms() {
        let m = map();
        assert_eq!(
            short_form("红河哈尼族彝族自治州").as_deref(),
            Some("红河州")
        );
        assert_eq!(short_form("延边朝鲜族自治州").as_deref(), Some("延边州"));
        assert_eq!(short_form("本溪满族自治县").as_deref(), Some("本溪县"));
        assert_eq!(short_form("鄂温克族自治旗").as_deref(), Some("鄂温克旗"));
        assert_eq!(short_form("广西壮族自治区").as_deref(), Some("广西"));
        assert_eq!(short_form("内蒙古自治区").as_deref(), Some("内蒙古"));
        assert_eq!(short_form("新疆维吾尔自治区").as_deref(), Some("新疆"));
        assert_eq!(
            short_form("巴音郭楞蒙古自治州").as_deref(),
            Some("巴音郭楞州")
        );
        assert_eq!(short_form("长春市"), None);
        assert_eq!(m.path(one("红河州")), ["云南省", "红河哈尼族彝族自治州"]);
        let found = m.prefixes("红河哈尼族彝族自治州人民政府");
        assert_eq!(found[0].0, "红河哈尼族彝族自治州");
        let found = m.suffixes("地址：吉林省长春市");
        assert_eq!(found[0].0, "长春市");
    }
}
