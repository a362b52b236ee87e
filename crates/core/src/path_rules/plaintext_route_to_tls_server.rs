//! XF005 plaintext-route-to-tls-server.
//!
//! ## What it does
//! Flags a rendered GRPCRoute to the OpenShell server's Service while the
//! server serves TLS (its configuration has a TLS section) and no
//! BackendTLSPolicy makes the Gateway speak TLS to that Service.
//!
//! ## Why is this bad?
//! The GRPCRoute makes the Gateway speak plaintext HTTP/2 (h2c) to the
//! Service, but the server expects a TLS handshake: every call fails.
//!
//! ## Fix
//! Re-encrypt (a BackendTLSPolicy on the Service), pass TLS through (a
//! TLSRoute or an OpenShift passthrough Route), or run the server in
//! plaintext behind a Gateway that terminates TLS.

use super::PathContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::rendered::RouteKind;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    if !matches!(rendered.server_tls(), Some(Some(_))) {
        return;
    }
    for route in rendered
        .routes
        .iter()
        .filter(|route| route.kind == RouteKind::Grpc)
    {
        let plaintext = route.backends.iter().find(|backend| {
            rendered.is_server(&backend.name)
                && rendered.policies_for(&backend.name).next().is_none()
        });
        let Some(service) = plaintext.map(|backend| &backend.name) else {
            continue;
        };
        let document = &rendered.documents[route.document];
        let place = ctx.place(&document.keys_of_document(ctx.trace));
        let tls_keys = ctx.server_tls_keys();
        let plaintext_server = match tls_keys.first() {
            Some(key) => format!("set {key}: true for a plaintext server"),
            None => "run the server in plaintext".to_owned(),
        };
        let diagnostic = Diagnostic::new(
            Code::PlaintextRouteToTlsServer,
            place.path,
            place.origin,
            format!(
                "the GRPCRoute `{}` sends plaintext HTTP/2 to the OpenShell server, which serves TLS, so the connection will fail",
                route.name
            ),
        )
        .with_help(format!(
            "re-encrypt with a BackendTLSPolicy on Service `{service}` (ingresslab's chart renders one from gatewayApi.routes.grpc.backendTls), pass TLS through with a TLSRoute or an OpenShift passthrough Route, or {plaintext_server}"
        ));
        diagnostics.push(ctx.relate(
            diagnostic,
            &tls_keys,
            "the server serves TLS because of this",
        ));
    }
}
