//! XF008 passthrough-on-existing-gateway.
//!
//! ## What it does
//! Notes a TLSRoute attached to a Gateway the chart does not create.
//!
//! ## Why is this bad?
//! The chart adds the TLS Passthrough listener only to a Gateway it creates;
//! an existing Gateway needs a `protocol: TLS`, `tls.mode: Passthrough`
//! listener, or the TLSRoute is not accepted.
//!
//! ## Fix
//! Add such a listener to the existing Gateway, or let the chart create it.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;
use crate::rendered::RouteKind;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    if rendered.creates_gateway() || rendered.route(RouteKind::Tls).is_none() {
        return;
    }
    let Some((namespace, name)) = rendered.parent_gateway(&ctx.release.namespace) else {
        return;
    };
    let path = keys::TLS_ENABLED;
    diagnostics.push(
        Diagnostic::new(
            Code::PassthroughOnExistingGateway,
            path,
            ctx.origin(path),
            format!(
                "the TLSRoute needs a TLS listener in Passthrough mode on the existing Gateway `{}/{}`",
                namespace, name
            ),
        )
        .with_help("add a listener with protocol: TLS and tls.mode: Passthrough to that Gateway"),
    );
}
