//! Writing values back out as YAML text, the two ways the chart does:
//! `{{ value }}` prints a scalar raw into the document, and `toYaml` emits a
//! value as a YAML block (keys sorted, as Go's encoder does).

use crate::gotmpl::format_float;
use crate::span::SourceId;
use crate::values::{Value, parse_document, resolve_plain};

/// What YAML makes of `key: <text>`, or `None` when the line does not parse.
pub(crate) fn read_back(text: &str) -> Option<Value> {
    if text.contains(['\n', '\r']) {
        return None;
    }
    let line = format!("key: {text}\n");
    let mut diagnostics = Vec::new();
    let root = parse_document(&line, SourceId(0), &mut diagnostics)?;
    if !diagnostics.is_empty() {
        return None;
    }
    match root.value {
        Value::Map(map) if map.len() == 1 => map.get("key").map(|node| node.value.clone()),
        _ => None,
    }
}

/// A string as `toYaml` writes it: quoted whenever plain text would read back
/// as something else (a bool, a number, null) or would not parse.
pub(crate) fn string_scalar(text: &str) -> String {
    if !text.is_empty() && is_plain_safe(text) && matches!(resolve_plain(text), Value::String(_)) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// Go's `%q` (`strconv.Quote`), which is also a valid YAML double-quoted scalar.
pub(crate) fn double_quoted(text: &str) -> String {
    crate::engine::gofmt::quote(text)
}

/// Whether `text` can stand as a plain scalar on one line after `key: `.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    // `-x`, `?x`, `:x` are plain when followed by a non-space; keep it simple and strict.
    !indicator
        && !first.is_whitespace()
        && !text.ends_with(char::is_whitespace)
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(|ch| ch.is_control())
}

/// A value as YAML block lines, keys in the order they were written (for
/// values files a person reads, unlike Go's sorted `toYaml`).
pub(crate) fn ordered_block(value: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    block_lines(value, &mut lines, false);
    lines
}

fn block_lines(value: &Value, lines: &mut Vec<String>, sorted: bool) {
    match value {
        Value::List(items) if !items.is_empty() => {
            for item in items {
                let mut nested = Vec::new();
                block_lines(&item.value, &mut nested, sorted);
                for (idx, line) in nested.into_iter().enumerate() {
                    lines.push(if idx == 0 {
                        format!("- {line}")
                    } else {
                        format!("  {line}")
                    });
                }
            }
        }
        Value::Map(map) if !map.is_empty() => {
            let mut entries: Vec<_> = map.iter().collect();
            if sorted {
                crate::sort::sort_by(&mut entries, |left, right| left.0.cmp(right.0));
            }
            for (key, entry) in entries {
                let key = string_scalar(key);
                match &entry.node.value {
                    Value::List(items) if !items.is_empty() => {
                        lines.push(format!("{key}:"));
                        // Go's encoder writes lists flush with their key; people indent them.
                        let pad = if sorted { "" } else { "  " };
                        let mut nested_lines = Vec::new();
                        block_lines(&entry.node.value, &mut nested_lines, sorted);
                        lines.extend(nested_lines.into_iter().map(|line| format!("{pad}{line}")));
                    }
                    Value::Map(nested) if !nested.is_empty() => {
                        lines.push(format!("{key}:"));
                        let mut nested_lines = Vec::new();
                        block_lines(&entry.node.value, &mut nested_lines, sorted);
                        lines.extend(nested_lines.into_iter().map(|line| format!("  {line}")));
                    }
                    scalar => lines.push(format!("{key}: {}", inline_scalar(scalar))),
                }
            }
        }
        scalar => lines.push(inline_scalar(scalar)),
    }
}

fn inline_scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Int(int) => int.to_string(),
        // Helm's toYaml goes through JSON, which writes integral floats without a fraction.
        Value::Float(float) if float.fract() == 0.0 && float.abs() < 1e21 => format!("{float:.0}"),
        Value::Float(float) => format_float(*float),
        Value::String(text) => string_scalar(text),
        Value::List(_) => "[]".to_owned(),
        Value::Map(_) => "{}".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_reads_back_as_yaml_reads_it() {
        let read =
            |text: &str| read_back(text).map(|value| crate::values::test_support::to_json(&value));
        assert_eq!(read("eg #primary").as_deref(), Some(r#""eg""#));
        assert_eq!(read("'eg'").as_deref(), Some(r#""eg""#));
        assert_eq!(read("[eg]").as_deref(), Some(r#"["eg"]"#));
        assert_eq!(read("-1").as_deref(), Some("-1"));
        assert_eq!(read("eg ").as_deref(), Some(r#""eg""#));
        assert_eq!(read("a: b"), None);
        assert_eq!(read("%x"), None);
        assert_eq!(read("*eg"), None);
    }

    #[test]
    fn strings_that_read_back_as_other_types_are_quoted() {
        assert_eq!(string_scalar("true"), "\"true\"");
        assert_eq!(string_scalar("123"), "\"123\"");
        assert_eq!(string_scalar("*.example.com"), "\"*.example.com\"");
        assert_eq!(string_scalar("a.example.com"), "a.example.com");
    }
}
