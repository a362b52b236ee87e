//! XF017 backend-tls-hostname-not-covered.
//!
//! ## What it does
//! Flags a rendered BackendTLSPolicy whose `validation.hostname` (the SNI
//! the Gateway sends, and the name it verifies) the certificate the server
//! presents for that name does not cover.
//!
//! ## Why is this bad?
//! The Gateway refuses the server's certificate: every call fails.
//!
//! ## Fix
//! Send a name the certificate covers, or add the name to its list.

use super::PathContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    for policy in &rendered.backend_tls {
        let Some(hostname) = &policy.hostname else {
            continue;
        };
        if !policy
            .targets
            .iter()
            .any(|service| rendered.is_server(service))
        {
            continue;
        }
        let Some(certificate) = rendered.serving_certificate(hostname) else {
            continue;
        };
        if certificate.covers(hostname) {
            continue;
        }
        let document = &rendered.documents[policy.document];
        let place = ctx.place(&document.keys_behind("/spec/validation/hostname", ctx.trace));
        let names = rendered.documents[certificate.document]
            .lists_behind(&certificate.names_field, ctx.trace);
        let add = match names.first() {
            Some(list) => format!("add `{hostname}` to {list}"),
            None => format!("add `{hostname}` to the server certificate's names"),
        };
        let diagnostic = Diagnostic::new(
            Code::BackendTlsHostnameNotCovered,
            place.path,
            place.origin,
            format!(
                "the server certificate does not cover `{hostname}`, the SNI the Gateway sends, so re-encryption fails verification"
            ),
        )
        .with_help(format!("{add}, or send a name it covers"));
        diagnostics.push(ctx.relate(
            diagnostic,
            &names,
            &format!(
                "the names of the server certificate (Secret `{}`)",
                certificate.secret
            ),
        ));
    }
}
