//! CH001 legacy-grpc-route.
//!
//! ## What it does
//! Flags any top-level `grpcRoute` key, even `grpcRoute: {}` or `grpcRoute: null`.
//!
//! ## Why is this bad?
//! The chart renamed these values to `gatewayApi` and fails the whole render
//! when the old key is present, so old values never silently do nothing.
//!
//! ## Fix
//! Move `grpcRoute.gateway.*` to `gatewayApi.gateway.*` and
//! `grpcRoute.enabled/hostnames` to `gatewayApi.routes.grpc.*`, or run
//! `ingresslab migrate`.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let (_, name) = keys::LEGACY_GRPC_ROUTE.split_last();
    let Some(entry) = ctx.values.as_map().and_then(|map| map.entry(name)) else {
        return;
    };
    diagnostics.push(
        Diagnostic::new(
            Code::LegacyGrpcRoute,
            keys::LEGACY_GRPC_ROUTE,
            Some(entry.key_origin),
            "the chart no longer accepts `grpcRoute` and refuses to render while the key is present",
        )
        .with_help(
            "move Gateway creation (grpcRoute.gateway.create/className/name/namespace) to `gatewayApi.gateway`, \
             and grpcRoute.enabled/hostnames to `gatewayApi.routes.grpc`; \
             `ingresslab migrate -f FILE` rewrites the file for you. Remove `grpcRoute` entirely, even an empty one",
        ),
    );
}
