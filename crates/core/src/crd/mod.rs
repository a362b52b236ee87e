//! Rendered manifests against the upstream Gateway API v1.6.1 CRDs: the
//! OpenAPI schema through a JSON Schema validator, the CEL rules through their
//! translations in [`cel`]. A violation is reported against the values key
//! that produced the field, so the user knows what to change.

mod cel;
mod openapi;

use serde_json::Value as Json;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};

use crate::engine::trace::Emitted;
use crate::render::ManifestKind;
use crate::rendered::Placed;
use crate::span::Origin;
use crate::values::Node;

use openapi::Schema;

/// The schema of `kind`: `crates/core/crd/gateway-api-v1.6.1/` (see its
/// PROVENANCE.md), made Rust statics by `build.rs`.
fn validator(kind: ManifestKind) -> Option<&'static Schema> {
    match kind {
        ManifestKind::Gateway => Some(&openapi::embedded::GATEWAY),
        ManifestKind::GrpcRoute => Some(&openapi::embedded::GRPC_ROUTE),
        ManifestKind::TlsRoute => Some(&openapi::embedded::TLS_ROUTE),
        ManifestKind::BackendTlsPolicy => Some(&openapi::embedded::BACKEND_TLS_POLICY),
        _ => None,
    }
}

/// Check the Gateway API documents of a chart rendered by the engine. A
/// finding is put at the values key the render printed into the field (or
/// the nearest enclosing one), found in the trace; without one it names the
/// document and the field.
pub(crate) fn check_traced(
    placed: &[Placed<'_>],
    emitted: &[Emitted],
    written: [&Node; 2],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let own_error_paths = own_error_paths(diagnostics);
    let mut reported = Vec::new();
    for document in placed {
        let name = &document.name;
        let (Some(json), Some(kind)) = (&document.json, document.gateway_api) else {
            continue;
        };
        for (code, kind, pointer, message) in violations(json, kind) {
            // Positions are read only for a document with something to place.
            let keys = document.keys_printed_at(&pointer, emitted);
            // The finding is about the value: point at it, where it was written.
            let places: Vec<(String, Option<Origin>)> = keys
                .iter()
                .map(|key| {
                    let [user, defaults] = written;
                    let value = user.at(key).or_else(|| defaults.at(key));
                    (key.to_string(), value.map(|node| node.origin))
                })
                .collect();
            let (path, origin) = places.first().cloned().unwrap_or_default();
            // ingresslab's own rules say the same with better help. A finding
            // no key can be named for adds little once they found errors.
            let own = if path.is_empty() {
                !own_error_paths.is_empty()
            } else {
                own_error_paths
                    .iter()
                    .any(|own| path.starts_with(own.as_str()) || own.starts_with(path.as_str()))
            };
            if own || reported.contains(&(code, path.clone(), pointer.clone())) {
                continue;
            }
            reported.push((code, path.clone(), pointer.clone()));
            let help = if path.is_empty() {
                "the API server will reject this manifest".to_owned()
            } else {
                format!("the API server will reject this manifest; the field comes from `{path}`")
            };
            let mut diagnostic = Diagnostic::new(
                code,
                path,
                origin,
                format!("the rendered {kind} `{name}` breaks the Gateway API v1.6.1 CRD at `{pointer}`: {message}"),
            )
            .with_help(help);
            for (path, origin) in places.into_iter().skip(1) {
                if let Some(origin) = origin {
                    diagnostic =
                        diagnostic.with_related(path, origin, "also printed into this field");
                }
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// Keys ingresslab's own rules already report as errors: their help is better.
fn own_error_paths(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error && !diagnostic.path.is_empty())
        .map(|diagnostic| diagnostic.path.clone())
        .collect()
}

/// Every schema and CEL violation of the manifests: code, kind, JSON pointer, message.
/// Every schema and CEL violation of one document: code, kind, JSON pointer, message.
fn violations(document: &Json, kind: ManifestKind) -> Vec<(Code, ManifestKind, String, String)> {
    let mut found = Vec::new();
    if let Some(validator) = validator(kind) {
        let mut failures = Vec::new();
        validator.validate(document, "", &mut failures);
        for (pointer, message) in failures {
            found.push((Code::CrdSchemaViolation, kind, pointer, message));
        }
    }
    for rule in cel::rules_for(kind) {
        for (pointer, message) in rule(document) {
            found.push((Code::CrdRuleViolation, kind, pointer, message.to_owned()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_pattern_compiles() {
        for kind in [
            ManifestKind::Gateway,
            ManifestKind::GrpcRoute,
            ManifestKind::TlsRoute,
            ManifestKind::BackendTlsPolicy,
        ] {
            let schema = validator(kind).expect("an embedded schema");
            assert_eq!(schema.pattern_errors(), Vec::<String>::new(), "{kind}");
        }
    }

    #[test]
    fn the_openapi_schema_is_enforced() {
        let validator = validator(ManifestKind::TlsRoute).expect("the TLSRoute schema");
        let missing_hostnames = serde_json::json!({
            "apiVersion": "gateway.networking.k8s.io/v1", "kind": "TLSRoute",
            "metadata": { "name": "x" },
            "spec": { "parentRefs": [{ "name": "gw" }], "rules": [{ "backendRefs": [{ "name": "svc", "port": 8080 }] }] }
        });
        let mut failures = Vec::new();
        validator.validate(&missing_hostnames, "", &mut failures);
        assert!(
            failures
                .iter()
                .any(|(pointer, _)| pointer == "/spec/hostnames"),
            "{failures:?}"
        );
    }
}
