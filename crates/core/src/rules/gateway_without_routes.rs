//! XF003 gateway-without-routes.
//!
//! ## What it does
//! Notes a chart-created Gateway with no route enabled.
//!
//! ## Why is this bad?
//! The Gateway gets a load balancer but sends no traffic to OpenShell.
//!
//! ## Fix
//! Enable `gatewayApi.routes.grpc` or `gatewayApi.routes.tls`, unless other releases attach routes.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    if !rendered.creates_gateway() || rendered.gateway_routes().next().is_some() {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::GatewayWithoutRoutes,
            keys::GATEWAY_CREATE,
            ctx.origin(keys::GATEWAY_CREATE),
            "the chart creates a Gateway, but no route sends its traffic to OpenShell",
        )
        .with_help("enable gatewayApi.routes.grpc.enabled or gatewayApi.routes.tls.enabled"),
    );
}
