//! A sidecar `FILE.toml` (beside `FILE`, or `STEM.toml`) supplies what a report
//! never says about itself:
//!
//! ```toml
//! body = "长春市二道区人民政府办公室"
//! year = 2024
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::Report;

#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub body: Option<String>,
    pub year: Option<i32>,
}

/// The sidecar paths tried for `file`, in order.
pub fn candidates(file: &Path) -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from(format!("{}.toml", file.display()))];
    if file.extension().is_some_and(|e| e != "toml") {
        out.push(file.with_extension("toml"));
    }
    out
}

/// Reads the sidecar of `file`, if there is one. A sidecar that does not parse
/// is an error naming it.
pub fn load(file: &Path) -> Result<Option<(PathBuf, Sidecar)>, String> {
    for path in candidates(file) {
        if let Ok(text) = std::fs::read_to_string(&path) {
            return toml::from_str::<Sidecar>(&text)
                .map(|s| Some((path.clone(), s)))
                .map_err(|e| format!("{}: {}", path.display(), e.message()));
        }
    }
    Ok(None)
}

/// Puts the sidecar's body and year on `report`. The body's id is the
/// reading pipeline's to set (it knows the identity rules).
pub fn apply(report: &mut Report, sidecar: &Sidecar) {
    if let Some(body) = &sidecar.body {
        report.body = Some(body.clone());
    }
    if let Some(year) = sidecar.year {
        report.year = Some(year);
    }
}
