//! Rules over the keys of a chart with the `gatewayApi` tree (the PR 2108
//! revision and the embedded chart). One module per rule; the module name
//! says the pattern it flags. Codes live in [`crate::codes`].
//!
//! Two phases: [`check_values`] runs on the merged values before the render
//! (the rules that predict Helm's own failures are here, since they decide
//! whether there is a render at all), and [`check_rendered`] on what the
//! chart rendered: which Gateway, listeners and routes exist, what the
//! templates named them, which policy targets which Service. Nothing here
//! recomputes what the templates compute.
//!
//! To add a rule: add a [`Code`](crate::Code) in `codes.rs`, a module here
//! with a `check` function, list it in [`check_values`] or
//! [`check_rendered`], and add a fixture under `crates/core/tests/rules/`
//! with the exact diagnostics it must produce.

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
use crate::engine::trace::Trace;
use crate::keys::Key;
use crate::release::Release;
use crate::rendered::Rendered;
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
    /// The release the chart is rendered for.
    pub(crate) release: &'a Release,
    /// The merged values walked along the schema, once for all rules.
    pub(crate) visits: Vec<Visit<'a>>,
    /// The chart is rendered by its own templates, so which keys it ignores
    /// is known from what they read (`unread.rs`), not from the schema table.
    pub(crate) unread_from_trace: bool,
    /// What the chart rendered, and the render's trace (the second phase).
    pub(crate) rendered: Option<(&'a Rendered<'a>, &'a Trace)>,
}

impl<'a> RuleContext<'a> {
    /// The merged value at `key`.
    pub(crate) fn value(&self, key: Key) -> Option<&'a Node> {
        self.values.get(key)
    }

    /// Where the value at `key` was written, by the user or the chart defaults.
    pub(crate) fn origin(&self, key: Key) -> Option<crate::span::Origin> {
        self.value(key).map(|node| node.origin)
    }

    /// Where the user (not the chart defaults) wrote the value at `key`.
    pub(crate) fn user_origin(&self, key: Key) -> Option<crate::span::Origin> {
        self.origin(key)
            .filter(|origin| origin.source != crate::analysis::CHART_VALUES_SOURCE)
    }

    /// Whether the value at `key` is true as the templates test it.
    pub(crate) fn is_true(&self, key: Key) -> bool {
        crate::gotmpl::node_is_true(self.value(key))
    }

    /// The same context, with what the chart rendered.
    pub(crate) fn on_render<'b>(
        &'b self,
        rendered: &'b Rendered<'b>,
        trace: &'b Trace,
    ) -> RuleContext<'b> {
        RuleContext {
            values: self.values,
            user: self.user,
            defaults: self.defaults,
            release: self.release,
            visits: Vec::new(),
            unread_from_trace: self.unread_from_trace,
            rendered: Some((rendered, trace)),
        }
    }

    /// Prepare the context: walk the values along the schema.
    pub(crate) fn new(
        values: &'a Node,
        user: &'a Node,
        defaults: &'a Node,
        release: &'a Release,
        unread_from_trace: bool,
    ) -> Self {
        Self {
            values,
            user,
            defaults,
            release,
            visits: walk(values, defaults),
            unread_from_trace,
            rendered: None,
        }
    }
}

type Rule = fn(&RuleContext<'_>, &mut Vec<Diagnostic>);

/// Run the rules on the merged values, before the render.
pub(crate) fn check_values(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    const RULES: &[Rule] = &[
        invalid_release_name::check,
        legacy_grpc_route::check,
        passthrough_with_disabled_tls::check,
        null_section::check,
        printed_values::check,
        unknown_key::check,
        wrong_type::check,
        invalid_hostname::check,
        certificate_sans::check,
        empty_gateway_class::check,
        gateway_namespace_ignored::check,
        certificate_refs::check,
        resource_names::check,
    ];
    for rule in RULES {
        rule(ctx, diagnostics);
    }
}

/// Run the rules on what the chart rendered (`ctx.rendered` is set).
pub(crate) fn check_rendered(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    const RULES: &[Rule] = &[
        resource_names::check_rendered,
        route_on_implicit_gateway::check,
        gateway_without_routes::check,
        tls_route_without_hostnames::check,
        cross_namespace_gateway::check,
        passthrough_on_existing_gateway::check,
        name_truncated::check,
        https_listener::check,
        backend_tls::check,
        grpc_route_without_listener::check,
    ];
    for rule in RULES {
        rule(ctx, diagnostics);
    }
}
