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
use crate::render::{Manifest, ManifestKind};
use crate::span::Origin;
use crate::values::{Node, Value};

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

/// A Gateway API document a chart's own templates rendered, and where it
/// sits in its template file's output.
pub(crate) struct Placed<'a> {
    /// The document.
    pub(crate) manifest: Manifest,
    /// The template file that rendered it (as in `# Source:`).
    pub(crate) file: &'a str,
    /// That file's output, and the byte offset of the document in it.
    pub(crate) placed_in: Option<(&'a str, usize)>,
    /// The document as JSON, what the schemas check.
    pub(crate) json: Option<Json>,
}

impl Placed<'_> {
    /// The document read with positions, for placing a finding's field.
    fn tree(&self) -> Option<Node> {
        crate::values::parse_document(
            &self.manifest.yaml,
            crate::span::SourceId(u32::MAX),
            &mut Vec::new(),
        )
    }
}

/// A rendered document as JSON, as the schemas read it.
pub(crate) fn document_json(yaml: &str) -> Option<Json> {
    crate::engine::yaml::document_json(yaml).and_then(|text| serde_json::from_str(&text).ok())
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
        let Some(json) = &document.json else {
            continue;
        };
        let found = violations(json, manifest.kind);
        // Positions are read only for a document with something to place.
        let tree = if found.is_empty() {
            None
        } else {
            document.tree()
        };
        for (code, kind, pointer, message) in found {
            let keys = match (&tree, document.placed_in) {
                (Some(tree), Some((text, offset))) => {
                    keys_printed_into(tree, document.file, text, offset, &pointer, emitted)
                }
                _ => Vec::new(),
            };
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

/// The values keys printed into the field at `pointer` of `manifest`
/// (which starts at `offset` in `file`'s output), or into the nearest
/// field above it that exists. A key printed whole above the field (a list
/// through `toYaml`) is followed down to the field: `hostnames[0]`.
fn keys_printed_into(
    root: &Node,
    file: &str,
    file_text: &str,
    offset: usize,
    pointer: &str,
    emitted: &[Emitted],
) -> Vec<Rc<KeyPath>> {
    // The nodes from the document down to the field, with the step to each.
    let mut chain: Vec<(Option<String>, &Node)> = vec![(None, root)];
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        let Some(&(_, node)) = chain.last() else {
            break;
        };
        let next = match &node.value {
            Value::Map(map) => map.get(&step),
            Value::List(items) => step
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index)),
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
    // A field that is not there (a required one left out) belongs to a key
    // only when that key printed the whole value around it, not when a key
    // printed something else inside it.
    let reached = chain.len() == pointer.split('/').count();
    // The field's value runs to the end of its last line: an empty one
    // (`port:`) was printed after it, and trimmed from the document's end.
    let mut target = range(target);
    let last_line_end = file_text
        .get(target.end.saturating_sub(1)..)
        .and_then(|rest| rest.find('\n'))
        .map_or(file_text.len(), |newline| {
            target.end.saturating_sub(1) + newline
        });
    target.end = target.end.max(last_line_end + 1);
    let mut keys = Vec::new();
    for print in emitted {
        let printed = print.range.start..print.range.end.max(print.range.start + 1);
        let concerns = if reached {
            printed.start < target.end && target.start < printed.end
        } else {
            printed.start <= target.start && target.end <= printed.end
        };
        if &*print.file != file || !concerns {
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
/// Every schema and CEL violation of one document: code, kind, JSON pointer, message.
fn violations(document: &Json, kind: ManifestKind) -> Vec<(Code, ManifestKind, String, String)> {
    let mut found = Vec::new();
    if let Some(validator) = validators().get(&kind) {
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
