//! A body's canonical identity (`body_id`): its place on China's administrative
//! map (`places`), `province/prefecture/county/unit`, from its name and, for the
//! levels the name leaves out, from places its own report writes right before
//! it (addresses such as 长春市二道区惠工路799号, a crawl's `发布机构`).
//! Conservative: a level is only added when the text names it together with
//! the level below, or when the map allows one place only (昆山市, not
//! 朝阳区). A body that cannot be placed without guessing keeps an id local
//! to its folder, and `why_local` says why.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::places::{self, Level, Map};

/// Suffixes of a county-level name the map lacks (a new or renamed county, a
/// zone, a generated corpus's invented district).
const COUNTY_SUFFIXES: &[&str] = &["自治县", "新区", "开发区", "区", "县", "旗", "市"];
/// Units that name a zone and so place themselves once their city is known.
const ZONE_SUFFIXES: &[&str] = &[
    "开发区",
    "新区",
    "高新区",
    "管委会",
    "管理委员会",
    "园区",
    "试验区",
];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// One level of a place as a name or a text writes it.
#[derive(Debug, Clone, PartialEq)]
struct Written {
    name: String,
    /// The divisions of the map it may be (several for 朝阳区); empty when
    /// the map lacks it.
    on_map: Vec<usize>,
}

/// A body's name read as places, top first, and the unit below them.
#[derive(Debug, Clone, Default)]
struct Reading {
    places: Vec<Written>,
    unit: String,
}

/// A county-level name the map lacks at the start of `s`: the shortest run of
/// 2–8 Han characters ending in a county suffix (宽新县城市管理局 → 宽新县,
/// never 宽新县城市; 城市管理局 has no place).
fn unknown_county(s: &str) -> Option<&str> {
    for (han, (i, c)) in s.char_indices().enumerate() {
        if han >= 2 {
            if let Some(sfx) = COUNTY_SUFFIXES.iter().find(|x| s[i..].starts_with(**x)) {
                return Some(&s[..i + sfx.len()]);
            }
        }
        if !is_han(c) || han >= 8 {
            return None;
        }
    }
    None
}

/// Whether division `d` lies strictly below one of `uppers`.
fn below_any(map: &Map, uppers: &[usize], d: usize) -> bool {
    uppers.iter().any(|&u| u != d && map.contains(u, d))
}

/// Reads a name's places from its start: map names, each within the one
/// before, then at most one county the map lacks; the rest is the unit.
fn read_name(map: &Map, name: &str) -> Reading {
    let cleaned: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = cleaned.as_str();
    let mut places: Vec<Written> = Vec::new();
    while !rest.is_empty() {
        let within = match places.last() {
            None => None,
            Some(w) if w.on_map.is_empty() => break,
            Some(w) if w.on_map.iter().all(|&d| map.get(d).level == Level::County) => break,
            Some(w) => Some(w.on_map.clone()),
        };
        let known = map.prefixes(rest).into_iter().find_map(|(written, ds)| {
            let ds: Vec<usize> = ds
                .iter()
                .copied()
                .filter(|&d| within.as_ref().is_none_or(|w| below_any(map, w, d)))
                .collect();
            (!ds.is_empty()).then_some((written, ds))
        });
        if let Some((written, on_map)) = known {
            places.push(Written {
                name: written.to_string(),
                on_map,
            });
            rest = &rest[written.len()..];
            continue;
        }
        if let Some(written) = unknown_county(rest) {
            places.push(Written {
                name: written.to_string(),
                on_map: Vec::new(),
            });
            rest = &rest[written.len()..];
        }
        break;
    }
    Reading {
        places,
        unit: normalize_unit(rest),
    }
}

/// Characters that end a place name read backwards from a suffix: in
/// "请与长春市二道区" the city is 长春市, not 与长春市.
const STOP_CHARS: &str = "与在由的和及请向于至为是对从把被了址于即系经按据";

/// Characters after which a place name starts: the end of a bigger place
/// (长春市|二道区) or a word before a place (请与|长春市, 中共|长春市委).
const ENDS_A_PLACE: &str = "省市州盟区县旗与在由的和及请向于至为是对从把被了址即系经按据共";

/// A name the map lacks written right before `lower` in the text: the 2–4
/// Han characters before a suffix, the most frequent, the longest on a tie.
fn unknown_upper(text: &str, lower: &str, suffixes: &[&str]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (pos, _) in text.match_indices(lower) {
        let before = &text[..pos];
        for suffix in suffixes {
            let Some(stem) = before.strip_suffix(suffix) else {
                continue;
            };
            let han: Vec<usize> = stem
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_han(*c) && !STOP_CHARS.contains(*c))
                .take(4)
                .map(|(i, _)| i)
                .collect();
            for len in 2..=han.len() {
                *counts.entry(&before[han[len - 1]..]).or_default() += 1;
            }
        }
    }
    best(counts.into_iter().map(|(k, n)| (k, n, ()))).map(|(k, _)| k.to_string())
}

/// The most frequent name, the longest on a tie, then the first in order.
fn best<'a, T>(votes: impl Iterator<Item = (&'a str, usize, T)>) -> Option<(&'a str, T)> {
    votes
        .max_by(|a, b| {
            (a.1, a.0.len())
                .cmp(&(b.1, b.0.len()))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(k, _, t)| (k, t))
}

/// The map division written right before `lower` in the text (地址：长春市
/// 二道区…, 发布机构：长春市二道区人民政府办公室), among those `fits` keeps.
fn upper_on_map(
    map: &Map,
    text: &str,
    lower: &str,
    fits: impl Fn(usize) -> bool,
) -> Option<Written> {
    let mut votes: HashMap<&str, (usize, Vec<usize>)> = HashMap::new();
    for (pos, _) in text.match_indices(lower) {
        let before = &text[..pos];
        let found = map.suffixes(before).into_iter().find_map(|(w, ds)| {
            // The whole name, not the tail of a longer one the map lacks
            // (新县 in 宽新县): what precedes it ends a word.
            let ahead = before[..before.len() - w.len()].chars().next_back();
            if ahead.is_some_and(|c| is_han(c) && !ENDS_A_PLACE.contains(c)) {
                return None;
            }
            let ds: Vec<usize> = ds.iter().copied().filter(|&d| fits(d)).collect();
            (!ds.is_empty()).then_some((w, ds))
        });
        if let Some((written, ds)) = found {
            votes.entry(written).or_insert((0, ds)).0 += 1;
        }
    }
    best(votes.into_iter().map(|(k, (n, ds))| (k, n, ds))).map(|(name, on_map)| Written {
        name: name.to_string(),
        on_map,
    })
}

/// Prefecture and province names without 市/省 (长春, 吉林), for zones named
/// after their city (长春高新技术产业开发区).
fn city_stems(map: &'static Map) -> &'static HashMap<&'static str, Vec<usize>> {
    static STEMS: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    STEMS.get_or_init(|| {
        let mut out: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, d) in map.divisions.iter().enumerate() {
            if d.level == Level::County {
                continue;
            }
            if let Some(stem) = d.name.strip_suffix('市').or(d.name.strip_suffix('省')) {
                if stem.chars().count() >= 2 {
                    out.entry(stem).or_default().push(i);
                }
            }
        }
        out
    })
}

fn is_zone(unit: &str) -> bool {
    ZONE_SUFFIXES.iter().any(|s| unit.ends_with(s)) && unit.chars().count() >= 4
}

/// Units that are the place's own government: they need no place named before them.
fn is_government(unit: &str) -> bool {
    matches!(unit, "人民政府" | "人民政府办公室" | "人民政府办公厅")
}

/// Makes each two neighbouring map levels agree: a lower level keeps the
/// divisions under the upper, the upper those above the lower.
fn narrow(map: &Map, places: &mut [Written]) {
    for _ in 0..2 {
        for i in 1..places.len() {
            let (upper, lower) = places.split_at_mut(i);
            let (upper, lower) = (&mut upper[i - 1], &mut lower[0]);
            if upper.on_map.is_empty() || lower.on_map.is_empty() {
                continue;
            }
            let up = upper.on_map.clone();
            lower.on_map.retain(|&d| below_any(map, &up, d));
            let low = lower.on_map.clone();
            upper
                .on_map
                .retain(|&u| low.iter().any(|&d| u != d && map.contains(u, d)));
        }
    }
}

/// Where a body sits, and why it could not be placed when it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub id: String,
    /// Why the id is local to the report's folder; `None` when placed.
    pub local: Option<String>,
}

/// Reads a body's name, then adds from the text the levels it leaves out.
fn read(map: &'static Map, name: &str, text: &str) -> Reading {
    let mut r = read_name(map, name);
    // A zone named after its city (长春高新技术产业开发区): the city.
    let zone = match r.places.first() {
        Some(top) if top.on_map.is_empty() => Some(top.name.clone()),
        None if is_zone(&r.unit) => Some(r.unit.clone()),
        _ => None,
    };
    if let Some(zone) = zone.filter(|z| is_zone(z)) {
        let stems = city_stems(map);
        let found = (2..=4).find_map(|n| {
            let end = zone.char_indices().nth(n).map(|(i, _)| i)?;
            let ds = stems.get(&zone[..end]).filter(|ds| ds.len() == 1)?;
            Some(Written {
                name: map.get(ds[0]).name.to_string(),
                on_map: ds.clone(),
            })
        });
        if let Some(city) = found {
            r.places.insert(0, city);
        }
    }
    // Upper levels from the text: at most once per level.
    for _ in 0..3 {
        // The first level the text could still settle: one the map has
        // several of, or the top when it is not yet a province.
        let ambiguous = r.places.iter().position(|w| w.on_map.len() > 1);
        let top_county = |w: &Written| w.on_map.iter().all(|&d| map.get(d).level == Level::County);
        let at = match (ambiguous, r.places.first()) {
            (Some(i), _) => i,
            // A county named alone is checked against the city the text
            // writes before it; a prefecture or province needs nothing more.
            (None, Some(top)) if top.on_map.len() == 1 && !top_county(top) => break,
            (None, Some(_)) => 0,
            (None, None) if !r.unit.is_empty() && !is_government(&r.unit) => 0,
            (None, None) => break,
        };
        let (lower, candidates): (String, Vec<usize>) = match r.places.get(at) {
            Some(w) => (w.name.clone(), w.on_map.clone()),
            None => (r.unit.clone(), Vec::new()),
        };
        let is_unit = r.places.get(at).is_none();
        let above = at.checked_sub(1).map(|i| r.places[i].on_map.clone());
        // At the top, the text may place a county where the map does not
        // (a county the map lacks that shares a name with one it has).
        let loose = at == 0 && !is_unit;
        let fits = |u: usize| {
            let under_above = above
                .as_ref()
                .is_none_or(|a| a.is_empty() || below_any(map, a, u));
            let over_lower = if candidates.is_empty() || loose {
                // A county sits under a prefecture or a province; a unit
                // under any division.
                is_unit || map.get(u).level != Level::County
            } else {
                candidates.iter().any(|&d| u != d && map.contains(u, d))
            };
            under_above && over_lower
        };
        let upper = upper_on_map(map, text, &lower, fits).or_else(|| {
            // Only a unit or a county the map lacks may sit under a name the map lacks.
            (candidates.is_empty() && at == 0)
                .then(|| unknown_upper(text, &lower, COUNTY_SUFFIXES))
                .flatten()
                .filter(|_| is_unit)
                .map(|name| Written {
                    name,
                    on_map: Vec::new(),
                })
        });
        let Some(upper) = upper else { break };
        if loose && !candidates.iter().any(|&d| below_any(map, &upper.on_map, d)) {
            // Not the map's county of that name: one the map lacks.
            r.places[at].on_map.clear();
        }
        r.places.insert(at, upper);
        narrow(map, &mut r.places);
    }
    r
}

/// FNV-1a of the report's folder, for ids local to it.
fn folder_hash(source: &str) -> u32 {
    let folder = std::path::Path::new(source)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut h: u32 = 0x811c9dc5;
    for b in folder.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h & 0xff_ffff
}

/// Places a body named `name` whose report says `text`, read from `source`.
pub fn place(name: &str, text: &str, source: &str) -> Placement {
    let map = places::map();
    let r = read(map, name, text);
    let written: Vec<&str> = r
        .places
        .iter()
        .map(|w| w.name.as_str())
        .chain(std::iter::once(r.unit.as_str()))
        .filter(|s| !s.is_empty())
        .collect();
    let local = |why: String| Placement {
        id: format!("{}~{:06x}", written.join("/"), folder_hash(source)),
        local: Some(why),
    };
    let lowest = r.places.iter().rposition(|w| !w.on_map.is_empty());
    let Some(k) = lowest else {
        return local(match r.places.first() {
            Some(top) => format!(
                "{} is not on the map and the report names no place on it above it",
                top.name
            ),
            None => format!(
                "{} names no place and the report names none with it",
                r.unit
            ),
        });
    };
    if let Some(w) = r.places[..=k].iter().find(|w| w.on_map.len() != 1) {
        if w.on_map.is_empty() {
            return local(format!(
                "the report writes {} where the map has no such place",
                written.join("")
            ));
        }
        let fits: Vec<String> = w.on_map.iter().map(|&d| map.path(d).join("/")).collect();
        return local(format!(
            "{} lies under several places ({}) and the report does not say which",
            w.name,
            fits.join(", ")
        ));
    }
    let id = map
        .path(r.places[k].on_map[0])
        .into_iter()
        .chain(r.places[k + 1..].iter().map(|w| w.name.as_str()))
        .chain(std::iter::once(r.unit.as_str()))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    Placement { id, local: None }
}

/// The canonical identity of a body (see `place`).
pub fn body_id(name: &str, text: &str, source: &str) -> String {
    place(name, text, source).id
}

/// Why a body_id is local to its folder (`name~hash`), read again from the
/// name it keeps; `None` for a placed id.
pub fn why_local(id: &str) -> Option<String> {
    let (name, _) = id.split_once('~')?;
    let joined: String = name.split('/').collect();
    Some(
        place(&joined, "", "")
            .local
            .unwrap_or_else(|| "the report did not say where it lies".to_string()),
    )
}

/// One spelling per unit: 政府 → 人民政府, 政府办 → 人民政府办公室,
/// 鸿城街道办事处 → 鸿城街道, 城关镇人民政府 → 城关镇.
pub fn normalize_unit(unit: &str) -> String {
    match unit {
        "" | "政府" | "人民政府" => return "人民政府".into(),
        "政府办" | "政府办公室" | "人民政府办公室" => {
            return "人民政府办公室".into()
        }
        "政府办公厅" | "人民政府办公厅" => return "人民政府办公厅".into(),
        _ => {}
    }
    for (suffix, keep) in [
        ("街道办事处", "街道"),
        ("镇人民政府", "镇"),
        ("乡人民政府", "乡"),
        ("镇政府", "镇"),
        ("乡政府", "乡"),
    ] {
        if let Some(stem) = unit.strip_suffix(suffix) {
            if !stem.is_empty() {
                return format!("{stem}{keep}");
            }
        }
    }
    unit.to_string()
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ResolveError {
    #[error("body `{0}`: no body matches; `xxgk bodies` lists them")]
    NoBody(String),
    #[error("body `{text}` is ambiguous; candidates:\n{}", candidates.iter().map(|(id, names)| format!("  {id}  ({})", names.join(", "))).collect::<Vec<_>>().join("\n"))]
    Ambiguous {
        text: String,
        candidates: Vec<(String, Vec<String>)>,
    },
}

/// CLI.md's rule for naming a body: a body_id, a full name, or an unambiguous
/// part of a name (`二道区` finds 长春市二道区人民政府). A name written
/// another way finds its body too (`长春市二道区政府`, `鸿城街道办事处`): it is
/// read as `place` reads report names, then matched as an id or a part of one.
/// `all` maps body_id → names.
pub fn resolve(
    all: &std::collections::BTreeMap<String, Vec<String>>,
    text: &str,
) -> Result<String, ResolveError> {
    let text = text.trim();
    if all.contains_key(text) {
        return Ok(text.to_string());
    }
    let exact: Vec<&String> = all
        .iter()
        .filter(|(_, n)| n.iter().any(|n| n == text))
        .map(|(id, _)| id)
        .collect();
    if exact.len() == 1 {
        return Ok(exact[0].clone());
    }
    let containing = |part: &str| -> Vec<(&String, &Vec<String>)> {
        all.iter()
            .filter(|(id, names)| id.contains(part) || names.iter().any(|n| n.contains(part)))
            .collect()
    };
    let partial = containing(text);
    if partial.len() == 1 {
        return Ok(partial[0].0.clone());
    }
    if partial.is_empty() {
        let placed = place(text, "", "");
        if placed.local.is_none() && all.contains_key(&placed.id) {
            return Ok(placed.id);
        }
        // The name as its normalised levels (鸿城街道办事处 → 鸿城街道): a
        // part of an id, whole levels only.
        let levels = placed.id.split('~').next().unwrap_or_default();
        let normalised: Vec<(&String, &Vec<String>)> = all
            .iter()
            .filter(|(id, _)| {
                let id = id.split('~').next().unwrap_or_default();
                id == levels || id.ends_with(&format!("/{levels}"))
            })
            .collect();
        match normalised.len() {
            0 => {}
            1 => return Ok(normalised[0].0.clone()),
            _ => return Err(ambiguous(text, normalised)),
        }
        return Err(ResolveError::NoBody(text.to_string()));
    }
    Err(ambiguous(text, partial))
}

/// Every body `text` names: the one [`resolve`] finds, or, where the text
/// is a part several bodies share (a unit type such as `民政局`, a place),
/// all of them. `--body` in search and export selects bodies this way.
pub fn resolve_many(
    all: &std::collections::BTreeMap<String, Vec<String>>,
    text: &str,
) -> Result<Vec<String>, ResolveError> {
    match resolve(all, text) {
        Ok(id) => Ok(vec![id]),
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            Ok(candidates.into_iter().map(|(id, _)| id).collect())
        }
        Err(e) => Err(e),
    }
}

fn ambiguous(text: &str, candidates: Vec<(&String, &Vec<String>)>) -> ResolveError {
    ResolveError::Ambiguous {
        text: text.to_string(),
        candidates: candidates
            .into_iter()
            .map(|(id, n)| (id.clone(), n.clone()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str, text: &str) -> String {
        body_id(name, text, "f/x.txt")
    }

    #[test]
    fn names_placed_on_the_map() {
        // Real names written the many ways reports write them.
        let table: &[(&str, &str, &str)] = &[
            ("长春市二道区人民政府", "", "吉林省/长春市/二道区/人民政府"),
            (
                "吉林省长春市二道区人民政府",
                "",
                "吉林省/长春市/二道区/人民政府",
            ),
            ("二道区人民政府", "", "吉林省/长春市/二道区/人民政府"),
            ("长春市二道区政府", "", "吉林省/长春市/二道区/人民政府"),
            ("二道区", "", "吉林省/长春市/二道区/人民政府"),
            (
                "长春市二道区政府办",
                "",
                "吉林省/长春市/二道区/人民政府办公室",
            ),
            ("重庆市渝中区人民政府", "", "重庆市/渝中区/人民政府"),
            (
                "渝中区人民政府",
                "地址：重庆市渝中区人民路",
                "重庆市/渝中区/人民政府",
            ),
            (
                "重庆市九龙坡区二郎街道办事处",
                "",
                "重庆市/九龙坡区/二郎街道",
            ),
            ("昆山市人民政府", "", "江苏省/苏州市/昆山市/人民政府"),
            ("苏州市昆山市人民政府", "", "江苏省/苏州市/昆山市/人民政府"),
            ("仙桃市人民政府", "", "湖北省/仙桃市/人民政府"),
            (
                "红河哈尼族彝族自治州人民政府",
                "",
                "云南省/红河哈尼族彝族自治州/人民政府",
            ),
            ("红河州人民政府", "", "云南省/红河哈尼族彝族自治州/人民政府"),
            ("延边州民政局", "", "吉林省/延边朝鲜族自治州/民政局"),
            (
                "本溪满族自治县人民政府",
                "",
                "辽宁省/本溪市/本溪满族自治县/人民政府",
            ),
            (
                "广西壮族自治区南宁市青秀区人民政府",
                "",
                "广西壮族自治区/南宁市/青秀区/人民政府",
            ),
            ("长春市市场监督管理局", "", "吉林省/长春市/市场监督管理局"),
            ("吉林省民政厅", "", "吉林省/民政厅"),
            ("北京市朝阳区人民政府", "", "北京市/朝阳区/人民政府"),
            ("长春市朝阳区人民政府", "", "吉林省/长春市/朝阳区/人民政府"),
            ("浦东新区人民政府", "", "上海市/浦东新区/人民政府"),
            ("沈北新区蒲河街道", "", "辽宁省/沈阳市/沈北新区/蒲河街道"),
            (
                "南关区鸿城街道办事处",
                "长春市南关区家苑路399号",
                "吉林省/长春市/南关区/鸿城街道",
            ),
            (
                "长春高新技术产业开发区管委会",
                "",
                "吉林省/长春市/长春高新技术产业开发区/管委会",
            ),
            ("长春新区", "", "吉林省/长春市/长春新区/人民政府"),
            ("成都市武侯区教育局", "", "四川省/成都市/武侯区/教育局"),
            // 朝阳区 needs its city: the address gives it.
            (
                "朝阳区人民政府",
                "地址：长春市朝阳区西安大路",
                "吉林省/长春市/朝阳区/人民政府",
            ),
            (
                "朝阳区人民政府",
                "北京市朝阳区日坛北路",
                "北京市/朝阳区/人民政府",
            ),
            // A unit with no place in its name, placed by the report's text.
            (
                "城市管理局",
                "请与长春市二道区城市管理局联系",
                "吉林省/长春市/二道区/城市管理局",
            ),
        ];
        for (name, text, want) in table {
            assert_eq!(&id(name, text), want, "{name} / {text}");
        }
    }

    #[test]
    fn places_the_map_lacks_under_places_it_has() {
        // A county the map lacks (a generated one): 宽新县's 城市管理局,
        // not a place called 宽新县城市.
        assert_eq!(
            id("长春市宽新县城市管理局", ""),
            "吉林省/长春市/宽新县/城市管理局"
        );
        assert_eq!(
            id("宽新县城市管理局", "地址：长春市宽新县光明路1号"),
            "吉林省/长春市/宽新县/城市管理局"
        );
        assert_eq!(
            id("宽新县住房和城乡建设局", "（地址：长春市宽新县东风路8号）"),
            "吉林省/长春市/宽新县/住房和城乡建设局"
        );
        // A real county's name under another city is that city's.
        assert_eq!(
            id("东城区人民政府", "地址：长春市东城区"),
            "吉林省/长春市/东城区/人民政府"
        );
        assert_eq!(
            id("红河哈尼族彝族自治州宽新县人民政府", ""),
            "云南省/红河哈尼族彝族自治州/宽新县/人民政府"
        );
        assert_eq!(
            id("鸿城街道办事处", "宽新县鸿城街道，长春市宽新县"),
            "吉林省/长春市/宽新县/鸿城街道"
        );
    }

    #[test]
    fn what_cannot_be_placed_stays_local_and_says_why() {
        // 朝阳区 lies under 北京市 and 长春市.
        let a = place("朝阳区人民政府", "", "bj/1.txt");
        assert!(a.id.starts_with("朝阳区/人民政府~"), "{}", a.id);
        let why = a.local.unwrap();
        assert!(
            why.contains("北京市/朝阳区") && why.contains("吉林省/长春市/朝阳区"),
            "{why}"
        );
        assert_eq!(why_local(&a.id).as_deref(), Some(why.as_str()));
        assert_ne!(a.id, body_id("朝阳区人民政府", "", "cc/2.txt"));
        assert_eq!(a.id, body_id("朝阳区人民政府", "", "bj/2.txt"));
        // No place at all.
        let b = place("财政局", "", "x/1.txt");
        assert!(b.local.unwrap().contains("财政局"));
        // A place the map lacks, with nothing above it.
        let c = place("某某市财政局", "", "x/1.txt");
        assert!(c.id.starts_with("某某市/财政局~"), "{}", c.id);
        assert!(c.local.unwrap().contains("某某市"));
        assert_eq!(why_local("吉林省/长春市/二道区/人民政府"), None);
    }

    #[test]
    fn similar_names_stay_apart() {
        let a = body_id(
            "城关镇人民政府",
            "地址：宁远县城关镇人民路1号，宁远县属永州市",
            "x/a.txt",
        );
        let b = body_id("城关镇人民政府", "地址：临泉县城关镇解放路2号", "y/b.txt");
        assert_eq!(a, "湖南省/永州市/宁远县/城关镇");
        assert_eq!(b, "安徽省/阜阳市/临泉县/城关镇");
        assert_ne!(
            id("长春市二道区人民政府", ""),
            id("长春市二道区政府办公室", "")
        );
        // Two 铁西区 in 辽宁省: the province alone does not say which.
        let c = place("辽宁省铁西区人民政府", "", "x/1.txt");
        assert!(c.local.is_some(), "{c:?}");
        assert_eq!(
            id("辽宁省铁西区人民政府", "地址：沈阳市铁西区北二路"),
            "辽宁省/沈阳市/铁西区/人民政府"
        );
    }

    #[test]
    fn units_are_normalised() {
        assert_eq!(normalize_unit("政府"), "人民政府");
        assert_eq!(normalize_unit("政府办公室"), "人民政府办公室");
        assert_eq!(normalize_unit("人民政府办公室"), "人民政府办公室");
        assert_eq!(normalize_unit("鸿城街道办事处"), "鸿城街道");
        assert_eq!(normalize_unit("城关镇人民政府"), "城关镇");
        assert_eq!(normalize_unit("财政局"), "财政局");
    }

    #[test]
    fn body_arguments_are_read_as_names() {
        let mut all = std::collections::BTreeMap::new();
        all.insert(
            "吉林省/长春市/二道区/人民政府".to_string(),
            vec!["长春市二道区人民政府".to_string()],
        );
        all.insert(
            "吉林省/长春市/南关区/鸿城街道".to_string(),
            vec!["南关区鸿城街道".to_string()],
        );
        all.insert(
            "吉林省/长春市/二道区/财政局".to_string(),
            vec!["二道区财政局".to_string()],
        );
        let ok = |t: &str| resolve(&all, t).unwrap();
        assert_eq!(ok("长春市二道区政府"), "吉林省/长春市/二道区/人民政府");
        assert_eq!(ok("二道区人民政府"), "吉林省/长春市/二道区/人民政府");
        assert_eq!(ok("鸿城街道办事处"), "吉林省/长春市/南关区/鸿城街道");
        assert_eq!(ok("鸿城街道"), "吉林省/长春市/南关区/鸿城街道");
        assert!(matches!(
            resolve(&all, "二道区"),
            Err(ResolveError::Ambiguous { .. })
        ));
        assert!(matches!(
            resolve(&all, "朝阳区"),
            Err(ResolveError::NoBody(_))
        ));
    }
}
