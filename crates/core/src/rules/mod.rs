//! Rules over merged values and the resolved model. One module per rule; the
//! module name says the pattern it flags. Codes live in [`crate::codes`].
//!
//! To add a rule: add a [`Code`](crate::Code) in `codes.rs`, a module here
//! with a `check` function, list it in [`check_all`], and add a fixture under
//! `crates/core/tests/rules/` with the exact diagnostics it must produce.

mod backend_tls;
mod certificate_refs;
mod certificate_sans;
mod cross_namespace_gateway;
mod empty_gateway_class;
mod gateway_namespace_ignored;
mod gateway_without_routes;
mod grpc_route_without_listener;
mod https_listener;
mod invalid_hostname;
mod invalid_release_name;
mod legacy_grpc_route;
mod name_truncated;
mod null_section;
mod passthrough_on_existing_gateway;
mod passthrough_with_disabled_tls;
mod printed_values;
mod resource_names;
mod route_on_implicit_gateway;
mod tls_route_without_hostnames;
mod unknown_key;
mod wrong_type;

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::schema::{Visit, walk};
use crate::values::Node;

/// What a rule may look at.
pub(crate) struct RuleContext<'a> {
    /// The merged values (defaults + files + flags).
    pub(crate) values: &'a Node,
    /// The user's files and flags merged, before the chart defaults: the only
    /// place a `null` that deletes a default is still visible.
    pub(crate) user: &'a Node,
    /// The chart defaults.
    pub(crate) defaults: &'a Node,
    /// The model the templates render from.
    pub(crate) model: &'a Model,
    /// The merged values walked along the schema, once for all rules.
    pub(crate) visits: Vec<Visit<'a>>,
    /// The chart is rendered by its own templates, so which keys it ignores
    /// is known from what they read (`unread.rs`), not from the schema table.
    pub(crate) unread_from_trace: bool,
}

impl<'a> RuleContext<'a> {
    /// Where the value at `path` was written, by the user or the chart defaults.
    pub(crate) fn origin(&self, path: &str) -> Option<crate::span::Origin> {
        self.values.lookup(path).map(|node| node.origin)
    }

    /// Where the user (not the chart defaults) wrote the value at `path`.
    pub(crate) fn user_origin(&self, path: &str) -> Option<crate::span::Origin> {
        self.origin(path)
            .filter(|origin| origin.source != crate::analysis::CHART_VALUES_SOURCE)
    }

    /// Prepare the context: walk the values along the schema.
    pub(crate) fn new(
        values: &'a Node,
        user: &'a Node,
        defaults: &'a Node,
        model: &'a Model,
        unread_from_trace: bool,
    ) -> Self {
        Self {
            values,
            user,
            defaults,
            model,
            visits: walk(values, defaults),
            unread_from_trace,
        }
    }
}

/// Run every rule.
pub(crate) fn check_all(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    const RULES: &[fn(&RuleContext<'_>, &mut Vec<Diagnostic>)] = &[
        invalid_release_name::check,
        legacy_grpc_route::check,
        passthrough_with_disabled_tls::check,
        null_section::check,
        printed_values::check,
        unknown_key::check,
        wrong_type::check,
        invalid_hostname::check,
        certificate_sans::check,
        resource_names::check,
        empty_gateway_class::check,
        gateway_namespace_ignored::check,
        route_on_implicit_gateway::check,
        gateway_without_routes::check,
        tls_route_without_hostnames::check,
        cross_namespace_gateway::check,
        passthrough_on_existing_gateway::check,
        name_truncated::check,
        https_listener::check,
        certificate_refs::check,
        backend_tls::check,
        grpc_route_without_listener::check,
    ];
    for rule in RULES {
        rule(ctx, diagnostics);
    }
}
