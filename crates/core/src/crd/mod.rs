//! Rendered manifests against the upstream Gateway API v1.6.1 CRDs: the
//! OpenAPI schema through a JSON Schema validator, the CEL rules through their
//! translations in [`cel`]. A violation is reported against the values key
//! that produced the field, so the user knows what to change.

mod cel;
mod openapi;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};

use crate::engine::trace::{Emitted, KeyPath};
use crate::model::{Model, RouteKind};
use crate::render::{Manifest, ManifestKind};
use crate::span::{Origin, SourceId};
use crate::values::{Node, Value, parse_document};

use openapi::Schema;

/// Embedded schemas, by kind: `crates/core/crd/gateway-api-v1.6.1/` (see its
/// PROVENANCE.md) with descriptions stripped by `build.rs`.
const SCHEMAS: &[(ManifestKind, &str)] = &[
    (
        ManifestKind::Gateway,
        include_str!(concat!(env!("OUT_DIR"), "/Gateway.json")),
    ),
    (
        ManifestKind::GrpcRoute,
        include_str!(concat!(env!("OUT_DIR"), "/GRPCRoute.json")),
    ),
    (
        ManifestKind::TlsRoute,
        include_str!(concat!(env!("OUT_DIR"), "/TLSRoute.json")),
    ),
    (
        ManifestKind::BackendTlsPolicy,
        include_str!(concat!(env!("OUT_DIR"), "/BackendTLSPolicy.json")),
    ),
];

fn validators() -> &'static HashMap<ManifestKind, Schema> {
    static VALIDATORS: OnceLock<HashMap<ManifestKind, Schema>> = OnceLock::new();
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

/// A Gateway API document a chart's own templates rendered, and where it
/// sits in its template file's output.
pub(crate) struct Placed<'a> {
    /// The document.
    pub(crate) manifest: Manifest,
    /// The template file that rendered it (as in `# Source:`).
    pub(crate) file: &'a str,
    /// Byte offset of the document in that file's output.
    pub(crate) offset: Option<usize>,
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
        let manifest = &document.manifest;
        let name = &manifest.name;
        for (code, kind, pointer, message) in violations(std::slice::from_ref(manifest)) {
            let keys = document
                .offset
                .map(|offset| keys_printed_into(manifest, document.file, offset, &pointer, emitted))
                .unwrap_or_default();
            let places: Vec<(String, Option<Origin>)> = keys
                .iter()
                .map(|key| {
                    let [user, defaults] = written;
                    (
                        key.to_string(),
                        user.place_of(key).or_else(|| defaults.place_of(key)),
                    )
                })
                .collect();
            let (path, origin) = places.first().cloned().unwrap_or_default();
            if (!path.is_empty()
                && own_error_paths
                    .iter()
                    .any(|own| path.starts_with(own.as_str())))
                || reported.contains(&(code, path.clone(), pointer.clone()))
            {
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

/// The values keys printed into the field at `pointer` of `manifest`
/// (which starts at `offset` in `file`'s output), or into the nearest
/// field above it that exists. A key printed whole above the field (a list
/// through `toYaml`) is followed down to the field: `hostnames[0]`.
fn keys_printed_into(
    manifest: &Manifest,
    file: &str,
    offset: usize,
    pointer: &str,
    emitted: &[Emitted],
) -> Vec<Rc<KeyPath>> {
    let mut ignored = Vec::new();
    let Some(root) = parse_document(&manifest.yaml, SourceId(u32::MAX), &mut ignored) else {
        return Vec::new();
    };
    // The nodes from the document down to the field, with the step to each.
    let mut chain: Vec<(Option<String>, Node)> = vec![(None, root)];
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        let Some((_, node)) = chain.last() else { break };
        let next = match &node.value {
            Value::Map(map) => map.get(&step).cloned(),
            Value::List(items) => step
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index).cloned()),
            _ => None,
        };
        match next {
            Some(child) => chain.push((Some(step), child)),
            None => break,
        }
    }
    let range = |node: &Node| {
        let start = offset + node.origin.span.start as usize;
        start..(offset + node.origin.span.end as usize).max(start + 1)
    };
    let Some((_, target)) = chain.last() else {
        return Vec::new();
    };
    let target = range(target);
    let mut keys = Vec::new();
    for print in emitted {
        let printed = print.range.start..print.range.end.max(print.range.start + 1);
        if &*print.file != file || printed.start >= target.end || target.start >= printed.end {
            continue;
        }
        // The first node of the chain that lies inside the print is the
        // printed value itself; the steps below it lead into that value.
        let inside = chain.iter().position(|(_, node)| {
            let span = range(node);
            printed.start <= span.start && span.end <= printed.end
        });
        let key = match inside {
            Some(at) => chain[at + 1..]
                .iter()
                .fold((*print.path).clone(), |path, (step, _)| {
                    match step.as_deref().map(|step| (step, step.parse::<usize>())) {
                        Some((_, Ok(index))) => path.index(index),
                        Some((step, Err(_))) => path.key(step),
                        None => path,
                    }
                }),
            None => (*print.path).clone(),
        };
        let key = Rc::new(key);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
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
fn violations(manifests: &[Manifest]) -> Vec<(Code, ManifestKind, String, String)> {
    let mut found = Vec::new();
    for manifest in manifests {
        let mut ignored = Vec::new();
        let Some(node) = parse_document(&manifest.yaml, SourceId(u32::MAX), &mut ignored) else {
            continue;
        };
        let document = node.value.to_json();
        if let Some(validator) = validators().get(&manifest.kind) {
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
    found: Vec<(Code, ManifestKind, String, String)>,
    model: &Model,
    values: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // ingresslab's own rules say the same thing with better help; keep theirs.
    let own_error_paths = own_error_paths(diagnostics);
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
fn values_key(
    kind: ManifestKind,
    pointer: &str,
    model: &Model,
    values: &Node,
) -> (String, Option<Origin>) {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let route_key = match kind {
        ManifestKind::GrpcRoute => Some(RouteKind::Grpc.values_key()),
        ManifestKind::TlsRoute => Some(RouteKind::Tls.values_key()),
        ManifestKind::Gateway | ManifestKind::BackendTlsPolicy => None,
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
        (ManifestKind::Gateway, ["spec", "gatewayClassName", ..]) => {
            "gatewayApi.gateway.className".to_owned()
        }
        (ManifestKind::Gateway, ["metadata", "name", ..])
            if model.gateway.name != model.fullname =>
        {
            "gatewayApi.gateway.name".to_owned()
        }
        (ManifestKind::Gateway, ["spec", "listeners"]) => {
            "gatewayApi.gateway.http.enabled".to_owned()
        }
        (ManifestKind::Gateway, ["spec", "listeners", index, rest @ ..])
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
        (ManifestKind::Gateway, ["spec", "listeners", ..]) => {
            "gatewayApi.gateway.create".to_owned()
        }
        (ManifestKind::BackendTlsPolicy, ["spec", "validation", "hostname", ..]) => {
            format!("{backend_tls}.hostname")
        }
        (
            ManifestKind::BackendTlsPolicy,
            ["spec", "validation", "caCertificateRefs", entry, field, ..],
        ) => {
            format!("{backend_tls}.caCertificateRefs[{entry}].{field}")
        }
        (ManifestKind::BackendTlsPolicy, ["spec", "validation", ..]) => {
            format!("{backend_tls}.caCertificateRefs")
        }
        (ManifestKind::BackendTlsPolicy, ["metadata", ..] | ["spec", "targetRefs", ..]) => {
            name_key.to_owned()
        }
        (ManifestKind::BackendTlsPolicy, _) => format!("{backend_tls}.enabled"),
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
        let validator = &validators()[&ManifestKind::TlsRoute];
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
