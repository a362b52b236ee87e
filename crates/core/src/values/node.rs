//! The values tree: a JSON-like value where every node and every map key
//! remembers where it came from.

use indexmap::IndexMap;

use crate::span::Origin;

/// One value with its origin.
#[derive(Clone, Debug)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value was written.
    pub origin: Origin,
}

/// A values-tree value, typed the way Helm sees it after reading YAML.
#[derive(Clone, Debug)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// A boolean (YAML 1.1 spellings included: `yes`, `on`, ...).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    String(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping with string keys, in the order they were written.
    Map(Map),
}

/// A map entry: the key's origin and the value node.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Where the key was written.
    pub key_origin: Origin,
    /// The value under the key.
    pub node: Node,
}

/// An insertion-ordered map of string keys to nodes.
#[derive(Clone, Debug, Default)]
pub struct Map {
    entries: IndexMap<String, Entry>,
}

impl Map {
    /// An empty map.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The entry under `key`.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The node under `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.get(key).map(|entry| &entry.node)
    }

    /// The node under `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.entries.get_mut(key).map(|entry| &mut entry.node)
    }

    /// Whether `key` is present (even with a null value).
    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Insert or replace; a replaced key keeps its position.
    pub fn insert(&mut self, key: String, key_origin: Origin, node: Node) {
        self.entries.insert(key, Entry { key_origin, node });
    }

    /// Remove a key, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        self.entries.shift_remove(key)
    }

    /// Iterate in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// Number of keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map has no keys.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Node {
    /// A node from a value and an origin.
    #[must_use]
    pub fn new(value: Value, origin: Origin) -> Self {
        Self { value, origin }
    }

    /// The map inside, if this is a map.
    #[must_use]
    pub fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    /// Follow a dotted path of map keys (`gatewayApi.routes.tls`).
    #[must_use]
    pub fn lookup(&self, dotted: &str) -> Option<&Node> {
        dotted
            .split('.')
            .try_fold(self, |node, key| node.as_map()?.get(key))
    }

    /// The node at one of the keys ingresslab names ([`crate::keys`]).
    #[must_use]
    pub(crate) fn get(&self, key: crate::keys::Key) -> Option<&Node> {
        key.segments()
            .iter()
            .try_fold(self, |node, segment| node.as_map()?.get(segment))
    }

    /// The node at a key path (map keys and list indices).
    #[must_use]
    pub fn at(&self, path: &crate::engine::trace::KeyPath) -> Option<&Node> {
        self.at_segments(path.segments())
    }

    fn at_segments(&self, segments: &[crate::engine::trace::Segment]) -> Option<&Node> {
        use crate::engine::trace::Segment;
        segments
            .iter()
            .try_fold(self, |node, segment| match (segment, &node.value) {
                (Segment::Key(key), Value::Map(map)) => map.get(key),
                (Segment::Index(index), Value::List(items)) => items.get(*index),
                _ => None,
            })
    }

    /// Where the last step of `path` was written: its key, or its list item.
    #[must_use]
    pub fn place_of(&self, path: &crate::engine::trace::KeyPath) -> Option<Origin> {
        use crate::engine::trace::Segment;
        let (last, parent) = path.segments().split_last()?;
        let parent = self.at_segments(parent)?;
        match (last, &parent.value) {
            (Segment::Key(key), Value::Map(map)) => map.entry(key).map(|entry| entry.key_origin),
            (Segment::Index(index), Value::List(items)) => {
                items.get(*index).map(|item| item.origin)
            }
            _ => None,
        }
    }

    /// Follow a dotted path and return the entry (key origin + node) at its end.
    #[must_use]
    pub fn lookup_entry(&self, dotted: &str) -> Option<&Entry> {
        let (parent, last) = match dotted.rsplit_once('.') {
            Some((parent, last)) => (self.lookup(parent)?, last),
            None => (self, dotted),
        };
        parent.as_map()?.entry(last)
    }
}

impl Value {
    /// The value as JSON (map keys in their written order).
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as Json;
        match self {
            Value::Null => Json::Null,
            Value::Bool(flag) => Json::Bool(*flag),
            Value::Int(int) => Json::from(*int),
            Value::Float(float) => {
                serde_json::Number::from_f64(*float).map_or(Json::Null, Json::Number)
            }
            Value::String(text) => Json::String(text.clone()),
            Value::List(items) => {
                Json::Array(items.iter().map(|item| item.value.to_json()).collect())
            }
            Value::Map(map) => Json::Object(
                map.iter()
                    .map(|(key, entry)| (key.clone(), entry.node.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// A short name of the type, for messages.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
        }
    }
}
