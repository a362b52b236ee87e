//! XF004 sni-not-covered-by-server-sans.
//!
//! ## What it does
//! Flags a TLSRoute hostname that the OpenShell server certificate does not
//! cover, for the active PKI mode (the certificate Job's built-in SANs plus
//! `pkiInitJob.serverDnsNames`, or `certManager.serverDnsNames`). Wildcards
//! follow RFC 6125: `*.a.b` covers `x.a.b`, not `a.b` nor `y.x.a.b`.
//!
//! ## Why is this bad?
//! With passthrough the client's TLS session ends at the server, so clients
//! check the server certificate against the SNI name and refuse the connection.
//!
//! ## Fix
//! Add the name to the SAN list of the active PKI mode.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::RouteKind;
use crate::values::Value;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let certificate = &ctx.model.server_certificate;
    let Some(sans_key) = certificate.dns_names_key() else {
        return;
    };
    if ctx.model.route(RouteKind::Tls).is_none() {
        return;
    }
    let path = "gatewayApi.routes.tls.hostnames";
    let Some(Value::List(items)) = ctx.values.lookup(path).map(|node| &node.value) else {
        return;
    };
    for (idx, item) in items.iter().enumerate() {
        let Value::String(hostname) = &item.value else {
            continue;
        };
        // Malformed names and IPs get their own diagnostics.
        if crate::formats::is_ip_address(hostname)
            || crate::formats::hostname_problem(hostname).is_some()
            || certificate.covers(hostname) != Some(false)
        {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                Code::SniNotCoveredByServerSans,
                format!("{path}[{idx}]"),
                Some(item.origin),
                format!("the server certificate does not cover `{hostname}`, so clients will reject the TLS connection"),
            )
            .with_help(format!(
                "add `{hostname}` to {sans_key}; the certificate must be issued again for it to take effect"
            )),
        );
    }
}
