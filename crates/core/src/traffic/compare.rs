//! Compare mode: the same values, with the same hostnames, carried once by
//! TLS passthrough and once by terminate + re-encrypt, so the two paths can
//! be shown side by side for the user's own settings (mTLS, PKI mode, names).

use crate::chart::ChartMetadata;
use crate::model::{Model, Release};
use crate::span::Origin;
use crate::values::{Map, Node, Value};

/// The passthrough and terminate + re-encrypt variants of `values`.
#[must_use]
pub fn compare_models(values: &Node, release: &Release, chart: &ChartMetadata) -> (Model, Model) {
    let hostnames = [
        "gatewayApi.routes.tls.hostnames",
        "gatewayApi.routes.grpc.hostnames",
    ]
    .into_iter()
    .find_map(|path| match values.lookup(path).map(|node| &node.value) {
        Some(Value::List(items)) if !items.is_empty() => Some(Value::List(items.clone())),
        _ => None,
    })
    .unwrap_or_else(|| Value::List(vec![string_node("openshell.example.com", values.origin)]));
    let base = Model::resolve(values, release, chart);

    let mut passthrough = values.clone();
    for (path, value) in [
        ("gatewayApi.gateway.create", Value::Bool(true)),
        ("gatewayApi.gateway.http.enabled", Value::Bool(false)),
        ("gatewayApi.gateway.https.enabled", Value::Bool(false)),
        ("gatewayApi.routes.grpc.enabled", Value::Bool(false)),
        (
            "gatewayApi.routes.grpc.backendTls.enabled",
            Value::Bool(false),
        ),
        ("gatewayApi.routes.tls.enabled", Value::Bool(true)),
        ("gatewayApi.routes.tls.hostnames", hostnames.clone()),
        ("server.disableTls", Value::Bool(false)),
    ] {
        set(&mut passthrough, path, value);
    }

    let mut terminate = values.clone();
    let has_certificates = matches!(
        values.lookup("gatewayApi.gateway.https.certificateRefs").map(|node| &node.value),
        Some(Value::List(items)) if !items.is_empty()
    );
    if !has_certificates {
        let mut entry = Map::new();
        entry.insert(
            "name".to_owned(),
            values.origin,
            string_node(&format!("{}-edge-tls", base.fullname), values.origin),
        );
        set(
            &mut terminate,
            "gatewayApi.gateway.https.certificateRefs",
            Value::List(vec![Node::new(Value::Map(entry), values.origin)]),
        );
    }
    for (path, value) in [
        ("gatewayApi.gateway.create", Value::Bool(true)),
        ("gatewayApi.gateway.http.enabled", Value::Bool(false)),
        ("gatewayApi.gateway.https.enabled", Value::Bool(true)),
        ("gatewayApi.routes.tls.enabled", Value::Bool(false)),
        ("gatewayApi.routes.grpc.enabled", Value::Bool(true)),
        ("gatewayApi.routes.grpc.hostnames", hostnames),
        (
            "gatewayApi.routes.grpc.backendTls.enabled",
            Value::Bool(true),
        ),
        ("server.disableTls", Value::Bool(false)),
    ] {
        set(&mut terminate, path, value);
    }
    (
        Model::resolve(&passthrough, release, chart),
        Model::resolve(&terminate, release, chart),
    )
}

fn string_node(text: &str, origin: Origin) -> Node {
    Node::new(Value::String(text.to_owned()), origin)
}

/// Set a dotted path, creating maps on the way.
fn set(node: &mut Node, dotted: &str, value: Value) {
    let origin = node.origin;
    let mut current = node;
    for key in dotted.split('.') {
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
