//! The proof of a migration: the old values rendered by the old chart and
//! the new values rendered by the new chart, both through the engine, give
//! the same Gateway API resources. Gateway API defaults count as equal to
//! their absence (`allowedRoutes: {namespaces: {from: Same}}`, a parentRef's
//! `group`/`kind`, a backendRef's `weight: 1`), and labels and annotations
//! are not compared: they name the chart, not the traffic. Every difference
//! names the values keys behind the old field, from the old render's trace.

use serde_json::{Map as JsonMap, Value as Json};

use crate::helm::{ChartSource, TemplateRequest, ValuesInput, template};
use crate::release::Release;
use crate::render::ManifestKind;
use crate::rendered::Placed;

/// API versions both renders see as served: charts check for the Agent
/// Sandbox API before rendering anything, and the proof is about routing,
/// not about what a cluster has installed.
const SERVED_API_VERSIONS: &[&str] = &["agents.x-k8s.io/v1beta1"];

/// One side of the proof.
pub struct ProofSide<'a> {
    /// The chart's files.
    pub chart: ChartSource,
    /// The values text.
    pub values: &'a str,
}

/// A field the two renders disagree on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The resource, as `Kind name`.
    pub resource: String,
    /// The field, as a JSON pointer (empty for the whole resource).
    pub field: String,
    /// What the old chart rendered there (`None`: nothing).
    pub before: Option<String>,
    /// What the new chart renders there (`None`: nothing).
    pub after: Option<String>,
    /// The old values keys behind the old field.
    pub keys: Vec<String>,
}

/// What the proof found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proof {
    /// Fields that differ.
    pub differences: Vec<Difference>,
    /// A chart that refused to render, with Helm's message: `(which, message)`.
    pub refused: Vec<(&'static str, String)>,
    /// Resources on the path that only the new chart renders and that are not
    /// Gateway API resources (Envoy Gateway's BackendTrafficPolicy, which
    /// lifts the GRPCRoute's stream timeout), as `Kind name`: not compared,
    /// since the old chart has nothing to compare them with, but said.
    pub added: Vec<String>,
}

impl Proof {
    /// Whether the renders are equal.
    #[must_use]
    pub fn holds(&self) -> bool {
        self.differences.is_empty() && self.refused.is_empty()
    }
}

/// Render both sides and compare their Gateway API resources.
#[must_use]
pub fn prove(old: ProofSide<'_>, new: ProofSide<'_>, release: &Release) -> Proof {
    let mut proof = Proof::default();
    let request = |values: &str| {
        let mut request = TemplateRequest::new(&release.name, &release.namespace);
        request.api_versions = SERVED_API_VERSIONS.iter().map(|&v| v.to_owned()).collect();
        request.values.push(ValuesInput::File {
            name: "values.yaml".to_owned(),
            text: values.to_owned(),
        });
        request.trace = true;
        request
    };
    let old_output = template(old.chart, &request(old.values));
    let new_output = template(new.chart, &request(new.values));
    let (old_output, new_output) = match (old_output, new_output) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for (which, output) in [("old", old.err()), ("new", new.err())] {
                if let Some(error) = output {
                    proof.refused.push((which, error.message));
                }
            }
            return proof;
        }
    };
    let documents = |output: &'_ crate::helm::TemplateOutput| -> Vec<(String, Json, usize)> {
        output
            .sorted
            .manifests
            .iter()
            .enumerate()
            .filter_map(|(at, document)| {
                let placed = Placed::new(&document.content, &document.kind, &document.source, None);
                if placed.gateway_api? == ManifestKind::BackendTrafficPolicy {
                    return None;
                }
                let mut json = placed.json?;
                normalize(&mut json, &release.namespace);
                Some((format!("{} {}", placed.kind, placed.name), json, at))
            })
            .collect()
    };
    let old_documents = documents(&old_output);
    let new_documents = documents(&new_output);
    proof.added = new_output
        .sorted
        .manifests
        .iter()
        .filter(|document| document.kind == ManifestKind::BackendTrafficPolicy.as_str())
        .map(|document| {
            let placed = Placed::new(&document.content, &document.kind, &document.source, None);
            format!("{} {}", placed.kind, placed.name)
        })
        .collect();
    // The old documents placed in their files, for the keys behind a field.
    let old_placed = |at: usize| {
        let document = &old_output.sorted.manifests[at];
        let placed_in = old_output.rendered.get(&document.source).and_then(|text| {
            Some((
                text.as_str(),
                crate::rendered::offset_in(text, &document.content)?,
            ))
        });
        Placed::new(
            &document.content,
            &document.kind,
            &document.source,
            placed_in,
        )
    };
    let keys_behind = |at: usize, field: &str| -> Vec<String> {
        let placed = old_placed(at);
        let keys = if field.is_empty() {
            placed.keys_of_document(&old_output.trace)
        } else {
            placed.keys_behind(field, &old_output.trace)
        };
        keys.iter().map(ToString::to_string).collect()
    };
    for (resource, before, at) in &old_documents {
        match new_documents.iter().find(|(name, _, _)| name == resource) {
            Some((_, after, _)) => {
                let mut fields = Vec::new();
                diff(before, after, String::new(), &mut fields);
                // A field no key was printed into (a listener's name chosen
                // by the protocol) differs because of one that was, in the
                // same list item: that one names the key.
                let placed = old_placed(*at);
                let printed: Vec<bool> = fields
                    .iter()
                    .map(|(field, _, _)| {
                        !placed
                            .keys_printed_at(field, &old_output.trace.emitted)
                            .is_empty()
                    })
                    .collect();
                let item = |field: &str| field.split('/').take(4).collect::<Vec<_>>().join("/");
                for (index, (field, before, after)) in fields.iter().enumerate() {
                    let explained = !printed[index]
                        && fields
                            .iter()
                            .zip(&printed)
                            .any(|((other, _, _), &named)| named && item(other) == item(field));
                    if explained {
                        continue;
                    }
                    proof.differences.push(Difference {
                        resource: resource.clone(),
                        keys: keys_behind(*at, field),
                        field: field.clone(),
                        before: before.clone(),
                        after: after.clone(),
                    });
                }
            }
            None => proof.differences.push(Difference {
                resource: resource.clone(),
                field: String::new(),
                before: Some("the resource".to_owned()),
                after: None,
                keys: keys_behind(*at, ""),
            }),
        }
    }
    for (resource, _, _) in &new_documents {
        if !old_documents.iter().any(|(name, _, _)| name == resource) {
            proof.differences.push(Difference {
                resource: resource.clone(),
                field: String::new(),
                before: None,
                after: Some("the resource".to_owned()),
                keys: Vec::new(),
            });
        }
    }
    proof
}

/// Drop what the comparison ignores and the Gateway API defaults.
fn normalize(document: &mut Json, namespace: &str) {
    let Some(object) = document.as_object_mut() else {
        return;
    };
    if let Some(Json::Object(metadata)) = object.get_mut("metadata") {
        metadata.remove("labels");
        metadata.remove("annotations");
        if metadata.get("namespace").and_then(Json::as_str) == Some(namespace) {
            metadata.remove("namespace");
        }
    }
    let Some(Json::Object(spec)) = object.get_mut("spec") else {
        return;
    };
    for listener in items(spec, "listeners") {
        let same = serde_json::json!({ "namespaces": { "from": "Same" } });
        if listener.get("allowedRoutes") == Some(&same) {
            listener.remove("allowedRoutes");
        }
        if let Some(Json::Object(tls)) = listener.get_mut("tls") {
            if tls.get("mode").and_then(Json::as_str) == Some("Terminate") {
                tls.remove("mode");
            }
            for reference in items(tls, "certificateRefs") {
                drop_defaults(reference, &[("group", ""), ("kind", "Secret")]);
            }
        }
    }
    for parent in items(spec, "parentRefs") {
        drop_defaults(
            parent,
            &[
                ("group", "gateway.networking.k8s.io"),
                ("kind", "Gateway"),
                ("namespace", namespace),
            ],
        );
    }
    if let Some(Json::Array(rules)) = spec.get_mut("rules") {
        for rule in rules.iter_mut().filter_map(Json::as_object_mut) {
            for backend in items(rule, "backendRefs") {
                drop_defaults(backend, &[("group", ""), ("kind", "Service")]);
                if backend.get("weight").and_then(Json::as_i64) == Some(1) {
                    backend.remove("weight");
                }
            }
        }
    }
    // An empty list is no list.
    spec.retain(|_, value| !matches!(value, Json::Array(list) if list.is_empty()));
}

fn items<'a>(
    object: &'a mut JsonMap<String, Json>,
    key: &str,
) -> impl Iterator<Item = &'a mut JsonMap<String, Json>> {
    object
        .get_mut(key)
        .and_then(Json::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Json::as_object_mut)
}

fn drop_defaults(object: &mut JsonMap<String, Json>, defaults: &[(&str, &str)]) {
    for (key, default) in defaults {
        if object.get(*key).and_then(Json::as_str) == Some(default) {
            object.remove(*key);
        }
    }
}

/// Leaf differences between two documents: `(pointer, before, after)`.
fn diff(
    before: &Json,
    after: &Json,
    pointer: String,
    found: &mut Vec<(String, Option<String>, Option<String>)>,
) {
    match (before, after) {
        (Json::Object(old), Json::Object(new)) => {
            for (key, value) in old {
                let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match new.get(key) {
                    Some(other) => diff(value, other, at, found),
                    None => found.push((at, Some(shown(value)), None)),
                }
            }
            for (key, value) in new {
                if !old.contains_key(key) {
                    let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                    found.push((at, None, Some(shown(value))));
                }
            }
        }
        (Json::Array(old), Json::Array(new)) => {
            for index in 0..old.len().max(new.len()) {
                let at = format!("{pointer}/{index}");
                match (old.get(index), new.get(index)) {
                    (Some(old), Some(new)) => diff(old, new, at, found),
                    (old, new) => found.push((at, old.map(shown), new.map(shown))),
                }
            }
        }
        _ if before == after => {}
        _ => found.push((pointer, Some(shown(before)), Some(shown(after)))),
    }
}

fn shown(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_api_defaults_equal_their_absence() {
        let mut written = serde_json::json!({
            "kind": "Gateway",
            "metadata": { "name": "gw", "namespace": "ns", "labels": { "helm.sh/chart": "a-1" } },
            "spec": { "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP",
                "allowedRoutes": { "namespaces": { "from": "Same" } } }] }
        });
        let mut bare = serde_json::json!({
            "kind": "Gateway",
            "metadata": { "name": "gw" },
            "spec": { "listeners": [{ "name": "http", "port": 80, "protocol": "HTTP" }] }
        });
        normalize(&mut written, "ns");
        normalize(&mut bare, "ns");
        assert_eq!(written, bare);
    }

    #[test]
    fn differences_are_leaf_fields() {
        let before = serde_json::json!({ "spec": { "listeners": [{ "port": 8080 }], "a": "x" } });
        let after = serde_json::json!({ "spec": { "listeners": [{ "port": 80 }] } });
        let mut found = Vec::new();
        diff(&before, &after, String::new(), &mut found);
        assert_eq!(
            found,
            [
                (
                    "/spec/listeners/0/port".to_owned(),
                    Some("8080".to_owned()),
                    Some("80".to_owned())
                ),
                ("/spec/a".to_owned(), Some("x".to_owned()), None),
            ]
        );
    }
}
