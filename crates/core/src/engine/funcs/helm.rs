//! Helm's additions to the function map (`pkg/engine/funcs.go`, `engine.go`):
//! `include` and `tpl` (run by the executor), `required`, `fail`, `lookup`
//! (no cluster: an empty map) and the YAML/JSON functions.

use super::{Func, Param, fixed};
use crate::engine::error::{WARN_END, WARN_START};
use crate::engine::value::Value;
use crate::engine::{json, yaml};

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// Helm's function called `name`.
pub(crate) fn lookup(name: &str) -> Option<Func> {
    Some(match name {
        // The executor runs these two itself; the bodies are never called.
        "include" | "tpl" => fixed(&[Param::String, Param::Any], |_, _| Ok(Value::Nil)),
        "required" => fixed(&[Param::String, Param::Any], |_, args| match &args[1] {
            Value::Nil => Err(warn(&args[0])),
            Value::String(text) if text.is_empty() => Err(warn(&args[0])),
            other => Ok(other.clone()),
        }),
        "fail" => fixed(&[Param::String], |_, args| Err(warn(&args[0]))),
        "lookup" => fixed(
            &[Param::String, Param::String, Param::String, Param::String],
            |_, _| Ok(Value::map(Default::default())),
        ),
        "toYaml" => fixed(&[Param::Any], |_, args| {
            Ok(Value::string(yaml::to_yaml(&args[0]).unwrap_or_default()))
        }),
        "mustToYaml" => fixed(&[Param::Any], |_, args| {
            yaml::to_yaml(&args[0]).map(Value::string)
        }),
        "toYamlPretty" => fixed(&[Param::Any], |_, args| {
            Ok(Value::string(
                yaml::to_yaml_pretty(&args[0]).unwrap_or_default(),
            ))
        }),
        "fromYaml" => fixed(&[Param::String], |_, args| {
            Ok(yaml::from_yaml(text(&args[0])))
        }),
        "fromYamlArray" => fixed(&[Param::String], |_, args| {
            Ok(yaml::from_yaml_array(text(&args[0])))
        }),
        "toJson" => fixed(&[Param::Any], |_, args| {
            Ok(Value::string(json::to_json(&args[0]).unwrap_or_default()))
        }),
        "mustToJson" => fixed(&[Param::Any], |_, args| {
            json::to_json(&args[0]).map(Value::string)
        }),
        "fromJson" => fixed(&[Param::String], |_, args| {
            Ok(json::from_json(text(&args[0])))
        }),
        "fromJsonArray" => fixed(&[Param::String], |_, args| {
            Ok(json::from_json_array(text(&args[0])))
        }),
        "toToml" | "fromToml" => fixed(&[Param::Any], |_, _| {
            Err("TOML is not supported by ingresslab".to_owned())
        }),
        // DNS lookups are off unless `--enable-dns`.
        "getHostByName" => fixed(&[Param::String], |_, _| Ok(Value::str(""))),
        _ => return None,
    })
}

/// `errors.New(warnWrap(message))`: the markers Helm finds again when it
/// reports the error.
fn warn(message: &Value) -> String {
    format!(
        "{WARN_START}{}{WARN_END}",
        message.as_str().unwrap_or_default()
    )
}
