//! User corrections of body identity, in TOML:
//!
//! ```toml
//! [[body]]
//! id = "吉林省/长春市/二道区/人民政府"          # the body these belong to
//! name = "长春市二道区人民政府"          # optional display name
//! names = ["二道区政府"]                 # names (or body_ids) to merge into it
//! files = ["erdao/2017.txt"]             # files that belong to it (splits a body)
//! ```
//!
//! Read from the config folder (`directories`: e.g. `~/.config/xxgk/aliases.toml`)
//! and from `aliases.toml` in the index folder (copied there by `xxgk index`
//! from the root of an indexed folder). Later entries win.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use xxgk_core::model::Report;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub name: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub files: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    #[serde(default)]
    pub body: Vec<Entry>,
}

pub const FILE_NAME: &str = "aliases.toml";

pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "xxgk").map(|d| d.config_dir().join(FILE_NAME))
}

impl Aliases {
    pub fn parse(text: &str, origin: &Path) -> Result<Aliases, String> {
        toml::from_str(text).map_err(|e| format!("{}: {}", origin.display(), e.message()))
    }

    /// The config folder's file and the index folder's, merged.
    pub fn load(index_dir: &Path) -> Result<Aliases, String> {
        let mut all = Aliases::default();
        for path in config_path().into_iter().chain([index_dir.join(FILE_NAME)]) {
            if let Ok(text) = std::fs::read_to_string(&path) {
                all.body.extend(Aliases::parse(&text, &path)?.body);
            }
        }
        Ok(all)
    }

    /// Applies the corrections to one report: files first (they split), then names.
    pub fn apply(&self, r: &mut Report) {
        self.apply_to(&r.source, &mut r.body, &mut r.body_id);
    }

    /// Applies the corrections to the body of the report read from `source`.
    pub fn apply_to(&self, source: &str, body: &mut Option<String>, body_id: &mut Option<String>) {
        let by_file = self.body.iter().rev().find(|e| {
            e.files.iter().any(|f| {
                source == *f || source.ends_with(&format!("/{f}")) || source.ends_with(f.as_str())
            })
        });
        let by_name = || {
            self.body.iter().rev().find(|e| {
                e.names
                    .iter()
                    .any(|n| Some(n) == body.as_ref() || Some(n) == body_id.as_ref())
                    || Some(&e.id) == body_id.as_ref() && e.name.is_some()
            })
        };
        if let Some(e) = by_file.or_else(by_name) {
            *body_id = Some(e.id.clone());
            if body.is_none() || e.name.is_some() {
                *body = e
                    .name
                    .clone()
                    .or_else(|| body.clone())
                    .or_else(|| Some(e.id.clone()));
            }
        }
    }
}
