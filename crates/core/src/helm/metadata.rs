//! `Chart.yaml` as Helm decodes it into `chart.Metadata`
//! (`pkg/chart/v2/metadata.go`), and the `.Chart` map templates see.
//!
//! Helm reads the file with `sigs.k8s.io/yaml`: YAML becomes JSON, then
//! `encoding/json` fills the struct. Hence the quirks reproduced here:
//! field names match in any case (with several spellings the last in sorted
//! key order wins); a YAML number or boolean becomes text where the field
//! is a string (`version: 1.10` is `1.1`); YAML 1.1 spellings count
//! (`n` as an annotation key is `false`); `null` leaves a field as it was;
//! a wrong type is refused with `encoding/json`'s message, the first in
//! sorted key order.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::LoadError;
use super::semver::is_valid_version;
use crate::engine::gofmt::{is_go_print, quote as go_quote};
use crate::engine::{MapData, Value};
use crate::span::{LineIndex, SourceId};
use crate::values::{Node, Value as Yaml, parse_document};

/// `chart.APIVersionV1`.
pub const API_VERSION_V1: &str = "v1";
/// `chart.APIVersionV2`.
pub const API_VERSION_V2: &str = "v2";

/// A chart maintainer (`chart.Maintainer`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Maintainer {
    /// `name`.
    pub name: String,
    /// `email`.
    pub email: String,
    /// `url`.
    pub url: String,
}

/// A dependency listed in `Chart.yaml` (or a v1 chart's `requirements.yaml`),
/// as `chart.Dependency`.
#[derive(Clone, Debug, Default)]
pub struct Dependency {
    /// `name`: the subchart's name (its alias once dependencies are processed).
    pub name: String,
    /// `version`: a version range.
    pub version: String,
    /// `repository`.
    pub repository: String,
    /// `condition`: comma-separated values paths, the first boolean decides.
    pub condition: String,
    /// `tags`.
    pub tags: Vec<String>,
    /// `enabled`: set while dependencies are processed.
    pub enabled: bool,
    /// `import-values`: strings or `{child, parent}` maps, as JSON gives them.
    pub import_values: Vec<Value>,
    /// `alias`.
    pub alias: String,
}

/// `chart.Metadata`: every `Chart.yaml` field Helm knows.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// `name`.
    pub name: String,
    /// `home`.
    pub home: String,
    /// `sources`.
    pub sources: Vec<String>,
    /// `version`.
    pub version: String,
    /// `description`.
    pub description: String,
    /// `keywords`.
    pub keywords: Vec<String>,
    /// `maintainers`; `None` for a `null` entry (refused by validation).
    pub maintainers: Vec<Option<Maintainer>>,
    /// `icon`.
    pub icon: String,
    /// `apiVersion` (`v1` when left out, as Helm assumes).
    pub api_version: String,
    /// `condition`.
    pub condition: String,
    /// `tags` (a string in `Chart.yaml`'s own metadata).
    pub tags: String,
    /// `appVersion`.
    pub app_version: String,
    /// `deprecated`.
    pub deprecated: bool,
    /// `annotations`.
    pub annotations: BTreeMap<String, String>,
    /// `kubeVersion`.
    pub kube_version: String,
    /// `dependencies`; `None` for a `null` entry (refused by validation).
    pub dependencies: Vec<Option<Dependency>>,
    /// `type`: empty, `application` or `library`.
    pub chart_type: String,
}

impl Metadata {
    /// Decode `Chart.yaml` the way `yaml.Unmarshal(data, c.Metadata)` does,
    /// onto the fields already set (so `requirements.yaml` can add to it).
    ///
    /// # Errors
    /// The YAML or `encoding/json` message, without Helm's `cannot load
    /// Chart.yaml: ` prefix.
    pub fn decode_onto(&mut self, text: &str) -> Result<(), String> {
        let root = parse_yaml(text)?;
        decode_root(&root, "v2.Metadata", |key, node| {
            decode_metadata_field(self, key, node)
        })
    }

    /// `Chart.yaml` decoded onto empty metadata, `apiVersion` defaulted to
    /// `v1` as Helm defaults it, not yet validated.
    ///
    /// # Errors
    /// `cannot load Chart.yaml: ...`, as Helm words it.
    pub fn parse(text: &str) -> Result<Self, LoadError> {
        let mut metadata = Self::default();
        metadata
            .decode_onto(text)
            .map_err(|error| LoadError::new(format!("cannot load Chart.yaml: {error}")))?;
        if metadata.api_version.is_empty() {
            API_VERSION_V1.clone_into(&mut metadata.api_version);
        }
        Ok(metadata)
    }

    /// `Metadata.Validate`: sanitize text fields (whitespace becomes a
    /// space, unprintable characters go) and check them, with Helm's
    /// `validation: ...` messages.
    ///
    /// # Errors
    /// The first problem Helm reports.
    pub fn validate(&mut self) -> Result<(), LoadError> {
        let fail = |message: String| Err(LoadError::new(format!("validation: {message}")));
        for field in [
            &mut self.name,
            &mut self.description,
            &mut self.home,
            &mut self.icon,
            &mut self.condition,
            &mut self.tags,
            &mut self.app_version,
            &mut self.kube_version,
        ] {
            *field = sanitize(field);
        }
        for item in self.sources.iter_mut().chain(self.keywords.iter_mut()) {
            *item = sanitize(item);
        }
        if self.api_version.is_empty() {
            return fail("chart.metadata.apiVersion is required".to_owned());
        }
        if self.name.is_empty() {
            return fail("chart.metadata.name is required".to_owned());
        }
        if self.name == "." || self.name == ".." {
            return fail(format!(
                "chart.metadata.name {} is not allowed",
                go_quote(&self.name)
            ));
        }
        if self.name.contains('/') {
            return fail(format!(
                "chart.metadata.name {} is invalid",
                go_quote(&self.name)
            ));
        }
        if self.version.is_empty() {
            return fail("chart.metadata.version is required".to_owned());
        }
        if !is_valid_version(&self.version) {
            return fail(format!(
                "chart.metadata.version {} is invalid",
                go_quote(&self.version)
            ));
        }
        if !matches!(self.chart_type.as_str(), "" | "application" | "library") {
            return fail("chart.metadata.type must be application or library".to_owned());
        }
        for maintainer in &mut self.maintainers {
            let Some(maintainer) = maintainer else {
                return fail("maintainers must not contain empty or null nodes".to_owned());
            };
            for field in [
                &mut maintainer.name,
                &mut maintainer.email,
                &mut maintainer.url,
            ] {
                *field = sanitize(field);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for dependency in &mut self.dependencies {
            let Some(dependency) = dependency else {
                return fail("dependencies must not contain empty or null nodes".to_owned());
            };
            for field in [
                &mut dependency.name,
                &mut dependency.version,
                &mut dependency.repository,
                &mut dependency.condition,
            ] {
                *field = sanitize(field);
            }
            for tag in &mut dependency.tags {
                *tag = sanitize(tag);
            }
            let alias_ok = dependency
                .alias
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
            if !dependency.alias.is_empty() && !alias_ok {
                return fail(format!(
                    "dependency {} has disallowed characters in the alias",
                    go_quote(&dependency.name)
                ));
            }
            let key = if dependency.alias.is_empty() {
                &dependency.name
            } else {
                &dependency.alias
            };
            if !seen.insert(key.clone()) {
                return fail(format!(
                    "more than one dependency with name or alias {}",
                    go_quote(key)
                ));
            }
        }
        Ok(())
    }

    /// The dependencies listed, `null` entries left out.
    pub fn listed_dependencies(&self) -> impl Iterator<Item = &Dependency> {
        self.dependencies.iter().flatten()
    }

    /// Whether this is a library chart (`type: library`, any case).
    #[must_use]
    pub fn is_library(&self) -> bool {
        self.chart_type.eq_ignore_ascii_case("library")
    }

    /// The `.Chart` value a template sees: Helm's `MetadataAsMap` (every
    /// struct field under its Go name, through reflection, not JSON) plus
    /// `IsRoot`. For a minimal chart `{{ .Chart }}` prints
    /// `map[APIVersion:v2 Annotations:map[] AppVersion: Condition: Dependencies:[] Deprecated:false Description: Home: Icon: IsRoot:true Keywords:[] KubeVersion: Maintainers:[] Name:probe Sources:[] Tags: Type: Version:0.1.0]`.
    #[must_use]
    pub fn metadata_map(&self, is_root: bool) -> Value {
        let text = |text: &str| Value::str(text);
        let strings = |items: &[String]| Value::list(items.iter().map(|item| text(item)).collect());
        let maintainers = self
            .maintainers
            .iter()
            .map(|maintainer| match maintainer {
                Some(maintainer) => Value::map(MapData::from([
                    ("Email".to_owned(), text(&maintainer.email)),
                    ("Name".to_owned(), text(&maintainer.name)),
                    ("URL".to_owned(), text(&maintainer.url)),
                ])),
                None => Value::Nil,
            })
            .collect();
        let dependencies = self
            .dependencies
            .iter()
            .map(|dependency| match dependency {
                Some(dependency) => Value::map(MapData::from([
                    ("Alias".to_owned(), text(&dependency.alias)),
                    ("Condition".to_owned(), text(&dependency.condition)),
                    ("Enabled".to_owned(), Value::Bool(dependency.enabled)),
                    (
                        "ImportValues".to_owned(),
                        Value::list(dependency.import_values.clone()),
                    ),
                    ("Name".to_owned(), text(&dependency.name)),
                    ("Repository".to_owned(), text(&dependency.repository)),
                    ("Tags".to_owned(), strings(&dependency.tags)),
                    ("Version".to_owned(), text(&dependency.version)),
                ])),
                None => Value::Nil,
            })
            .collect();
        let annotations = crate::sort::btree_map(
            self.annotations
                .iter()
                .map(|(key, value)| (key.clone(), text(value))),
        );
        Value::map(MapData::from([
            ("APIVersion".to_owned(), text(&self.api_version)),
            ("Annotations".to_owned(), Value::map(annotations)),
            ("AppVersion".to_owned(), text(&self.app_version)),
            ("Condition".to_owned(), text(&self.condition)),
            ("Dependencies".to_owned(), Value::list(dependencies)),
            ("Deprecated".to_owned(), Value::Bool(self.deprecated)),
            ("Description".to_owned(), text(&self.description)),
            ("Home".to_owned(), text(&self.home)),
            ("Icon".to_owned(), text(&self.icon)),
            ("IsRoot".to_owned(), Value::Bool(is_root)),
            ("Keywords".to_owned(), strings(&self.keywords)),
            ("KubeVersion".to_owned(), text(&self.kube_version)),
            ("Maintainers".to_owned(), Value::list(maintainers)),
            ("Name".to_owned(), text(&self.name)),
            ("Sources".to_owned(), strings(&self.sources)),
            ("Tags".to_owned(), text(&self.tags)),
            ("Type".to_owned(), text(&self.chart_type)),
            ("Version".to_owned(), text(&self.version)),
        ]))
    }
}

/// Only the `apiVersion` of a root `Chart.yaml`, as Helm's top-level loader
/// reads it first (into its `chartBase` struct) to pick the chart format.
///
/// # Errors
/// `cannot load Chart.yaml: ...`.
pub(crate) fn chart_base_api_version(text: &str) -> Result<String, LoadError> {
    let wrap = |error: String| LoadError::new(format!("cannot load Chart.yaml: {error}"));
    let root = parse_yaml(text).map_err(wrap)?;
    let mut api_version = String::new();
    decode_root(&root, "loader.chartBase", |key, node| {
        if key.eq_ignore_ascii_case("apiVersion") {
            decode_string(node, &mut api_version, &Ctx::new("chartBase", "apiVersion"))?;
        }
        Ok(())
    })
    .map_err(wrap)?;
    Ok(api_version)
}

/// YAML text as a tree, or `error converting YAML to JSON: yaml: line N: ...`.
pub(crate) fn parse_yaml(text: &str) -> Result<Node, String> {
    let mut diagnostics = Vec::new();
    parse_document(text, SourceId(0), &mut diagnostics).ok_or_else(|| {
        let Some(diagnostic) = diagnostics.last() else {
            return "error converting YAML to JSON: yaml: invalid document".to_owned();
        };
        let line = diagnostic.origin.map_or(1, |origin| {
            LineIndex::new(text)
                .line_column(text, origin.span.start)
                .line
        });
        format!(
            "error converting YAML to JSON: yaml: line {line}: {}",
            diagnostic.message
        )
    })
}

/// Where a value is decoded to, for `encoding/json`'s messages.
struct Ctx {
    /// The innermost Go struct (`Metadata`, `Maintainer`, `Dependency`).
    strukt: &'static str,
    /// The JSON field path from the root (`maintainers.name`).
    path: String,
}

impl Ctx {
    fn new(strukt: &'static str, path: &str) -> Self {
        Self {
            strukt,
            path: path.to_owned(),
        }
    }

    fn error(&self, node: &Node, go_type: &str) -> String {
        format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field {}.{} of type {go_type}",
            json_kind(&node.value),
            self.strukt,
            self.path
        )
    }
}

fn json_kind(value: &Yaml) -> &'static str {
    match value {
        Yaml::Null => "null",
        Yaml::Bool(_) => "bool",
        Yaml::Int(_) | Yaml::Float(_) => "number",
        Yaml::String(_) => "string",
        Yaml::List(_) => "array",
        Yaml::Map(_) => "object",
    }
}

/// The entries of a map in the order `encoding/json` sees them (sorted keys).
fn sorted_entries(map: &crate::values::Map) -> Vec<(&String, &Node)> {
    let mut entries: Vec<_> = map.iter().map(|(key, entry)| (key, &entry.node)).collect();
    crate::sort::sort_by(&mut entries, |left, right| left.0.cmp(right.0));
    entries
}

/// Decode a document's top-level object through `field` for each key.
fn decode_root(
    root: &Node,
    go_type: &str,
    mut field: impl FnMut(&str, &Node) -> Result<(), String>,
) -> Result<(), String> {
    match &root.value {
        Yaml::Null => Ok(()),
        Yaml::Map(map) => {
            let mut first_error = None;
            for (key, node) in sorted_entries(map) {
                if let Err(error) = field(key, node) {
                    first_error.get_or_insert(error);
                }
            }
            first_error.map_or(Ok(()), Err)
        }
        other => Err(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type {go_type}",
            json_kind(other)
        )),
    }
}

fn decode_metadata_field(metadata: &mut Metadata, key: &str, node: &Node) -> Result<(), String> {
    let ctx = |path: &str| Ctx::new("Metadata", path);
    let key = key.to_ascii_lowercase();
    match key.as_str() {
        "name" => decode_string(node, &mut metadata.name, &ctx("name")),
        "home" => decode_string(node, &mut metadata.home, &ctx("home")),
        "sources" => decode_strings(node, &mut metadata.sources, &ctx("sources")),
        "version" => decode_string(node, &mut metadata.version, &ctx("version")),
        "description" => decode_string(node, &mut metadata.description, &ctx("description")),
        "keywords" => decode_strings(node, &mut metadata.keywords, &ctx("keywords")),
        "maintainers" => decode_list(
            node,
            &mut metadata.maintainers,
            &ctx("maintainers"),
            "[]*v2.Maintainer",
            "v2.Maintainer",
            |map, maintainer: &mut Maintainer| {
                decode_struct(map, |key, node| {
                    let ctx = |path: &str| Ctx::new("Maintainer", &format!("maintainers.{path}"));
                    match key.to_ascii_lowercase().as_str() {
                        "name" => decode_string(node, &mut maintainer.name, &ctx("name")),
                        "email" => decode_string(node, &mut maintainer.email, &ctx("email")),
                        "url" => decode_string(node, &mut maintainer.url, &ctx("url")),
                        _ => Ok(()),
                    }
                })
            },
        ),
        "icon" => decode_string(node, &mut metadata.icon, &ctx("icon")),
        "apiversion" => decode_string(node, &mut metadata.api_version, &ctx("apiVersion")),
        "condition" => decode_string(node, &mut metadata.condition, &ctx("condition")),
        "tags" => decode_string(node, &mut metadata.tags, &ctx("tags")),
        "appversion" => decode_string(node, &mut metadata.app_version, &ctx("appVersion")),
        "deprecated" => decode_bool(node, &mut metadata.deprecated, &ctx("deprecated")),
        "annotations" => decode_string_map(node, &mut metadata.annotations, &ctx("annotations")),
        "kubeversion" => decode_string(node, &mut metadata.kube_version, &ctx("kubeVersion")),
        "dependencies" => decode_dependencies(node, &mut metadata.dependencies, "dependencies"),
        "type" => decode_string(node, &mut metadata.chart_type, &ctx("type")),
        _ => Ok(()),
    }
}

/// `[]*chart.Dependency` under the JSON field `path` (`dependencies`).
pub(crate) fn decode_dependencies(
    node: &Node,
    dependencies: &mut Vec<Option<Dependency>>,
    path: &str,
) -> Result<(), String> {
    let strukt = if path == "dependencies" {
        "Metadata"
    } else {
        "Lock"
    };
    decode_list(
        node,
        dependencies,
        &Ctx::new(strukt, path),
        "[]*v2.Dependency",
        "v2.Dependency",
        |map, dependency: &mut Dependency| {
            decode_struct(map, |key, node| {
                let ctx = |field: &str| Ctx::new("Dependency", &format!("{path}.{field}"));
                match key.to_ascii_lowercase().as_str() {
                    "name" => decode_string(node, &mut dependency.name, &ctx("name")),
                    "version" => decode_string(node, &mut dependency.version, &ctx("version")),
                    "repository" => {
                        decode_string(node, &mut dependency.repository, &ctx("repository"))
                    }
                    "condition" => {
                        decode_string(node, &mut dependency.condition, &ctx("condition"))
                    }
                    "tags" => decode_strings(node, &mut dependency.tags, &ctx("tags")),
                    "enabled" => decode_bool(node, &mut dependency.enabled, &ctx("enabled")),
                    "import-values" => match &node.value {
                        Yaml::Null => {
                            dependency.import_values.clear();
                            Ok(())
                        }
                        Yaml::List(items) => {
                            dependency.import_values = items.iter().map(json_value).collect();
                            Ok(())
                        }
                        _ => Err(ctx("import-values").error(node, "[]interface {}")),
                    },
                    "alias" => decode_string(node, &mut dependency.alias, &ctx("alias")),
                    _ => Ok(()),
                }
            })
        },
    )
}

fn decode_struct(
    map: &crate::values::Map,
    mut field: impl FnMut(&str, &Node) -> Result<(), String>,
) -> Result<(), String> {
    let mut first_error = None;
    for (key, node) in sorted_entries(map) {
        if let Err(error) = field(key, node) {
            first_error.get_or_insert(error);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// A JSON array of objects into `[]*T`: `null` entries stay `None`.
fn decode_list<T: Default>(
    node: &Node,
    target: &mut Vec<Option<T>>,
    ctx: &Ctx,
    list_type: &str,
    item_type: &str,
    mut decode_item: impl FnMut(&crate::values::Map, &mut T) -> Result<(), String>,
) -> Result<(), String> {
    match &node.value {
        Yaml::Null => {
            target.clear();
            Ok(())
        }
        Yaml::List(items) => {
            target.clear();
            let mut first_error = None;
            for item in items {
                match &item.value {
                    Yaml::Null => target.push(None),
                    Yaml::Map(map) => {
                        let mut value = T::default();
                        if let Err(error) = decode_item(map, &mut value) {
                            first_error.get_or_insert(error);
                        }
                        target.push(Some(value));
                    }
                    _ => {
                        first_error.get_or_insert(ctx.error(item, item_type));
                        target.push(Some(T::default()));
                    }
                }
            }
            first_error.map_or(Ok(()), Err)
        }
        _ => Err(ctx.error(node, list_type)),
    }
}

fn decode_string(node: &Node, target: &mut String, ctx: &Ctx) -> Result<(), String> {
    match &node.value {
        Yaml::Null => Ok(()),
        Yaml::List(_) | Yaml::Map(_) => Err(ctx.error(node, "string")),
        _ => {
            *target = crate::chart::scalar_text(node);
            Ok(())
        }
    }
}

fn decode_bool(node: &Node, target: &mut bool, ctx: &Ctx) -> Result<(), String> {
    match &node.value {
        Yaml::Null => Ok(()),
        Yaml::Bool(flag) => {
            *target = *flag;
            Ok(())
        }
        _ => Err(ctx.error(node, "bool")),
    }
}

fn decode_strings(node: &Node, target: &mut Vec<String>, ctx: &Ctx) -> Result<(), String> {
    match &node.value {
        Yaml::Null => {
            target.clear();
            Ok(())
        }
        Yaml::List(items) => {
            target.clear();
            let mut first_error = None;
            for item in items {
                let mut text = String::new();
                if let Err(error) = decode_string(item, &mut text, ctx) {
                    first_error.get_or_insert(error);
                }
                target.push(text);
            }
            first_error.map_or(Ok(()), Err)
        }
        _ => Err(ctx.error(node, "[]string")),
    }
}

fn decode_string_map(
    node: &Node,
    target: &mut BTreeMap<String, String>,
    ctx: &Ctx,
) -> Result<(), String> {
    match &node.value {
        Yaml::Null => {
            target.clear();
            Ok(())
        }
        Yaml::Map(map) => {
            let mut first_error = None;
            for (key, value) in sorted_entries(map) {
                let mut text = String::new();
                if let Err(error) = decode_string(value, &mut text, ctx) {
                    first_error.get_or_insert(error);
                }
                target.insert(key.clone(), text);
            }
            first_error.map_or(Ok(()), Err)
        }
        _ => Err(ctx.error(node, "map[string]string")),
    }
}

/// A YAML value as it comes out of JSON into `interface{}`: every number a
/// `float64`, maps plain `map[string]interface{}`.
pub(crate) fn json_value(node: &Node) -> Value {
    match &node.value {
        Yaml::Null => Value::Nil,
        Yaml::Bool(flag) => Value::Bool(*flag),
        #[allow(clippy::cast_precision_loss, reason = "JSON numbers are float64 in Go")]
        Yaml::Int(int) => Value::Float(*int as f64),
        Yaml::Float(float) => Value::Float(*float),
        Yaml::String(text) => Value::String(Rc::from(text.as_str())),
        Yaml::List(items) => Value::list(items.iter().map(json_value).collect()),
        Yaml::Map(map) => Value::map(crate::sort::btree_map(
            map.iter()
                .map(|(key, entry)| (key.clone(), json_value(&entry.node))),
        )),
    }
}

/// `sanitizeString`: Unicode whitespace becomes a space, unprintable
/// characters are dropped.
fn sanitize(text: &str) -> String {
    text.chars()
        .filter_map(|ch| {
            if ch.is_whitespace() {
                Some(' ')
            } else if is_go_print(ch) {
                Some(ch)
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::gofmt::sprint_value;

    fn load(text: &str) -> Result<Metadata, String> {
        let mut metadata = Metadata::parse(text).map_err(|error| error.message)?;
        metadata.validate().map_err(|error| error.message)?;
        Ok(metadata)
    }

    #[test]
    fn minimal_chart_map_as_helm_prints_it() {
        let metadata = load("apiVersion: v2\nname: probe\nversion: 0.1.0\n").unwrap();
        assert_eq!(
            sprint_value(&metadata.metadata_map(true)),
            "map[APIVersion:v2 Annotations:map[] AppVersion: Condition: Dependencies:[] Deprecated:false Description: Home: Icon: IsRoot:true Keywords:[] KubeVersion: Maintainers:[] Name:probe Sources:[] Tags: Type: Version:0.1.0]"
        );
    }

    #[test]
    fn full_chart_map_as_helm_prints_it() {
        // `{{ .Chart }}` from helm v4.1.4 for this Chart.yaml, before
        // dependency processing rewrites `import-values` and sets `Enabled`.
        let text = "apiVersion: v2\nname: full\nversion: 0.1.0\ndescription: \"a  desc\ttab\"\nhome: https://h\nsources: [s1, s2]\nkeywords: [k1]\nmaintainers:\n  - name: Ann\n    email: a@x\n  - name: Bob\n    url: http://b\nicon: ic\ncondition: c1\ntags: t1\nappVersion: 1.2\ndeprecated: true\nannotations:\n  foo: bar\n  n: \"1\"\nkubeVersion: \">=1.20\"\ntype: application\ndependencies:\n  - name: sub\n    version: 0.1.0\n    repository: file://charts/sub\n    condition: sub.enabled\n    tags: [front]\n    alias: \"\"\n";
        let metadata = load(text).unwrap();
        assert_eq!(
            sprint_value(&metadata.metadata_map(true)),
            "map[APIVersion:v2 Annotations:map[false:1 foo:bar] AppVersion:1.2 Condition:c1 Dependencies:[map[Alias: Condition:sub.enabled Enabled:false ImportValues:[] Name:sub Repository:file://charts/sub Tags:[front] Version:0.1.0]] Deprecated:true Description:a  desc tab Home:https://h Icon:ic IsRoot:true Keywords:[k1] KubeVersion:>=1.20 Maintainers:[map[Email:a@x Name:Ann URL:] map[Email: Name:Bob URL:http://b]] Name:full Sources:[s1 s2] Tags:t1 Type:application Version:0.1.0]"
        );
    }

    #[test]
    fn helms_decode_and_validation_errors() {
        let base = "apiVersion: v2\nname: c\nversion: 1.0.0\n";
        let with = |extra: &str| load(&format!("{base}{extra}")).unwrap_err();
        let prefix = "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: ";
        assert_eq!(
            with("tags: [a]\n"),
            format!(
                "{prefix}cannot unmarshal array into Go struct field Metadata.tags of type string"
            )
        );
        assert_eq!(
            with("maintainers:\n  - name: [a]\n"),
            format!(
                "{prefix}cannot unmarshal array into Go struct field Maintainer.maintainers.name of type string"
            )
        );
        assert_eq!(
            with("deprecated: \"yes\"\n"),
            format!(
                "{prefix}cannot unmarshal string into Go struct field Metadata.deprecated of type bool"
            )
        );
        assert_eq!(
            with("dependencies: {a: 1}\n"),
            format!(
                "{prefix}cannot unmarshal object into Go struct field Metadata.dependencies of type []*v2.Dependency"
            )
        );
        assert_eq!(
            with("dependencies:\n  - name: [a]\n"),
            format!(
                "{prefix}cannot unmarshal array into Go struct field Dependency.dependencies.name of type string"
            )
        );
        assert_eq!(
            with("annotations:\n  a: {b: 1}\n"),
            format!(
                "{prefix}cannot unmarshal object into Go struct field Metadata.annotations of type string"
            )
        );
        assert_eq!(
            with("keywords: a\n"),
            format!(
                "{prefix}cannot unmarshal string into Go struct field Metadata.keywords of type []string"
            )
        );
        assert_eq!(
            with("description: [a]\n"),
            format!(
                "{prefix}cannot unmarshal array into Go struct field Metadata.description of type string"
            )
        );
        assert_eq!(
            load("- a\n").unwrap_err(),
            format!("{prefix}cannot unmarshal array into Go value of type v2.Metadata")
        );
        assert_eq!(
            with("maintainers:\n  - null\n"),
            "validation: maintainers must not contain empty or null nodes"
        );
        assert_eq!(
            with("dependencies:\n - null\n"),
            "validation: dependencies must not contain empty or null nodes"
        );
        assert_eq!(
            with("type: foo\n"),
            "validation: chart.metadata.type must be application or library"
        );
        assert_eq!(
            with("dependencies:\n - name: a\n   alias: \"b c\"\n"),
            "validation: dependency \"a\" has disallowed characters in the alias"
        );
        assert_eq!(
            with("dependencies:\n - name: a\n - name: a\n"),
            "validation: more than one dependency with name or alias \"a\""
        );
        let only = |text: &str| load(text).unwrap_err();
        assert_eq!(
            only("apiVersion: v2\nversion: 1.0.0\n"),
            "validation: chart.metadata.name is required"
        );
        assert_eq!(
            only("apiVersion: v2\nname: c\n"),
            "validation: chart.metadata.version is required"
        );
        assert_eq!(only(""), "validation: chart.metadata.name is required");
        assert_eq!(
            only("apiVersion: v2\nname: c\nversion: latest\n"),
            "validation: chart.metadata.version \"latest\" is invalid"
        );
        assert_eq!(
            only("apiVersion: v2\nname: c\nversion: '1.0.0-01'\n"),
            "validation: chart.metadata.version \"1.0.0-01\" is invalid"
        );
        assert_eq!(
            only("apiVersion: v2\nname: ../c\nversion: 1.0.0\n"),
            "validation: chart.metadata.name \"../c\" is invalid"
        );
        assert_eq!(
            only("apiVersion: v2\nname: ..\nversion: 1.0.0\n"),
            "validation: chart.metadata.name \"..\" is not allowed"
        );
        assert!(
            only("apiVersion: v2\nname: c\nversion: 1.0.0\nfoo: [\n")
                .starts_with("cannot load Chart.yaml: error converting YAML to JSON: yaml: line ")
        );
    }

    #[test]
    fn chart_base_reads_only_the_api_version() {
        assert_eq!(
            chart_base_api_version("apiVersion: 2\ntags: [x]\n").unwrap(),
            "2"
        );
        assert_eq!(
            chart_base_api_version("apiVersion: [v2]\n")
                .unwrap_err()
                .message,
            "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field chartBase.apiVersion of type string"
        );
        assert_eq!(
            chart_base_api_version("- a\n").unwrap_err().message,
            "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type loader.chartBase"
        );
    }

    #[test]
    fn field_names_in_any_case_and_numbers_as_text() {
        let metadata =
            load("APIVERSION: v2\nName: c\nversion: 1.10\nKeywords: [1, true]\n").unwrap();
        assert_eq!(metadata.api_version, "v2");
        assert_eq!(metadata.version, "1.1");
        assert_eq!(metadata.keywords, ["1", "true"]);
    }
}
