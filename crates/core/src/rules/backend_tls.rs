//! XF012 backend-tls-to-plaintext-server, XF013 backend-tls-without-grpc-route,
//! XF014 backend-tls-reaches-passthrough, XF017 backend-tls-hostname-not-covered,
//! XF018 backend-tls-with-mtls-server.
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
use crate::model::RouteKind;

const ENABLED: &str = "gatewayApi.routes.grpc.backendTls.enabled";
const HOSTNAME: &str = "gatewayApi.routes.grpc.backendTls.hostname";

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    if !model.backend_tls_requested {
        return;
    }
    if model.server_tls_disabled {
        diagnostics.push(
            Diagnostic::new(
                Code::BackendTlsToPlaintextServer,
                ENABLED,
                ctx.origin(ENABLED),
                "the Gateway re-encrypts to the server, but `server.disableTls` is true, so the server cannot answer TLS",
            )
            .with_help("set server.disableTls: false, or turn backendTls off for terminate + plaintext"),
        );
    }
    let Some(policy) = &model.backend_tls else {
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
    if model.route(RouteKind::Tls).is_some() {
        diagnostics.push(
            Diagnostic::new(
                Code::BackendTlsReachesPassthrough,
                ENABLED,
                ctx.origin(ENABLED),
                format!(
                    "the BackendTLSPolicy targets the Service `{}`, which the passthrough TLSRoute also uses",
                    model.fullname
                ),
            )
            .with_help(
                "the Gateway API applies BackendTLSPolicy only to terminated traffic, but Envoy Gateway applies it per Service and may wrap passthrough TLS in a second TLS session; use one TLS path, or verify with your controller",
            ),
        );
    }
    if let (Some(false), Some(key)) = (
        model.server_certificate.covers(&policy.hostname),
        model.server_certificate.dns_names_key(),
    ) {
        diagnostics.push(
            Diagnostic::new(
                Code::BackendTlsHostnameNotCovered,
                HOSTNAME,
                ctx.user_origin(HOSTNAME).or_else(|| ctx.origin(ENABLED)),
                format!(
                    "the server certificate does not cover `{}`, the SNI the Gateway sends, so re-encryption fails verification",
                    policy.hostname
                ),
            )
            .with_help(format!("add `{}` to {key}, or set backendTls.hostname to a name it covers", policy.hostname)),
        );
    }
    if model.mtls && !model.server_tls_disabled {
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
