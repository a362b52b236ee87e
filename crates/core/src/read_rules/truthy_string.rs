//! VA002 wrong-type, for a string the chart tests.
//!
//! ## What it does
//! Flags a value the user wrote as a string that reads as false
//! (`"false"`, `"no"`, `"off"`, `"0"`) where a template tests it with
//! `if`, `with`, `and`, `or` or `not`.
//!
//! ## Why is this bad?
//! Go templates treat every non-empty string as true: `enabled: "false"`
//! turns the feature on.
//!
//! ## Fix
//! Write the boolean without quotes.

use super::ReadContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::engine::trace::Role;
use crate::values::Value;

/// Strings people write for "off" that a template reads as true.
const READS_AS_FALSE: &[&str] = &["false", "no", "off", "n", "0", "null", "nil", "~"];

pub(crate) fn check(ctx: &ReadContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = Vec::new();
    for read in &ctx.trace.reads {
        if read.role != Role::Tested || seen.contains(&read.path) {
            continue;
        }
        seen.push(read.path.clone());
        let Some(node) = ctx.user.at(&read.path) else {
            continue;
        };
        let Value::String(text) = &node.value else {
            continue;
        };
        let spelled = text.trim().to_ascii_lowercase();
        if !READS_AS_FALSE.contains(&spelled.as_str()) {
            continue;
        }
        let path = read.path.to_string();
        let means_false = matches!(spelled.as_str(), "false" | "no" | "off" | "n");
        let help = if means_false {
            format!("write false without quotes: `{}: false`", last_key(&path))
        } else {
            "write false (without quotes) to turn it off".to_owned()
        };
        let mut diagnostic = Diagnostic::new(
            Code::WrongType,
            path.clone(),
            Some(node.origin),
            format!(
                "`{path}` is the string {text:?}, and the chart tests it: any non-empty string is true to Helm"
            ),
        )
        .with_help(help);
        if means_false {
            diagnostic = diagnostic.with_fix("write false without quotes", node.origin, "false");
        }
        diagnostics.push(diagnostic);
    }
}

fn last_key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}
