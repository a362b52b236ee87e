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
mod backend_tls_ignored_by_controller;
mod backend_tls_to_plaintext_server;
mod controller_unknown;
mod grpc_streams_cut;
mod passthrough_to_plaintext_server;
mod plaintext_route_to_tls_server;
mod tls_route_unsupported_by_controller;
mod uncovered_hostname;

use std::rc::Rc;

use crate::controllers::Controller;
use crate::diagnostic::Diagnostic;
use crate::engine::trace::{KeyPath, Trace};
use crate::rendered::{Gateway, Rendered, Route};
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
    /// The release namespace (where unprinted namespaces are).
    pub(crate) namespace: &'a str,
    /// The controller the user named, whatever the GatewayClass says.
    pub(crate) controller: Option<Controller>,
}

/// A Gateway a route attaches to, and the controller that runs it.
pub(crate) struct Parent<'a> {
    /// The Gateway, when the chart renders it.
    pub(crate) gateway: Option<&'a Gateway>,
    /// `namespace/name`.
    pub(crate) name: String,
    /// Named by the user, or known from the GatewayClass.
    pub(crate) controller: Option<Controller>,
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

    /// The Gateways `route` attaches to, each with its controller.
    pub(crate) fn parents_of<'r>(&'r self, route: &Route) -> Vec<Parent<'r>> {
        route
            .parents
            .iter()
            .map(|parent| {
                let gateway = self
                    .rendered
                    .gateways
                    .iter()
                    .find(|gateway| parent.names(gateway, self.namespace));
                Parent {
                    gateway,
                    name: format!(
                        "{}/{}",
                        parent.namespace.as_deref().unwrap_or(self.namespace),
                        parent.name
                    ),
                    controller: self.controller.or_else(|| {
                        gateway.and_then(|gateway| Controller::from_class_name(&gateway.class_name))
                    }),
                }
            })
            .collect()
    }

    /// `diagnostic` with the Gateway's class as a related place: the value
    /// that named the controller a controller rule is about.
    pub(crate) fn relate_class(&self, diagnostic: Diagnostic, parent: &Parent<'_>) -> Diagnostic {
        self.relate(
            diagnostic,
            &self.class_keys(parent.gateway),
            "the Gateway's class, which names the controller",
        )
    }

    /// The keys behind a rendered Gateway's `gatewayClassName`.
    pub(crate) fn class_keys(&self, gateway: Option<&Gateway>) -> Vec<Rc<KeyPath>> {
        gateway
            .map(|gateway| {
                self.rendered.documents[gateway.document]
                    .keys_behind("/spec/gatewayClassName", self.trace)
            })
            .unwrap_or_default()
    }

    /// The routes to the OpenShell server through a Gateway, each with
    /// the Gateways it attaches to, one entry per controller.
    pub(crate) fn server_routes(&self) -> Vec<(&Route, Vec<Parent<'_>>)> {
        self.rendered
            .routes
            .iter()
            .filter(|route| !route.parents.is_empty())
            .filter(|route| {
                route
                    .backends
                    .iter()
                    .any(|backend| self.rendered.is_server(&backend.name))
            })
            .map(|route| {
                let mut parents = self.parents_of(route);
                let mut seen = Vec::new();
                parents.retain(|parent| match parent.controller {
                    Some(controller) if seen.contains(&controller) => false,
                    Some(controller) => {
                        seen.push(controller);
                        true
                    }
                    None => true,
                });
                (route, parents)
            })
            .collect()
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
        backend_tls_ignored_by_controller::check,
        grpc_streams_cut::check,
        tls_route_unsupported_by_controller::check,
        controller_unknown::check,
    ];
    for rule in RULES {
        rule(ctx, diagnostics);
    }
}
