//! A body's canonical identity (`body_id`): its place in the administrative
//! hierarchy, `province/city/district/body`, from its name and, for the missing
//! upper levels, from places its own report mentions with it (addresses such as
//! 长春市二道区惠工路799号). Conservative: a level is only added when the text
//! names it together with the level below.

use std::collections::HashMap;

const MUNICIPALITIES: &[&str] = &["北京市", "天津市", "上海市", "重庆市"];
const PROVINCE_SUFFIXES: &[&str] = &["自治区", "省"];
const CITY_SUFFIXES: &[&str] = &["自治州", "地区", "市", "盟"];
const COUNTY_SUFFIXES: &[&str] = &["自治县", "新区", "开发区", "区", "县", "旗", "市"];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The shortest prefix of `min..=max` Han characters followed by one of `suffixes`.
fn place_prefix<'a>(s: &'a str, min: usize, max: usize, suffixes: &[&str]) -> Option<&'a str> {
    for (count, (i, c)) in s.char_indices().enumerate() {
        if count >= min {
            if let Some(sfx) = suffixes.iter().find(|sfx| s[i..].starts_with(**sfx)) {
                return Some(&s[..i + sfx.len()]);
            }
        }
        if !is_han(c) || count >= max {
            return None;
        }
    }
    None
}

/// Body parts that would be misread as a place (`市场监督管理局` starts with 市).
const NOT_PLACES: &[&str] = &["市场", "区域", "县域", "市政", "区政府", "县政府", "市政府"];

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Place {
    pub province: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
    pub body: String,
}

impl Place {
    pub fn id(&self) -> String {
        [&self.province, &self.city, &self.county]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(std::iter::once(self.body.as_str()))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("/")
    }
}

fn take(found: Option<String>, rest: &mut String) -> Option<String> {
    let m = found?;
    let after = &rest[m.len()..];
    if after.is_empty()
        || NOT_PLACES
            .iter()
            .any(|p| m.ends_with(&p[..3]) && after.starts_with(&p[3..]))
    {
        return None;
    }
    if NOT_PLACES.contains(&m.as_str()) {
        return None;
    }
    *rest = after.to_string();
    Some(m)
}

/// Splits a name into its levels: 长春市二道区人民政府 → 长春市 / 二道区 / 人民政府.
pub fn split_name(name: &str) -> Place {
    let mut rest: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let municipality = MUNICIPALITIES
        .iter()
        .find(|m| rest.starts_with(**m))
        .copied();
    let found = municipality
        .or_else(|| place_prefix(&rest, 2, 8, PROVINCE_SUFFIXES))
        .map(str::to_string);
    let province = take(found, &mut rest);
    let found = place_prefix(&rest, 2, 8, CITY_SUFFIXES).map(str::to_string);
    let city = take(found, &mut rest);
    let found = place_prefix(&rest, 1, 8, COUNTY_SUFFIXES).map(str::to_string);
    let county = take(found, &mut rest);
    let body = match rest.as_str() {
        "政府" | "人民政府" | "" => "人民政府".to_string(),
        _ => rest,
    };
    Place {
        province,
        city,
        county,
        body,
    }
}

/// Characters that end a place name read backwards from a suffix: in
/// "请与长春市二道区" the city is 长春市, not 与长春市.
const STOP_CHARS: &str = "与在由的和及请向于至为是对从把被了址于即系经按据";

/// The upper level named right before `lower` in the text, e.g. 长春市 before
/// 二道区 in "地址：长春市二道区惠工路799号": the 2–4 Han characters before a
/// suffix, the most frequent candidate, the longest on a tie.
fn upper_level(text: &str, lower: &str, suffixes: &[&str]) -> Option<String> {
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
    let best = counts.values().copied().max()?;
    counts
        .into_iter()
        .filter(|(_, n)| *n == best)
        .max_by(|a, b| a.0.len().cmp(&b.0.len()).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
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

/// Units below the county level (or departments) that need their county to be told apart.
fn needs_county(unit: &str) -> bool {
    unit != "人民政府" && unit != "人民政府办公室" && unit != "人民政府办公厅"
}

/// A name that places itself: a development zone or new area with its own long name.
fn self_placed(unit: &str) -> bool {
    ["开发区", "新区", "高新区", "管委会", "管理委员会"]
        .iter()
        .any(|s| unit.ends_with(s))
        && unit.chars().count() >= 6
}

/// The canonical identity of a body: `city/district/unit` (with the province
/// only when the name starts with one). Upper levels missing from the name are
/// taken from places the report writes together with the lower level. A body
/// that cannot be placed this way gets an id local to its folder (`name~hash`),
/// so that two different bodies of the same name never merge; an aliases file
/// can merge it with others.
pub fn body_id(name: &str, text: &str, source: &str) -> String {
    let mut place = split_name(name);
    place.body = normalize_unit(&place.body);
    if place.county.is_none()
        && place.city.is_none()
        && needs_county(&place.body)
        && !self_placed(&place.body)
    {
        // 城关镇 → look for "<county>城关镇" in the text.
        let bare = place.body.clone();
        place.county = upper_level(text, &bare, COUNTY_SUFFIXES);
    }
    if place.city.is_none() {
        if let Some(county) = place.county.clone() {
            place.city = upper_level(text, &county, CITY_SUFFIXES);
        }
    }
    let placed = place.province.is_some()
        || self_placed(&place.body)
        || match (&place.city, &place.county) {
            (Some(_), Some(_)) => true,
            (Some(_), None) => true,
            (None, _) => false,
        };
    if placed {
        return place.id();
    }
    let folder = std::path::Path::new(source)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut h: u32 = 0x811c9dc5;
    for b in folder.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    format!("{}~{:06x}", place.id(), h & 0xff_ffff)
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
/// part of a name (`二道区` finds 长春市二道区人民政府). `all` maps body_id → names.
pub fn resolve(
    all: &std::collections::BTreeMap<String, Vec<String>>,
    text: &str,
) -> Result<String, ResolveError> {
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
    let partial: Vec<(&String, &Vec<String>)> = all
        .iter()
        .filter(|(id, names)| id.contains(text) || names.iter().any(|n| n.contains(text)))
        .collect();
    match partial.len() {
        0 => Err(ResolveError::NoBody(text.to_string())),
        1 => Ok(partial[0].0.clone()),
        _ => Err(ResolveError::Ambiguous {
            text: text.to_string(),
            candidates: partial
                .into_iter()
                .map(|(id, n)| (id.clone(), n.clone()))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_levels() {
        assert_eq!(
            split_name("长春市二道区人民政府").id(),
            "长春市/二道区/人民政府"
        );
        assert_eq!(split_name("南关区鸿城街道").id(), "南关区/鸿城街道");
        assert_eq!(
            split_name("吉林省长春市市场监督管理局").id(),
            "吉林省/长春市/市场监督管理局"
        );
        assert_eq!(split_name("区政府办公室").id(), "区政府办公室");
        assert_eq!(
            split_name("北京市朝阳区人民政府").id(),
            "北京市/朝阳区/人民政府"
        );
    }

    #[test]
    fn upper_levels_from_addresses() {
        let text = "如有疑问请与长春市二道区政府联系。地址:长春市二道区吉林街16号";
        assert_eq!(
            body_id("二道区人民政府", text, "a/x.txt"),
            "长春市/二道区/人民政府"
        );
        assert_eq!(
            body_id("长春市二道区人民政府", "", "b/y.txt"),
            "长春市/二道区/人民政府"
        );
        assert_eq!(
            body_id("南关区鸿城街道", "长春市南关区家苑路399号", "c/z.txt"),
            "长春市/南关区/鸿城街道"
        );
        assert_eq!(
            body_id("南关区鸿城街道办事处", "长春市南关区家苑路399号", "d/z.txt"),
            "长春市/南关区/鸿城街道"
        );
    }

    #[test]
    fn similar_names_stay_apart() {
        let a = body_id(
            "城关镇人民政府",
            "地址：宁远县城关镇人民路1号，宁远县属永州市",
            "x/a.txt",
        );
        let b = body_id("城关镇人民政府", "地址：临泉县城关镇解放路2号", "y/b.txt");
        assert_ne!(a, b);
        assert!(a.contains("宁远县/城关镇"), "{a}");
        assert_ne!(
            body_id("长春市二道区人民政府", "", ""),
            body_id("长春市二道区政府办公室", "", "")
        );
        // A district name without its city cannot be placed (朝阳区 exists in
        // several cities): ids stay apart across folders.
        assert_ne!(
            body_id("朝阳区人民政府", "", "bj/1.txt"),
            body_id("朝阳区人民政府", "", "cc/2.txt")
        );
        assert_eq!(
            body_id("朝阳区人民政府", "", "bj/1.txt"),
            body_id("朝阳区人民政府", "", "bj/2.txt")
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
}
