//! CH002 passthrough-with-disabled-tls.
//!
//! ## What it does
//! Flags `gatewayApi.routes.tls.enabled` together with `server.disableTls`.
//!
//! ## Why is this bad?
//! TLS passthrough hands the client's encrypted stream to the OpenShell
//! server unchanged, so the server must speak TLS. The chart fails the render.
//!
//! ## Fix
//! Set `server.disableTls: false`, or use the GRPCRoute instead of the TLSRoute.
//!
//! Both keys get a diagnostic so each line is marked where it was written.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::model::RouteKind;

const ROUTE_KEY: &str = "gatewayApi.routes.tls.enabled";
const SERVER_KEY: &str = "server.disableTls";

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if ctx.model.route(RouteKind::Tls).is_none() || !ctx.model.server_tls_disabled {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::PassthroughWithDisabledTls,
            ROUTE_KEY,
            ctx.origin(ROUTE_KEY),
            format!("TLS passthrough forwards the encrypted connection to the server, but `{SERVER_KEY}` is true"),
        )
        .with_help(format!(
            "set `{SERVER_KEY}: false` so the server serves TLS, or disable the TLSRoute and use `gatewayApi.routes.grpc`"
        )),
    );
    diagnostics.push(
        Diagnostic::new(
            Code::PassthroughWithDisabledTls,
            SERVER_KEY,
            ctx.origin(SERVER_KEY),
            format!("the server serves plaintext, but `{ROUTE_KEY}` passes TLS through to it"),
        )
        .with_help(format!(
            "set `{SERVER_KEY}: false`, or set `{ROUTE_KEY}: false`"
        )),
    );
}
