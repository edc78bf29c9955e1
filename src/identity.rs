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

/// The most frequent `<upper><lower>` mention in the text, e.g. 长春市 before
/// 二道区: up to four Han characters ending in one of `suffixes`, right before `lower`.
fn upper_level(text: &str, lower: &str, suffixes: &[&str]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (pos, _) in text.match_indices(lower) {
        let before = &text[..pos];
        for suffix in suffixes {
            let Some(stem) = before.strip_suffix(suffix) else {
                continue;
            };
            // The longest run of 2–4 Han characters before the suffix.
            let han: Vec<(usize, char)> = stem
                .char_indices()
                .rev()
                .take_while(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c))
                .take(4)
                .collect();
            if han.len() >= 2 {
                let start = han.last().map_or(stem.len(), |(i, _)| *i);
                *counts.entry(&before[start..]).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
}

pub fn body_id(name: &str, text: &str) -> String {
    let mut place = split_name(name);
    if place.city.is_none() {
        if let Some(county) = place.county.clone() {
            place.city = upper_level(text, &county, &["市", "自治州", "地区", "盟"]);
        }
    }
    if place.province.is_none() {
        if let Some(city) = place.city.clone() {
            place.province = upper_level(text, &city, &["省", "自治区"]);
        }
    }
    place.id()
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
        let text = "地址:长春市二道区吉林街16号";
        assert_eq!(body_id("二道区人民政府", text), "长春市/二道区/人民政府");
        assert_eq!(
            body_id("长春市二道区人民政府", ""),
            "长春市/二道区/人民政府"
        );
        assert_eq!(
            body_id("南关区鸿城街道", "长春市南关区家苑路399号"),
            "长春市/南关区/鸿城街道"
        );
    }
}
