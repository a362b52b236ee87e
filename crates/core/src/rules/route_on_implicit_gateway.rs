//! XF002 route-on-implicit-gateway.
//!
//! ## What it does
//! Notes a route enabled while the chart creates no Gateway and
//! `gatewayApi.gateway.name` is empty.
//!
//! ## Why is this bad?
//! It is not wrong, but the route then attaches to a Gateway named after the
//! chart fullname, which must already exist; usually a name was meant.
//!
//! ## Fix
//! Set `gatewayApi.gateway.name` (and `namespace`) of the existing Gateway, or `create: true`.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::node_is_true;
use crate::keys;
use crate::rendered::RouteKind;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    if rendered.creates_gateway() || node_is_true(ctx.value(keys::GATEWAY_NAME)) {
        return;
    }
    for route in rendered.gateway_routes() {
        let Some(parent) = route.parents.first() else {
            continue;
        };
        let path = match route.kind {
            RouteKind::Tls => keys::TLS_ENABLED,
            _ => keys::GRPC_ENABLED,
        };
        diagnostics.push(
            Diagnostic::new(
                Code::RouteOnImplicitGateway,
                path,
                ctx.origin(path),
                format!(
                    "the {} attaches to a Gateway named `{}` in `{}`, which must already exist",
                    route.kind.as_str(),
                    parent.name,
                    parent.namespace.as_deref().unwrap_or(&ctx.release.namespace)
                ),
            )
            .with_help("set gatewayApi.gateway.name and namespace to your Gateway, or gatewayApi.gateway.create: true"),
        );
    }
}
