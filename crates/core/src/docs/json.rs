//! Values as helm-docs writes them in the Default column: Go's
//! `encoding/json` without HTML escaping (map keys sorted, `1.0` as `1`).

use std::collections::BTreeMap;

use super::tree::{DocNode, DocValue, Scalar, Unsupported};

/// Compact JSON of a node; an error when a value has no JSON form (helm-docs
/// then skips the chart).
pub(crate) fn to_json(node: &DocNode) -> Result<String, String> {
    if let DocValue::Scalar(Scalar::Unsupported(_), raw) = &node.value {
        return Err(format!("the value `{raw}` cannot be documented"));
    }
    let mut out = String::new();
    write_json(node, &mut out)?;
    Ok(out)
}

fn write_json(node: &DocNode, out: &mut String) -> Result<(), String> {
    match &node.value {
        DocValue::Scalar(scalar, raw) => match scalar {
            // Inside a parent Go drops what it cannot encode, but not infinities.
            Scalar::Unsupported(Unsupported::Tag) => out.push_str("null"),
            Scalar::Unsupported(Unsupported::Overflow) => out.push('0'),
            Scalar::Unsupported(Unsupported::NonFinite) => {
                return Err(format!("the value `{raw}` cannot be written as JSON"));
            }
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
                write_json(item, out)?;
            }
            out.push(']');
        }
        DocValue::Map(entries) => {
            // Keys sorted bytewise; a repeated key keeps its last value.
            let sorted: BTreeMap<&[u8], &DocNode> = crate::sort::btree_map(
                entries
                    .iter()
                    .map(|(key, value)| (key.text.as_bytes(), value)),
            );
            out.push('{');
            for (index, (key, value)) in sorted.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&go_json_string(&String::from_utf8_lossy(key)));
                out.push(':');
                write_json(value, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// Go's JSON string escaping with `SetEscapeHTML(false)`, as helm-docs writes defaults.
pub(crate) fn go_json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    crate::engine::json::write_string_with(text, &mut out, false);
    out
}

pub(crate) use crate::engine::json::go_json_float;

/// The YAML text of a subtree, for `@notationType -- yaml` rows, as yaml.v3
/// writes a node: keys in file order, 4-space indentation, a final newline.
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
        DocValue::Map(entries) if entries.is_empty() => lines.push(format!("{pad}{{}}")),
        DocValue::List(items) if items.is_empty() => lines.push(format!("{pad}[]")),
        DocValue::Map(entries) => {
            for (key, value) in entries {
                match &value.value {
                    DocValue::Scalar(_, raw) => lines.push(format!("{pad}{}: {raw}", key.text)),
                    _ => {
                        lines.push(format!("{pad}{}:", key.text));
                        yaml_lines(value, indent + 4, lines);
                    }
                }
            }
        }
        DocValue::List(items) => {
            for item in items {
                match &item.value {
                    DocValue::Scalar(_, raw) => lines.push(format!("{pad}- {raw}")),
                    _ => {
                        let mut nested = Vec::new();
                        yaml_lines(item, 0, &mut nested);
                        for (index, line) in nested.into_iter().enumerate() {
                            let lead = if index == 0 { "- " } else { "  " };
                            lines.push(format!("{pad}{lead}{line}"));
                        }
                    }
                }
            }
        }
        DocValue::Scalar(_, raw) => lines.push(format!("{pad}{raw}")),
    }
}

/// Go's `fmt.Sprintf("%s", value)` of a decoded value, as helm-docs prints
/// a non-YAML notation's default: strings as they are, `%!s(int=80)` for
/// other scalars, `map[]`/`[]` for empty collections.
pub(crate) fn go_sprint(node: &DocNode) -> String {
    match &node.value {
        DocValue::Scalar(scalar, raw) => match scalar {
            Scalar::String(text) => text.clone(),
            Scalar::Int(int) => format!("%!s(int={int})"),
            Scalar::Bool(flag) => format!("%!s(bool={flag})"),
            Scalar::Float(float) => format!("%!s(float64={})", crate::gotmpl::format_float(*float)),
            Scalar::Null => "%!s(<nil>)".to_owned(),
            Scalar::Unsupported(_) => raw.clone(),
        },
        DocValue::Map(entries) if entries.is_empty() => "map[]".to_owned(),
        DocValue::List(items) if items.is_empty() => "[]".to_owned(),
        DocValue::Map(_) | DocValue::List(_) => String::new(),
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
