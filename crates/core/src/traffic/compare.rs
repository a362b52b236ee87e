//! Compare mode: the same values, with the same hostnames, carried once by
//! TLS passthrough and once by terminate + re-encrypt, so the two paths can
//! be shown side by side for the user's own settings (mTLS, PKI mode, names).
//! Both variants are rendered by the embedded chart, the one chart that can
//! express both, whichever chart the values were written for.

use super::TrafficModel;
use crate::chart::Chart;
use crate::controllers::Controller;
use crate::helm::{TemplateRequest, ValuesInput, template};
use crate::keys::{self, Key};
use crate::release::Release;
use crate::rendered::{Rendered, placed_documents};
use crate::span::Origin;
use crate::values::{Map, Node, Value};

/// The passthrough and terminate + re-encrypt paths for `values`, whose own
/// render gave `current` (its hostnames, edge certificates and controller are
/// kept); `controller` is the one the user named, if any.
#[must_use]
pub fn compare(
    values: &Node,
    release: &Release,
    current: &TrafficModel,
    controller: Option<Controller>,
) -> (TrafficModel, TrafficModel) {
    let controller = controller.or_else(|| current.controller());
    let base = embedded_keys_only(values);
    let hostnames: Vec<String> = current
        .paths
        .iter()
        .map(|path| &path.hostnames)
        .find(|hostnames| !hostnames.is_empty())
        .cloned()
        .unwrap_or_else(|| vec!["openshell.example.com".to_owned()]);
    let hostnames = Value::List(
        hostnames
            .iter()
            .map(|name| string_node(name, values.origin))
            .collect(),
    );

    let mut passthrough = base.clone();
    for (path, value) in [
        (keys::GATEWAY_CREATE, Value::Bool(true)),
        (keys::HTTP_ENABLED, Value::Bool(false)),
        (keys::HTTPS_ENABLED, Value::Bool(false)),
        (keys::GRPC_ENABLED, Value::Bool(false)),
        (keys::BACKEND_TLS_ENABLED, Value::Bool(false)),
        (keys::TLS_ENABLED, Value::Bool(true)),
        (keys::TLS_HOSTNAMES, hostnames.clone()),
        (keys::SERVER_DISABLE_TLS, Value::Bool(false)),
    ] {
        set(&mut passthrough, path, value);
    }
    let (passthrough, server) = render(&passthrough, release, controller);

    let mut terminate = base;
    // The edge certificates the user's own path has, else one named after
    // the server as the chart's documentation suggests.
    let edge: Vec<String> = current
        .paths
        .iter()
        .filter_map(|path| path.facts.edge_certificates.clone())
        .find(|names| !names.is_empty())
        .unwrap_or_else(|| {
            vec![format!(
                "{}-edge-tls",
                server.as_deref().unwrap_or(&release.name)
            )]
        });
    let references = edge
        .iter()
        .map(|name| {
            let mut entry = Map::new();
            entry.insert(
                "name".to_owned(),
                values.origin,
                string_node(name, values.origin),
            );
            Node::new(Value::Map(entry), values.origin)
        })
        .collect();
    for (path, value) in [
        (keys::GATEWAY_CREATE, Value::Bool(true)),
        (keys::HTTP_ENABLED, Value::Bool(false)),
        (keys::HTTPS_ENABLED, Value::Bool(true)),
        (keys::HTTPS_CERTIFICATE_REFS, Value::List(references)),
        (keys::TLS_ENABLED, Value::Bool(false)),
        (keys::GRPC_ENABLED, Value::Bool(true)),
        (keys::GRPC_HOSTNAMES, hostnames),
        (keys::BACKEND_TLS_ENABLED, Value::Bool(true)),
        (keys::SERVER_DISABLE_TLS, Value::Bool(false)),
    ] {
        set(&mut terminate, path, value);
    }
    let (terminate, _) = render(&terminate, release, controller);
    (passthrough, terminate)
}

/// `values` with only the top-level keys the embedded chart defines: the
/// keys of another revision (`grpcRoute`) would make it refuse.
fn embedded_keys_only(values: &Node) -> Node {
    let defines = |key: &str| {
        Chart::embedded_defaults()
            .as_map()
            .is_some_and(|map| map.contains_key(key))
    };
    let mut kept = Map::new();
    if let Value::Map(map) = &values.value {
        for (key, entry) in map.iter() {
            if defines(key) {
                kept.insert(key.clone(), entry.key_origin, entry.node.clone());
            }
        }
    }
    Node::new(Value::Map(kept), values.origin)
}

/// The paths the embedded chart renders from `values`, and the name of the
/// server's Service.
fn render(
    values: &Node,
    release: &Release,
    controller: Option<Controller>,
) -> (TrafficModel, Option<String>) {
    let mut request = TemplateRequest::new(&release.name, &release.namespace);
    request.values.push(ValuesInput::File {
        name: "compare.yaml".to_owned(),
        text: values.value.to_json().to_string(),
    });
    match template(Chart::embedded_source(), &request) {
        Ok(output) => {
            let rendered = Rendered::read(placed_documents(&output));
            (
                TrafficModel::from_rendered(&rendered, &release.namespace, controller),
                rendered
                    .services
                    .first()
                    .map(|service| service.name.clone()),
            )
        }
        Err(_) => (TrafficModel::default(), None),
    }
}

fn string_node(text: &str, origin: Origin) -> Node {
    Node::new(Value::String(text.to_owned()), origin)
}

/// Set `key`, creating maps on the way.
fn set(node: &mut Node, key: Key, value: Value) {
    let origin = node.origin;
    let mut current = node;
    for &key in key.segments() {
        if !matches!(current.value, Value::Map(_)) {
            current.value = Value::Map(Map::new());
        }
        let Value::Map(map) = &mut current.value else {
            return;
        };
        if !map.contains_key(key) {
            map.insert(key.to_owned(), origin, Node::new(Value::Null, origin));
        }
        let Some(next) = map.get_mut(key) else { return };
        current = next;
    }
    current.value = value;
}
