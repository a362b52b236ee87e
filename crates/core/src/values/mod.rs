//! Values: parse YAML and `--set` flags into spanned trees and merge them
//! with the chart defaults exactly as Helm does.

mod file;
mod merge;
mod node;
mod resolve;
mod strvals;
mod yaml;

pub use node::{Entry, Map, Node, Value};
pub use yaml::{
    DEFAULT_INPUT_LIMIT, INPUT_LIMIT_HELP, MAX_ALIAS_NODES, MAX_DEPTH, MAX_INPUT_BYTES, byte_size,
    input_too_large,
};

pub(crate) use resolve::{GoInt, is_yaml_style_float, parse_go_int, resolve_plain};

pub(crate) use file::read_values_file;
pub(crate) use merge::{coalesce, merge_user_file};
pub(crate) use strvals::{
    SetMode, apply as apply_set, apply_set_json, apply_with_mode, is_json_object_flag,
};
pub(crate) use yaml::{parse_document, parse_documents};

#[cfg(test)]
pub(crate) mod test_support {
    use super::Value;

    /// Compact JSON of a value, for assertions.
    pub(crate) fn to_json(value: &Value) -> String {
        match value {
            Value::Null => "null".into(),
            Value::Bool(flag) => flag.to_string(),
            Value::Int(int) => int.to_string(),
            Value::Float(float) => float.to_string(),
            Value::String(text) => format!("{text:?}"),
            Value::List(items) => {
                let parts: Vec<String> = items.iter().map(|item| to_json(&item.value)).collect();
                format!("[{}]", parts.join(","))
            }
            Value::Map(map) => {
                let parts: Vec<String> = map
                    .iter()
                    .map(|(key, entry)| format!("{key:?}:{}", to_json(&entry.node.value)))
                    .collect();
                format!("{{{}}}", parts.join(","))
            }
        }
    }
}
