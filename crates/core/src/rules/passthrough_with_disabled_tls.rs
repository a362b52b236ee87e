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
//! One diagnostic marks both keys where they were written.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys::{self, Key};

const ROUTE_KEY: Key = keys::TLS_ENABLED;
const SERVER_KEY: Key = keys::SERVER_DISABLE_TLS;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if !ctx.is_true(ROUTE_KEY) || !ctx.is_true(SERVER_KEY) {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Code::PassthroughWithDisabledTls,
        ROUTE_KEY,
        ctx.origin(ROUTE_KEY),
        format!("TLS passthrough forwards the encrypted connection to the server, but `{SERVER_KEY}` is true"),
    )
    .with_help(format!(
        "set `{SERVER_KEY}: false` so the server serves TLS, or disable the TLSRoute and use `gatewayApi.routes.grpc`"
    ));
    if let Some(origin) = ctx.origin(SERVER_KEY) {
        diagnostic = diagnostic.with_related(SERVER_KEY, origin, "the server serves plaintext");
    }
    diagnostics.push(diagnostic);
}
