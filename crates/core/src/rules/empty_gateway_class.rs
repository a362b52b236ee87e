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

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let class_name = ctx
        .values
        .lookup("gatewayApi.gateway.className")
        .map(|node| &node.value);
    let named = class_name.is_some_and(|name| is_true(name) && !print(name).trim().is_empty());
    if !ctx.is_true("gatewayApi.gateway.create") || named {
        return;
    }
    let origin = ctx
        .origin("gatewayApi.gateway.className")
        .or_else(|| ctx.origin("gatewayApi.gateway.create"));
    diagnostics.push(
        Diagnostic::new(
            Code::EmptyGatewayClass,
            "gatewayApi.gateway.className",
            origin,
            "the chart creates a Gateway but `gatewayApi.gateway.className` is empty",
        )
        .with_help("set it to an installed GatewayClass, such as `eg` for Envoy Gateway"),
    );
}
