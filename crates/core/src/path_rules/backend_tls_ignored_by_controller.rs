//! XF021 backend-tls-ignored-by-controller.
//!
//! ## What it does
//! Flags a GRPCRoute to the OpenShell server whose Service a rendered
//! BackendTLSPolicy targets (terminate + re-encrypt), through a Gateway whose
//! controller does not re-encrypt gRPC: Cilium, Traefik up to v3.7 and
//! Contour ignore the policy for GRPCRoute backends; Istio applies it without
//! HTTP/2. See [`crate::controllers`] for the evidence.
//!
//! ## Why is this bad?
//! Every status reads Accepted, and every call fails: the server gets
//! plaintext HTTP/2 (or HTTP/1.1 inside TLS) on its TLS port.
//!
//! ## Fix
//! Pass TLS through with a TLSRoute, or run the Gateway on a controller that
//! re-encrypts gRPC.

use super::PathContext;
use crate::codes::Code;
use crate::controllers::{Controller, Reencryption};
use crate::diagnostic::Diagnostic;
use crate::rendered::RouteKind;

pub(crate) fn check(ctx: &PathContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let rendered = ctx.rendered;
    for (route, parents) in ctx.server_routes() {
        if route.kind != RouteKind::Grpc {
            continue;
        }
        let Some(policy) = route
            .backends
            .iter()
            .filter(|backend| rendered.is_server(&backend.name))
            .find_map(|backend| rendered.policies_for(&backend.name).next())
        else {
            continue;
        };
        for parent in parents {
            let Some(controller) = parent.controller else {
                continue;
            };
            let fact = controller.profile().backend_tls_on_grpc_route;
            let receives = match fact.value {
                Reencryption::Applied => continue,
                Reencryption::IgnoredForGrpcRoute => "plaintext HTTP/2 on its TLS port",
                Reencryption::WithoutHttp2 => "HTTP/1.1 inside TLS, where gRPC needs HTTP/2",
            };
            let place = ctx.place(&rendered.documents[policy.document].keys_of_document(ctx.trace));
            let working = Controller::names_where(|profile| {
                profile.backend_tls_on_grpc_route.value == Reencryption::Applied
            });
            let diagnostic = Diagnostic::new(
                Code::BackendTlsIgnoredByController,
                place.path,
                place.origin,
                format!(
                    "{} does not re-encrypt the GRPCRoute `{}` as the BackendTLSPolicy `{}` asks ({}): the OpenShell server receives {receives}, so every call fails",
                    controller.name(),
                    route.name,
                    policy.name,
                    fact.note
                ),
            )
            .with_help(format!(
                "pass TLS through to the server with a TLSRoute instead, or run the Gateway `{}` on a controller that re-encrypts gRPC ({}); see {}",
                parent.name,
                working,
                fact.evidence.join(" ")
            ));
            diagnostics.push(ctx.relate_class(diagnostic, &parent));
        }
    }
}
