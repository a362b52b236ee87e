//! VA016 deleted-default.
//!
//! ## What it does
//! Notes a `null` the user wrote where the chart's values.yaml has a
//! default, and says which default it removes.
//!
//! ## Why is this bad?
//! Helm deletes the key in the merge: the templates then see no value at
//! all, not the default. That is Helm's way to unset a default, and a
//! surprise when `null` was meant as "leave it as it is".
//!
//! ## Fix
//! Remove the line to keep the default; keep it to remove the default.

use super::ReadContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::engine::trace::KeyPath;
use crate::values::{Map, Node, Value};

pub(crate) fn check(ctx: &ReadContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(map) = ctx.user.as_map() {
        visit(map, &KeyPath::root(), ctx.defaults, diagnostics);
    }
}

fn visit(map: &Map, at: &KeyPath, defaults: &Node, diagnostics: &mut Vec<Diagnostic>) {
    for (key, entry) in map.iter() {
        let path = at.key(key);
        match &entry.node.value {
            Value::Null => {
                let Some(default) = defaults
                    .at(&path)
                    .filter(|node| !matches!(node.value, Value::Null))
                else {
                    continue;
                };
                let shown = path.to_string();
                diagnostics.push(
                    Diagnostic::new(
                        Code::DeletedDefault,
                        shown.clone(),
                        Some(entry.node.origin),
                        format!(
                            "`null` removes the chart's default for `{shown}` ({}): the templates see no value",
                            summary(&default.value)
                        ),
                    )
                    .with_help("remove this line to keep the default; Helm deletes a key set to null"),
                );
            }
            Value::Map(children) => visit(children, &path, defaults, diagnostics),
            _ => {}
        }
    }
}

/// A default in a few words: the value as JSON, or its size.
fn summary(value: &Value) -> String {
    const SHORT: usize = 60;
    let json = value.to_json().to_string();
    if json.len() <= SHORT {
        return json;
    }
    match value {
        Value::Map(map) => format!("a map of {} keys", map.len()),
        Value::List(items) => format!("a list of {} items", items.len()),
        _ => format!("{}...", json.chars().take(SHORT).collect::<String>()),
    }
}
