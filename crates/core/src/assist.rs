//! Editing help for the values text of an analysis: where a position stands
//! in the YAML tree, the keys and values that can be written there, and what
//! the key under the caret means. The keys come from the chart itself, its
//! values.yaml and what its templates read, so the help holds for any chart.
//!
//! Positions are found from indentation, line by line, as block YAML is
//! written: the text being edited is often not valid YAML yet.

use crate::analysis::{Analysis, CHART_VALUES_SOURCE};
use crate::engine::trace::{KeyPath, Segment};
use crate::values::{Node, Value};

/// A key or value that can be written at the caret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What is offered (`className`, `true`).
    pub label: String,
    /// Its type, from the chart's default (`boolean`, `map`, ...).
    pub kind: &'static str,
    /// The chart's `# --` description, if it has one.
    pub description: String,
    /// What accepting it writes in place of the typed prefix.
    pub insert: String,
}

/// The completions at a position, and the bytes they replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completions {
    /// Byte offset where the typed prefix starts.
    pub start: usize,
    /// Byte offset where it ends (the caret).
    pub end: usize,
    /// Best first.
    pub items: Vec<Completion>,
}

/// What a key means, for hover and the key under the caret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    /// The key path (`gatewayApi.gateway.className`).
    pub path: String,
    /// The chart's description.
    pub description: Option<String>,
    /// The chart's default, as JSON.
    pub default: Option<String>,
    /// The value in effect, as JSON.
    pub value: Option<String>,
    /// The rendered resources it is printed into or lets through
    /// (`Gateway openshell`).
    pub renders: Vec<String>,
}

/// Where a position stands.
#[derive(Debug, PartialEq, Eq)]
enum Place {
    /// Typing a key below `parent`; `prefix` starts at `start`.
    Key {
        parent: Vec<String>,
        start: usize,
        indent: usize,
    },
    /// Typing the value of `path`; it starts at `start`.
    Value { path: Vec<String>, start: usize },
}

impl Analysis {
    /// What can be written at byte `offset` of `text` (the values file this
    /// analysis read).
    #[must_use]
    pub fn completions(&self, text: &str, offset: usize) -> Option<Completions> {
        let offset = floor_char_boundary(text, offset);
        let descriptions = self.descriptions();
        match place_at(text, offset)? {
            Place::Key {
                parent,
                start,
                indent,
            } => {
                let prefix = &text[start..offset];
                let mut keys = self.keys_below(&parent);
                keys.retain(|(key, _)| matches(key, prefix));
                crate::sort::sort_by_key(&mut keys, |(key, _)| {
                    (!starts_with_ignoring_case(key, prefix), key.clone())
                });
                let items = keys
                    .into_iter()
                    .map(|(key, default)| {
                        let path = dotted(&parent, &key);
                        let insert = match default.map(|node| &node.value) {
                            Some(Value::Map(_)) => {
                                format!("{key}:\n{}", " ".repeat(indent + 2))
                            }
                            _ => format!("{key}: "),
                        };
                        Completion {
                            kind: default.map_or("any", |node| kind_of(&node.value)),
                            description: descriptions.get(&path).cloned().unwrap_or_default(),
                            insert,
                            label: key,
                        }
                    })
                    .collect();
                Some(Completions {
                    start,
                    end: offset,
                    items,
                })
            }
            Place::Value { path, start } => {
                let prefix = &text[start..offset];
                let default = self.defaults.at(&key_path(&path));
                let choices: &[&str] = match default.map(|node| &node.value) {
                    Some(Value::Bool(_)) => &["true", "false"],
                    _ => &[],
                };
                let items = choices
                    .iter()
                    .filter(|choice| choice.starts_with(prefix) && **choice != prefix)
                    .map(|choice| Completion {
                        label: (*choice).to_owned(),
                        kind: "boolean",
                        description: String::new(),
                        insert: (*choice).to_owned(),
                    })
                    .collect();
                Some(Completions {
                    start,
                    end: offset,
                    items,
                })
            }
        }
    }

    /// What the key written on the line of byte `offset` of `text` means.
    #[must_use]
    pub fn key_help(&self, text: &str, offset: usize) -> Option<KeyHelp> {
        let offset = floor_char_boundary(text, offset);
        let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |at| offset + at);
        let line = &text[line_start..line_end];
        let (indent, key) = key_of_line(line)?;
        let mut path = parent_path(text, line_start, indent)?;
        path.push(key);
        let at = key_path(&path);
        let dotted_path = path.join(".");
        let json = |node: &Node| node.value.to_json().to_string();
        let renders = self
            .trace
            .as_ref()
            .map(|trace| {
                // The files it was printed into, or whose output it let through.
                let printed = trace
                    .emitted
                    .iter()
                    .filter(|print| print.path.is_within(&at))
                    .map(|print| &print.file);
                let gated = trace
                    .gated
                    .iter()
                    .filter(|gate| gate.keys.iter().any(|key| key.is_within(&at)))
                    .map(|gate| &gate.file);
                let files: Vec<&std::rc::Rc<str>> = printed.chain(gated).collect();
                let mut renders: Vec<String> = Vec::new();
                for manifest in self.manifests.iter().flatten() {
                    let shown = format!("{} {}", manifest.kind, manifest.name);
                    if files.iter().any(|file| ***file == *manifest.template)
                        && !renders.contains(&shown)
                    {
                        renders.push(shown);
                    }
                }
                renders
            })
            .unwrap_or_default();
        Some(KeyHelp {
            description: self.descriptions().get(&dotted_path).cloned(),
            default: self.defaults.at(&at).map(json),
            value: self.values.at(&at).map(json),
            renders,
            path: dotted_path,
        })
    }

    /// The chart's `# --` descriptions, by dotted key.
    fn descriptions(&self) -> std::rc::Rc<std::collections::BTreeMap<String, String>> {
        crate::docs::descriptions(&self.sources.get(CHART_VALUES_SOURCE).text)
    }

    /// The keys the chart knows directly below `parent`: its defaults', then
    /// those its templates read, each with its default.
    fn keys_below(&self, parent: &[String]) -> Vec<(String, Option<&Node>)> {
        let mut keys: Vec<(String, Option<&Node>)> = self
            .defaults
            .at(&key_path(parent))
            .and_then(Node::as_map)
            .map(|map| {
                map.iter()
                    .map(|(key, entry)| (key.clone(), Some(&entry.node)))
                    .collect()
            })
            .unwrap_or_default();
        let under = key_path(parent);
        for read in self.trace.iter().flat_map(|trace| &trace.reads) {
            if read.path.is_within(&under)
                && let Some(Segment::Key(key)) = read.path.segments().get(parent.len())
                && !keys.iter().any(|(known, _)| **known == **key)
            {
                keys.push((key.to_string(), None));
            }
        }
        keys
    }
}

/// Where byte `offset` of `text` stands, or `None` where nothing can be
/// offered (a comment, a list item, a flow collection).
fn place_at(text: &str, offset: usize) -> Option<Place> {
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &text[line_start..offset];
    let indent = before.len() - before.trim_start_matches(' ').len();
    let written = &before[indent..];
    if written.starts_with('-') || written.contains('#') {
        return None;
    }
    if written.chars().all(is_key_char) {
        let parent = parent_path(text, line_start, indent)?;
        return Some(Place::Key {
            parent,
            start: offset - written.len(),
            indent,
        });
    }
    let (key, value) = written.split_once(':')?;
    if key.is_empty() || !key.chars().all(is_key_char) {
        return None;
    }
    let value_text = value.trim_start();
    if value_text.starts_with(['{', '[', '"', '\'', '&', '*', '|', '>']) {
        return None;
    }
    let mut path = parent_path(text, line_start, indent)?;
    path.push(key.to_owned());
    Some(Place::Value {
        path,
        start: offset - value_text.len(),
    })
}

/// The map keys enclosing a line indented by `indent` that starts at
/// `line_start`, outermost first; `None` inside a list or an unclear block.
fn parent_path(text: &str, line_start: usize, indent: usize) -> Option<Vec<String>> {
    let mut path = Vec::new();
    let mut threshold = indent;
    for line in text[..line_start].lines().rev() {
        if threshold == 0 {
            break;
        }
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let line_indent = line.len() - content.len();
        if line_indent >= threshold {
            continue;
        }
        if content.starts_with('-') {
            return None;
        }
        let (key, rest) = content.split_once(':')?;
        let rest = rest.trim();
        if !(rest.is_empty() || rest.starts_with('#') || rest.starts_with('&')) {
            return None;
        }
        path.push(unquote(key).to_owned());
        threshold = line_indent;
    }
    path.reverse();
    Some(path)
}

/// The indentation and key of a `key: ...` line.
fn key_of_line(line: &str) -> Option<(usize, String)> {
    let content = line.trim_start_matches(' ');
    if content.starts_with(['-', '#']) {
        return None;
    }
    let (key, _) = content.split_once(':')?;
    let key = unquote(key.trim_end());
    (!key.is_empty()).then(|| (line.len() - content.len(), key.to_owned()))
}

fn unquote(key: &str) -> &str {
    key.trim_matches(|ch| ch == '"' || ch == '\'')
}

fn is_key_char(ch: char) -> bool {
    ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.' | '/')
}

fn key_path(keys: &[String]) -> KeyPath {
    keys.iter().fold(KeyPath::root(), |path, key| path.key(key))
}

fn dotted(parent: &[String], key: &str) -> String {
    parent
        .iter()
        .map(String::as_str)
        .chain([key])
        .collect::<Vec<_>>()
        .join(".")
}

/// A prefix match ignoring case, or the typed text anywhere in the key.
fn matches(key: &str, typed: &str) -> bool {
    typed.is_empty()
        || key
            .to_ascii_lowercase()
            .contains(&typed.to_ascii_lowercase())
}

fn starts_with_ignoring_case(key: &str, typed: &str) -> bool {
    key.to_ascii_lowercase()
        .starts_with(&typed.to_ascii_lowercase())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "boolean",
        Value::String(_) => "string",
        Value::Int(_) | Value::Float(_) => "number",
        Value::List(_) => "list",
        Value::Map(_) => "map",
        Value::Null => "any",
    }
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Input, analyze};

    /// `text` with `|` marking the caret: the text without it and the offset.
    fn at_caret(marked: &str) -> (String, usize) {
        let offset = marked.find('|').unwrap();
        (marked.replacen('|', "", 1), offset)
    }

    fn labels(marked: &str) -> Vec<String> {
        let (text, offset) = at_caret(marked);
        let analysis = analyze(&Input::with_values("values.yaml", &text));
        analysis
            .completions(&text, offset)
            .map(|completions| {
                completions
                    .items
                    .into_iter()
                    .map(|item| item.label)
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn keys_below_the_caret_s_map_are_offered() {
        let offered = labels("gatewayApi:\n  gateway:\n    cla|\n");
        assert_eq!(offered, ["className"]);
        let offered = labels("gatewayApi:\n  routes:\n    |\n");
        assert_eq!(offered, ["grpc", "tls"]);
        assert!(labels("gate|").contains(&"gatewayApi".to_owned()));
    }

    #[test]
    fn a_completion_carries_type_description_and_what_it_inserts() {
        let (text, offset) = at_caret("gatewayApi:\n  gateway:\n    crea|\n");
        let analysis = analyze(&Input::with_values("values.yaml", &text));
        let completions = analysis.completions(&text, offset).unwrap();
        assert_eq!((completions.start, completions.end), (offset - 4, offset));
        let create = &completions.items[0];
        assert_eq!((create.label.as_str(), create.kind), ("create", "boolean"));
        assert_eq!(create.insert, "create: ");
        assert!(!create.description.is_empty());
        let (text, offset) = at_caret("gatewayApi:\n  gat|\n");
        let analysis = analyze(&Input::with_values("values.yaml", &text));
        let gateway = &analysis.completions(&text, offset).unwrap().items[0];
        assert_eq!(gateway.insert, "gateway:\n    ");
    }

    #[test]
    fn booleans_are_offered_as_values() {
        assert_eq!(
            labels("gatewayApi:\n  gateway:\n    create: |\n"),
            ["true", "false"]
        );
        assert_eq!(
            labels("gatewayApi:\n  gateway:\n    create: t|\n"),
            ["true"]
        );
        assert!(labels("# gate|").is_empty());
    }

    #[test]
    fn the_key_under_the_caret_says_what_it_is_and_renders() {
        let text = "gatewayApi:\n  gateway:\n    create: true\n    className: cilium\n";
        let analysis = analyze(&Input::with_values("values.yaml", text));
        let help = analysis
            .key_help(text, text.find("className").unwrap() + 2)
            .unwrap();
        assert_eq!(help.path, "gatewayApi.gateway.className");
        assert_eq!(help.default.as_deref(), Some("\"eg\""));
        assert_eq!(help.value.as_deref(), Some("\"cilium\""));
        assert_eq!(help.renders, ["Gateway openshell"]);
        assert!(help.description.is_some());
    }
}
