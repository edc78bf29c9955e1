//! Narrowing the corpus by place (`--region`) and findings by body, year,
//! rule, severity and review state (`xxgk check`, the TUI's Checks screen).

use xxgk_core::model::{Severity, YearRange};
pub use xxgk_core::region::Region;

use super::reviews::State;
use super::rules::Located;

/// Whether `name` is `pattern`, or lies in the family `pattern` names with
/// a trailing dot (`requests.` holds `requests.balance`). Rules and
/// statistic keys are filtered this way.
pub fn in_family(pattern: &str, name: &str) -> bool {
    name == pattern || (pattern.ends_with('.') && name.starts_with(pattern))
}

/// Which findings to show.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    pub region: Option<Region>,
    /// A resolved body_id.
    pub body_id: Option<String>,
    pub years: Option<YearRange>,
    /// Rules, each exact (`requests.balance`) or a prefix ending in `.` (`requests.`).
    pub rules: Vec<String>,
    pub severity: Option<Severity>,
    /// Only findings no one has confirmed or dismissed.
    pub open: bool,
}

impl FindingFilter {
    pub fn keeps(&self, f: &Located) -> bool {
        let id = f.body_id.as_deref().unwrap_or_default();
        self.region.as_ref().is_none_or(|r| r.contains(id))
            && self
                .body_id
                .as_ref()
                .is_none_or(|b| f.body_id.as_ref() == Some(b))
            && self
                .years
                .is_none_or(|y| f.year.is_some_and(|fy| (y.from..=y.to).contains(&fy)))
            && (self.rules.is_empty() || self.rules.iter().any(|r| in_family(r, &f.finding.rule)))
            && self.severity.is_none_or(|s| f.finding.severity == s)
            && (!self.open || f.review == State::Open)
    }
}
