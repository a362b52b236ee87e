//! VA001 unknown-key.
//!
//! ## What it does
//! Flags a key inside a modelled tree (`gatewayApi`, `server`, `service`,
//! `pkiInitJob`, `certManager`) that neither ingresslab nor the chart's
//! defaults know, and a top-level key that looks like a misspelt modelled one.
//!
//! ## Why is this bad?
//! Helm ignores unknown keys without a word: `gatewayApi.routes.gprc.enabled: true`
//! renders nothing, and the user believes a route exists.
//!
//! ## Fix
//! Use the key the chart defines; the help suggests the closest one.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::schema::{Visit, closest};

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if ctx.unread_from_trace {
        return;
    }
    for visit in &ctx.visits {
        let Visit::Unknown {
            path,
            key,
            entry,
            known,
        } = visit
        else {
            continue;
        };
        let suggestion = closest(key, known);
        let help = match suggestion {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("keys here: {}", known.join(", ")),
        };
        let mut diagnostic = Diagnostic::new(
            Code::UnknownKey,
            path.clone(),
            Some(entry.key_origin),
            format!("`{path}` is not a key of the chart, so Helm ignores it"),
        )
        .with_help(help);
        if let Some(suggestion) = suggestion {
            diagnostic = diagnostic.with_fix(
                format!("rename to {suggestion}"),
                entry.key_origin,
                suggestion,
            );
        }
        diagnostics.push(diagnostic);
    }
}
