//! VA002 wrong-type, VA003 port-out-of-range and CH006 non-string-name-override.
//!
//! ## What it does
//! Flags a modelled value whose type is not the one the chart expects: a
//! quoted `"false"` or `yes please` where a boolean belongs, a string where a
//! list belongs, a number where a name belongs, a port outside 1..65535.
//!
//! ## Why is this bad?
//! Go templates treat every non-empty string as true, so `enabled: "false"`
//! creates the resource; a string where a list belongs renders a field the
//! API server rejects.
//!
//! ## Fix
//! Write the value with the expected type; the help shows how.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::render::double_quoted;
use crate::schema::{Kind, Visit};
use crate::values::{Node, Value};

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for visit in &ctx.visits {
        if let Visit::Modelled { path, kind, entry } = visit {
            check_value(path, *kind, &entry.node, diagnostics);
        }
    }
}

fn check_value(path: &str, kind: Kind, node: &Node, diagnostics: &mut Vec<Diagnostic>) {
    let wrong = |expected: &str, help: String| {
        Diagnostic::new(
            Code::WrongType,
            path,
            Some(node.origin),
            format!(
                "`{path}` must be {expected}, but it is {}",
                describe(&node.value)
            ),
        )
        .with_help(help)
    };
    match (kind, &node.value) {
        // A null was deleted by the merge where the chart has a default; elsewhere it reads as empty.
        (_, Value::Null)
        | (Kind::Bool, Value::Bool(_))
        | (Kind::Str(_), Value::String(_))
        | (Kind::Map(_), Value::Map(_)) => {}
        (Kind::Bool, Value::String(text)) => {
            let spelled = text.trim().to_ascii_lowercase();
            let unquoted = matches!(spelled.as_str(), "true" | "false").then_some(spelled);
            let help = match &unquoted {
                Some(spelled) => format!("write {spelled} without quotes"),
                None => "write true or false; Helm treats any non-empty string as true".to_owned(),
            };
            let mut diagnostic = wrong("a boolean", help);
            if !text.is_empty() {
                diagnostic.message.push_str(", which Helm treats as true");
            }
            if let Some(spelled) = unquoted {
                diagnostic = diagnostic.with_fix(
                    format!("write {spelled} without quotes"),
                    node.origin,
                    spelled,
                );
            }
            diagnostics.push(diagnostic);
        }
        (Kind::Bool, _) => diagnostics.push(wrong("a boolean", "write true or false".to_owned())),
        (Kind::Str(_), Value::Int(_) | Value::Float(_) | Value::Bool(_)) => {
            let text = crate::gotmpl::print(&node.value);
            diagnostics.push(stops_name_helpers(
                path,
                &node.value,
                wrong("a string", format!("quote it: {}", double_quoted(&text))),
            ));
        }
        (Kind::Str(_), _) => diagnostics.push(stops_name_helpers(
            path,
            &node.value,
            wrong("a string", "write a single string value".to_owned()),
        )),
        (Kind::Int { min, max }, value) => match integer(value) {
            Some(number) if (min..=max).contains(&number) => {
                if matches!(value, Value::String(_)) {
                    diagnostics.push(wrong(
                        "an integer",
                        format!("write {number} without quotes"),
                    ));
                }
            }
            Some(number) => diagnostics.push(
                Diagnostic::new(
                    Code::PortOutOfRange,
                    path,
                    Some(node.origin),
                    format!("`{path}` is {number}, outside the port range {min}..{max}"),
                )
                .with_help(format!("use a port between {min} and {max}")),
            ),
            None => diagnostics.push(wrong(
                "an integer",
                format!("write a number between {min} and {max}"),
            )),
        },
        (Kind::List { item, max_items }, Value::List(items)) => {
            for (idx, child) in items.iter().enumerate() {
                check_value(&format!("{path}[{idx}]"), *item, child, diagnostics);
            }
            if let Some(max_items) = max_items
                && items.len() > max_items
            {
                diagnostics.push(
                    Diagnostic::new(
                        Code::TooManyHostnames,
                        path,
                        Some(node.origin),
                        format!(
                            "`{path}` has {} entries; the schema allows at most {max_items}",
                            items.len()
                        ),
                    )
                    .with_help(format!("keep at most {max_items} entries")),
                );
            }
        }
        (Kind::List { .. }, Value::String(text)) => diagnostics.push(wrong(
            "a list",
            format!("write it as a list: [{}]", crate::render::yaml_string(text)),
        )),
        (Kind::List { .. }, _) => diagnostics.push(wrong(
            "a list",
            "write a YAML list, one `- item` per line".to_owned(),
        )),
        (Kind::Map(_), _) => {
            diagnostics.push(wrong("a map", "write nested keys under it".to_owned()))
        }
    }
}

/// The chart cuts `nameOverride` and `fullnameOverride` with Sprig's `trunc`
/// (and tests one with `contains`), which take only strings: a set non-string
/// value stops Helm, so it is the chart's refusal rather than a type warning.
fn stops_name_helpers(path: &str, value: &Value, diagnostic: Diagnostic) -> Diagnostic {
    if !matches!(path, "nameOverride" | "fullnameOverride") || !crate::gotmpl::is_true(value) {
        return diagnostic;
    }
    let mut refusal = Diagnostic::new(
        Code::NonStringNameOverride,
        path,
        diagnostic.origin,
        format!(
            "{}; the chart cuts it with `trunc`, which takes only strings, so Helm stops",
            diagnostic.message
        ),
    );
    refusal.help = diagnostic.help;
    refusal
}

/// The integer a value holds, if it holds one (integral floats and numeric strings included).
fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Int(number) => Some(*number),
        #[allow(
            clippy::cast_possible_truncation,
            reason = "only integral values within i64 are converted"
        )]
        Value::Float(number) if number.fract() == 0.0 && number.abs() < 9e15 => {
            Some(*number as i64)
        }
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A value as a phrase: `the string "false"`, `the number 8080`, `a list`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Int(_) | Value::Float(_) => format!("the number {}", crate::gotmpl::print(value)),
        Value::String(text) => format!("the string {}", double_quoted(text)),
        Value::List(_) => "a list".to_owned(),
        Value::Map(_) => "a map".to_owned(),
    }
}
