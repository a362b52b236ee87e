//! `migrate`: rewrite values written for the chart before `gatewayApi` (the
//! `grpcRoute` tree) into `gatewayApi` values, keeping every other key and
//! the comments outside the rewritten block, then prove the result: the new
//! values validate without errors and render the same resources the old
//! chart rendered (names, parentRefs, hostnames, certificateRefs).

use crate::analysis::{Input, ValuesFile, analyze};
use crate::chart::Chart;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::gotmpl::{default_to, is_true, node_is_true, print};
use crate::model::{Model, Release};
use crate::render::ordered_block;
use crate::span::{Origin, SourceId, Span};
use crate::values::{Map, Node, Value, coalesce, parse_document, parse_documents};

const LEGACY_DEFAULTS: &str = include_str!("../chart/legacy-grpc-route.yaml");

/// The rewritten values and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The new values text.
    pub text: String,
    /// `(old key, new key)` for every value that moved.
    pub moved: Vec<(String, String)>,
    /// Settings with no equivalent, and other things worth reading.
    pub notes: Vec<String>,
    /// Whether the text had no `grpcRoute` and was left as it is.
    pub unchanged: bool,
}

/// Rewrite legacy `grpcRoute` values.
///
/// # Errors
/// The diagnostics of a text that is not valid YAML or holds several documents.
pub fn migrate(text: &str) -> Result<Migration, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let Some(documents) = parse_documents(text, SourceId(0), &mut diagnostics) else {
        return Err(diagnostics);
    };
    let mut with_content = documents
        .into_iter()
        .filter(|document| !matches!(document.value, Value::Null));
    let Some(root) = with_content.next() else {
        return Ok(unchanged(text));
    };
    if let Some(second) = with_content.next() {
        // Edits are made in place by position; across documents that Helm
        // merges, a moved key could land in the wrong one.
        return Err(vec![
            Diagnostic::new(
                Code::ExtraDocument,
                "",
                Some(second.origin),
                "this file has more than one YAML document; migrate rewrites files with one",
            )
            .with_help("merge the documents into one (Helm 4 merges them in order), then migrate"),
        ]);
    }
    let Some(user) = root.as_map() else {
        return Ok(unchanged(text));
    };
    let Some(legacy_entry) = user.entry("grpcRoute") else {
        return Ok(unchanged(text));
    };
    let legacy = effective_legacy(user);
    let mut moved = Vec::new();
    let mut notes = Vec::new();
    let origin = legacy_entry.key_origin;
    let written = |path: &str| legacy_entry.node.lookup(path);
    let effective = |path: &str| legacy.lookup(path);
    // Every new key is placed where the old block stood.
    let put = |map: &mut Map, key: &str, value: Value| {
        map.insert(key.to_owned(), origin, Node::new(value, origin));
    };

    let mut gateway = Map::new();
    let enabled = node_is_true(effective("enabled"));
    if let Some(node) = written("gateway.create") {
        // The old chart drew its Gateway only for an enabled route.
        let create = node_is_true(Some(node)) && enabled;
        gateway.insert(
            "create".to_owned(),
            origin,
            Node::new(Value::Bool(create), node.origin),
        );
        moved.push((
            "grpcRoute.gateway.create".to_owned(),
            "gatewayApi.gateway.create".to_owned(),
        ));
        if node_is_true(Some(node)) && !enabled {
            notes.push("grpcRoute.gateway.create was true but grpcRoute.enabled was false, so the old chart created no Gateway; gatewayApi.gateway.create is false".to_owned());
        }
    }
    for key in ["className", "name", "namespace"] {
        if let Some(node) = written(&format!("gateway.{key}")) {
            gateway.insert(key.to_owned(), origin, node.clone());
            moved.push((
                format!("grpcRoute.gateway.{key}"),
                format!("gatewayApi.gateway.{key}"),
            ));
        }
    }
    let protocol = effective("gateway.listener.protocol")
        .map(|node| print(&node.value))
        .unwrap_or_default();
    let port = effective("gateway.listener.port").map_or(Value::Int(80), |node| node.value.clone());
    if protocol.eq_ignore_ascii_case("HTTPS") {
        let mut http = Map::new();
        put(&mut http, "enabled", Value::Bool(false));
        put(&mut gateway, "http", Value::Map(http));
        let mut https = Map::new();
        put(&mut https, "enabled", Value::Bool(true));
        put(&mut https, "port", port);
        let refs = effective("gateway.listener.tls.certificateRefs")
            .map_or(Value::List(Vec::new()), |node| node.value.clone());
        put(&mut https, "certificateRefs", refs);
        put(&mut gateway, "https", Value::Map(https));
        moved.push((
            "grpcRoute.gateway.listener (HTTPS)".to_owned(),
            "gatewayApi.gateway.https".to_owned(),
        ));
        notes.push("the old chart rendered one listener, so the HTTP listener is turned off (gatewayApi.gateway.http.enabled: false)".to_owned());
    } else {
        let port_text = print(&port);
        if written("gateway.listener.port").is_some() && port_text != "80" {
            notes.push(format!("the HTTP listener was on port {port_text}; the chart's HTTP listener is always on 80, with no setting to change it"));
        }
    }
    let allowed = effective("gateway.listener.allowedRoutes")
        .map(|node| print(&node.value))
        .unwrap_or_default();
    if allowed == "All" {
        notes.push("allowedRoutes: All has no equivalent: a created Gateway admits routes from the release namespace only".to_owned());
    }
    for key in unknown_legacy_keys(&legacy_entry.node) {
        notes.push(format!("grpcRoute.{key} has no equivalent and was dropped"));
    }

    let mut grpc = Map::new();
    for key in ["enabled", "hostnames"] {
        if let Some(node) = written(key) {
            grpc.insert(key.to_owned(), origin, node.clone());
            moved.push((
                format!("grpcRoute.{key}"),
                format!("gatewayApi.routes.grpc.{key}"),
            ));
        }
    }
    let mut migrated = Map::new();
    if !gateway.is_empty() {
        put(&mut migrated, "gateway", Value::Map(gateway));
    }
    if !grpc.is_empty() {
        let mut routes = Map::new();
        put(&mut routes, "grpc", Value::Map(grpc));
        put(&mut migrated, "routes", Value::Map(routes));
    }

    let https = protocol.eq_ignore_ascii_case("HTTPS");
    let comments = block_comments(text, &legacy_entry.key_origin, &legacy_entry.node, https);
    let new_text = rewrite(
        text,
        user,
        &legacy_entry.key_origin,
        &legacy_entry.node,
        migrated,
        &comments,
        &mut notes,
    );
    Ok(Migration {
        text: new_text,
        moved,
        notes,
        unchanged: false,
    })
}

fn unchanged(text: &str) -> Migration {
    Migration {
        text: text.to_owned(),
        moved: Vec::new(),
        notes: Vec::new(),
        unchanged: true,
    }
}

/// The user's grpcRoute tree over the old chart's defaults.
fn effective_legacy(user: &Map) -> Node {
    let mut ignored = Vec::new();
    let defaults =
        match parse_document(LEGACY_DEFAULTS, SourceId(0), &mut ignored).map(|node| node.value) {
            Some(Value::Map(map)) => map,
            _ => Map::new(),
        };
    let mut only_legacy = Map::new();
    if let Some(entry) = user.entry("grpcRoute") {
        only_legacy.insert("grpcRoute".to_owned(), entry.key_origin, entry.node.clone());
    }
    let merged = coalesce(&only_legacy, &defaults, &mut ignored);
    merged
        .get("grpcRoute")
        .cloned()
        .unwrap_or_else(|| Node::new(Value::Map(Map::new()), origin_zero()))
}

fn origin_zero() -> Origin {
    Origin {
        source: SourceId(0),
        span: Span::default(),
    }
}

/// Keys under grpcRoute that the migration does not know.
fn unknown_legacy_keys(node: &Node) -> Vec<String> {
    const KNOWN: &[&str] = &[
        "enabled",
        "hostnames",
        "gateway",
        "gateway.create",
        "gateway.className",
        "gateway.name",
        "gateway.namespace",
        "gateway.listener",
        "gateway.listener.port",
        "gateway.listener.protocol",
        "gateway.listener.allowedRoutes",
        "gateway.listener.tls",
        "gateway.listener.tls.certificateRefs",
    ];
    let mut unknown = Vec::new();
    collect_keys(node, "", &mut |path| {
        if !KNOWN.contains(&path) {
            unknown.push(path.to_owned());
            false
        } else {
            true
        }
    });
    unknown
}

/// Visit key paths; the visitor returns whether to descend.
fn collect_keys(node: &Node, prefix: &str, visit: &mut dyn FnMut(&str) -> bool) {
    let Some(map) = node.as_map() else { return };
    for (key, entry) in map.iter() {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if visit(&path) {
            collect_keys(&entry.node, &path, visit);
        }
    }
}

/// Replace the grpcRoute block (and an existing gatewayApi block) in the text.
fn rewrite(
    text: &str,
    user: &Map,
    key_origin: &Origin,
    legacy: &Node,
    migrated: Map,
    comments: &[(Option<String>, Vec<String>)],
    notes: &mut Vec<String>,
) -> String {
    let legacy_range = block_range(
        text,
        key_origin.span.start as usize,
        legacy.origin.span.end as usize,
    );
    let existing = user.entry("gatewayApi");
    let (merged, replace_range) = match existing {
        Some(entry) => {
            let mut merged = match &entry.node.value {
                Value::Map(map) => map.clone(),
                _ => Map::new(),
            };
            fill_missing(&mut merged, &migrated, "gatewayApi", notes);
            notes.push("comments inside the existing gatewayApi block were not kept".to_owned());
            let range = block_range(
                text,
                entry.key_origin.span.start as usize,
                entry.node.origin.span.end as usize,
            );
            (merged, Some(range))
        }
        None => (migrated, None),
    };
    let block = if merged.is_empty() {
        String::new()
    } else {
        let lines: Vec<String> = ordered_block(&Value::Map(merged))
            .into_iter()
            .map(|line| format!("  {line}"))
            .collect();
        let paths = line_key_paths(&lines);
        let mut block = String::new();
        // Comments whose key has no new home go above the block.
        for (path, comment) in comments {
            let has_home = path.as_ref().is_some_and(|path| {
                paths
                    .iter()
                    .any(|candidate| candidate.as_deref() == Some(path.as_str()))
            });
            if !has_home {
                for line in comment {
                    block.push_str(line.trim_start());
                    block.push('\n');
                }
            }
        }
        block.push_str("gatewayApi:\n");
        for (line, path) in lines.iter().zip(&paths) {
            let indent = &line[..line.len() - line.trim_start().len()];
            for (_, comment) in comments
                .iter()
                .filter(|(comment_path, _)| comment_path.is_some() && comment_path == path)
            {
                for comment_line in comment {
                    block.push_str(indent);
                    block.push_str(comment_line.trim_start());
                    block.push('\n');
                }
            }
            block.push_str(line);
            block.push('\n');
        }
        block
    };
    match replace_range {
        None => format!(
            "{}{block}{}",
            &text[..legacy_range.start],
            &text[legacy_range.end..]
        ),
        Some(gateway_range) => {
            // Replace the later block first so the earlier range stays valid.
            let mut edits = [(legacy_range, String::new()), (gateway_range, block)];
            edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
            let mut out = text.to_owned();
            for (range, replacement) in edits {
                out.replace_range(range, &replacement);
            }
            out
        }
    }
}

/// Comment runs inside the old grpcRoute block, each with the new key path
/// (below `gatewayApi`) of the key it stood above, if that key moved.
fn block_comments(
    text: &str,
    key_origin: &Origin,
    legacy: &Node,
    https: bool,
) -> Vec<(Option<String>, Vec<String>)> {
    let range = block_range(
        text,
        key_origin.span.start as usize,
        legacy.origin.span.end as usize,
    );
    let lines: Vec<String> = text[range].lines().skip(1).map(str::to_owned).collect();
    let paths = line_key_paths(&lines);
    let mut found = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for (line, path) in lines.iter().zip(paths) {
        if line.trim_start().starts_with('#') {
            pending.push(line.clone());
        } else if !pending.is_empty() && !line.trim().is_empty() {
            let new_path = path.as_deref().and_then(|old| new_home(old, https));
            found.push((new_path, std::mem::take(&mut pending)));
        }
    }
    if !pending.is_empty() {
        found.push((None, pending));
    }
    found
}

/// Where a legacy key (relative to `grpcRoute`, the block indented by two) moved.
fn new_home(old: &str, https: bool) -> Option<String> {
    let path = match old {
        "enabled" | "hostnames" => format!("routes.grpc.{old}"),
        "gateway" | "gateway.create" | "gateway.className" | "gateway.name"
        | "gateway.namespace" => old.to_owned(),
        "gateway.listener" | "gateway.listener.tls" if https => "gateway.https".to_owned(),
        "gateway.listener.port" if https => "gateway.https.port".to_owned(),
        "gateway.listener.tls.certificateRefs" if https => {
            "gateway.https.certificateRefs".to_owned()
        }
        _ => return None,
    };
    Some(path)
}

/// The key path of each `key:` line, from indentation (list items and
/// comments get `None`). Paths are relative to the least-indented keys.
fn line_key_paths(lines: &[String]) -> Vec<Option<String>> {
    let mut parents: Vec<(usize, String)> = Vec::new();
    lines
        .iter()
        .map(|line| {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
                return None;
            }
            let key = trimmed
                .split_once(':')?
                .0
                .trim()
                .trim_matches(['"', '\''])
                .to_owned();
            parents.retain(|(parent_indent, _)| *parent_indent < indent);
            let path = parents
                .iter()
                .map(|(_, name)| name.as_str())
                .chain([key.as_str()])
                .collect::<Vec<_>>()
                .join(".");
            parents.push((indent, key));
            Some(path)
        })
        .collect()
}

/// Copy keys of `source` that `target` lacks, noting conflicts.
fn fill_missing(target: &mut Map, source: &Map, prefix: &str, notes: &mut Vec<String>) {
    for (key, entry) in source.iter() {
        let path = format!("{prefix}.{key}");
        match target.get_mut(key) {
            None => target.insert(key.clone(), entry.key_origin, entry.node.clone()),
            Some(Node {
                value: Value::Map(existing),
                ..
            }) => {
                if let Value::Map(nested) = &entry.node.value {
                    fill_missing(existing, nested, &path, notes);
                }
            }
            Some(_) => notes.push(format!(
                "{path} was already set; the migrated value was not applied"
            )),
        }
    }
}

/// From the start of the key's line to the end of the value's last line.
fn block_range(text: &str, key_start: usize, value_end: usize) -> std::ops::Range<usize> {
    let key_start = key_start.min(text.len());
    let value_end = value_end.clamp(key_start, text.len());
    let start = text[..key_start]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    let end = text[value_end..]
        .find('\n')
        .map_or(text.len(), |newline| value_end + newline + 1);
    start..end
}

/// What a chart renders that migration must preserve.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Rendered {
    gateway: Option<String>,
    listener_certificates: Vec<String>,
    route: Option<String>,
    parent: Option<(String, String)>,
    hostnames: Vec<String>,
}

/// Check a migration: the new values have no errors and render what the old
/// chart rendered. Returns the problems; empty means proven.
#[must_use]
pub fn prove(
    old_text: &str,
    migration: &Migration,
    chart: &Chart,
    release: &Release,
) -> Vec<String> {
    let mut problems = Vec::new();
    let analysis = analyze(&Input {
        chart: chart.clone(),
        value_files: vec![ValuesFile {
            name: "migrated values".to_owned(),
            text: migration.text.clone(),
        }],
        set_flags: Vec::new(),
        release: release.clone(),
        chart_files: None,
    });
    for diagnostic in analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
    {
        problems.push(format!(
            "the migrated values have an error: {} {}",
            diagnostic.code, diagnostic.message
        ));
    }
    let new = rendered_now(&analysis.model);
    let old = rendered_before(old_text, &analysis.model, release);
    if new != old {
        problems.push(format!(
            "the migrated values render {new:?}, but the old chart rendered {old:?}"
        ));
    }
    problems
}

fn rendered_now(model: &Model) -> Rendered {
    let grpc = model.route(crate::model::RouteKind::Grpc);
    Rendered {
        gateway: model.gateway.create.then(|| model.gateway.name.clone()),
        listener_certificates: model
            .gateway
            .listeners
            .iter()
            .filter(|_| model.gateway.create)
            .filter_map(|listener| listener.certificate_refs.as_ref())
            .flat_map(reference_names)
            .collect(),
        route: grpc.map(|_| model.fullname.clone()),
        parent: grpc.map(|_| (model.gateway.name.clone(), model.gateway.namespace.clone())),
        hostnames: grpc
            .and_then(|route| route.hostnames.as_ref())
            .map_or_else(Vec::new, strings),
    }
}

/// What the old chart's templates rendered from these values.
fn rendered_before(old_text: &str, model: &Model, release: &Release) -> Rendered {
    let mut ignored = Vec::new();
    let Some(Node {
        value: Value::Map(user),
        ..
    }) = parse_document(old_text, SourceId(0), &mut ignored)
    else {
        return Rendered::default();
    };
    let legacy = effective_legacy(&user);
    let get = |path: &str| legacy.lookup(path);
    let enabled = node_is_true(get("enabled"));
    let create = enabled && node_is_true(get("gateway.create"));
    let gateway_name = default_to(&model.fullname, get("gateway.name"));
    let https = get("gateway.listener.protocol").is_some_and(|node| print(&node.value) == "HTTPS");
    Rendered {
        gateway: create.then(|| gateway_name.clone()),
        listener_certificates: if create && https {
            get("gateway.listener.tls.certificateRefs")
                .map_or_else(Vec::new, |node| reference_names(&node.value))
        } else {
            Vec::new()
        },
        route: enabled.then(|| model.fullname.clone()),
        parent: enabled.then(|| {
            (
                gateway_name,
                default_to(&release.namespace, get("gateway.namespace")),
            )
        }),
        hostnames: if enabled {
            get("hostnames")
                .filter(|node| is_true(&node.value))
                .map_or_else(Vec::new, |node| strings(&node.value))
        } else {
            Vec::new()
        },
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::List(items) => items.iter().map(|item| print(&item.value)).collect(),
        _ => Vec::new(),
    }
}

fn reference_names(value: &Value) -> Vec<String> {
    match value {
        Value::List(items) => items
            .iter()
            .filter_map(|item| item.as_map()?.get("name").map(|name| print(&name.value)))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_keys_and_comments_stay() {
        let old = "# my values\nreplicaCount: 2 # two\ngrpcRoute:\n  enabled: true\n  hostnames: [a.example.com]\nserver:\n  disableTls: true # plaintext behind the edge\n";
        let migration = migrate(old).unwrap();
        assert_eq!(
            migration.text,
            "# my values\nreplicaCount: 2 # two\ngatewayApi:\n  routes:\n    grpc:\n      enabled: true\n      hostnames:\n        - a.example.com\nserver:\n  disableTls: true # plaintext behind the edge\n"
        );
        assert!(prove(old, &migration, &Chart::embedded(), &Release::default()).is_empty());
    }

    #[test]
    fn comments_inside_the_block_follow_their_keys() {
        let old = "grpcRoute:\n  # route on\n  enabled: true\n  gateway:\n    # make one\n    create: true\n    listener:\n      # plain\n      allowedRoutes: Same\n";
        let migration = migrate(old).unwrap();
        assert_eq!(
            migration.text,
            "# plain\ngatewayApi:\n  gateway:\n    # make one\n    create: true\n  routes:\n    grpc:\n      # route on\n      enabled: true\n"
        );
    }

    #[test]
    fn several_documents_are_refused_rather_than_half_migrated() {
        let old = "replicaCount: 2\n---\ngrpcRoute:\n  enabled: true\n";
        let diagnostics = migrate(old).unwrap_err();
        assert_eq!(diagnostics[0].code, Code::ExtraDocument);
        assert_eq!(diagnostics[0].origin.unwrap().span.start, 20);
        // Empty documents around one real document are fine.
        assert!(
            !migrate("---\ngrpcRoute:\n  enabled: true\n---\n")
                .unwrap()
                .unchanged
        );
    }

    #[test]
    fn values_without_grpc_route_are_unchanged() {
        let migration = migrate("gatewayApi: {}\n").unwrap();
        assert!(migration.unchanged);
        assert_eq!(migration.text, "gatewayApi: {}\n");
    }

    #[test]
    fn an_existing_gateway_api_block_is_completed() {
        let old = "gatewayApi:\n  gateway:\n    className: custom\ngrpcRoute:\n  enabled: true\n  gateway:\n    create: true\n    className: eg\n";
        let migration = migrate(old).unwrap();
        assert!(migration.text.contains("className: custom"));
        assert!(migration.text.contains("create: true"));
        assert!(!migration.text.contains("grpcRoute"));
        assert!(
            migration
                .notes
                .iter()
                .any(|note| note.contains("className was already set"))
        );
    }

    #[test]
    fn http_ports_and_all_namespaces_are_noted() {
        let old = "grpcRoute:\n  enabled: true\n  gateway:\n    create: true\n    listener:\n      port: 8080\n      allowedRoutes: All\n";
        let migration = migrate(old).unwrap();
        assert!(
            migration
                .notes
                .iter()
                .any(|note| note.contains("port 8080"))
        );
        assert!(
            migration
                .notes
                .iter()
                .any(|note| note.contains("allowedRoutes: All"))
        );
    }
}
