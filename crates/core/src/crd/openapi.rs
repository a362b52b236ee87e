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

/// A compiled schema node.
#[derive(Debug, Default)]
pub(crate) struct Schema {
    kind: Option<String>,
    properties: Vec<(String, Schema)>,
    required: Vec<String>,
    items: Option<Box<Schema>>,
    additional_properties: Option<Box<Schema>>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<Pattern>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    max_properties: Option<usize>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    allowed: Vec<Json>,
    format: Option<String>,
    one_of: Vec<Schema>,
    any_of: Vec<Schema>,
    not: Option<Box<Schema>>,
    list_type: Option<String>,
    list_map_keys: Vec<String>,
}

/// A `pattern` keyword: its source, compiled when a string first meets it.
#[derive(Debug)]
struct Pattern {
    source: String,
    compiled: OnceLock<Result<Regex, String>>,
}

impl Pattern {
    fn regex(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).map_err(|error| error.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }
}

/// One failed check: JSON pointer of the offending field and what is wrong.
pub(crate) type Failure = (String, String);

impl Schema {
    /// Compile a schema (its patterns wait for [`Self::pattern_errors`] or first use).
    pub(crate) fn compile(json: &Json) -> Result<Self, String> {
        let usize_of = |key: &str| {
            json[key]
                .as_u64()
                .and_then(|value| usize::try_from(value).ok())
        };
        let strings = |key: &str| -> Vec<String> {
            json[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        };
        let list = |key: &str| -> Result<Vec<Schema>, String> {
            json[key]
                .as_array()
                .into_iter()
                .flatten()
                .map(Schema::compile)
                .collect()
        };
        let pattern = json["pattern"].as_str().map(|source| Pattern {
            source: source.to_owned(),
            compiled: OnceLock::new(),
        });
        let properties = json["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, schema)| Ok((name.clone(), Schema::compile(schema)?)))
            .collect::<Result<_, String>>()?;
        let boxed = |key: &str| -> Result<Option<Box<Schema>>, String> {
            match &json[key] {
                Json::Object(_) => Ok(Some(Box::new(Schema::compile(&json[key])?))),
                _ => Ok(None),
            }
        };
        Ok(Self {
            kind: json["type"].as_str().map(str::to_owned),
            properties,
            required: strings("required"),
            items: boxed("items")?,
            additional_properties: boxed("additionalProperties")?,
            min_length: usize_of("minLength"),
            max_length: usize_of("maxLength"),
            pattern,
            min_items: usize_of("minItems"),
            max_items: usize_of("maxItems"),
            max_properties: usize_of("maxProperties"),
            minimum: json["minimum"].as_f64(),
            maximum: json["maximum"].as_f64(),
            allowed: json["enum"].as_array().cloned().unwrap_or_default(),
            format: json["format"].as_str().map(str::to_owned),
            one_of: list("oneOf")?,
            any_of: list("anyOf")?,
            not: boxed("not")?,
            list_type: json["x-kubernetes-list-type"].as_str().map(str::to_owned),
            list_map_keys: strings("x-kubernetes-list-map-keys"),
        })
    }

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
            .chain(self.items.as_deref())
            .chain(self.additional_properties.as_deref())
            .chain(&self.one_of)
            .chain(&self.any_of)
            .chain(self.not.as_deref());
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
        if let Some(kind) = &self.kind
            && !has_type(value, kind)
        {
            fail(failures, format!("{value} is not of type {kind:?}"));
            return;
        }
        if !self.allowed.is_empty() && !self.allowed.contains(value) {
            let allowed: Vec<String> = self.allowed.iter().map(Json::to_string).collect();
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
                for name in &self.required {
                    if !map.contains_key(name) {
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
                        .find(|(property, _)| property == name)
                    {
                        Some((_, schema)) => schema.validate(child, &child_pointer, failures),
                        None => {
                            if let Some(schema) = &self.additional_properties {
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
        if self.not.as_deref().is_some_and(passes) {
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
        let format_fails = match self.format.as_deref() {
            Some("ipv4") => text.parse::<std::net::Ipv4Addr>().is_err(),
            Some("ipv6") => text.parse::<std::net::Ipv6Addr>().is_err(),
            _ => false,
        };
        if format_fails {
            fail(format!(
                "{text:?} is not a valid {}",
                self.format.as_deref().unwrap_or_default()
            ));
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
        if let Some(schema) = &self.items {
            for (idx, item) in items.iter().enumerate() {
                schema.validate(item, &format!("{pointer}/{idx}"), failures);
            }
        }
        // `set` lists hold unique items; `map` lists are keyed by their map keys.
        let mut seen = HashSet::new();
        for (idx, item) in items.iter().enumerate() {
            let key = match self.list_type.as_deref() {
                Some("set") => item.to_string(),
                Some("map") => self
                    .list_map_keys
                    .iter()
                    .map(|key| item[key].to_string())
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

fn has_type(value: &Json, kind: &str) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64()
                || value.is_u64()
                || value.as_f64().is_some_and(|number| number.fract() == 0.0)
        }
        _ => true,
    }
}

fn escape_pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failures(schema: Json, value: Json) -> Vec<Failure> {
        let mut found = Vec::new();
        Schema::compile(&schema)
            .unwrap()
            .validate(&value, "", &mut found);
        found
    }

    #[test]
    fn types_required_and_bounds() {
        let schema = json!({ "type": "object", "required": ["name"], "properties": {
            "name": { "type": "string", "maxLength": 3, "pattern": "^[a-z]+$" },
            "port": { "type": "integer", "minimum": 1, "maximum": 65535 },
            "tags": { "type": "array", "maxItems": 1, "x-kubernetes-list-type": "set", "items": { "type": "string" } },
        }});
        assert!(
            failures(
                schema.clone(),
                json!({ "name": "abc", "port": 80, "tags": ["a"] })
            )
            .is_empty()
        );
        let found = failures(
            schema,
            json!({ "name": "ABCD", "port": 0, "tags": ["a", "a"] }),
        );
        let pointers: Vec<&str> = found.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(pointers, ["/name", "/name", "/port", "/tags", "/tags/1"]);
        assert_eq!(
            failures(json!({ "type": "object", "required": ["x"] }), json!({}))[0].0,
            "/x"
        );
        assert!(!failures(json!({ "type": "integer" }), json!("8080")).is_empty());
    }

    #[test]
    fn combinators_and_formats() {
        let address = json!({ "oneOf": [{ "format": "ipv4" }, { "format": "ipv6" }] });
        assert!(failures(address.clone(), json!("10.0.0.1")).is_empty());
        assert!(!failures(address, json!("not-an-ip")).is_empty());
        assert!(!failures(json!({ "not": { "enum": ["x"] } }), json!("x")).is_empty());
    }
}
