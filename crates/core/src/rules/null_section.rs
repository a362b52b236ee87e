//! CH004 null-section.
//!
//! ## What it does
//! Flags a `null` for a section whose keys the chart's templates read, such as
//! `gatewayApi.gateway` (often an empty key whose children were commented
//! out, or `--set gatewayApi.gateway=null`).
//!
//! ## Why is this bad?
//! A user `null` deletes the chart's default for that key, so the whole map
//! is gone. The templates then evaluate `.Values.gatewayApi.gateway.create`
//! on nothing, and Helm stops with `nil pointer evaluating interface {}.create`.
//!
//! ## Fix
//! Delete the key, or write `{}` to keep the chart's defaults.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys::{self, Key};
use crate::values::Value;

/// Maps the templates read keys from, parents before children.
const SECTIONS: &[Key] = &[
    keys::GATEWAY_API,
    keys::GATEWAY,
    keys::ROUTES,
    keys::GRPC,
    keys::TLS,
    keys::SERVICE,
    keys::SERVER,
];

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let mut reported: Vec<Key> = Vec::new();
    for &path in SECTIONS {
        if reported
            .iter()
            .any(|parent| path.segments().starts_with(parent.segments()))
        {
            continue;
        }
        let (parent, name) = path.split_last();
        let Some(entry) = ctx
            .user
            .get(parent)
            .and_then(|map| map.as_map()?.entry(name))
        else {
            continue;
        };
        let default_is_section = ctx
            .defaults
            .get(path)
            .and_then(|node| node.as_map())
            .is_some_and(|map| !map.is_empty());
        if !matches!(entry.node.value, Value::Null) || !default_is_section {
            continue;
        }
        reported.push(path);
        diagnostics.push(
            Diagnostic::new(
                Code::NullSection,
                path,
                Some(entry.key_origin),
                format!("`{path}` is null, which deletes the chart's whole `{path}` map; the templates then read keys from nothing and Helm stops with a nil pointer error"),
            )
            .with_help(format!("delete `{path}`, or write `{{}}` to keep the chart's defaults")),
        );
    }
}
