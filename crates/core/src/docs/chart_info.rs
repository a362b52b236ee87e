//! Chart.yaml as helm-docs reads it: every field the built-in templates print.

use crate::span::SourceId;
use crate::values::{Node, Value, parse_document};

/// A chart maintainer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Maintainer {
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) url: String,
}

/// A chart dependency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dependency {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) repository: String,
    pub(crate) alias: String,
}

/// Chart.yaml fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ChartInfo {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) app_version: String,
    pub(crate) chart_type: String,
    pub(crate) description: String,
    pub(crate) home: String,
    pub(crate) kube_version: String,
    pub(crate) deprecated: bool,
    pub(crate) sources: Vec<String>,
    pub(crate) maintainers: Vec<Maintainer>,
    pub(crate) dependencies: Vec<Dependency>,
}

/// Read Chart.yaml; fields are strings as written. An `apiVersion: v1`
/// chart takes its dependencies from requirements.yaml instead.
pub(crate) fn read(text: &str, requirements: Option<&str>) -> Option<ChartInfo> {
    let mut ignored = Vec::new();
    let root = parse_document(text, SourceId(0), &mut ignored)?;
    let field = |node: &Node, key: &str| -> String {
        node.as_map()
            .and_then(|map| map.get(key))
            .map(|value| scalar(text, value))
            .unwrap_or_default()
    };
    let list = |key: &str| -> Vec<Node> {
        match root.lookup(key).map(|node| &node.value) {
            Some(Value::List(items)) => items.clone(),
            _ => Vec::new(),
        }
    };
    Some(ChartInfo {
        name: field(&root, "name"),
        version: field(&root, "version"),
        app_version: field(&root, "appVersion"),
        chart_type: field(&root, "type"),
        description: field(&root, "description"),
        home: field(&root, "home"),
        kube_version: field(&root, "kubeVersion"),
        deprecated: matches!(
            root.lookup("deprecated").map(|node| &node.value),
            Some(Value::Bool(true))
        ),
        sources: list("sources")
            .iter()
            .map(|node| scalar(text, node))
            .collect(),
        maintainers: list("maintainers")
            .iter()
            .map(|node| Maintainer {
                name: field(node, "name"),
                email: field(node, "email"),
                url: field(node, "url"),
            })
            .collect(),
        dependencies: if field(&root, "apiVersion") == "v1" {
            requirements.map_or_else(Vec::new, dependencies_of_requirements)
        } else {
            dependencies(text, &list("dependencies"))
        },
    })
}

fn dependencies(text: &str, nodes: &[Node]) -> Vec<Dependency> {
    let field = |node: &Node, key: &str| -> String {
        node.as_map()
            .and_then(|map| map.get(key))
            .map(|value| scalar(text, value))
            .unwrap_or_default()
    };
    nodes
        .iter()
        .map(|node| Dependency {
            name: field(node, "name"),
            version: field(node, "version"),
            repository: field(node, "repository"),
            alias: field(node, "alias"),
        })
        .collect()
}

fn dependencies_of_requirements(text: &str) -> Vec<Dependency> {
    let mut ignored = Vec::new();
    match parse_document(text, SourceId(0), &mut ignored)
        .and_then(|root| root.lookup("dependencies").cloned())
    {
        Some(Node {
            value: Value::List(items),
            ..
        }) => dependencies(text, &items),
        _ => Vec::new(),
    }
}

fn scalar(text: &str, node: &Node) -> String {
    match &node.value {
        Value::String(value) => value.clone(),
        Value::Null | Value::List(_) | Value::Map(_) => String::new(),
        _ => text[node.origin.span.range()].trim().to_owned(),
    }
}
