//! Turns the Gateway API CRD schemas into Rust statics (`crd_schemas.rs`,
//! read by `crd::openapi::embedded`): a run neither parses nor compiles
//! them, and only the keywords the validator reads are kept (descriptions
//! were most of the bytes). The files under `crd/` stay verbatim.
//!
//! Also lists the embedded chart's files (`chart/`), in the order Helm's
//! directory walk reads them, for `include_str!`.

use std::path::Path;
use std::{env, fs};

use serde_json::Value;

/// The embedded kinds: the file under `crd/gateway-api-v1.6.1/` and the static's name.
const SCHEMAS: &[(&str, &str)] = &[
    ("Gateway", "GATEWAY"),
    ("GRPCRoute", "GRPC_ROUTE"),
    ("TLSRoute", "TLS_ROUTE"),
    ("BackendTLSPolicy", "BACKEND_TLS_POLICY"),
];

/// Writes schema nodes as Rust expressions of `crd::openapi::Schema`; each
/// `pattern` gets its own cache static.
#[derive(Default)]
struct SchemaWriter {
    /// The pattern cache statics, one per pattern met.
    caches: String,
    patterns: usize,
}

impl SchemaWriter {
    fn node(&mut self, json: &Value, at: &str) -> String {
        let mut fields = Vec::new();
        let mut field = |name: &str, code: String| fields.push(format!("{name}: {code}"));
        let usize_of = |key: &str| json[key].as_u64().map(|value| format!("Some({value})"));
        let f64_of = |key: &str| json[key].as_f64().map(|value| format!("Some({value:?})"));
        let strings = |key: &str| {
            json[key].as_array().map(|items| {
                let items: Vec<String> = items
                    .iter()
                    .map(|item| match item.as_str() {
                        Some(text) => format!("{text:?}"),
                        None => panic!("{at}/{key}: a non-string item {item}"),
                    })
                    .collect();
                format!("&[{}]", items.join(", "))
            })
        };
        if let Some(kind) = json["type"].as_str() {
            let variant = match kind {
                "object" => "Object",
                "array" => "Array",
                "string" => "String",
                "integer" => "Integer",
                other => panic!("{at}: unknown type {other:?}"),
            };
            field("kind", format!("Some(JsonType::{variant})"));
        }
        if let Some(properties) = json["properties"].as_object() {
            let entries: Vec<String> = properties
                .iter()
                .map(|(name, schema)| {
                    format!("({name:?}, {})", self.node(schema, &format!("{at}/{name}")))
                })
                .collect();
            field("properties", format!("&[{}]", entries.join(", ")));
        }
        for (key, name) in [
            ("required", "required"),
            ("enum", "allowed"),
            ("x-kubernetes-list-map-keys", "list_map_keys"),
        ] {
            if let Some(code) = strings(key) {
                field(name, code);
            }
        }
        for (key, name) in [
            ("items", "items"),
            ("additionalProperties", "additional_properties"),
            ("not", "not"),
        ] {
            if json[key].is_object() {
                let node = self.node(&json[key], &format!("{at}/{key}"));
                field(name, format!("Some(&{node})"));
            }
        }
        for (key, name) in [("oneOf", "one_of"), ("anyOf", "any_of")] {
            if let Some(items) = json[key].as_array() {
                let nodes: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.node(item, &format!("{at}/{key}/{index}")))
                    .collect();
                field(name, format!("&[{}]", nodes.join(", ")));
            }
        }
        for (key, name) in [
            ("minLength", "min_length"),
            ("maxLength", "max_length"),
            ("minItems", "min_items"),
            ("maxItems", "max_items"),
            ("maxProperties", "max_properties"),
        ] {
            if let Some(code) = usize_of(key) {
                field(name, code);
            }
        }
        for (key, name) in [("minimum", "minimum"), ("maximum", "maximum")] {
            if let Some(code) = f64_of(key) {
                field(name, code);
            }
        }
        if let Some(source) = json["pattern"].as_str() {
            let cache = format!("PATTERN_{}", self.patterns);
            self.patterns += 1;
            self.caches.push_str(&format!(
                "static {cache}: PatternCache = PatternCache::new();\n"
            ));
            field(
                "pattern",
                format!("Some(Pattern {{ source: {source:?}, compiled: &{cache} }})"),
            );
        }
        match json["format"].as_str() {
            Some("ipv4") => field("format", "Some(StringFormat::Ipv4)".to_owned()),
            Some("ipv6") => field("format", "Some(StringFormat::Ipv6)".to_owned()),
            _ => {}
        }
        match json["x-kubernetes-list-type"].as_str() {
            Some("set") => field("list_type", "Some(ListType::Set)".to_owned()),
            Some("map") => field("list_type", "Some(ListType::Map)".to_owned()),
            _ => {}
        }
        fields.push("..Schema::EMPTY".to_owned());
        format!("Schema {{ {} }}", fields.join(", "))
    }
}

fn embed_schemas(out_dir: &str) {
    let mut writer = SchemaWriter::default();
    let mut statics = String::new();
    for (kind, name) in SCHEMAS {
        let source = format!("crd/gateway-api-v1.6.1/{kind}.json");
        println!("cargo::rerun-if-changed={source}");
        let text = fs::read_to_string(&source).unwrap_or_else(|error| panic!("{source}: {error}"));
        let schema: Value =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{source}: {error}"));
        let node = writer.node(&schema, kind);
        statics.push_str(&format!(
            "/// The `{kind}` schema.\npub(crate) static {name}: Schema = {node};\n"
        ));
    }
    let code = format!("{}{statics}", writer.caches);
    fs::write(Path::new(out_dir).join("crd_schemas.rs"), code).expect("OUT_DIR is writable");
}

/// Every file under `dir`, relative and `/`-separated, in the order of Go's
/// `filepath.Walk`: names sorted byte-wise, directories entered in place.
fn walk(dir: &Path, prefix: &str, files: &mut Vec<String>) {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| {
            entry
                .expect("a readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            walk(&path, &format!("{relative}/"), files);
        } else {
            files.push(relative);
        }
    }
}

fn embed_chart(out_dir: &str) {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let chart = Path::new(&manifest_dir).join("chart");
    println!("cargo::rerun-if-changed=chart");
    let mut files = Vec::new();
    walk(&chart, "", &mut files);
    let mut code = String::from(
        "/// The embedded chart's files: path and text.\npub(crate) const EMBEDDED_CHART_FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo::rerun-if-changed=chart/{file}");
        let absolute = chart.join(file);
        code.push_str(&format!(
            "    ({file:?}, include_str!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(Path::new(out_dir).join("embedded_chart.rs"), code).expect("OUT_DIR is writable");
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    embed_chart(&out_dir);
    embed_schemas(&out_dir);
}
