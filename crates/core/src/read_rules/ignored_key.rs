//! VA001 ignored-key: keys a chart ignores, known from what its templates read.
//!
//! A key the user wrote is used when the chart's values.yaml defines it or
//! a template read it, under it, or consumed a map holding it whole
//! (printed it, or passed it to a function that takes all of it, such as
//! `toYaml`). Anything else Helm accepts and drops without a word:
//! VA001, with the closest key the chart knows at that place. A key that
//! only holds an anchor the file repeats elsewhere (`x-edge: &edge`) is
//! there on purpose and passes.

use super::ReadContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::engine::trace::{KeyPath, Read, Role, Segment};
use crate::source::Sources;
use crate::values::{Map, Node, Value};

/// Functions that look at a map without consuming what is in it: a map
/// passed to them does not make its keys used.
const INSPECTING: &[&str] = &[
    "and", "default", "dig", "empty", "eq", "get", "hasKey", "include", "index", "kindIs",
    "kindOf", "len", "ne", "not", "or", "required", "ternary", "typeIs", "typeOf", "coalesce",
];

/// VA001 for every key in `user` that neither `defaults` nor `trace` knows.
/// When a refusal stopped the render, templates that would have read a key
/// may not have run: only a near miss of a key the chart defines (a typo)
/// or a dotted key is reported then.
pub(crate) fn check(ctx: &ReadContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if !ctx.whole_chart {
        return;
    }
    let walk = Walk {
        defaults: ctx.defaults,
        reads: &ctx.trace.reads,
        sources: ctx.sources,
        typos_only: !ctx.complete,
    };
    if let Some(map) = ctx.user.as_map() {
        walk.visit(map, &KeyPath::root(), diagnostics);
    }
}

struct Walk<'a> {
    defaults: &'a Node,
    reads: &'a [Read],
    sources: &'a Sources,
    /// The render stopped early: report only likely typos.
    typos_only: bool,
}

impl Walk<'_> {
    fn visit(&self, map: &Map, at: &KeyPath, diagnostics: &mut Vec<Diagnostic>) {
        for (key, entry) in map.iter() {
            let path = at.key(key);
            let defined = self.defaults.at(&path).is_some();
            if !defined && !self.reads.iter().any(|read| read.path.is_within(&path)) {
                if !consumed_whole(&path, self.reads) && !self.holds_repeated_anchor(entry) {
                    let (diagnostic, typo) =
                        ignored(&path, key, entry.key_origin, at, self.defaults, self.reads);
                    if typo || !self.typos_only {
                        diagnostics.push(diagnostic);
                    }
                }
                continue;
            }
            if consumed_whole(&path, self.reads) {
                continue;
            }
            if let Value::Map(children) = &entry.node.value {
                self.visit(children, &path, diagnostics);
            }
        }
    }

    /// Whether the key's value is an anchor (`key: &name`) that an alias
    /// (`*name`) in the same file repeats.
    fn holds_repeated_anchor(&self, entry: &crate::values::Entry) -> bool {
        if entry.key_origin.source != entry.node.origin.source {
            return false;
        }
        let text = &self.sources.get(entry.key_origin.source).text;
        // After the key: its colon, then the value, which starts with its anchor.
        let after_key = text
            .get(entry.key_origin.span.end as usize..)
            .unwrap_or_default()
            .trim_start_matches([':', ' ']);
        let Some(anchor) = after_key.strip_prefix('&').map(|rest| {
            rest.split(|ch: char| ch.is_whitespace() || ch == ',')
                .next()
                .unwrap_or_default()
        }) else {
            return false;
        };
        !anchor.is_empty() && text.contains(&format!("*{anchor}"))
    }
}

/// Whether a template took `path` or a map above it as a whole.
fn consumed_whole(path: &KeyPath, reads: &[Read]) -> bool {
    reads.iter().any(|read| {
        path.is_within(&read.path)
            && match &read.role {
                Role::Printed => true,
                Role::Argument(function) => !INSPECTING.contains(&&**function),
                Role::Tested | Role::Ranged => false,
            }
    })
}

fn ignored(
    path: &KeyPath,
    key: &str,
    origin: crate::span::Origin,
    parent: &KeyPath,
    defaults: &Node,
    reads: &[Read],
) -> (Diagnostic, bool) {
    let shown = path.to_string();
    // `a.b.c: x` written as one key: Helm does not split it.
    if parent.is_root() && key.contains('.') {
        let nested = key
            .split('.')
            .fold(KeyPath::root(), |path, part| path.key(part));
        if defaults.at(&nested).is_some() || reads.iter().any(|read| read.path.is_within(&nested)) {
            let diagnostic = Diagnostic::new(
                Code::UnknownKey,
                shown,
                Some(origin),
                format!("`{key}` is one key with dots in its name, so Helm ignores it"),
            )
            .with_help(format!(
                "Helm does not split keys at dots in a values file; nest it: {}",
                nested_example(key)
            ));
            return (diagnostic, true);
        }
    }
    let known = known_keys(parent, defaults, reads);
    let names: Vec<&str> = known.iter().map(String::as_str).collect();
    let suggestion = crate::schema::closest(key, &names);
    let help = match suggestion {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None if crate::chart::Chart::embedded_defaults().at(path).is_some() => format!(
            "`{shown}` is a key of ingresslab's own chart (PR 2108's `gatewayApi` tree with the terminate + re-encrypt proposal, used without --chart); this chart has no such key"
        ),
        None if names.is_empty() => "nothing under this key is read by the chart".to_owned(),
        None => format!("keys the chart reads here: {}", names.join(", ")),
    };
    let diagnostic = Diagnostic::new(
        Code::UnknownKey,
        shown.clone(),
        Some(origin),
        format!(
            "no template of the chart reads `{shown}` and its values.yaml does not define it, so Helm ignores it"
        ),
    )
    .with_help(help);
    match suggestion {
        Some(suggestion) => (
            diagnostic.with_fix(format!("rename to {suggestion}"), origin, suggestion),
            true,
        ),
        None => (diagnostic, false),
    }
}

/// The keys directly under `parent` that the chart defines or reads, sorted.
fn known_keys(parent: &KeyPath, defaults: &Node, reads: &[Read]) -> Vec<String> {
    let depth = parent.segments().len();
    let mut known: Vec<String> = defaults
        .at(parent)
        .and_then(Node::as_map)
        .map(|map| map.iter().map(|(key, _)| key.clone()).collect())
        .unwrap_or_default();
    for read in reads {
        if read.path.is_within(parent)
            && let Some(Segment::Key(key)) = read.path.segments().get(depth)
        {
            known.push(key.to_string());
        }
    }
    crate::sort::sort(&mut known);
    known.dedup();
    known
}

/// `a.b.c` as nested flow YAML: `a: {b: {c: ...}}`.
fn nested_example(key: &str) -> String {
    let mut parts = key.split('.');
    let top = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let inner = rest.iter().rev().fold("...".to_owned(), |inner, part| {
        format!("{{{part}: {inner}}}")
    });
    format!("`{top}: {inner}`")
}
