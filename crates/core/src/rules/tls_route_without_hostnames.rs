//! XF006 tls-route-without-hostnames.
//!
//! ## What it does
//! Flags an enabled TLSRoute whose `hostnames` list is empty. The chart's own
//! default does this, and its comment says an empty list matches every host.
//!
//! ## Why is this bad?
//! `spec.hostnames` is required (1 to 1024 entries) in the TLSRoute v1 schema
//! the chart renders, so the API server rejects the TLSRoute.
//!
//! ## Fix
//! List the SNI names clients will use; the server certificate must cover them.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::rendered::{Issuer, RouteKind};

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    let Some(route) = rendered.route(RouteKind::Tls) else {
        return;
    };
    if !route.hostnames.is_empty() {
        return;
    }
    let hostnames = keys::TLS_HOSTNAMES;
    let origin = ctx
        .user_origin(hostnames)
        .or_else(|| ctx.user_origin(keys::TLS_ENABLED))
        .or_else(|| ctx.origin(hostnames));
    // The key this chart takes the certificate's extra names from.
    let names_key = rendered
        .certificates
        .first()
        .map(|certificate| match certificate.issuer {
            Issuer::Job => keys::PKI_SERVER_DNS_NAMES,
            Issuer::CertManager => keys::CERT_MANAGER_SERVER_DNS_NAMES,
        });
    let names = names_key.map_or_else(String::new, |key| {
        format!(" and add them to {key} so the server certificate covers them")
    });
    diagnostics.push(
        Diagnostic::new(
            Code::TlsRouteWithoutHostnames,
            hostnames,
            origin,
            "the TLSRoute has no hostnames; the TLSRoute v1 schema requires 1 to 1024, so the API server rejects it",
        )
        .with_help(format!("list the SNI names clients will use in {hostnames}{names}")),
    );
}
