//! `migrate`: rewrite values written for the chart before `gatewayApi` (the
//! `grpcRoute` tree) into `gatewayApi` values for a target chart, keeping
//! every other key as written and every comment, and naming the old keys the
//! target has no key for. The proof, that both charts render the same
//! Gateway API resources, is [`crate::migrate_proof`].

use crate::chart::Chart;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::{node_is_true, print};
use crate::keys;
use crate::render::ordered_block;
use crate::span::{Origin, SourceId, Span};
use crate::values::{Entry, Map, Node, Value, coalesce, parse_document, parse_documents};

const LEGACY_DEFAULTS: &str = include_str!("../chart/legacy-grpc-route.yaml");

/// The rewritten values and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The new values text.
    pub text: String,
    /// `(old key, new key)` for every value that moved.
    pub moved: Vec<(String, String)>,
    /// Other things worth reading.
    pub notes: Vec<String>,
    /// Old keys whose behaviour the new chart cannot express.
    pub inexpressible: Vec<Inexpressible>,
    /// Whether the text had no `grpcRoute` and was left as it is.
    pub unchanged: bool,
}

/// Rewrite legacy `grpcRoute` values.
///
/// # Errors
/// The diagnostics of a text that is not valid YAML or holds several documents.
pub fn migrate(text: &str, target: &Chart) -> Result<Migration, Vec<Diagnostic>> {
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
    let effective = |path: &str| legacy.lookup(path);

    let enabled = node_is_true(effective("enabled"));
    let protocol = effective("gateway.listener.protocol")
        .map(|node| print(&node.value))
        .unwrap_or_default();
    let https = protocol.eq_ignore_ascii_case("HTTPS");
    let target_https = target_has_https(target);
    let mut inexpressible = Vec::new();
    // The new keys, in the order they are written, each with where its value comes from.
    let mut entries: Vec<(&'static str, NewValue<'_>)> = Vec::new();
    if let Some(entry) = written_entry(&legacy_entry.node, "gateway.create") {
        // The old chart drew its Gateway only for an enabled route.
        let value = if node_is_true(Some(&entry.node)) && !enabled {
            notes.push("grpcRoute.gateway.create was true but grpcRoute.enabled was false, so the old chart created no Gateway; gatewayApi.gateway.create is false".to_owned());
            NewValue::Set(Value::Bool(false), Some(entry))
        } else {
            NewValue::Written(entry)
        };
        entries.push(("gateway.create", value));
        moved.push((
            "grpcRoute.gateway.create".to_owned(),
            "gatewayApi.gateway.create".to_owned(),
        ));
    }
    carry(
        &mut entries,
        &mut moved,
        &legacy_entry.node,
        "gateway.className",
        "gateway.className",
    );
    carry(
        &mut entries,
        &mut moved,
        &legacy_entry.node,
        "gateway.name",
        "gateway.name",
    );
    carry(
        &mut entries,
        &mut moved,
        &legacy_entry.node,
        "gateway.namespace",
        "gateway.namespace",
    );
    if https && target_https {
        entries.push((
            "gateway.http.enabled",
            NewValue::Set(Value::Bool(false), None),
        ));
        entries.push((
            "gateway.https.enabled",
            NewValue::Set(Value::Bool(true), None),
        ));
        match written_entry(&legacy_entry.node, "gateway.listener.port") {
            Some(entry) => entries.push(("gateway.https.port", NewValue::Written(entry))),
            None => entries.push((
                "gateway.https.port",
                NewValue::Set(
                    effective("gateway.listener.port")
                        .map_or(Value::Int(443), |node| node.value.clone()),
                    None,
                ),
            )),
        }
        match written_entry(&legacy_entry.node, "gateway.listener.tls.certificateRefs") {
            Some(entry) => {
                entries.push(("gateway.https.certificateRefs", NewValue::Written(entry)));
            }
            None => entries.push((
                "gateway.https.certificateRefs",
                NewValue::Set(Value::List(Vec::new()), None),
            )),
        }
        moved.push((
            "grpcRoute.gateway.listener (HTTPS)".to_owned(),
            "gatewayApi.gateway.https".to_owned(),
        ));
        notes.push("the old chart rendered one listener, so the HTTP listener is turned off (gatewayApi.gateway.http.enabled: false)".to_owned());
    } else if https {
        inexpressible.push(Inexpressible {
            key: "grpcRoute.gateway.listener.protocol".to_owned(),
            reason: "HTTPS termination at the Gateway has no key in this chart: its Gateway has only an HTTP listener on port 80 and a TLS passthrough listener. Choose one: ingresslab's chart (the default --chart), whose gatewayApi.gateway.https terminates TLS at the Gateway; TLS passthrough with gatewayApi.routes.tls (the server then serves TLS itself: server.disableTls: false); or a Gateway you manage that terminates HTTPS (gatewayApi.gateway.create: false with its name and namespace)".to_owned(),
        });
    }
    carry(
        &mut entries,
        &mut moved,
        &legacy_entry.node,
        "enabled",
        "routes.grpc.enabled",
    );
    carry(
        &mut entries,
        &mut moved,
        &legacy_entry.node,
        "hostnames",
        "routes.grpc.hostnames",
    );
    for key in unknown_legacy_keys(&legacy_entry.node) {
        notes.push(format!("grpcRoute.{key} has no equivalent and was dropped"));
    }

    let comments = block_comments(
        text,
        &legacy_entry.key_origin,
        &legacy_entry.node,
        https && target_https,
    );
    let new_text = rewrite(text, user, legacy_entry, &entries, &comments, &mut notes);
    Ok(Migration {
        text: new_text,
        moved,
        notes,
        inexpressible,
        unchanged: false,
    })
}

/// A key of the old values whose behaviour the new chart has no key for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inexpressible {
    /// The old key.
    pub key: String,
    /// Why, and the choices there are.
    pub reason: String,
}

/// Where a new key's value comes from.
enum NewValue<'a> {
    /// The old entry, copied as written (anchors and comments with it).
    Written(&'a Entry),
    /// A value of its own; the old entry's end-of-line comment, if any, stays with it.
    Set(Value, Option<&'a Entry>),
}

/// Whether the chart has the terminate proposal's HTTPS listener key.
fn target_has_https(target: &Chart) -> bool {
    parse_document(&target.values_text, SourceId(0), &mut Vec::new())
        .is_some_and(|values| values.get(keys::HTTPS).is_some())
}

/// Move the old key `old` (below `grpcRoute`) to `new` (below `gatewayApi`), if written.
fn carry<'a>(
    entries: &mut Vec<(&'static str, NewValue<'a>)>,
    moved: &mut Vec<(String, String)>,
    legacy: &'a Node,
    old: &str,
    new: &'static str,
) {
    if let Some(entry) = written_entry(legacy, old) {
        entries.push((new, NewValue::Written(entry)));
        moved.push((format!("grpcRoute.{old}"), format!("gatewayApi.{new}")));
    }
}

/// The entry at a dotted path below `node`, as written.
fn written_entry<'a>(node: &'a Node, dotted: &str) -> Option<&'a Entry> {
    node.lookup_entry(dotted)
}

fn unchanged(text: &str) -> Migration {
    Migration {
        text: text.to_owned(),
        moved: Vec::new(),
        notes: Vec::new(),
        inexpressible: Vec::new(),
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

/// Replace the grpcRoute block (and complete an existing gatewayApi block)
/// in the text. Values are copied as written, so their anchors and
/// end-of-line comments move with them; a comment of the old block with no
/// key to follow goes above the new block, so none is lost.
fn rewrite(
    text: &str,
    user: &Map,
    legacy: &Entry,
    entries: &[(&'static str, NewValue<'_>)],
    comments: &[(Option<String>, Vec<String>)],
    notes: &mut Vec<String>,
) -> String {
    let legacy_range = block_range(
        text,
        legacy.key_origin.span.start as usize,
        legacy.node.origin.span.end as usize,
    );
    let old_block = &text[legacy_range.clone()];
    match user.entry("gatewayApi") {
        None => {
            let block = new_block(text, entries, comments);
            let block = with_lost_comments(old_block, &block);
            format!(
                "{}{block}{}",
                &text[..legacy_range.start],
                &text[legacy_range.end..]
            )
        }
        Some(existing) => {
            let mut merged = match &existing.node.value {
                Value::Map(map) => map.clone(),
                _ => Map::new(),
            };
            fill_missing(&mut merged, &as_map(entries), "gatewayApi", notes);
            let range = block_range(
                text,
                existing.key_origin.span.start as usize,
                existing.node.origin.span.end as usize,
            );
            let mut block = String::from("gatewayApi:\n");
            for line in ordered_block(&Value::Map(merged)) {
                block.push_str("  ");
                block.push_str(&line);
                block.push('\n');
            }
            // The existing block is written anew: its comments and the old
            // block's go above it.
            let kept = with_lost_comments(&text[range.clone()], &block);
            let block = with_lost_comments(old_block, &kept);
            // Replace the later block first so the earlier range stays valid.
            let mut edits = [(legacy_range, String::new()), (range, block)];
            crate::sort::sort_by_key(&mut edits, |(range, _)| std::cmp::Reverse(range.start));
            let mut out = text.to_owned();
            for (range, replacement) in edits {
                out.replace_range(range, &replacement);
            }
            out
        }
    }
}

/// The new `gatewayApi:` block, with each moved comment above its key.
fn new_block(
    text: &str,
    entries: &[(&'static str, NewValue<'_>)],
    comments: &[(Option<String>, Vec<String>)],
) -> String {
    let mut block = String::new();
    let comments_for = |block: &mut String, path: &str, indent: usize| {
        for (_, comment) in comments
            .iter()
            .filter(|(comment_path, _)| comment_path.as_deref() == Some(path))
        {
            for line in comment {
                block.push_str(&" ".repeat(indent));
                block.push_str(line.trim_start());
                block.push('\n');
            }
        }
    };
    let paths: Vec<&str> = entries.iter().map(|(path, _)| *path).collect();
    // Comments whose key has no new home go above the block.
    for (path, comment) in comments {
        let has_home = path.as_deref().is_some_and(|path| {
            paths
                .iter()
                .any(|new| *new == path || new.starts_with(&format!("{path}.")))
        });
        if !has_home {
            for line in comment {
                block.push_str(line.trim_start());
                block.push('\n');
            }
        }
    }
    block.push_str("gatewayApi:\n");
    let mut open: Vec<&str> = Vec::new();
    for (path, value) in entries {
        let segments: Vec<&str> = path.split('.').collect();
        let Some((leaf, parents)) = segments.split_last() else {
            continue;
        };
        let common = open
            .iter()
            .zip(parents.iter())
            .take_while(|(a, b)| a == b)
            .count();
        open.truncate(common);
        for (depth, parent) in parents.iter().enumerate().skip(common) {
            let indent = 2 * (depth + 1);
            comments_for(&mut block, &parents[..=depth].join("."), indent);
            block.push_str(&format!("{}{parent}:\n", " ".repeat(indent)));
            open.push(parent);
        }
        let indent = 2 * segments.len();
        comments_for(&mut block, path, indent);
        block.push_str(&leaf_text(text, leaf, value, indent));
    }
    block
}

/// `key: value` at `indent`, the value as written where it was copied.
fn leaf_text(text: &str, key: &str, value: &NewValue<'_>, indent: usize) -> String {
    let pad = " ".repeat(indent);
    match value {
        NewValue::Written(entry) => {
            let range = block_range(
                text,
                entry.key_origin.span.start as usize,
                entry.node.origin.span.end as usize,
            );
            let old_line_start = range.start;
            let old_indent = entry.key_origin.span.start as usize - old_line_start;
            let after_key = entry.key_origin.span.end as usize;
            let colon = text[after_key..range.end]
                .find(':')
                .map_or(after_key, |at| after_key + at + 1);
            let mut out = format!("{pad}{key}:");
            let mut lines = text[colon..range.end].split_inclusive('\n');
            if let Some(first) = lines.next() {
                out.push_str(first);
            }
            for line in lines {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                let rest = &line[spaces.min(old_indent)..];
                if rest.trim().is_empty() {
                    out.push_str(rest.trim_start_matches(' '));
                } else {
                    out.push_str(&pad);
                    out.push_str(rest);
                }
            }
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out
        }
        NewValue::Set(value, old) => {
            let mut map = Map::new();
            let origin = origin_zero();
            map.insert(key.to_owned(), origin, Node::new(value.clone(), origin));
            let mut out = String::new();
            for (at, line) in ordered_block(&Value::Map(map)).into_iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&line);
                if at == 0
                    && let Some(comment) = old.and_then(|entry| line_comment(text, entry))
                {
                    out.push(' ');
                    out.push_str(comment);
                }
                out.push('\n');
            }
            out
        }
    }
}

/// The end-of-line comment on an entry's first line.
fn line_comment<'t>(text: &'t str, entry: &Entry) -> Option<&'t str> {
    let start = entry.key_origin.span.start as usize;
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    comment_of(&text[start..end])
}

/// The comment on a line (`#` at its start or after a space, outside quotes).
fn comment_of(line: &str) -> Option<&str> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (at, character) in line.char_indices() {
        match (quote, character) {
            (None, '#') if previous == ' ' || previous == '\t' => return Some(&line[at..]),
            (None, '"' | '\'') => quote = Some(character),
            (Some(open), close) if open == close => quote = None,
            _ => {}
        }
        previous = character;
    }
    None
}

/// `block` with every comment of `old` it lacks written above it.
fn with_lost_comments(old: &str, block: &str) -> String {
    let kept: Vec<&str> = block.lines().filter_map(comment_of).collect();
    let mut lost: Vec<&str> = Vec::new();
    for comment in old.lines().filter_map(comment_of) {
        if !kept.contains(&comment) && !lost.contains(&comment) {
            lost.push(comment);
        }
    }
    // After the block's own leading comments, which come first in the old text too.
    let at = block
        .split_inclusive('\n')
        .take_while(|line| line.starts_with('#'))
        .map(str::len)
        .sum::<usize>();
    let mut out = block[..at].to_owned();
    for comment in lost {
        out.push_str(comment);
        out.push('\n');
    }
    out.push_str(&block[at..]);
    out
}

/// The new entries as values, for completing an existing block.
fn as_map(entries: &[(&'static str, NewValue<'_>)]) -> Map {
    let mut root = Map::new();
    for (path, value) in entries {
        let value = match value {
            NewValue::Written(entry) => entry.node.clone(),
            NewValue::Set(value, _) => Node::new(value.clone(), origin_zero()),
        };
        let segments: Vec<&str> = path.split('.').collect();
        insert_at(&mut root, &segments, value);
    }
    root
}

fn insert_at(map: &mut Map, segments: &[&str], value: Node) {
    let [first, rest @ ..] = segments else {
        return;
    };
    if rest.is_empty() {
        map.insert((*first).to_owned(), origin_zero(), value);
        return;
    }
    if !matches!(map.get(first).map(|node| &node.value), Some(Value::Map(_))) {
        map.insert(
            (*first).to_owned(),
            origin_zero(),
            Node::new(Value::Map(Map::new()), origin_zero()),
        );
    }
    if let Some(Node {
        value: Value::Map(nested),
        ..
    }) = map.get_mut(first)
    {
        insert_at(nested, rest, value);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn migrated(old: &str) -> Migration {
        migrate(old, &Chart::embedded()).unwrap()
    }

    #[test]
    fn other_keys_and_comments_stay() {
        let old = "# my values\nreplicaCount: 2 # two\ngrpcRoute:\n  enabled: true\n  hostnames: [a.example.com]\nserver:\n  disableTls: true # plaintext behind the edge\n";
        assert_eq!(
            migrated(old).text,
            "# my values\nreplicaCount: 2 # two\ngatewayApi:\n  routes:\n    grpc:\n      enabled: true\n      hostnames: [a.example.com]\nserver:\n  disableTls: true # plaintext behind the edge\n"
        );
    }

    #[test]
    fn comments_follow_their_keys_and_none_is_lost() {
        let old = "grpcRoute:\n  # route on\n  enabled: true # on\n  gateway:\n    # make one\n    create: true\n    listener:\n      # plain\n      allowedRoutes: Same # the default\n      protocol: HTTP # plain HTTP\n";
        assert_eq!(
            migrated(old).text,
            "# plain\n# the default\n# plain HTTP\ngatewayApi:\n  gateway:\n    # make one\n    create: true\n  routes:\n    grpc:\n      # route on\n      enabled: true # on\n"
        );
    }

    #[test]
    fn values_are_copied_as_written_with_their_anchors() {
        let old = "grpcRoute:\n  enabled: true\n  hostnames: &hosts # shared\n    - a.example.com # first\n    - b.example.com\nmirror: *hosts\n";
        let text = migrated(old).text;
        assert_eq!(
            text,
            "gatewayApi:\n  routes:\n    grpc:\n      enabled: true\n      hostnames: &hosts # shared\n        - a.example.com # first\n        - b.example.com\nmirror: *hosts\n"
        );
        let values = parse_document(&text, SourceId(0), &mut Vec::new()).unwrap();
        assert_eq!(
            values.lookup("mirror").unwrap().value.to_json(),
            serde_json::json!(["a.example.com", "b.example.com"])
        );
    }

    #[test]
    fn https_termination_needs_a_chart_with_the_https_listener() {
        let old = "grpcRoute:\n  enabled: true\n  gateway:\n    create: true\n    listener:\n      protocol: HTTPS\n      tls:\n        certificateRefs: [{name: edge}]\n";
        let to_proposal = migrated(old);
        assert!(to_proposal.inexpressible.is_empty());
        assert!(to_proposal.text.contains("https:\n      enabled: true\n      port: 80\n      certificateRefs: [{name: edge}]\n"), "{}", to_proposal.text);
        let without_https = Chart::from_texts(
            "apiVersion: v2\nname: helm-chart\nversion: 0.0.0\n",
            "values.yaml",
            "gatewayApi:\n  gateway:\n    create: false\n",
        )
        .unwrap();
        let to_pr2108 = migrate(old, &without_https).unwrap();
        assert_eq!(
            to_pr2108.inexpressible[0].key,
            "grpcRoute.gateway.listener.protocol"
        );
        assert!(!to_pr2108.text.contains("https"));
    }

    #[test]
    fn several_documents_are_refused_rather_than_half_migrated() {
        let old = "replicaCount: 2\n---\ngrpcRoute:\n  enabled: true\n";
        let diagnostics = migrate(old, &Chart::embedded()).unwrap_err();
        assert_eq!(diagnostics[0].code, Code::ExtraDocument);
        assert_eq!(diagnostics[0].origin.unwrap().span.start, 20);
        // Empty documents around one real document are fine.
        assert!(!migrated("---\ngrpcRoute:\n  enabled: true\n---\n").unchanged);
    }

    #[test]
    fn values_without_grpc_route_are_unchanged() {
        let migration = migrated("gatewayApi: {}\n");
        assert!(migration.unchanged);
        assert_eq!(migration.text, "gatewayApi: {}\n");
    }

    #[test]
    fn an_existing_gateway_api_block_is_completed_keeping_its_comments() {
        let old = "gatewayApi:\n  gateway:\n    className: custom # mine\ngrpcRoute:\n  enabled: true\n  gateway:\n    create: true\n    className: eg\n";
        let migration = migrated(old);
        assert!(migration.text.contains("className: custom"));
        assert!(migration.text.contains("create: true"));
        assert!(migration.text.contains("# mine"));
        assert!(!migration.text.contains("grpcRoute"));
        assert!(
            migration
                .notes
                .iter()
                .any(|note| note.contains("className was already set"))
        );
    }
}
