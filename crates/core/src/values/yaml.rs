//! YAML text → [`Node`] tree with byte spans, using saphyr's event parser.
//!
//! The tree is built here rather than by a DOM loader so that every key keeps
//! its own position, scalars resolve the way Helm (go-yaml v2) resolves them,
//! and hostile input is cut off by limits instead of exhausting memory:
//! input size, nesting depth, and the number of nodes aliases may expand to.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YamlSpan};

use super::node::{Map, Node, Value};
use super::resolve::resolve_plain;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::span::{CharOffsets, Origin, SourceId, Span};

/// The largest values text ingresslab reads unless told otherwise (the
/// command line's `--max-input-size`). The real chart's values.yaml is 13 KB.
pub const DEFAULT_INPUT_LIMIT: usize = 1 << 20;
/// The most the input limit can be raised to, and what the reader itself
/// refuses (it parses about 10 MB a second, so this bounds a run to seconds).
pub const MAX_INPUT_BYTES: usize = 16 << 20;
/// Deepest nesting of maps and lists. Real values files stay under 10.
pub const MAX_DEPTH: usize = 128;
/// Most nodes that aliases may expand to in one file (a "billion laughs" guard).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// What to do about an input over the limit.
pub const INPUT_LIMIT_HELP: &str = "values files are small: check that the right file was passed, \
     or raise the limit (`--max-input-size` on the command line)";

/// The message for an input over `limit` bytes; `name` says which, and
/// `bytes` its size when known (a stream is not read to its end).
#[must_use]
pub fn input_too_large(name: &str, bytes: Option<usize>, limit: usize) -> String {
    let limit = byte_size(limit);
    match bytes {
        Some(bytes) => format!("{name} is {bytes} bytes, more than the input limit of {limit}"),
        None => format!("{name} is more than the input limit of {limit}"),
    }
}

/// A byte count as the command line takes it: `1MiB`, `512KiB`, or bytes.
#[must_use]
pub fn byte_size(bytes: usize) -> String {
    match bytes {
        0 => "0 bytes".to_owned(),
        _ if bytes.is_multiple_of(1 << 20) => format!("{}MiB", bytes >> 20),
        _ if bytes.is_multiple_of(1 << 10) => format!("{}KiB", bytes >> 10),
        _ => format!("{bytes} bytes"),
    }
}

/// Parse the first YAML document of `text`, the way a plain YAML unmarshal
/// reads Chart.yaml or a manifest. Returns `None` when the text is not usable
/// (syntax error, limit); the reason is pushed to `diagnostics`. An empty
/// document gives a `Null` node.
pub(crate) fn parse_document(
    text: &str,
    source: SourceId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let documents = parse_documents(text, source, diagnostics)?;
    let empty = Node::new(
        Value::Null,
        Origin {
            source,
            span: Span::new(0, 0),
        },
    );
    Some(documents.into_iter().next().unwrap_or(empty))
}

/// Parse every YAML document of `text`, in order. Returns `None` when the text
/// is not usable (syntax error, limit); the reason is pushed to `diagnostics`.
pub(crate) fn parse_documents(
    text: &str,
    source: SourceId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Node>> {
    if text.len() > MAX_INPUT_BYTES {
        diagnostics.push(
            Diagnostic::new(
                Code::InputLimit,
                "",
                Some(Origin {
                    source,
                    span: Span::new(0, 0),
                }),
                input_too_large("the input", Some(text.len()), MAX_INPUT_BYTES),
            )
            .with_help(INPUT_LIMIT_HELP),
        );
        return None;
    }
    let mut builder = TreeBuilder::new(text, source);
    match builder.run() {
        Ok(()) => {
            diagnostics.append(&mut builder.diagnostics);
            Some(builder.documents)
        }
        Err(diagnostic) => {
            diagnostics.append(&mut builder.diagnostics);
            diagnostics.push(*diagnostic);
            None
        }
    }
}

/// Helm reads values with a line-based document splitter that refuses text
/// after `---` on the separator line (`--- {a: 1}`), although YAML allows it.
pub(crate) fn separator_with_content(text: &str, source: SourceId) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Some(
                    Diagnostic::new(
                        Code::YamlSyntax,
                        "",
                        Some(Origin {
                            source,
                            span: Span::new(offset, offset + line.trim_end().len()),
                        }),
                        "Helm refuses text after a `---` document separator on the same line",
                    )
                    .with_help("put the document's content on the lines after `---`"),
                );
            }
        }
        offset += line.len();
    }
    None
}

/// A container being filled.
enum Frame {
    List {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
        size: usize,
    },
    Map {
        map: Map,
        start: usize,
        anchor: usize,
        size: usize,
        pending_key: Option<PendingKey>,
        merged_keys: HashSet<String>,
    },
}

/// A key read but not yet paired with its value.
struct PendingKey {
    text: Option<String>,
    origin: Origin,
    is_merge: bool,
}

struct TreeBuilder<'text> {
    text: &'text str,
    source: SourceId,
    char_offsets: CharOffsets,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
    root: Option<Node>,
    document_start: usize,
    /// Finished documents, in order.
    documents: Vec<Node>,
    diagnostics: Vec<Diagnostic>,
}

type BuildResult = Result<(), Box<Diagnostic>>;

impl<'text> TreeBuilder<'text> {
    fn new(text: &'text str, source: SourceId) -> Self {
        Self {
            text,
            source,
            char_offsets: CharOffsets::new(text),
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            root: None,
            document_start: 0,
            documents: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn origin(&self, start: usize, end: usize) -> Origin {
        Origin {
            source: self.source,
            span: Span::new(start, end),
        }
    }

    fn origin_of(&self, span: YamlSpan) -> Origin {
        self.origin(
            self.char_offsets.byte(span.start.index()),
            self.char_offsets.byte(span.end.index()),
        )
    }

    fn syntax_error(&self, error: &ScanError) -> Box<Diagnostic> {
        let offset = self.char_offsets.byte(error.marker().index());
        // The scanner caps flow nesting (`[[[[...`) on its own; report it as the limit it is.
        if error.info().contains("recursion limit") {
            return Box::new(
                Diagnostic::new(
                    Code::InputLimit,
                    "",
                    Some(self.origin(offset, offset)),
                    "flow collections ([...] or {...}) are nested too deeply",
                )
                .with_help("flatten the structure; chart values are only a few levels deep"),
            );
        }
        Box::new(
            Diagnostic::new(
                Code::YamlSyntax,
                "",
                Some(self.origin(offset, offset)),
                format!("invalid YAML: {}", error.info()),
            )
            .with_help("fix the YAML syntax at this position; values files must be valid YAML"),
        )
    }

    fn limit_error(&self, span: YamlSpan, message: String, help: &str) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::new(Code::InputLimit, "", Some(self.origin_of(span)), message)
                .with_help(help),
        )
    }

    fn run(&mut self) -> BuildResult {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|error| self.syntax_error(&error))?;
            match event {
                Event::DocumentStart(_) => {
                    // Helm splits the stream and parses each document alone, so
                    // anchors never reach across a `---`.
                    self.anchors.clear();
                    self.document_start = self.char_offsets.byte(span.start.index());
                }
                Event::DocumentEnd => {
                    let at = self.document_start;
                    let node = self
                        .root
                        .take()
                        .unwrap_or_else(|| Node::new(Value::Null, self.origin(at, at)));
                    self.documents.push(node);
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let is_merge = style == ScalarStyle::Plain && text == "<<";
                    let value = if style == ScalarStyle::Plain && !is_str_tag(tag.as_deref()) {
                        let value = resolve_plain(&text);
                        self.refuse_non_finite(&value, &text, span);
                        value
                    } else {
                        Value::String(text.into_owned())
                    };
                    let node = Node::new(value, self.origin_of(span));
                    if anchor > 0 {
                        self.anchors.insert(anchor, (node.clone(), 1));
                    }
                    self.complete(node, 1, is_merge)?;
                }
                Event::Alias(anchor) => {
                    let Some((node, size)) = self.anchors.get(&anchor).cloned() else {
                        return Err(Box::new(Diagnostic::new(
                            Code::YamlSyntax,
                            "",
                            Some(self.origin_of(span)),
                            "invalid YAML: alias to an unknown anchor",
                        )));
                    };
                    self.alias_nodes += size;
                    if self.alias_nodes > MAX_ALIAS_NODES {
                        return Err(self.limit_error(
                            span,
                            format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                            "this looks like an alias bomb; write the values out instead of nesting aliases",
                        ));
                    }
                    // An alias keeps the anchored content but points at the alias site.
                    let node = Node::new(node.value, self.origin_of(span));
                    self.complete(node, size, false)?;
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(self.limit_error(
                            span,
                            format!("values are nested more than {MAX_DEPTH} levels deep"),
                            "flatten the structure; chart values are only a few levels deep",
                        ));
                    }
                    let start = self.char_offsets.byte(span.start.index());
                    self.stack
                        .push(if matches!(event, Event::SequenceStart(..)) {
                            Frame::List {
                                items: Vec::new(),
                                start,
                                anchor,
                                size: 1,
                            }
                        } else {
                            Frame::Map {
                                map: Map::new(),
                                start,
                                anchor,
                                size: 1,
                                pending_key: None,
                                merged_keys: HashSet::new(),
                            }
                        });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let end = self.char_offsets.byte(span.end.index());
                    let Some(frame) = self.stack.pop() else {
                        continue;
                    };
                    let (value, start, anchor, size) = match frame {
                        Frame::List {
                            items,
                            start,
                            anchor,
                            size,
                        } => (Value::List(items), start, anchor, size),
                        Frame::Map {
                            map,
                            start,
                            anchor,
                            size,
                            ..
                        } => (Value::Map(map), start, anchor, size),
                    };
                    // A flow collection ends at its `]` or `}`; a block one where its
                    // last child ends (the parser marks the next token instead).
                    let is_flow = self.text[..end.min(self.text.len())].ends_with([']', '}']);
                    let end = if is_flow {
                        end
                    } else {
                        content_end(&value).unwrap_or(start)
                    };
                    let node = Node::new(value, self.origin(start, end.max(start)));
                    if anchor > 0 {
                        self.anchors.insert(anchor, (node.clone(), size));
                    }
                    self.complete(node, size, false)?;
                }
                Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            }
        }
        Ok(())
    }

    /// `.inf` and `.nan` as values stop Helm, whose YAML-to-JSON step cannot
    /// encode them. As keys they pass: keys become strings first.
    fn refuse_non_finite(&mut self, value: &Value, text: &str, span: YamlSpan) {
        let is_key = matches!(
            self.stack.last(),
            Some(Frame::Map {
                pending_key: None,
                ..
            })
        );
        if is_key || !matches!(value, Value::Float(float) if !float.is_finite()) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::new(
                Code::NonFiniteNumber,
                "",
                Some(self.origin_of(span)),
                format!("Helm cannot turn `{text}` into JSON, so it refuses the whole file"),
            )
            .with_help(format!(
                "quote it (`\"{text}\"`) to keep the text, or write a finite number"
            )),
        );
    }

    /// A node is finished: attach it to its parent (or make it the root).
    fn complete(&mut self, node: Node, node_size: usize, is_merge: bool) -> BuildResult {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match frame {
            Frame::List { items, size, .. } => {
                *size += node_size;
                items.push(node);
            }
            Frame::Map {
                map,
                size,
                pending_key,
                merged_keys,
                ..
            } => {
                *size += node_size;
                match pending_key.take() {
                    None => {
                        let text = key_text(&node.value);
                        if text.is_none() {
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::YamlSyntax,
                                    "",
                                    Some(node.origin),
                                    "a map or list used as a map key is not supported in values",
                                )
                                .with_help("use a plain string key"),
                            );
                        }
                        *pending_key = Some(PendingKey {
                            text,
                            origin: node.origin,
                            is_merge,
                        });
                    }
                    Some(PendingKey {
                        text: Some(_),
                        is_merge: true,
                        origin,
                    }) => merge_into(map, merged_keys, node, origin, &mut self.diagnostics),
                    Some(PendingKey {
                        text: Some(key),
                        origin,
                        ..
                    }) => {
                        if map.contains_key(&key) && !merged_keys.remove(&key) {
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::DuplicateKey,
                                    "",
                                    Some(origin),
                                    format!("key `{key}` is written twice in this map; the last one wins"),
                                )
                                .with_help("remove one of the two entries"),
                            );
                        }
                        map.insert(key, origin, node);
                    }
                    Some(PendingKey { text: None, .. }) => {}
                }
            }
        }
        Ok(())
    }
}

/// Where the last child of a collection ends.
fn content_end(value: &Value) -> Option<usize> {
    match value {
        Value::List(items) => items.iter().map(|item| item.origin.span.end as usize).max(),
        Value::Map(map) => map
            .iter()
            .map(|(_, entry)| (entry.node.origin.span.end.max(entry.key_origin.span.end)) as usize)
            .max(),
        _ => None,
    }
}

/// YAML 1.1 merge key (`<<: *base` or `<<: [*a, *b]`), as go-yaml v2 (Helm's
/// values parser) applies it: the merged entries overwrite keys written
/// *before* the `<<`, keys written after it win, and in a list of maps the
/// earlier maps win.
fn merge_into(
    map: &mut Map,
    merged_keys: &mut HashSet<String>,
    node: Node,
    key_origin: Origin,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let not_maps = || {
        Diagnostic::new(
            Code::YamlSyntax,
            "",
            Some(key_origin),
            "a `<<` merge key needs a map or a list of maps",
        )
        .with_help("point `<<` at an anchored map, for example `<<: *defaults`")
    };
    let sources = match node.value {
        Value::Map(source) => vec![source],
        Value::List(items) => {
            let mut sources = Vec::with_capacity(items.len());
            for item in items.into_iter().rev() {
                match item.value {
                    Value::Map(source) => sources.push(source),
                    _ => {
                        diagnostics.push(not_maps());
                        return;
                    }
                }
            }
            sources
        }
        _ => {
            diagnostics.push(not_maps());
            return;
        }
    };
    for source in sources {
        for (key, entry) in source.iter() {
            if map.contains_key(key) && !merged_keys.contains(key) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateKey,
                        "",
                        map.entry(key).map(|written| written.key_origin),
                        format!("key `{key}` is replaced by the `<<` merge below it; Helm applies a merge over the keys written before it"),
                    )
                    .with_help(format!("move `{key}` below the `<<` line to keep this value")),
                );
            }
            merged_keys.insert(key.clone());
            map.insert(key.clone(), entry.key_origin, entry.node.clone());
        }
    }
}

fn is_str_tag(tag: Option<&saphyr_parser::Tag>) -> bool {
    tag.is_some_and(|tag| tag.is_yaml_core_schema() && tag.suffix == "str")
}

/// The string a scalar key becomes once Helm turns values into JSON.
fn key_text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Int(int) => int.to_string(),
        Value::Float(float) => crate::gotmpl::format_float(*float),
        Value::String(text) => text.clone(),
        Value::List(_) | Value::Map(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Node>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let node = parse_document(text, SourceId(0), &mut diagnostics);
        (node, diagnostics)
    }

    #[test]
    fn keys_and_values_keep_their_spans() {
        let text = "gatewayApi:\n  routes:\n    tls:\n      enabled: true\n";
        let (node, diagnostics) = parse(text);
        assert!(diagnostics.is_empty());
        let root = node.unwrap();
        let entry = root.lookup_entry("gatewayApi.routes.tls.enabled").unwrap();
        assert_eq!(&text[entry.key_origin.span.range()], "enabled");
        assert_eq!(&text[entry.node.origin.span.range()], "true");
        assert!(matches!(entry.node.value, Value::Bool(true)));
    }

    #[test]
    fn block_collections_end_at_their_last_child() {
        let text = "a:\n  b: 1\n  c: [x, y]\nd: 2\n";
        let (node, _) = parse(text);
        let a = node.unwrap().lookup("a").unwrap().clone();
        assert_eq!(&text[a.origin.span.range()], "b: 1\n  c: [x, y]");
    }

    #[test]
    fn quoted_false_stays_a_string() {
        let (node, _) = parse("a: \"false\"\nb: !!str 80\nc: 80\n");
        let root = node.unwrap();
        assert!(matches!(&root.lookup("a").unwrap().value, Value::String(s) if s == "false"));
        assert!(matches!(&root.lookup("b").unwrap().value, Value::String(s) if s == "80"));
        assert!(matches!(root.lookup("c").unwrap().value, Value::Int(80)));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let text = "a:\n  b: [1, 2\n";
        let (node, diagnostics) = parse(text);
        assert!(node.is_none());
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
        assert!(diagnostics[0].origin.is_some());
    }

    #[test]
    fn duplicate_keys_warn_and_last_wins() {
        let (node, diagnostics) = parse("a: 1\na: 2\n");
        assert!(matches!(
            node.unwrap().lookup("a").unwrap().value,
            Value::Int(2)
        ));
        assert_eq!(diagnostics[0].code, Code::DuplicateKey);
    }

    #[test]
    fn merge_keys_copy_missing_entries() {
        let (node, diagnostics) = parse("base: &b {x: 1, w: 2}\nother:\n  <<: *b\n  w: 3\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let root = node.unwrap();
        assert!(matches!(
            root.lookup("other.x").unwrap().value,
            Value::Int(1)
        ));
        assert!(matches!(
            root.lookup("other.w").unwrap().value,
            Value::Int(3)
        ));
    }

    #[test]
    fn merge_keys_overwrite_keys_written_before_them() {
        let text = "a: &a {x: 1, w: 1}\nb: &b {x: 2, z: 2}\nc:\n  x: 0\n  <<: [*a, *b]\n  w: 3\n";
        let (node, diagnostics) = parse(text);
        let root = node.unwrap();
        let at =
            |path: &str| super::super::test_support::to_json(&root.lookup(path).unwrap().value);
        // `x: 0` is overwritten by the merge, `*a` wins over `*b`, `w: 3` after it wins.
        assert_eq!(
            (at("c.x"), at("c.w"), at("c.z")),
            ("1".into(), "3".into(), "2".into())
        );
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::DuplicateKey);
        assert_eq!(
            diagnostics[0].origin.unwrap().span.start,
            text.find("x: 0").unwrap() as u32
        );
    }

    #[test]
    fn a_second_merge_key_overwrites_the_first() {
        let (node, diagnostics) = parse("a: &a {x: 1}\nb: &b {x: 2}\nc:\n  <<: *a\n  <<: *b\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(matches!(
            node.unwrap().lookup("c.x").unwrap().value,
            Value::Int(2)
        ));
    }

    #[test]
    fn a_merge_list_with_a_scalar_is_an_error() {
        let (_, diagnostics) = parse("a: &a {x: 1}\nc:\n  <<: [*a, 1]\n");
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
    }

    #[test]
    fn infinite_and_nan_values_are_refused_but_overflow_is_a_string() {
        let (node, diagnostics) = parse("a: .inf\nb: -.Inf\nc: .NaN\n.inf: 1\nd: 1e400\n");
        let codes: Vec<Code> = diagnostics
            .iter()
            .map(|diagnostic| diagnostic.code)
            .collect();
        assert_eq!(codes, [Code::NonFiniteNumber; 3]);
        assert!(
            matches!(&node.unwrap().lookup("d").unwrap().value, Value::String(text) if text == "1e400")
        );
    }

    #[test]
    fn alias_bomb_is_cut_off() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let (node, diagnostics) = parse(&text);
        assert!(node.is_none());
        assert_eq!(diagnostics.last().unwrap().code, Code::InputLimit);
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        for text in [
            "[".repeat(20_000),
            "- ".repeat(20_000),
            "{a: ".repeat(20_000),
        ] {
            let (node, diagnostics) = parse(&text);
            assert!(node.is_none());
            assert_eq!(
                diagnostics.last().unwrap().code,
                Code::InputLimit,
                "{}",
                &text[..8]
            );
        }
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let text = "a: 1\n".repeat(MAX_INPUT_BYTES / 4);
        let (node, diagnostics) = parse(&text);
        assert!(node.is_none());
        assert_eq!(diagnostics[0].code, Code::InputLimit);
    }
}
