//! Values as helm-docs writes them in the Default column: Go's
//! `encoding/json` without HTML escaping (map keys sorted, `1.0` as `1`).

use std::collections::BTreeMap;

use super::tree::{DocNode, DocValue, Scalar};

/// Compact JSON of a node.
pub(crate) fn to_json(node: &DocNode) -> String {
    let mut out = String::new();
    write_json(node, &mut out);
    out
}

fn write_json(node: &DocNode, out: &mut String) {
    match &node.value {
        DocValue::Scalar(scalar, _) => match scalar {
            Scalar::Null => out.push_str("null"),
            Scalar::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Scalar::Int(int) => out.push_str(&int.to_string()),
            Scalar::Float(float) => out.push_str(&go_json_float(*float)),
            Scalar::String(text) => out.push_str(&go_json_string(text)),
        },
        DocValue::List(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        DocValue::Map(entries) => {
            // Keys sorted bytewise; a repeated key keeps its last value.
            let sorted: BTreeMap<&[u8], &DocNode> = entries
                .iter()
                .map(|(key, value)| (key.text.as_bytes(), value))
                .collect();
            out.push('{');
            for (index, (key, value)) in sorted.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&go_json_string(&String::from_utf8_lossy(key)));
                out.push(':');
                write_json(value, out);
            }
            out.push('}');
        }
    }
}

/// Go's JSON string escaping with `SetEscapeHTML(false)`.
pub(crate) fn go_json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            ch if u32::from(ch) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(ch))),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// Go's JSON number for a float64: shortest digits, plain notation for
/// 1e-6 <= |x| < 1e21, otherwise exponent with a sign (`1e-7`, `1e+21`).
pub(crate) fn go_json_float(float: f64) -> String {
    let magnitude = float.abs();
    if magnitude == 0.0 || (1e-6..1e21).contains(&magnitude) {
        format!("{float}")
    } else {
        let text = format!("{float:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                format!("{mantissa}e+{exponent}")
            }
            _ => text,
        }
    }
}

/// The YAML text of a subtree, for `@notationType -- yaml` rows.
pub(crate) fn value_yaml(node: &DocNode) -> String {
    let mut lines = Vec::new();
    yaml_lines(node, 0, &mut lines);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn yaml_lines(node: &DocNode, indent: usize, lines: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    match &node.value {
        DocValue::Map(entries) => {
            let sorted: BTreeMap<&str, &DocNode> = entries
                .iter()
                .map(|(key, value)| (key.text.as_str(), value))
                .collect();
            for (key, value) in sorted {
                match &value.value {
                    DocValue::Scalar(_, raw) => lines.push(format!("{pad}{key}: {raw}")),
                    _ => {
                        lines.push(format!("{pad}{key}:"));
                        yaml_lines(value, indent + 2, lines);
                    }
                }
            }
        }
        DocValue::List(items) => {
            for item in items {
                match &item.value {
                    DocValue::Scalar(_, raw) => lines.push(format!("{pad}- {raw}")),
                    _ => {
                        lines.push(format!("{pad}-"));
                        yaml_lines(item, indent + 2, lines);
                    }
                }
            }
        }
        DocValue::Scalar(_, raw) => lines.push(format!("{pad}{raw}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_follow_encoding_json() {
        assert_eq!(go_json_float(1.0), "1");
        assert_eq!(go_json_float(-0.0), "-0");
        assert_eq!(go_json_float(1e20), "100000000000000000000");
        assert_eq!(go_json_float(3.0e-5), "0.00003");
        assert_eq!(go_json_float(1e-7), "1e-7");
        assert_eq!(go_json_float(1e21), "1e+21");
        assert_eq!(go_json_float(6.02e23), "6.02e+23");
        assert_eq!(go_json_float(0.5), "0.5");
    }

    #[test]
    fn strings_escape_like_go() {
        assert_eq!(go_json_string("a\"b\\c\nd<&>—"), "\"a\\\"b\\\\c\\nd<&>—\"");
        assert_eq!(go_json_string("\u{1}\u{8}"), "\"\\u0001\\b\"");
    }
}
