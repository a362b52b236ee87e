//! XF004 sni-not-covered-by-server-sans.
//!
//! ## What it does
//! Flags an external hostname of a passthrough route (a TLSRoute's
//! `hostnames`, an OpenShift passthrough Route's `host`) that the server
//! certificate the chart issues does not cover. The certificate is the one
//! the server presents for that name: the external certificate for its
//! `external_server_names`, else the main one, with the names the rendered
//! cert-manager Certificate or certificate Job (`--server-san`) lists.
//! Wildcards follow RFC 6125: `*.a.b` covers `x.a.b`, not `a.b` nor `y.x.a.b`.
//!
//! ## Why is this bad?
//! With passthrough the client's TLS session ends at the server, so clients
//! check the server certificate against the SNI name and refuse the connection.
//!
//! ## Fix
//! Add the name to the list the certificate's names come from.

use super::PathContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::rendered::Issuer;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    for route in rendered.routes.iter().filter(|route| route.passthrough) {
        let document = &rendered.documents[route.document];
        for (hostname, pointer) in &route.hostnames {
            // Malformed names and IPs get their own diagnostics.
            if crate::formats::is_ip_address(hostname)
                || crate::formats::hostname_problem(hostname).is_some()
            {
                continue;
            }
            let Some(certificate) = rendered.serving_certificate(hostname) else {
                continue;
            };
            if certificate.covers(hostname) {
                continue;
            }
            let place = ctx.place(&document.keys_behind(pointer, ctx.trace));
            let names = rendered.documents[certificate.document]
                .lists_behind(&certificate.names_field, ctx.trace);
            let issued_by = match certificate.issuer {
                Issuer::CertManager => "the cert-manager Certificate",
                Issuer::Job => "the certificate Job",
            };
            let help = match names.first() {
                Some(list) => format!(
                    "add `{hostname}` to {list}; the certificate must be issued again for it to take effect"
                ),
                None => format!(
                    "add `{hostname}` to the names {issued_by} `{}` issues the server certificate for",
                    rendered.documents[certificate.document].name
                ),
            };
            let diagnostic = Diagnostic::new(
                Code::SniNotCoveredByServerSans,
                place.path,
                place.origin,
                format!(
                    "the server certificate does not cover `{hostname}`, so clients will reject the TLS connection"
                ),
            )
            .with_help(help);
            let note = format!(
                "the names of the server certificate ({issued_by} for Secret `{}`)",
                certificate.secret
            );
            diagnostics.push(ctx.relate(diagnostic, &names, &note));
        }
    }
}
