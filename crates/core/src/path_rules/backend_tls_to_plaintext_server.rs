//! XF012 backend-tls-to-plaintext-server.
//!
//! ## What it does
//! Flags a rendered BackendTLSPolicy on the OpenShell server's Service
//! while the server serves plaintext (its configuration has no TLS section).
//!
//! ## Why is this bad?
//! The Gateway opens a TLS session the server cannot answer: every call fails.
//!
//! ## Fix
//! Serve TLS on the server, or drop the policy for terminate + plaintext.

use super::PathContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    if !matches!(rendered.server_tls(), Some(None)) {
        return;
    }
    for policy in &rendered.backend_tls {
        if !policy
            .targets
            .iter()
            .any(|service| rendered.is_server(service))
        {
            continue;
        }
        let document = &rendered.documents[policy.document];
        let place = ctx.place(&document.keys_of_document(ctx.trace));
        let plaintext_keys = ctx.server_plaintext_keys();
        let serve_tls = match plaintext_keys.first() {
            Some(key) => format!("set {key}: false"),
            None => "serve TLS on the server".to_owned(),
        };
        let diagnostic = Diagnostic::new(
            Code::BackendTlsToPlaintextServer,
            place.path,
            place.origin,
            format!(
                "the BackendTLSPolicy `{}` makes the Gateway re-encrypt to the server, which serves plaintext, so it cannot answer TLS",
                policy.name
            ),
        )
        .with_help(format!("{serve_tls}, or turn the policy off for terminate + plaintext"));
        diagnostics.push(ctx.relate(
            diagnostic,
            &plaintext_keys,
            "the server serves plaintext because of this",
        ));
    }
}
