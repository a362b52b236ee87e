//! A chart as ingresslab needs it: Chart.yaml metadata and values.yaml
//! defaults. The embedded chart is the OpenShell chart's defaults for every
//! key ingresslab models, kept as files under `crates/core/chart/`.

use crate::error::{Error, ErrorKind};
use crate::span::SourceId;
use crate::values::{Node, Value, parse_document};

const EMBEDDED_CHART_YAML: &str = include_str!("../chart/Chart.yaml");
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
        Self::from_texts(
            EMBEDDED_CHART_YAML,
            EMBEDDED_VALUES_NAME,
            EMBEDDED_VALUES_YAML,
        )
        .expect("the embedded Chart.yaml is valid")
    }

    /// The embedded chart's Chart.yaml and values.yaml texts.
    #[must_use]
    pub fn embedded_files() -> (&'static str, &'static str) {
        (EMBEDDED_CHART_YAML, EMBEDDED_VALUES_YAML)
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
    let field = |key: &str| -> Option<String> {
        let node = root.as_map()?.get(key)?;
        Some(scalar_text(text, node))
    };
    let name = field("name").filter(|name| !name.is_empty());
    let version = field("version").filter(|version| !version.is_empty());
    match (name, version) {
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

/// A Chart.yaml field as written: Helm reads these into string fields, so
/// `version: 1.10` stays "1.10" rather than becoming a number.
fn scalar_text(text: &str, node: &Node) -> String {
    match &node.value {
        Value::String(value) => value.clone(),
        Value::Null => String::new(),
        _ => text[node.origin.span.range()].trim().to_owned(),
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
    fn numeric_looking_versions_stay_as_written() {
        let chart = Chart::from_texts(
            "name: c\nversion: 1.10\nappVersion: 2.0\n",
            "values.yaml",
            "",
        )
        .unwrap();
        assert_eq!(chart.metadata.version, "1.10");
        assert_eq!(chart.metadata.app_version, "2.0");
    }

    #[test]
    fn missing_name_is_an_error() {
        assert!(Chart::from_texts("version: 1.0.0\n", "values.yaml", "").is_err());
    }
}
