//! The values file as helm-docs sees it: a yaml.v3 document tree where every
//! key keeps its line and column, duplicate keys stay separate, `<<` is an
//! ordinary key, aliases are expanded, and scalars resolve by yaml.v3's rules
//! (`yes` is a string, `017` is octal, `08` is a float).

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::span::{CharOffsets, LineIndex};
use crate::values::{GoInt, parse_go_int};

/// Limits, as for values files: the docs reader must not hang either.
const MAX_DEPTH: usize = 128;
const MAX_ALIAS_NODES: usize = 100_000;

/// A position in the file: 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// A scalar resolved the way yaml.v3 resolves it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// A value helm-docs cannot turn into a row; it only matters if a row or
    /// a parent's JSON needs it.
    Unsupported(Unsupported),
}

/// Why a scalar has no JSON form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unsupported {
    /// `.inf` or `.nan`: Go's JSON refuses them.
    NonFinite,
    /// A custom tag or `!!binary`: Go leaves it out of the JSON (`null`).
    Tag,
    /// An integer past int64: Go writes `0` in a parent's JSON.
    Overflow,
}

/// One node of the document.
#[derive(Clone, Debug)]
pub(crate) enum DocValue {
    /// A scalar with its source text (keys print the text as written).
    Scalar(Scalar, String),
    List(Vec<DocNode>),
    /// Entries in file order; a repeated key stays a separate entry.
    Map(Vec<(DocKey, DocNode)>),
}

/// A node with where it starts and where its content ends.
#[derive(Clone, Debug)]
pub(crate) struct DocNode {
    pub(crate) value: DocValue,
    pub(crate) start: Position,
    /// Line of the node's last character.
    pub(crate) end_line: usize,
    /// The head comment, for a list item (which is its own key node).
    pub(crate) head: String,
}

/// A mapping key: its text, where it is written, and its head comment.
#[derive(Clone, Debug)]
pub(crate) struct DocKey {
    pub(crate) text: String,
    pub(crate) position: Position,
    pub(crate) head: String,
}

/// Why a values file cannot be documented (helm-docs then skips the chart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TreeError(pub(crate) String);

enum Frame {
    List {
        items: Vec<DocNode>,
        start: Position,
        anchor: usize,
        size: usize,
    },
    Map {
        entries: Vec<(DocKey, DocNode)>,
        start: Position,
        anchor: usize,
        size: usize,
        key: Option<Option<DocKey>>,
    },
}

/// Parse the first document. `Ok(None)` for an empty file or a file of comments.
pub(crate) fn parse(text: &str) -> Result<Option<DocNode>, TreeError> {
    let index = LineIndex::new(text);
    let char_offsets = CharOffsets::new(text);
    let line_of = |byte: usize| {
        index
            .line_column(text, u32::try_from(byte).unwrap_or(u32::MAX))
            .line as usize
    };
    let position = |char_index: usize| {
        let byte = char_offsets.byte(char_index);
        let at = index.line_column(text, u32::try_from(byte).unwrap_or(u32::MAX));
        Position {
            line: at.line as usize,
            column: at.column as usize,
        }
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, (DocNode, usize)> =
        std::collections::HashMap::new();
    let mut alias_nodes = 0usize;
    let mut documents = 0;
    let mut root = None;
    while let Some(next) = parser.next_event() {
        let (event, span) =
            next.map_err(|error| TreeError(format!("invalid YAML: {}", error.info())))?;
        let start = position(span.start.index());
        // The line of the last character that is not white space: a block scalar's
        // span reaches into the indentation of the line after it.
        let end_line = {
            let from = char_offsets.byte(span.start.index());
            let to = char_offsets.byte(span.end.index()).max(from);
            let content = text[from..to].trim_end_matches([' ', '\t', '\r', '\n']);
            let last = from + content.len().saturating_sub(1).min(content.len());
            line_of(last)
        };
        let completed = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
                None
            }
            Event::Scalar(raw, style, anchor, tag) => {
                let raw_text = raw.to_string();
                let scalar = match tag.as_deref() {
                    Some(tag) if !tag.is_yaml_core_schema() || tag.suffix == "binary" => {
                        Scalar::Unsupported(Unsupported::Tag)
                    }
                    Some(tag) if tag.suffix == "str" => Scalar::String(raw.into_owned()),
                    // A core tag (`!!int "5"`) decodes the text whatever its quoting.
                    Some(_) => resolve(&raw),
                    None if style == ScalarStyle::Plain => resolve(&raw),
                    None => Scalar::String(raw.into_owned()),
                };
                let node = DocNode {
                    value: DocValue::Scalar(scalar, raw_text),
                    start,
                    end_line,
                    head: String::new(),
                };
                if anchor > 0 {
                    anchors.insert(anchor, (node.clone(), 1));
                }
                Some((node, 1))
            }
            Event::Alias(anchor) => {
                let (node, size) = anchors
                    .get(&anchor)
                    .cloned()
                    .ok_or_else(|| TreeError("alias to an unknown anchor".to_owned()))?;
                alias_nodes += size;
                if alias_nodes > MAX_ALIAS_NODES {
                    return Err(TreeError("aliases expand to too many nodes".to_owned()));
                }
                // The alias node is written here (its comment and position are its own);
                // the anchored content keeps the anchor's key nodes.
                let node = DocNode {
                    start,
                    end_line,
                    head: String::new(),
                    ..node
                };
                Some((node, size))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(TreeError("values are nested too deeply".to_owned()));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::List {
                        items: Vec::new(),
                        start,
                        anchor,
                        size: 1,
                    }
                } else {
                    Frame::Map {
                        entries: Vec::new(),
                        start,
                        anchor,
                        size: 1,
                        key: None,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                let (value, start, anchor, size) = match frame {
                    Frame::List {
                        items,
                        start,
                        anchor,
                        size,
                    } => (DocValue::List(items), start, anchor, size),
                    Frame::Map {
                        entries,
                        start,
                        anchor,
                        size,
                        ..
                    } => (DocValue::Map(entries), start, anchor, size),
                };
                let is_flow = text[..char_offsets.byte(span.end.index())].ends_with([']', '}']);
                let end_line = if is_flow {
                    end_line
                } else {
                    last_line(&value).unwrap_or(start.line)
                };
                let node = DocNode {
                    value,
                    start,
                    end_line,
                    head: String::new(),
                };
                if anchor > 0 {
                    anchors.insert(anchor, (node.clone(), size));
                }
                Some((node, size))
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
        };
        let Some((node, node_size)) = completed else {
            continue;
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::List { items, size, .. }) => {
                *size += node_size;
                items.push(node);
            }
            Some(Frame::Map {
                entries, size, key, ..
            }) => {
                *size += node_size;
                match key.take() {
                    None => {
                        *key = Some(match &node.value {
                            DocValue::Scalar(_, raw) => Some(DocKey {
                                text: raw.clone(),
                                position: node.start,
                                head: String::new(),
                            }),
                            // A complex key has no text; helm-docs shows it as empty.
                            _ => Some(DocKey {
                                text: String::new(),
                                position: node.start,
                                head: String::new(),
                            }),
                        });
                    }
                    Some(Some(doc_key)) => entries.push((doc_key, node)),
                    Some(None) => {}
                }
            }
        }
    }
    Ok(root)
}

fn last_line(value: &DocValue) -> Option<usize> {
    match value {
        DocValue::List(items) => items.iter().map(|item| item.end_line).max(),
        DocValue::Map(entries) => entries
            .iter()
            .map(|(key, node)| node.end_line.max(key.position.line))
            .max(),
        DocValue::Scalar(..) => None,
    }
}

/// yaml.v3's resolution of a plain scalar.
pub(crate) fn resolve(text: &str) -> Scalar {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "true" | "True" | "TRUE" => return Scalar::Bool(true),
        "false" | "False" | "FALSE" => return Scalar::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            return Scalar::Unsupported(Unsupported::NonFinite);
        }
        _ => {}
    }
    let first = text.as_bytes()[0];
    // Go's ParseFloat fails with a range error past f64; yaml.v3 then keeps the string.
    let finite = |float: f64| float.is_finite().then_some(Scalar::Float(float));
    if first == b'.' {
        if let Ok(float) = text.parse::<f64>()
            && text[1..]
                .bytes()
                .all(|byte| byte.is_ascii_digit() || matches!(byte, b'e' | b'E' | b'-' | b'+'))
            && let Some(scalar) = finite(float)
        {
            return scalar;
        }
    } else if first.is_ascii_digit() || first == b'+' || first == b'-' {
        let plain = text.replace('_', "");
        match parse_go_int(&plain) {
            Some(GoInt::Signed(int)) => return Scalar::Int(int),
            Some(GoInt::Unsigned(_)) => return Scalar::Unsupported(Unsupported::Overflow),
            None => {}
        }
        if is_yaml_style_float(&plain)
            && let Ok(float) = plain.parse::<f64>()
            && let Some(scalar) = finite(float)
        {
            return scalar;
        }
    }
    Scalar::String(text.to_owned())
}

fn is_yaml_style_float(text: &str) -> bool {
    crate::values::is_yaml_style_float(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Scalar {
        resolve(text)
    }

    #[test]
    fn yaml_v3_scalars() {
        assert_eq!(scalar("yes"), Scalar::String("yes".into()));
        assert_eq!(scalar("True"), Scalar::Bool(true));
        assert_eq!(scalar("0x1F"), Scalar::Int(31));
        assert_eq!(scalar("017"), Scalar::Int(15));
        assert_eq!(scalar("0o17"), Scalar::Int(15));
        assert_eq!(scalar("0b101"), Scalar::Int(5));
        assert_eq!(scalar("+5"), Scalar::Int(5));
        assert_eq!(scalar("08"), Scalar::Float(8.0));
        assert_eq!(scalar("1_0.5"), Scalar::Float(10.5));
        assert_eq!(scalar("99999999999999999999"), Scalar::Float(1e20));
        assert_eq!(scalar("2024-01-01"), Scalar::String("2024-01-01".into()));
        assert_eq!(
            scalar("0xFFFFFFFFFFFFFFFF"),
            Scalar::Unsupported(Unsupported::Overflow)
        );
        assert_eq!(scalar(".inf"), Scalar::Unsupported(Unsupported::NonFinite));
        assert_eq!(scalar("1e400"), Scalar::String("1e400".into()));
    }

    #[test]
    fn duplicate_keys_and_merge_keys_stay_as_written() {
        let root = parse("a: 1\na: 2\nb: &x {c: 1}\nd:\n  <<: *x\n")
            .unwrap()
            .unwrap();
        let DocValue::Map(entries) = &root.value else {
            panic!()
        };
        let keys: Vec<&str> = entries.iter().map(|(key, _)| key.text.as_str()).collect();
        assert_eq!(keys, ["a", "a", "b", "d"]);
        let DocValue::Map(inner) = &entries[3].1.value else {
            panic!()
        };
        assert_eq!(inner[0].0.text, "<<");
        assert_eq!(entries[1].0.position, Position { line: 2, column: 1 });
    }
}
