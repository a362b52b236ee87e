//! The parts of Go's text/template semantics the values rules rely on: what
//! counts as true and how a value prints, so a rule reads `enabled: "false"`
//! as the templates do (true).

use crate::values::{Node, Value};

/// Go template truthiness (`if`, `and`, `default`): false, 0, null, and empty
/// strings, lists and maps are false; everything else, `"false"` included, is true.
#[must_use]
pub(crate) fn is_true(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Int(int) => *int != 0,
        Value::Float(float) => *float != 0.0,
        Value::String(text) => !text.is_empty(),
        Value::List(items) => !items.is_empty(),
        Value::Map(map) => !map.is_empty(),
    }
}

/// Whether an optional node is present and true.
#[must_use]
pub(crate) fn node_is_true(node: Option<&Node>) -> bool {
    node.is_some_and(|node| is_true(&node.value))
}

/// How `{{ value }}` prints in a Helm template. A missing or null value prints
/// as the empty string (Helm removes Go's `<no value>`).
#[must_use]
pub(crate) fn print(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(flag) => flag.to_string(),
        Value::Int(int) => int.to_string(),
        Value::Float(float) => format_float(*float),
        Value::String(text) => text.clone(),
        Value::List(items) => {
            let parts: Vec<String> = items.iter().map(|item| print_nested(&item.value)).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Map(map) => {
            let mut parts: Vec<(String, String)> = map
                .iter()
                .map(|(key, entry)| (key.clone(), print_nested(&entry.node.value)))
                .collect();
            crate::sort::sort(&mut parts);
            let parts: Vec<String> = parts
                .into_iter()
                .map(|(key, value)| format!("{key}:{value}"))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

/// Inside a list or map Go prints nil as `<nil>`.
fn print_nested(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_owned(),
        other => print(other),
    }
}

/// Go's `%v` for a float64 (`strconv` 'g' with the shortest precision): the
/// shortest digits, in exponent form when the exponent is below -4 or at
/// least 6, so `1000000.0` prints as `1e+06`.
#[must_use]
pub(crate) fn format_float(float: f64) -> String {
    format_shortest(float, format!("{float:e}"), || format!("{float}"))
}

/// Go's `strconv.FormatFloat(float, 'g', -1, 32)`: the shortest digits that
/// read back as the same 32-bit float. Helm's YAML layer turns a number into
/// a string this way when Chart.yaml puts one where a string belongs.
#[must_use]
pub(crate) fn format_float32(float: f64) -> String {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the 32-bit rounding is the point"
    )]
    let narrow = float as f32;
    format_shortest(f64::from(narrow), format!("{narrow:e}"), || {
        format!("{narrow}")
    })
}

/// `%g` with the shortest digits, from Rust's shortest scientific form
/// (`d.dddde±x`) and plain Display form of the same number.
fn format_shortest(float: f64, scientific: String, plain: impl FnOnce() -> String) -> String {
    if float.is_nan() {
        return "NaN".to_owned();
    }
    if float.is_infinite() {
        return if float > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    if float == 0.0 {
        return if float.is_sign_negative() { "-0" } else { "0" }.to_owned();
    }
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..6).contains(&exponent) {
        plain()
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truthiness_matches_go_templates() {
        assert!(is_true(&Value::String("false".into())));
        assert!(!is_true(&Value::String(String::new())));
        assert!(!is_true(&Value::Int(0)));
        assert!(!is_true(&Value::List(Vec::new())));
        assert!(is_true(&Value::Float(0.5)));
    }

    #[test]
    fn floats_print_like_go() {
        assert_eq!(format_float(8080.0), "8080");
        assert_eq!(format_float(1.5), "1.5");
        assert_eq!(format_float(123_456.0), "123456");
        assert_eq!(format_float(1e6), "1e+06");
        assert_eq!(format_float(0.00001), "1e-05");
    }
}
