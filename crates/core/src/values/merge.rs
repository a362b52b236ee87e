//! Helm's merge of values: `-f` files deep-merge into each other, `--set`
//! flags apply on top, then the result is coalesced with the chart defaults.
//!
//! Rules (Helm's `mergeMaps` and `coalesceValues`/`coalesceTables`):
//! - maps merge key by key; lists and scalars replace wholesale;
//! - a user `null` deletes the default under that key; a top-level `null` for a
//!   key the defaults lack stays (so `grpcRoute: null` still "exists");
//! - where a map meets a non-map the user's value wins, with a warning.

use super::node::{Map, Node, Value};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

/// Merge a later `-f` file into the user values accumulated so far.
pub(crate) fn merge_user_file(base: &mut Map, overlay: Map) {
    for (key, entry) in overlay_entries(overlay) {
        let merged = match (base.get_mut(&key), entry.node.value) {
            (
                Some(Node {
                    value: Value::Map(existing),
                    ..
                }),
                Value::Map(nested),
            ) => {
                merge_user_file(existing, nested);
                continue;
            }
            (_, value) => Node::new(value, entry.node.origin),
        };
        base.insert(key, entry.key_origin, merged);
    }
}

fn overlay_entries(map: Map) -> Vec<(String, super::node::Entry)> {
    map.iter()
        .map(|(key, entry)| (key.clone(), entry.clone()))
        .collect()
}

/// Coalesce user values with chart defaults. Keys come out in the defaults'
/// order, then the user's extra keys in theirs.
pub(crate) fn coalesce(user: &Map, defaults: &Map, diagnostics: &mut Vec<Diagnostic>) -> Map {
    coalesce_level(user, defaults, "", true, diagnostics)
}

fn coalesce_level(
    user: &Map,
    defaults: &Map,
    prefix: &str,
    top_level: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    let mut result = Map::new();
    for (key, default_entry) in defaults.iter() {
        let path = join(prefix, key);
        let Some(user_entry) = user.entry(key) else {
            result.insert(
                key.clone(),
                default_entry.key_origin,
                default_entry.node.clone(),
            );
            continue;
        };
        let user_node = &user_entry.node;
        let node = match (&user_node.value, &default_entry.node.value) {
            (Value::Null, _) => continue,
            (Value::Map(user_map), Value::Map(default_map)) => Node::new(
                Value::Map(coalesce_level(
                    user_map,
                    default_map,
                    &path,
                    false,
                    diagnostics,
                )),
                user_node.origin,
            ),
            (Value::Map(_), default) if !matches!(default, Value::Null) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::MergeTypeMismatch,
                        path.clone(),
                        Some(user_entry.key_origin),
                        format!("`{path}` is a map here but a {} in the chart defaults; Helm keeps the map", default.type_name()),
                    )
                    .with_help(format!("check the chart's documentation for `{path}`")),
                );
                user_node.clone()
            }
            (user_value, Value::Map(_)) if !top_level => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::MergeTypeMismatch,
                        path.clone(),
                        Some(user_entry.key_origin),
                        format!(
                            "`{path}` is a {} here but a map in the chart defaults; the whole map is replaced",
                            user_value.type_name()
                        ),
                    )
                    .with_help(format!("set keys inside `{path}` instead of replacing it")),
                );
                user_node.clone()
            }
            _ => user_node.clone(),
        };
        result.insert(key.clone(), user_entry.key_origin, node);
    }
    for (key, user_entry) in user.iter() {
        if defaults.contains_key(key) {
            continue;
        }
        // Below the top level Helm drops every user null, present in the defaults or not.
        if !top_level && matches!(user_entry.node.value, Value::Null) {
            continue;
        }
        result.insert(key.clone(), user_entry.key_origin, user_entry.node.clone());
    }
    result
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::SourceId;
    use crate::values::test_support::to_json;
    use crate::values::yaml::parse_document;

    fn map(text: &str) -> Map {
        let mut diagnostics = Vec::new();
        match parse_document(text, SourceId(0), &mut diagnostics)
            .unwrap()
            .value
        {
            Value::Map(map) => map,
            _ => Map::new(),
        }
    }

    fn coalesced(user: &str, defaults: &str) -> String {
        let mut diagnostics = Vec::new();
        to_json(&Value::Map(coalesce(
            &map(user),
            &map(defaults),
            &mut diagnostics,
        )))
    }

    #[test]
    fn maps_merge_and_lists_replace() {
        assert_eq!(
            coalesced("a: {x: 2}\nl: [c]\n", "a: {x: 1, w: 1}\nl: [a, b]\n"),
            r#"{"a":{"x":2,"w":1},"l":["c"]}"#
        );
    }

    #[test]
    fn null_deletes_a_default_but_stays_for_unknown_top_level_keys() {
        assert_eq!(
            coalesced(
                "a: {x: null, z: null}\nb: null\ngrpcRoute: null\n",
                "a: {x: 1}\nb: 2\n"
            ),
            r#"{"a":{},"grpcRoute":null}"#
        );
    }

    #[test]
    fn scalar_over_map_wins_with_a_warning() {
        let mut diagnostics = Vec::new();
        let result = coalesce(
            &map("a: {b: 5}\n"),
            &map("a: {b: {c: 1}}\n"),
            &mut diagnostics,
        );
        assert_eq!(to_json(&Value::Map(result)), r#"{"a":{"b":5}}"#);
        assert_eq!(diagnostics[0].code, Code::MergeTypeMismatch);
        assert_eq!(diagnostics[0].path, "a.b");
    }

    #[test]
    fn later_files_override_earlier_ones() {
        let mut base = map("a: {x: 1, w: 1}\nl: [1]\n");
        merge_user_file(&mut base, map("a: {w: 2}\nl: null\n"));
        assert_eq!(
            to_json(&Value::Map(base)),
            r#"{"a":{"x":1,"w":2},"l":null}"#
        );
    }
}
