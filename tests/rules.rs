//! Each rule of SCHEMA.md with a passing and a failing case.

use xxgk_core::checks::check;
use xxgk_core::model::{Num, Severity, Stats, Template};
use xxgk_core::template::{OUTCOMES_2021, REQUEST_COLUMNS};

/// A consistent 2021 table 3: 10 new + 2 carried = 9 granted + 1 not held + 2 forward.
fn consistent_requests() -> Stats {
    let mut s = Stats::default();
    let mut set_row = |row: &str, natural: f64| {
        for (col, _) in REQUEST_COLUMNS {
            let v = match col {
                "natural_person" | "total" => natural,
                _ => 0.0,
            };
            s.insert(format!("requests.{row}.{col}"), Some(Num(v)));
        }
    };
    set_row("new_received", 10.0);
    set_row("carried_over", 2.0);
    for row in OUTCOMES_2021 {
        set_row(row, 0.0);
    }
    set_row("granted", 9.0);
    set_row("unavailable.not_held", 1.0);
    set_row("total", 10.0);
    set_row("carried_forward", 2.0);
    s
}

fn set(s: &mut Stats, key: &str, v: Option<f64>) {
    s.insert(key.to_string(), v.map(Num));
}

fn rules_of(s: &Stats) -> Vec<String> {
    check(Template::T2021, s)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn consistent_table_passes_every_rule() {
    assert!(rules_of(&consistent_requests()).is_empty());
}

#[test]
fn balance_fails_when_carry_forward_is_off() {
    let mut s = consistent_requests();
    set(&mut s, "requests.carried_forward.natural_person", Some(3.0));
    set(&mut s, "requests.carried_forward.total", Some(3.0));
    let f = check(Template::T2021, &s);
    let balance: Vec<_> = f.iter().filter(|f| f.rule == "requests.balance").collect();
    assert_eq!(balance.len(), 2, "natural_person and total columns");
    assert_eq!(
        balance[0].message,
        "自然人: 本年新收 10 + 上年结转 2 ≠ 总计 10 + 结转下年度 3"
    );
    assert!(balance[0]
        .keys
        .contains(&"requests.carried_forward.natural_person".to_string()));
    assert_eq!(balance[0].severity, Severity::Error);
}

#[test]
fn outcomes_fail_when_total_is_not_the_sum() {
    let mut s = consistent_requests();
    set(&mut s, "requests.granted.natural_person", Some(8.0));
    set(&mut s, "requests.granted.total", Some(8.0));
    let f = check(Template::T2021, &s);
    let outcomes: Vec<_> = f.iter().filter(|f| f.rule == "requests.outcomes").collect();
    assert_eq!(outcomes.len(), 2);
    assert!(
        outcomes[0].message.contains("9 ≠ （七）总计 10"),
        "{}",
        outcomes[0].message
    );
    assert!(outcomes[0]
        .keys
        .contains(&"requests.granted.natural_person".to_string()));
}

#[test]
fn columns_fail_when_a_row_total_is_wrong() {
    let mut s = consistent_requests();
    set(&mut s, "requests.new_received.commercial", Some(1.0));
    let f = check(Template::T2021, &s);
    let columns: Vec<_> = f.iter().filter(|f| f.rule == "requests.columns").collect();
    assert_eq!(columns.len(), 1);
    assert!(columns[0].message.starts_with("本年新收"));
    assert!(columns[0]
        .keys
        .contains(&"requests.new_received.total".to_string()));
}

#[test]
fn appeals_sum_passes_and_fails() {
    let mut s = Stats::default();
    for g in ["review", "litigation_direct", "litigation_after_review"] {
        for (r, v) in [
            ("upheld", 1.0),
            ("corrected", 1.0),
            ("other", 0.0),
            ("pending", 1.0),
            ("total", 3.0),
        ] {
            set(&mut s, &format!("{g}.{r}"), Some(v));
        }
    }
    assert!(rules_of(&s).is_empty());
    set(&mut s, "litigation_direct.total", Some(4.0));
    let f = check(Template::T2021, &s);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "appeals.sum");
    assert!(f[0].message.starts_with("未经复议直接起诉"));
    assert_eq!(f[0].keys.len(), 5);
}

#[test]
fn legacy_sums_pass_and_fail() {
    let mut s = Stats::default();
    set(&mut s, "legacy.requests.received", Some(5.0));
    set(&mut s, "legacy.requests.in_person", Some(2.0));
    set(&mut s, "legacy.requests.online", Some(3.0));
    set(&mut s, "legacy.requests.completed", Some(5.0));
    set(&mut s, "legacy.requests.on_time", Some(5.0));
    assert!(check(Template::Legacy, &s).is_empty());
    set(&mut s, "legacy.requests.on_time", Some(4.0));
    let f = check(Template::Legacy, &s);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "legacy.sums");
    assert_eq!(
        f[0].keys,
        ["legacy.requests.completed", "legacy.requests.on_time"]
    );
}

#[test]
fn blank_cells_warn_and_skip_the_arithmetic() {
    let mut s = consistent_requests();
    set(&mut s, "requests.total.natural_person", None);
    let f = check(Template::T2021, &s);
    let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
    // balance/outcomes/columns for that cell are skipped, not failed.
    assert_eq!(rules, ["cell.missing"]);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].keys, ["requests.total.natural_person"]);
}

#[test]
fn a_required_row_absent_from_a_present_table_is_missing() {
    let mut s = consistent_requests();
    for (col, _) in REQUEST_COLUMNS {
        s.shift_remove(&format!("requests.denied.inquiry.{col}"));
    }
    let f = check(Template::T2021, &s);
    assert_eq!(f.len(), 7);
    assert!(f
        .iter()
        .all(|f| f.rule == "cell.missing" && f.message.contains("属于行政查询事项")));
}
