//! VA009 empty-gateway-class.
//!
//! ## What it does
//! Flags a chart-created Gateway whose `gatewayClassName` is empty.
//!
//! ## Why is this bad?
//! `spec.gatewayClassName` is required; the API server rejects the Gateway.
//!
//! ## Fix
//! Set `gatewayApi.gateway.className` to an installed GatewayClass (Envoy Gateway installs `eg`).

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::{is_true, print};
use crate::keys;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let class_name = ctx.value(keys::GATEWAY_CLASS_NAME).map(|node| &node.value);
    let named = class_name.is_some_and(|name| is_true(name) && !print(name).trim().is_empty());
    if !ctx.is_true(keys::GATEWAY_CREATE) || named {
        return;
    }
    let origin = ctx
        .origin(keys::GATEWAY_CLASS_NAME)
        .or_else(|| ctx.origin(keys::GATEWAY_CREATE));
    diagnostics.push(
        Diagnostic::new(
            Code::EmptyGatewayClass,
            keys::GATEWAY_CLASS_NAME,
            origin,
            "the chart creates a Gateway but `gatewayApi.gateway.className` is empty",
        )
        .with_help("set it to an installed GatewayClass, such as `eg` for Envoy Gateway"),
    );
}
