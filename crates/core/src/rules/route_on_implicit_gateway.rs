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

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    if model.gateway.create || node_is_true(ctx.values.lookup("gatewayApi.gateway.name")) {
        return;
    }
    for route in &model.routes {
        let path = format!("{}.enabled", route.kind.values_key());
        diagnostics.push(
            Diagnostic::new(
                Code::RouteOnImplicitGateway,
                path.clone(),
                ctx.origin(&path),
                format!(
                    "the {} attaches to a Gateway named `{}` in `{}`, which must already exist",
                    route.kind.kind(),
                    model.gateway.name,
                    model.gateway.namespace
                ),
            )
            .with_help("set gatewayApi.gateway.name and namespace to your Gateway, or gatewayApi.gateway.create: true"),
        );
    }
}
