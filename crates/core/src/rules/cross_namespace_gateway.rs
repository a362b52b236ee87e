//! XF007 cross-namespace-gateway.
//!
//! ## What it does
//! Notes routes attaching to an existing Gateway in another namespace.
//!
//! ## Why is this bad?
//! A listener accepts routes only from its own namespace unless its
//! `allowedRoutes.namespaces` says otherwise; no ReferenceGrant can change that.
//!
//! ## Fix
//! Make the Gateway's listeners allow the release namespace (`from: All`, or a `Selector` matching it).

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::keys;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    let release = &ctx.release.namespace;
    let Some((namespace, name)) = rendered.parent_gateway(release) else {
        return;
    };
    if rendered.creates_gateway() || namespace == *release {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::CrossNamespaceGateway,
            keys::GATEWAY_NAMESPACE,
            ctx.origin(keys::GATEWAY_NAMESPACE),
            format!(
                "the routes in `{}` attach to the Gateway `{}/{}`, whose listeners must allow routes from `{}`",
                release, namespace, name, release
            ),
        )
        .with_help("set allowedRoutes.namespaces.from: All (or a Selector matching this namespace) on the Gateway's listeners"),
    );
}
