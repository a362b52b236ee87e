//! XF013 backend-tls-without-grpc-route, XF014 backend-tls-reaches-passthrough,
//! XF018 backend-tls-with-mtls-server (the rendered policy's own checks,
//! XF012 and XF017, read the render: see `path_rules`).
//!
//! ## What it does
//! Checks the re-encryption hop (`gatewayApi.routes.grpc.backendTls`).
//!
//! ## Why is this bad?
//! Re-encrypting to a plaintext server fails every call; without the GRPCRoute
//! nothing uses the policy; the policy targets the Service, which the
//! passthrough TLSRoute also reaches (the Gateway API limits BackendTLSPolicy to
//! terminated traffic, but Envoy Gateway applies it per Service, which would
//! wrap the client's TLS in a second TLS session); an SNI the server certificate
//! does not cover fails verification; and a server that requires client
//! certificates refuses a Gateway that presents none.
//!
//! ## Fix
//! Serve TLS on the server, enable the GRPCRoute, keep passthrough and
//! re-encryption apart, list the SNI in the server SANs, turn mTLS off
//! (`server.tls.clientCaSecretName: ""`) and authenticate with OIDC.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys::{self, Key};
use crate::rendered::RouteKind;

const ENABLED: Key = keys::BACKEND_TLS_ENABLED;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    if !ctx.is_true(ENABLED) {
        return;
    }
    let Some(policy) = rendered.backend_tls.first() else {
        diagnostics.push(
            Diagnostic::new(
                Code::BackendTlsWithoutGrpcRoute,
                ENABLED,
                ctx.origin(ENABLED),
                "backendTls only applies to the GRPCRoute, which is disabled, so no BackendTLSPolicy is rendered",
            )
            .with_help("enable gatewayApi.routes.grpc, or remove backendTls"),
        );
        return;
    };
    if rendered.route(RouteKind::Tls).is_some() {
        diagnostics.push(
            Diagnostic::new(
                Code::BackendTlsReachesPassthrough,
                ENABLED,
                ctx.origin(ENABLED),
                format!(
                    "the BackendTLSPolicy targets the Service `{}`, which the passthrough TLSRoute also uses",
                    policy.targets.first().map_or("", String::as_str)
                ),
            )
            .with_help(
                "the Gateway API applies BackendTLSPolicy only to terminated traffic, but Envoy Gateway applies it per Service and may wrap passthrough TLS in a second TLS session; use one TLS path, or verify with your controller",
            ),
        );
    }
    if matches!(rendered.server_tls(), Some(Some(tls)) if tls.client_ca) {
        diagnostics.push(
            Diagnostic::new(
                Code::BackendTlsWithMtlsServer,
                ENABLED,
                ctx.origin(ENABLED),
                "the server requires client certificates (server.tls.clientCaSecretName), but the re-encrypting Gateway presents none",
            )
            .with_help(
                "set server.tls.clientCaSecretName: \"\" and authenticate with OIDC, or give the Gateway a backend client certificate (Gateway spec.tls.backend)",
            ),
        );
    }
}
