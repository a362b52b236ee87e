//! XF023 tls-route-unsupported-by-controller.
//!
//! ## What it does
//! Flags a TLSRoute to the OpenShell server through a Gateway whose
//! controller does not read TLSRoute v1 (Contour reads v1alpha2 only) or
//! does not pass TLS through. See [`crate::controllers`] for the evidence.
//!
//! ## Why is this bad?
//! The controller never sees the route: the Gateway's passthrough listener
//! has no route, and no connection reaches the server.
//!
//! ## Fix
//! Run the Gateway on a controller that serves TLSRoute v1 with passthrough.

use super::PathContext;
use crate::codes::Code;
use crate::controllers::Controller;
use crate::diagnostic::Diagnostic;
use crate::rendered::RouteKind;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (route, parents) in ctx.server_routes() {
        if route.kind != RouteKind::Tls {
            continue;
        }
        for parent in parents {
            let Some(controller) = parent.controller else {
                continue;
            };
            let profile = controller.profile();
            let missing = [&profile.tls_route_v1, &profile.tls_passthrough]
                .into_iter()
                .find(|fact| !fact.value);
            let Some(fact) = missing else {
                continue;
            };
            let document = &ctx.rendered.documents[route.document];
            let place = ctx.place(&document.keys_of_document(ctx.trace));
            let working = Controller::names_where(|profile| {
                profile.tls_route_v1.value && profile.tls_passthrough.value
            });
            let diagnostic = Diagnostic::new(
                Code::TlsRouteUnsupportedByController,
                place.path,
                place.origin,
                format!(
                    "{} ({}) cannot serve the TLSRoute `{}` (gateway.networking.k8s.io/v1): it {}, so no connection reaches the server through it",
                    controller.name(),
                    profile.checked_release,
                    route.name,
                    fact.note
                ),
            )
            .with_help(format!(
                "run the Gateway `{}` on a controller that serves TLSRoute v1 with passthrough ({}); see {}",
                parent.name,
                working,
                fact.evidence.join(" ")
            ));
            diagnostics.push(ctx.relate_class(diagnostic, &parent));
        }
    }
}
