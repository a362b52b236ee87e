//! XF022 grpc-streams-cut.
//!
//! ## What it does
//! Flags a GRPCRoute to the OpenShell server through a Gateway whose
//! controller ends every stream after a fixed time: Envoy Gateway's 15 s
//! route timeout (unless a rendered BackendTrafficPolicy sets the route's
//! `requestTimeout`), Traefik's 60 s entry point read timeout, Contour's
//! 15 s. Passthrough is not flagged: TLS is proxied at L4, with no request
//! timeout. See [`crate::controllers`] for the evidence.
//!
//! ## Why is this bad?
//! OpenShell's exec, log, port-forward, watch and supervisor calls are
//! streams that last minutes to hours; they end mid-session.
//!
//! ## Fix
//! Lift the limit: a BackendTrafficPolicy for Envoy Gateway (ingresslab's
//! chart renders one), the controller's own setting otherwise.

use super::PathContext;
use crate::codes::Code;
use crate::controllers::{Controller, OPENSHELL_STREAMS, StreamLimit};
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::rendered::{Route, RouteKind};

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    for (route, parents) in ctx.server_routes() {
        if route.kind != RouteKind::Grpc {
            continue;
        }
        for parent in parents {
            let Some(controller) = parent.controller else {
                continue;
            };
            let gateway = parent.gateway.map(|gateway| gateway.name.as_str());
            let Some(StreamLimit::Cut { after, setting }) =
                rendered.grpc_stream_limit(controller, route, gateway)
            else {
                continue;
            };
            let fact = controller.profile().grpc_stream_limit;
            let place = ctx.place(&rendered.documents[route.document].keys_of_document(ctx.trace));
            let help = match controller {
                Controller::EnvoyGateway => lift_for_envoy(ctx, route),
                _ => format!("{}; see {}", fact.note, fact.evidence.join(" ")),
            };
            let diagnostic = Diagnostic::new(
                Code::GrpcStreamsCut,
                place.path,
                place.origin,
                format!(
                    "{} ends every stream of the GRPCRoute `{}` after {after} ({setting}): OpenShell's long-lived calls ({}) are cut mid-session",
                    controller.name(),
                    route.name,
                    OPENSHELL_STREAMS.join(", ")
                ),
            )
            .with_help(help);
            diagnostics.push(ctx.relate_class(diagnostic, &parent));
        }
    }
}

/// How to lift Envoy Gateway's route timeout: the chart's own switch when it
/// has one, else the policy to apply by hand.
fn lift_for_envoy(ctx: &PathContext<'_>, route: &Route) -> String {
    let renders_policy = ctx.defaults.get(keys::STREAM_TIMEOUTS).is_some();
    let enabled = [ctx.user, ctx.defaults]
        .iter()
        .find_map(|tree| tree.get(keys::STREAM_TIMEOUTS_ENABLED))
        .is_none_or(|node| crate::gotmpl::node_is_true(Some(node)));
    match (renders_policy, enabled) {
        (true, false) => format!(
            "set {}: true; the chart then renders a BackendTrafficPolicy that lifts the timeout for this route",
            keys::STREAM_TIMEOUTS_ENABLED
        ),
        (true, true) => format!(
            "set {}: true; the chart renders the BackendTrafficPolicy that lifts the timeout by itself only for a Gateway of class `eg` it creates",
            keys::STREAM_TIMEOUTS_ALWAYS
        ),
        (false, _) => format!(
            "this chart cannot render the policy that lifts it: apply this Envoy Gateway BackendTrafficPolicy beside the release\n\n{}",
            envoy_policy(&route.name, ctx.namespace)
        ),
    }
}

/// The BackendTrafficPolicy that lifts Envoy Gateway's route timeout for a GRPCRoute.
pub(crate) fn envoy_policy(route: &str, namespace: &str) -> String {
    format!(
        "apiVersion: gateway.envoyproxy.io/v1alpha1
kind: BackendTrafficPolicy
metadata:
  name: {route}
  namespace: {namespace}
spec:
  targetRefs:
    - group: gateway.networking.k8s.io
      kind: GRPCRoute
      name: {route}
  timeout:
    http:
      requestTimeout: 0s
      maxStreamDuration: 0s
"
    )
}
