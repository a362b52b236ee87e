//! XF015 grpc-route-without-listener.
//!
//! ## What it does
//! Flags a chart-created Gateway with both the HTTP and the HTTPS listener
//! disabled while the GRPCRoute is enabled.
//!
//! ## Why is this bad?
//! A GRPCRoute attaches only to HTTP or HTTPS listeners; with neither, it is
//! not accepted and no gRPC traffic reaches OpenShell.
//!
//! ## Fix
//! Enable `gatewayApi.gateway.https` (or `http` for development).

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::rendered::RouteKind;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    let has_http_listener = rendered
        .gateways
        .iter()
        .flat_map(|gateway| &gateway.listeners)
        .any(|listener| listener.carries(RouteKind::Grpc));
    if !rendered.creates_gateway() || rendered.route(RouteKind::Grpc).is_none() || has_http_listener
    {
        return;
    }
    let path = keys::HTTP_ENABLED;
    diagnostics.push(
        Diagnostic::new(
            Code::GrpcRouteWithoutListener,
            path,
            ctx.user_origin(path)
                .or_else(|| ctx.user_origin(keys::GRPC_ENABLED)),
            "the GRPCRoute has no listener to attach to: the created Gateway has neither HTTP nor HTTPS",
        )
        .with_help("enable gatewayApi.gateway.https (with certificateRefs), or gatewayApi.gateway.http for development"),
    );
}
