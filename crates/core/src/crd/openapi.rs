//! Validation against a Kubernetes structural (OpenAPI v3) schema, the way
//! the API server validates custom resources: types, required fields,
//! lengths, patterns, bounds, enums and list/map uniqueness. Only the
//! keywords the Gateway API CRDs use are understood; unknown ones are ignored.
//! Patterns use `regex-lite`, which keeps the WebAssembly build small, and
//! are compiled on first use: a document meets few of them, and compiling
//! all of them was most of the page's first analysis.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex_lite::Regex;
use serde_json::Value as Json;

/// The four embedded CRD schemas, as Rust statics written by `build.rs`
/// from the JSON under `crates/core/crd/`: a run pays nothing to parse or
/// compile them.
pub(crate) mod embedded {
    use super::{JsonType, ListType, Pattern, PatternCache, Schema, StringFormat};

    include!(concat!(env!("OUT_DIR"), "/crd_schemas.rs"));
}

/// A compiled schema node. Every part is static, so a schema tree can be a
/// `static` (see [`embedded`]).
#[derive(Debug)]
pub(crate) struct Schema {
    pub(super) kind: Option<JsonType>,
    pub(super) properties: &'static [(&'static str, Schema)],
    pub(super) required: &'static [&'static str],
    pub(super) items: Option<&'static Schema>,
    pub(super) additional_properties: Option<&'static Schema>,
    pub(super) min_length: Option<usize>,
    pub(super) max_length: Option<usize>,
    pub(super) pattern: Option<Pattern>,
    pub(super) min_items: Option<usize>,
    pub(super) max_items: Option<usize>,
    pub(super) max_properties: Option<usize>,
    pub(super) minimum: Option<f64>,
    pub(super) maximum: Option<f64>,
    /// `enum`: every enum of the Gateway API CRDs lists strings (`build.rs` checks).
    pub(super) allowed: &'static [&'static str],
    pub(super) format: Option<StringFormat>,
    pub(super) one_of: &'static [Schema],
    pub(super) any_of: &'static [Schema],
    pub(super) not: Option<&'static Schema>,
    pub(super) list_type: Option<ListType>,
    pub(super) list_map_keys: &'static [&'static str],
}

/// The OpenAPI `type` keyword, for the types the Gateway API CRDs use
/// (`build.rs` stops at any other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonType {
    Object,
    Array,
    String,
    Integer,
}

impl JsonType {
    fn name(self) -> &'static str {
        match self {
            Self::Object => "object",
            Self::Array => "array",
            Self::String => "string",
            Self::Integer => "integer",
        }
    }

    fn admits(self, value: &Json) -> bool {
        match self {
            Self::Object => value.is_object(),
            Self::Array => value.is_array(),
            Self::String => value.is_string(),
            Self::Integer => {
                value.is_i64()
                    || value.is_u64()
                    || value.as_f64().is_some_and(|number| number.fract() == 0.0)
            }
        }
    }
}

/// The `format` values the API server checks on strings; the CRDs' other
/// formats (`date-time`, `int32`, ...) sit on status fields a chart never writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StringFormat {
    Ipv4,
    Ipv6,
}

/// `x-kubernetes-list-type`: `atomic` lists have no item rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListType {
    Set,
    Map,
}

/// Where a pattern keeps its regex once compiled.
pub(crate) type PatternCache = OnceLock<Result<Regex, String>>;

/// A `pattern` keyword: its source, compiled when a string first meets it
/// (a document meets few of them, and compiling all of them was most of
/// the page's first analysis).
#[derive(Debug)]
pub(crate) struct Pattern {
    pub(super) source: &'static str,
    pub(super) compiled: &'static PatternCache,
}

impl Pattern {
    fn regex(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| Regex::new(self.source).map_err(|error| error.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }
}

/// One failed check: JSON pointer of the offending field and what is wrong.
pub(crate) type Failure = (String, String);

impl Schema {
    /// A node with no keyword: what `build.rs` completes each node from.
    pub(crate) const EMPTY: Schema = Schema {
        kind: None,
        properties: &[],
        required: &[],
        items: None,
        additional_properties: None,
        min_length: None,
        max_length: None,
        pattern: None,
        min_items: None,
        max_items: None,
        max_properties: None,
        minimum: None,
        maximum: None,
        allowed: &[],
        format: None,
        one_of: &[],
        any_of: &[],
        not: None,
        list_type: None,
        list_map_keys: &[],
    };

    /// Every pattern of the schema that does not compile, with why.
    #[cfg(test)]
    pub(crate) fn pattern_errors(&self) -> Vec<String> {
        let mut errors: Vec<String> = self
            .pattern
            .iter()
            .filter_map(|pattern| {
                let source = &pattern.source;
                pattern
                    .regex()
                    .err()
                    .map(|error| format!("{source:?}: {error}"))
            })
            .collect();
        let children = self
            .properties
            .iter()
            .map(|(_, schema)| schema)
            .chain(self.items)
            .chain(self.additional_properties)
            .chain(self.one_of)
            .chain(self.any_of)
            .chain(self.not);
        for child in children {
            errors.extend(child.pattern_errors());
        }
        errors
    }

    /// Validate `value` (at `pointer`), appending every failure.
    pub(crate) fn validate(&self, value: &Json, pointer: &str, failures: &mut Vec<Failure>) {
        let fail = |failures: &mut Vec<Failure>, message: String| {
            failures.push((pointer.to_owned(), message))
        };
        if let Some(kind) = self.kind
            && !kind.admits(value)
        {
            fail(
                failures,
                format!("{value} is not of type {:?}", kind.name()),
            );
            return;
        }
        if !self.allowed.is_empty()
            && !value
                .as_str()
                .is_some_and(|text| self.allowed.contains(&text))
        {
            let allowed: Vec<String> = self
                .allowed
                .iter()
                .map(|item| format!("{item:?}"))
                .collect();
            fail(
                failures,
                format!("{value} is not one of {}", allowed.join(", ")),
            );
        }
        match value {
            Json::String(text) => self.validate_string(text, pointer, failures),
            Json::Number(number) => {
                let number = number.as_f64().unwrap_or_default();
                if self.minimum.is_some_and(|minimum| number < minimum) {
                    fail(
                        failures,
                        format!(
                            "{number} is less than the minimum of {}",
                            self.minimum.unwrap_or_default()
                        ),
                    );
                }
                if self.maximum.is_some_and(|maximum| number > maximum) {
                    fail(
                        failures,
                        format!(
                            "{number} is greater than the maximum of {}",
                            self.maximum.unwrap_or_default()
                        ),
                    );
                }
            }
            Json::Array(items) => self.validate_array(items, pointer, failures),
            Json::Object(map) => {
                for name in self.required {
                    if !map.contains_key(*name) {
                        failures.push((
                            format!("{pointer}/{name}"),
                            format!("{name:?} is a required property"),
                        ));
                    }
                }
                if self.max_properties.is_some_and(|max| map.len() > max) {
                    fail(
                        failures,
                        format!(
                            "has more than {} properties",
                            self.max_properties.unwrap_or_default()
                        ),
                    );
                }
                for (name, child) in map {
                    let child_pointer = format!("{pointer}/{}", escape_pointer(name));
                    match self
                        .properties
                        .iter()
                        .find(|(property, _)| *property == name)
                    {
                        Some((_, schema)) => schema.validate(child, &child_pointer, failures),
                        None => {
                            if let Some(schema) = self.additional_properties {
                                schema.validate(child, &child_pointer, failures);
                            }
                        }
                    }
                }
            }
            Json::Null | Json::Bool(_) => {}
        }
        let passes = |schema: &Schema| {
            let mut nested = Vec::new();
            schema.validate(value, pointer, &mut nested);
            nested.is_empty()
        };
        if !self.one_of.is_empty()
            && self.one_of.iter().filter(|schema| passes(schema)).count() != 1
        {
            fail(
                failures,
                "does not match exactly one of the allowed shapes".to_owned(),
            );
        }
        if !self.any_of.is_empty() && !self.any_of.iter().any(passes) {
            fail(
                failures,
                "does not match any of the allowed shapes".to_owned(),
            );
        }
        if self.not.is_some_and(passes) {
            fail(failures, "matches a shape that is not allowed".to_owned());
        }
    }

    fn validate_string(&self, text: &str, pointer: &str, failures: &mut Vec<Failure>) {
        let length = text.chars().count();
        let mut fail = |message: String| failures.push((pointer.to_owned(), message));
        if self.min_length.is_some_and(|min| length < min) {
            fail(format!(
                "{text:?} is shorter than {} characters",
                self.min_length.unwrap_or_default()
            ));
        }
        if self.max_length.is_some_and(|max| length > max) {
            fail(format!(
                "{text:?} is longer than {} characters",
                self.max_length.unwrap_or_default()
            ));
        }
        // A pattern regex-lite cannot compile checks nothing (a test keeps there being none).
        if let Some(pattern) = &self.pattern
            && pattern.regex().is_ok_and(|regex| !regex.is_match(text))
        {
            fail(format!("{text:?} does not match {:?}", pattern.source));
        }
        let format_fails = match self.format {
            Some(StringFormat::Ipv4) => text
                .parse::<std::net::Ipv4Addr>()
                .is_err()
                .then_some("ipv4"),
            Some(StringFormat::Ipv6) => text
                .parse::<std::net::Ipv6Addr>()
                .is_err()
                .then_some("ipv6"),
            None => None,
        };
        if let Some(format) = format_fails {
            fail(format!("{text:?} is not a valid {format}"));
        }
    }

    fn validate_array(&self, items: &[Json], pointer: &str, failures: &mut Vec<Failure>) {
        if self.min_items.is_some_and(|min| items.len() < min) {
            failures.push((
                pointer.to_owned(),
                format!(
                    "has fewer than {} items",
                    self.min_items.unwrap_or_default()
                ),
            ));
        }
        if self.max_items.is_some_and(|max| items.len() > max) {
            failures.push((
                pointer.to_owned(),
                format!("has more than {} items", self.max_items.unwrap_or_default()),
            ));
        }
        if let Some(schema) = self.items {
            for (idx, item) in items.iter().enumerate() {
                schema.validate(item, &format!("{pointer}/{idx}"), failures);
            }
        }
        // `set` lists hold unique items; `map` lists are keyed by their map keys.
        let mut seen = HashSet::new();
        for (idx, item) in items.iter().enumerate() {
            let key = match self.list_type {
                Some(ListType::Set) => item.to_string(),
                Some(ListType::Map) => self
                    .list_map_keys
                    .iter()
                    .map(|key| item[*key].to_string())
                    .collect::<Vec<_>>()
                    .join("/"),
                _ => continue,
            };
            if !seen.insert(key) {
                failures.push((
                    format!("{pointer}/{idx}"),
                    "duplicates an earlier entry".to_owned(),
                ));
            }
        }
    }
}

fn escape_pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A static node for a test schema (the embedded ones are statics).
    fn leak(schema: Schema) -> &'static Schema {
        Box::leak(Box::new(schema))
    }

    fn pattern(source: &'static str) -> Option<Pattern> {
        let compiled = Box::leak(Box::new(PatternCache::new()));
        Some(Pattern { source, compiled })
    }

    fn failures(schema: &Schema, value: Json) -> Vec<Failure> {
        let mut found = Vec::new();
        schema.validate(&value, "", &mut found);
        found
    }

    #[test]
    fn types_required_and_bounds() {
        let properties = Box::leak(Box::new([
            (
                "name",
                Schema {
                    kind: Some(JsonType::String),
                    max_length: Some(3),
                    pattern: pattern("^[a-z]+$"),
                    ..Schema::EMPTY
                },
            ),
            (
                "port",
                Schema {
                    kind: Some(JsonType::Integer),
                    minimum: Some(1.0),
                    maximum: Some(65535.0),
                    ..Schema::EMPTY
                },
            ),
            (
                "tags",
                Schema {
                    kind: Some(JsonType::Array),
                    max_items: Some(1),
                    list_type: Some(ListType::Set),
                    items: Some(leak(Schema {
                        kind: Some(JsonType::String),
                        ..Schema::EMPTY
                    })),
                    ..Schema::EMPTY
                },
            ),
        ]));
        let schema = Schema {
            kind: Some(JsonType::Object),
            required: &["name"],
            properties,
            ..Schema::EMPTY
        };
        let valid = json!({ "name": "abc", "port": 80, "tags": ["a"] });
        assert!(failures(&schema, valid).is_empty());
        let found = failures(
            &schema,
            json!({ "name": "ABCD", "port": 0, "tags": ["a", "a"] }),
        );
        let pointers: Vec<&str> = found.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(pointers, ["/name", "/name", "/port", "/tags", "/tags/1"]);
        let required = Schema {
            kind: Some(JsonType::Object),
            required: &["x"],
            ..Schema::EMPTY
        };
        assert_eq!(failures(&required, json!({}))[0].0, "/x");
        let integer = Schema {
            kind: Some(JsonType::Integer),
            ..Schema::EMPTY
        };
        assert!(!failures(&integer, json!("8080")).is_empty());
    }

    #[test]
    fn combinators_formats_and_enums() {
        let address = Schema {
            one_of: Box::leak(Box::new([
                Schema {
                    format: Some(StringFormat::Ipv4),
                    ..Schema::EMPTY
                },
                Schema {
                    format: Some(StringFormat::Ipv6),
                    ..Schema::EMPTY
                },
            ])),
            ..Schema::EMPTY
        };
        assert!(failures(&address, json!("10.0.0.1")).is_empty());
        assert!(!failures(&address, json!("not-an-ip")).is_empty());
        let not_x = Schema {
            not: Some(leak(Schema {
                allowed: &["x"],
                ..Schema::EMPTY
            })),
            ..Schema::EMPTY
        };
        assert!(!failures(&not_x, json!("x")).is_empty());
        assert!(failures(&not_x, json!("y")).is_empty());
        let protocols = Schema {
            allowed: &["TLS", "HTTPS"],
            ..Schema::EMPTY
        };
        assert_eq!(
            failures(&protocols, json!(1))[0].1,
            r#"1 is not one of "TLS", "HTTPS""#
        );
    }
}
