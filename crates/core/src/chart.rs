//! A chart as ingresslab needs it: Chart.yaml metadata and values.yaml
//! defaults. The embedded chart is the OpenShell chart's defaults for every
//! key ingresslab models, kept as files under `crates/core/chart/`.

use crate::error::{Error, ErrorKind};
use crate::gotmpl::format_float32;
use crate::span::SourceId;
use crate::values::{Node, Value, parse_document};

const EMBEDDED_CHART_YAML: &str = include_str!("../chart/Chart.yaml");
include!(concat!(env!("OUT_DIR"), "/embedded_chart.rs"));
const EMBEDDED_VALUES_YAML: &str = include_str!("../chart/values.yaml");
/// How the embedded defaults are named in diagnostics, apart from any user file.
const EMBEDDED_VALUES_NAME: &str = "embedded:values.yaml";

/// Chart.yaml fields used in names and labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartMetadata {
    /// `name`.
    pub name: String,
    /// `version`.
    pub version: String,
    /// `appVersion` (may be empty).
    pub app_version: String,
}

/// A chart: metadata plus the text of its values.yaml.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Chart.yaml metadata.
    pub metadata: ChartMetadata,
    /// How the values file is named in diagnostics.
    pub values_name: String,
    /// The values.yaml text.
    pub values_text: String,
}

impl Chart {
    /// The built-in OpenShell chart defaults.
    ///
    /// # Panics
    /// Never in a released build: the embedded files are tested.
    #[must_use]
    pub fn embedded() -> Self {
        // Read once: the playground asks for it on every edit.
        static EMBEDDED: std::sync::OnceLock<Chart> = std::sync::OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                Self::from_texts(
                    EMBEDDED_CHART_YAML,
                    EMBEDDED_VALUES_NAME,
                    EMBEDDED_VALUES_YAML,
                )
                .expect("the embedded Chart.yaml is valid")
            })
            .clone()
    }

    /// The embedded chart's values.yaml as read with positions, once: which
    /// keys ingresslab's own chart defines.
    ///
    /// # Panics
    /// Never in a released build: the embedded values.yaml is tested.
    #[must_use]
    pub(crate) fn embedded_defaults() -> &'static Node {
        static DEFAULTS: std::sync::OnceLock<Node> = std::sync::OnceLock::new();
        DEFAULTS.get_or_init(|| {
            parse_document(EMBEDDED_VALUES_YAML, SourceId(0), &mut Vec::new())
                .expect("the embedded values.yaml is valid")
        })
    }

    /// The embedded chart as files, for the engine to render as `helm
    /// template` renders the directory `crates/core/chart`.
    #[must_use]
    pub fn embedded_source() -> crate::helm::ChartSource {
        crate::helm::ChartSource::Directory {
            chart_yaml: Ok(EMBEDDED_CHART_YAML.to_owned()),
            files: EMBEDDED_CHART_FILES
                .iter()
                .map(|(name, text)| crate::helm::ChartFile {
                    name: (*name).to_owned(),
                    data: text.as_bytes().to_vec(),
                })
                .collect(),
        }
    }

    /// The embedded chart's Chart.yaml and values.yaml texts.
    #[must_use]
    pub fn embedded_files() -> (&'static str, &'static str) {
        (EMBEDDED_CHART_YAML, EMBEDDED_VALUES_YAML)
    }

    /// The metadata and defaults of a chart given as files (a `.tgz`'s, a
    /// folder's).
    ///
    /// # Errors
    /// When it has no Chart.yaml, or Chart.yaml is not YAML or lacks `name`
    /// or `version`.
    pub fn from_source(source: &crate::helm::ChartSource) -> Result<Self, Error> {
        use crate::helm::{ChartFile, ChartSource};
        let (chart_yaml, files) = match source {
            ChartSource::Archive(files) => (
                files
                    .iter()
                    .find(|file| file.name == "Chart.yaml")
                    .map(ChartFile::text),
                files,
            ),
            ChartSource::Directory { chart_yaml, files } => (chart_yaml.clone().ok(), files),
        };
        let chart_yaml = chart_yaml
            .ok_or_else(|| Error::new(ErrorKind::InvalidChart, "the chart has no Chart.yaml"))?;
        let values = files
            .iter()
            .find(|file| file.name == "values.yaml")
            .map(ChartFile::text)
            .unwrap_or_default();
        Self::from_texts(&chart_yaml, "values.yaml", &values)
    }

    /// A chart from the texts of its Chart.yaml and values.yaml.
    ///
    /// # Errors
    /// When Chart.yaml is not YAML or lacks `name` or `version`.
    pub fn from_texts(
        chart_yaml: &str,
        values_name: &str,
        values_text: &str,
    ) -> Result<Self, Error> {
        let metadata = parse_metadata(chart_yaml)?;
        Ok(Self {
            metadata,
            values_name: values_name.to_owned(),
            values_text: values_text.to_owned(),
        })
    }
}

fn parse_metadata(text: &str) -> Result<ChartMetadata, Error> {
    let mut diagnostics = Vec::new();
    let root = parse_document(text, SourceId(0), &mut diagnostics).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidChart,
            format!("Chart.yaml is not valid YAML: {}", diagnostics[0].message),
        )
    })?;
    // Helm decodes Chart.yaml through JSON, whose field names match any
    // case; with several spellings the last in sorted key order wins.
    let field = |key: &str| -> Option<String> {
        let node = root
            .as_map()?
            .iter()
            .filter(|(written, _)| written.eq_ignore_ascii_case(key))
            .max_by(|(left, _), (right, _)| left.cmp(right))
            .map(|(_, entry)| &entry.node)?;
        Some(scalar_text(node))
    };
    let name = field("name").filter(|name| !name.is_empty());
    let version = field("version").filter(|version| !version.is_empty());
    match (name, version) {
        (Some(_), Some(version)) if !is_semver(&version) => Err(Error::new(
            ErrorKind::InvalidChart,
            format!(
                "Chart.yaml `version` {version:?} is not a semantic version, so Helm refuses the chart"
            ),
        )),
        (Some(name), Some(version)) => Ok(ChartMetadata {
            name,
            version,
            app_version: field("appVersion").unwrap_or_default(),
        }),
        _ => Err(Error::new(
            ErrorKind::InvalidChart,
            "Chart.yaml needs `name` and `version`",
        )),
    }
}

/// Helm's check of a chart version (a Masterminds semver, which accepts a
/// leading `v` and a missing minor or patch number).
fn is_semver(version: &str) -> bool {
    crate::helm::semver::is_valid_version(version)
}

/// A Chart.yaml scalar as the string field Helm fills from it: numbers and
/// booleans are converted the way Helm's YAML layer converts them, so
/// `version: 1.10` becomes `1.1` (the well-known reason to quote versions).
pub(crate) fn scalar_text(node: &Node) -> String {
    match &node.value {
        Value::String(value) => value.clone(),
        Value::Null | Value::List(_) | Value::Map(_) => String::new(),
        Value::Bool(flag) => flag.to_string(),
        Value::Int(int) => int.to_string(),
        Value::Float(float) => format_float32(*float),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_chart_is_the_openshell_chart() {
        let chart = Chart::embedded();
        assert_eq!(chart.metadata.name, "helm-chart");
        assert_eq!(chart.metadata.version, "0.0.0");
        assert_eq!(chart.metadata.app_version, "0.0.0");
    }

    #[test]
    fn unquoted_numbers_become_strings_the_way_helm_converts_them() {
        let metadata = |text: &str| Chart::from_texts(text, "values.yaml", "").unwrap().metadata;
        let chart = metadata("name: c\nversion: 1.10\nappVersion: 24.10\n");
        assert_eq!(
            (chart.version.as_str(), chart.app_version.as_str()),
            ("1.1", "24.1")
        );
        let chart = metadata("name: c\nversion: 1e3\nappVersion: 3.14159265\n");
        assert_eq!(
            (chart.version.as_str(), chart.app_version.as_str()),
            ("1000", "3.1415927")
        );
        let chart = metadata("name: c\nversion: 010\nappVersion: yes\n");
        assert_eq!(
            (chart.version.as_str(), chart.app_version.as_str()),
            ("8", "true")
        );
        let chart = metadata("name: c\nversion: \"1.10\"\nappVersion: 1e7\n");
        assert_eq!(
            (chart.version.as_str(), chart.app_version.as_str()),
            ("1.10", "1e+07")
        );
    }

    #[test]
    fn field_names_match_in_any_case() {
        let chart = Chart::from_texts(
            "Name: c\nVERSION: 1.0.0\nAppVersion: v2\n",
            "values.yaml",
            "",
        )
        .unwrap();
        assert_eq!(chart.metadata.name, "c");
        assert_eq!(chart.metadata.version, "1.0.0");
        assert_eq!(chart.metadata.app_version, "v2");
    }

    #[test]
    fn versions_must_be_semantic_versions() {
        for good in ["1.0.0", "v1.2", "0.0.0-dev+abc.1", "2"] {
            let text = format!("name: c\nversion: {good}\n");
            assert!(
                Chart::from_texts(&text, "values.yaml", "").is_ok(),
                "{good}"
            );
        }
        for bad in ["latest", "1.0.0.0", "1.x"] {
            let text = format!("name: c\nversion: {bad}\n");
            assert!(
                Chart::from_texts(&text, "values.yaml", "").is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn missing_name_is_an_error() {
        assert!(Chart::from_texts("version: 1.0.0\n", "values.yaml", "").is_err());
    }
}
