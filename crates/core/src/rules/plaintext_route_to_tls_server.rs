//! XF005 plaintext-route-to-tls-server.
//!
//! ## What it does
//! Flags the GRPCRoute without `backendTls` while the OpenShell server serves
//! TLS (`server.disableTls: false`).
//!
//! ## Why is this bad?
//! The GRPCRoute makes the Gateway speak plaintext HTTP/2 (h2c) to the
//! Service, but the server expects a TLS handshake: every call fails.
//!
//! ## Fix
//! Use TLS passthrough (`gatewayApi.routes.tls`), or run the server in plaintext
//! (`server.disableTls: true`) behind a Gateway that terminates TLS.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::RouteKind;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if ctx.model.route(RouteKind::Grpc).is_none()
        || ctx.model.server_tls_disabled
        || ctx.model.backend_tls.is_some()
    {
        return;
    }
    let path = "gatewayApi.routes.grpc.enabled";
    diagnostics.push(
        Diagnostic::new(
            Code::PlaintextRouteToTlsServer,
            path,
            ctx.origin(path),
            "the GRPCRoute sends plaintext HTTP/2 to the OpenShell server, which serves TLS, so the connection will fail",
        )
        .with_help("re-encrypt with gatewayApi.routes.grpc.backendTls.enabled: true, use gatewayApi.routes.tls (passthrough), or set server.disableTls: true for a plaintext server"),
    );
}
