//! Rendered manifests against the upstream Gateway API v1.6.1 CRDs: the
//! OpenAPI schema through a JSON Schema validator, the CEL rules through their
//! translations in [`cel`]. A violation is reported against the values key
//! that produced the field, so the user knows what to change.

mod cel;
mod openapi;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Model, RouteKind};
use crate::render::Manifest;
use crate::span::{Origin, SourceId};
use crate::values::{Node, Value, parse_document};

use openapi::Schema;

/// Embedded schemas, by kind: `crates/core/crd/gateway-api-v1.6.1/` (see its
/// PROVENANCE.md) with descriptions stripped by `build.rs`.
const SCHEMAS: &[(&str, &str)] = &[
    (
        "Gateway",
        include_str!(concat!(env!("OUT_DIR"), "/Gateway.json")),
    ),
    (
        "GRPCRoute",
        include_str!(concat!(env!("OUT_DIR"), "/GRPCRoute.json")),
    ),
    (
        "TLSRoute",
        include_str!(concat!(env!("OUT_DIR"), "/TLSRoute.json")),
    ),
    (
        "BackendTLSPolicy",
        include_str!(concat!(env!("OUT_DIR"), "/BackendTLSPolicy.json")),
    ),
];

fn validators() -> &'static HashMap<&'static str, Schema> {
    static VALIDATORS: OnceLock<HashMap<&'static str, Schema>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        SCHEMAS
            .iter()
            .filter_map(|(kind, text)| {
                let schema: Json = serde_json::from_str(text).ok()?;
                Some((*kind, Schema::compile(&schema).ok()?))
            })
            .collect()
    })
}

/// Check every manifest; push one diagnostic per violation not already
/// reported by ingresslab's own rules on the same key.
pub(crate) fn check(
    manifests: &[Manifest],
    model: &Model,
    values: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let found = violations(manifests);
    report(found, model, values, diagnostics);
}

/// Check the Gateway API documents of a chart rendered by the engine: each
/// finding names the document and the field (the values key comes from the
/// render's trace in a later step).
pub(crate) fn check_unmapped(manifests: &[Manifest], diagnostics: &mut Vec<Diagnostic>) {
    for manifest in manifests {
        let name = &manifest.name;
        for (code, kind, pointer, message) in violations(std::slice::from_ref(manifest)) {
            diagnostics.push(
                Diagnostic::new(code, "", None, format!("the rendered {kind} `{name}` breaks the Gateway API v1.6.1 CRD at `{pointer}`: {message}"))
                    .with_help("the API server will reject this manifest"),
            );
        }
    }
}

/// Every schema and CEL violation of the manifests: code, kind, JSON pointer, message.
fn violations(manifests: &[Manifest]) -> Vec<(Code, &'static str, String, String)> {
    let mut found = Vec::new();
    for manifest in manifests {
        let mut ignored = Vec::new();
        let Some(node) = parse_document(&manifest.yaml, SourceId(u32::MAX), &mut ignored) else {
            continue;
        };
        let document = node.value.to_json();
        if let Some(validator) = validators().get(manifest.kind) {
            let mut failures = Vec::new();
            validator.validate(&document, "", &mut failures);
            for (pointer, message) in failures {
                found.push((Code::CrdSchemaViolation, manifest.kind, pointer, message));
            }
        }
        for rule in cel::rules_for(manifest.kind) {
            for (pointer, message) in rule(&document) {
                found.push((
                    Code::CrdRuleViolation,
                    manifest.kind,
                    pointer,
                    message.to_owned(),
                ));
            }
        }
    }
    found
}

fn report(
    found: Vec<(Code, &'static str, String, String)>,
    model: &Model,
    values: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // ingresslab's own rules say the same thing with better help; keep theirs.
    let own_error_paths: Vec<String> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error && !diagnostic.path.is_empty())
        .map(|diagnostic| diagnostic.path.clone())
        .collect();
    let mut reported = Vec::new();
    for (code, kind, pointer, message) in found {
        let (path, origin) = values_key(kind, &pointer, model, values);
        if own_error_paths
            .iter()
            .any(|own| path.starts_with(own.as_str()))
            || reported.contains(&(code, path.clone()))
        {
            continue;
        }
        reported.push((code, path.clone()));
        diagnostics.push(
            Diagnostic::new(code, path, origin, format!("the rendered {kind} breaks the Gateway API v1.6.1 CRD at `{pointer}`: {message}"))
                .with_help("the API server will reject this manifest; change the values key named here"),
        );
    }
}

/// The values key behind a field of a rendered document, and where it was written.
fn values_key(kind: &str, pointer: &str, model: &Model, values: &Node) -> (String, Option<Origin>) {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let route_key = match kind {
        "GRPCRoute" => Some(RouteKind::Grpc.values_key()),
        "TLSRoute" => Some(RouteKind::Tls.values_key()),
        _ => None,
    };
    let name_key = if values
        .lookup("fullnameOverride")
        .is_some_and(|node| crate::gotmpl::is_true(&node.value))
    {
        "fullnameOverride"
    } else {
        "nameOverride"
    };
    let listener_name = |index: &str| {
        index
            .parse::<usize>()
            .ok()
            .and_then(|index| model.gateway.listeners.get(index))
            .map(|listener| listener.name)
    };
    let https = "gatewayApi.gateway.https";
    let backend_tls = "gatewayApi.routes.grpc.backendTls";
    let path = match (kind, parts.as_slice()) {
        ("Gateway", ["spec", "gatewayClassName", ..]) => "gatewayApi.gateway.className".to_owned(),
        ("Gateway", ["metadata", "name", ..]) if model.gateway.name != model.fullname => {
            "gatewayApi.gateway.name".to_owned()
        }
        ("Gateway", ["spec", "listeners"]) => "gatewayApi.gateway.http.enabled".to_owned(),
        ("Gateway", ["spec", "listeners", index, rest @ ..])
            if listener_name(index) == Some("https") =>
        {
            match rest {
                ["port", ..] => format!("{https}.port"),
                ["tls", "certificateRefs", entry, field, ..] => {
                    format!("{https}.certificateRefs[{entry}].{field}")
                }
                ["tls", "certificateRefs", entry] => format!("{https}.certificateRefs[{entry}]"),
                ["tls", ..] => format!("{https}.certificateRefs"),
                _ => format!("{https}.enabled"),
            }
        }
        ("Gateway", ["spec", "listeners", ..]) => "gatewayApi.gateway.create".to_owned(),
        ("BackendTLSPolicy", ["spec", "validation", "hostname", ..]) => {
            format!("{backend_tls}.hostname")
        }
        ("BackendTLSPolicy", ["spec", "validation", "caCertificateRefs", entry, field, ..]) => {
            format!("{backend_tls}.caCertificateRefs[{entry}].{field}")
        }
        ("BackendTLSPolicy", ["spec", "validation", ..]) => {
            format!("{backend_tls}.caCertificateRefs")
        }
        ("BackendTLSPolicy", ["metadata", ..] | ["spec", "targetRefs", ..]) => name_key.to_owned(),
        ("BackendTLSPolicy", _) => format!("{backend_tls}.enabled"),
        (_, ["metadata", "name", ..]) => name_key.to_owned(),
        (_, ["spec", "parentRefs", _, "name", ..]) => "gatewayApi.gateway.name".to_owned(),
        (_, ["spec", "parentRefs", _, "namespace", ..]) => {
            "gatewayApi.gateway.namespace".to_owned()
        }
        (_, ["spec", "hostnames", index, ..]) => {
            format!("{}.hostnames[{index}]", route_key.unwrap_or_default())
        }
        (_, ["spec", "hostnames"]) => format!("{}.hostnames", route_key.unwrap_or_default()),
        (
            _,
            ["spec", "rules", _, "backendRefs", _, "port", ..]
            | ["spec", "rules", _, "backendRefs", _],
        ) => "service.port".to_owned(),
        _ => route_key.map_or_else(
            || "gatewayApi.gateway.create".to_owned(),
            |key| format!("{key}.enabled"),
        ),
    };
    let origin = lookup_indexed(values, &path).map(|node| node.origin);
    (path, origin)
}

/// Look up `a.b[2].c`.
fn lookup_indexed<'a>(values: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = values;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((key, index)) => (key, index.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        node = node.as_map()?.get(key)?;
        if let Some(index) = index {
            node = match &node.value {
                Value::List(items) => items.get(index)?,
                _ => return None,
            };
        }
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_schema_compiles_without_descriptions() {
        for (kind, text) in SCHEMAS {
            let schema: Json = serde_json::from_str(text).unwrap();
            if let Err(error) = Schema::compile(&schema) {
                panic!("{kind}: {error}");
            }
            assert!(
                !text.contains("\"description\":\""),
                "{kind}: descriptions were not stripped"
            );
        }
    }

    #[test]
    fn the_openapi_schema_is_enforced() {
        let validator = &validators()["TLSRoute"];
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
