//! A place bodies lie under (`--region`): an id prefix, or a place name
//! read as report names are.

/// A place bodies lie under: `吉林省/长春市` (an id prefix), or a name read
/// as report names are (`长春市`, `长春市二道区`), or one level as written
/// (`宽新县`, a place the map lacks).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The id levels every body under the place starts with, when known.
    prefix: Option<String>,
    /// The text as given, matched against whole levels of an id.
    level: String,
}

impl Region {
    pub fn parse(text: &str) -> Region {
        let text = text.trim().trim_end_matches('/');
        if text.contains('/') {
            return Region {
                prefix: Some(text.to_string()),
                level: text.to_string(),
            };
        }
        let placed = crate::identity::place(text, "", "");
        // A bare place reads as its government (长春市 → …/长春市/人民政府):
        // the place is the id without that unit.
        let prefix = placed
            .local
            .is_none()
            .then(|| placed.id.strip_suffix("/人民政府").map(str::to_string))
            .flatten()
            .filter(|_| !text.ends_with("政府"));
        Region {
            prefix,
            level: text.to_string(),
        }
    }

    pub fn contains(&self, body_id: &str) -> bool {
        if let Some(p) = &self.prefix {
            if body_id == p || body_id.starts_with(&format!("{p}/")) {
                return true;
            }
        }
        // A local id keeps its levels as written before `~`.
        let levels = body_id.split('~').next().unwrap_or_default();
        let levels: Vec<&str> = levels.split('/').collect();
        // Whole levels, the unit excluded: 长春市 is a place, not a part of 长春市财政局.
        levels[..levels.len().saturating_sub(1)]
            .iter()
            .any(|l| *l == self.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_by_prefix_name_or_level() {
        let erdao = "吉林省/长春市/二道区/人民政府";
        let dept = "吉林省/长春市/宽新县/城市管理局";
        for text in [
            "吉林省",
            "吉林省/长春市",
            "长春市",
            "长春市二道区",
            "二道区",
        ] {
            assert!(Region::parse(text).contains(erdao), "{text}");
        }
        assert!(Region::parse("宽新县").contains(dept));
        assert!(Region::parse("长春市").contains(dept));
        assert!(!Region::parse("北京市").contains(erdao));
        assert!(!Region::parse("南关区").contains(erdao));
        assert!(
            !Region::parse("城市管理局").contains(dept),
            "a unit is not a place"
        );
        assert!(Region::parse("朝阳区").contains("朝阳区/人民政府~00aa11"));
    }
}
