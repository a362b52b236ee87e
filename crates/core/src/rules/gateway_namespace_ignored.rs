//! XF001 gateway-namespace-ignored.
//!
//! ## What it does
//! Flags `gatewayApi.gateway.namespace` set while `gatewayApi.gateway.create` is true.
//!
//! ## Why is this bad?
//! A chart-created Gateway always lives in the release namespace; the value
//! is ignored, so the Gateway is not where the user expects it.
//!
//! ## Fix
//! Remove `gatewayApi.gateway.namespace`, or install the release into that namespace.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::{node_is_true, print};
use crate::keys;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(node) = ctx.value(keys::GATEWAY_NAMESPACE) else {
        return;
    };
    if !ctx.is_true(keys::GATEWAY_CREATE) || !node_is_true(Some(node)) {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::GatewayNamespaceIgnored,
            keys::GATEWAY_NAMESPACE,
            Some(node.origin),
            format!(
                "the chart creates the Gateway in the release namespace `{}`; the namespace `{}` is ignored",
                ctx.release.namespace,
                print(&node.value)
            ),
        )
        .with_help("remove gatewayApi.gateway.namespace, or set gatewayApi.gateway.create: false to use an existing Gateway there"),
    );
}
