//! Rules on the traffic path a chart renders, for any chart: each reads the
//! rendered resources ([`crate::rendered`]) — routes, listeners, policies,
//! the server's TLS and certificates — and puts its finding at the values
//! keys the render trace says produced the field, so it holds on every
//! chart revision without knowing its keys.
//!
//! One module per rule, named after the pattern it flags. Add a rule by
//! writing its `check` and listing it in [`check_all`], with a fixture under
//! `crates/core/tests/rules/` for each chart revision it applies to.

mod backend_tls_hostname_not_covered;
mod backend_tls_to_plaintext_server;
mod passthrough_to_plaintext_server;
mod plaintext_route_to_tls_server;
mod uncovered_hostname;

use std::rc::Rc;

use crate::diagnostic::Diagnostic;
use crate::engine::trace::{KeyPath, Trace};
use crate::rendered::Rendered;
use crate::span::Origin;
use crate::values::Node;

/// What the rules read.
pub(crate) struct PathContext<'a> {
    /// The rendered path.
    pub(crate) rendered: &'a Rendered<'a>,
    /// What the render read and printed.
    pub(crate) trace: &'a Trace,
    /// The values the user wrote, with positions.
    pub(crate) user: &'a Node,
    /// The chart's own values.yaml, with positions.
    pub(crate) defaults: &'a Node,
}

/// A values key and where it was written.
pub(crate) struct Place {
    pub(crate) path: String,
    pub(crate) origin: Option<Origin>,
}

impl PathContext<'_> {
    /// The first of `keys` the user wrote, else the first the chart's
    /// defaults hold, else the first named without a position.
    pub(crate) fn place(&self, keys: &[Rc<KeyPath>]) -> Place {
        for tree in [self.user, self.defaults] {
            for key in keys {
                // The value, as the user reads it; a key the chart deletes
                // has only its own place.
                let value = tree.at(key).map(|node| node.origin);
                if let Some(origin) = value.or_else(|| tree.place_of(key)) {
                    return Place {
                        path: key.to_string(),
                        origin: Some(origin),
                    };
                }
            }
        }
        Place {
            path: keys.first().map(ToString::to_string).unwrap_or_default(),
            origin: None,
        }
    }

    /// `diagnostic` with a related place at the first of `keys` that has one.
    pub(crate) fn relate(
        &self,
        diagnostic: Diagnostic,
        keys: &[Rc<KeyPath>],
        note: &str,
    ) -> Diagnostic {
        match self.place(keys) {
            Place {
                path,
                origin: Some(origin),
            } if path != diagnostic.path => diagnostic.with_related(path, origin, note),
            _ => diagnostic,
        }
    }

    /// The keys that made the server serve plaintext: the conditions around
    /// its configuration's `disable_tls`.
    pub(crate) fn server_plaintext_keys(&self) -> Vec<Rc<KeyPath>> {
        self.rendered
            .server
            .as_ref()
            .map(|server| {
                self.rendered.documents[server.config].keys_of_text("disable_tls", self.trace)
            })
            .unwrap_or_default()
    }

    /// The keys that made the server serve TLS: the conditions around its
    /// configuration's TLS section.
    pub(crate) fn server_tls_keys(&self) -> Vec<Rc<KeyPath>> {
        self.rendered
            .server
            .as_ref()
            .map(|server| {
                self.rendered.documents[server.config]
                    .keys_of_text("[openshell.gateway.tls]", self.trace)
            })
            .unwrap_or_default()
    }
}

/// Run every rule.
pub(crate) fn check_all(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    const RULES: &[fn(&PathContext<'_>, &mut Vec<Diagnostic>)] = &[
        uncovered_hostname::check,
        plaintext_route_to_tls_server::check,
        backend_tls_to_plaintext_server::check,
        backend_tls_hostname_not_covered::check,
        passthrough_to_plaintext_server::check,
    ];
    for rule in RULES {
        rule(ctx, diagnostics);
    }
}
