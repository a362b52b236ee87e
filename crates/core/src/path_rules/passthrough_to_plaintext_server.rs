//! XF020 passthrough-to-plaintext-server.
//!
//! ## What it does
//! Flags a rendered route that passes the client's TLS through (a TLSRoute
//! on a Passthrough listener, an OpenShift Route with `termination:
//! passthrough`) to the OpenShell server's Service while the server's
//! rendered configuration serves plaintext.
//!
//! ## Why is this bad?
//! The client's TLS handshake reaches a server that does not speak TLS:
//! every connection fails. Both OpenShell chart revisions refuse these
//! values themselves; a chart that does not is caught here.
//!
//! ## Fix
//! Serve TLS on the server, or terminate at the Gateway with a GRPCRoute.

use super::PathContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    if !matches!(rendered.server_tls(), Some(None)) {
        return;
    }
    let plaintext_keys = ctx.server_plaintext_keys();
    for route in rendered.routes.iter().filter(|route| route.passthrough) {
        if !route
            .backends
            .iter()
            .any(|backend| rendered.is_server(&backend.name))
        {
            continue;
        }
        let document = &rendered.documents[route.document];
        let place = ctx.place(&document.keys_of_document(ctx.trace));
        let serve_tls = match plaintext_keys.first() {
            Some(key) => format!("set {key}: false so the server serves TLS"),
            None => "serve TLS on the server".to_owned(),
        };
        let diagnostic = Diagnostic::new(
            Code::PassthroughToPlaintextServer,
            place.path,
            place.origin,
            format!(
                "the {} `{}` passes the client's TLS through to the server, which serves plaintext, so every handshake fails",
                route.kind.as_str(),
                route.name
            ),
        )
        .with_help(format!(
            "{serve_tls}, or terminate TLS at the Gateway with a GRPCRoute instead"
        ));
        diagnostics.push(ctx.relate(
            diagnostic,
            &plaintext_keys,
            "the server serves plaintext because of this",
        ));
    }
}
