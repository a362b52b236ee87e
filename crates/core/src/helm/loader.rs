//! A chart from its files, as `pkg/chart/v2/loader/load.go` (`LoadFiles`)
//! builds one.
//!
//! Every file lands in exactly one place, in the order the files came
//! (archive order, or the lexical walk of a directory):
//!
//! - `Chart.yaml` → [`Chart::metadata`] (read first, wherever it is);
//! - `Chart.lock`, `requirements.lock` → [`Chart::lock`];
//! - `values.yaml` → [`Chart::values_text`] (kept as text);
//! - `values.schema.json` → [`Chart::schema`];
//! - `requirements.yaml` → its `dependencies` decoded onto the metadata;
//!   for an `apiVersion: v1` chart it and `requirements.lock` also stay in
//!   [`Chart::files`];
//! - `templates/...` → [`Chart::templates`];
//! - `charts/*.prov` → [`Chart::files`]; any other `charts/NAME/...` or
//!   `charts/NAME.tgz` → a subchart in [`Chart::dependencies`], loaded the
//!   same way (names starting with `_` or `.` skipped);
//! - everything else (`crds/`, `README.md`, `files/...`) → [`Chart::files`],
//!   which is what `.Files` sees.
//!
//! Helm keeps subcharts in a Go map and so adds them in random order; here
//! they come sorted by folder or archive name, which rendering does not
//! notice (templates are sorted by path before they run).

use std::collections::BTreeMap;

use super::archive::load_archive_files;
use super::metadata::{API_VERSION_V1, Dependency, Metadata, chart_base_api_version, parse_yaml};
use super::{ChartFile, LoadError};
use crate::engine::gopath as path;

/// A loaded chart (`chart.Chart`).
#[derive(Clone, Debug, Default)]
pub struct Chart {
    /// `Chart.yaml`, validated.
    pub metadata: Metadata,
    /// `Chart.lock` (or `requirements.lock`): its locked dependencies.
    pub lock: Option<Vec<Dependency>>,
    /// The `values.yaml` text, when the chart has one.
    pub values_text: Option<String>,
    /// The chart's default values as templates see them: `Nil` until
    /// [`parse_values`](super::dependencies::parse_values) reads
    /// [`Chart::values_text`]; dependency processing replaces them with the
    /// defaults merged with subcharts' and imported values.
    pub values: crate::engine::Value,
    /// `values.schema.json`, when the chart has one.
    pub schema: Option<Vec<u8>>,
    /// `templates/...`, in load order.
    pub templates: Vec<ChartFile>,
    /// Every other file: what `.Files` holds.
    pub files: Vec<ChartFile>,
    /// Subcharts found under `charts/`.
    pub dependencies: Vec<Chart>,
    /// What Helm logs while loading (`Warning: Dependencies are handled in Chart.yaml ...`).
    pub warnings: Vec<String>,
}

impl Chart {
    /// `Chart.Name`.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// `CRDObjects` of this chart alone: `crds/` files ending in `.yaml`,
    /// `.yml` or `.json` (any case).
    pub fn crd_files(&self) -> impl Iterator<Item = &ChartFile> {
        self.files.iter().filter(|file| {
            let extension = path::ext(&file.name);
            file.name.starts_with("crds/")
                && [".yaml", ".yml", ".json"]
                    .iter()
                    .any(|wanted| extension.eq_ignore_ascii_case(wanted))
        })
    }

    /// `action.CheckDependencies`: every dependency `Chart.yaml` lists must
    /// be present under `charts/`, as `helm template` demands.
    ///
    /// # Errors
    /// `found in Chart.yaml, but missing in charts/ directory: a, b`, wrapped
    /// as `helm template` wraps it.
    pub fn check_dependencies(&self) -> Result<(), LoadError> {
        let missing: Vec<&str> = self
            .metadata
            .listed_dependencies()
            .filter(|wanted| {
                !self
                    .dependencies
                    .iter()
                    .any(|sub| sub.name() == wanted.name)
            })
            .map(|wanted| wanted.name.as_str())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(LoadError::new(format!(
            "an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: {}",
            missing.join(", ")
        )))
    }
}

/// Load the chart archive `helm template` is given, from its files: Helm's
/// top-level loader reads `Chart.yaml`'s `apiVersion` first and refuses
/// what is not a v1 or v2 chart, then [`load_files`]; a `library` chart is
/// refused as not installable.
///
/// # Errors
/// Helm's message for the first problem found.
pub fn load_chart(files: Vec<ChartFile>) -> Result<Chart, LoadError> {
    let Some(chart_yaml) = files.iter().find(|file| file.name == "Chart.yaml") else {
        return Err(LoadError::new(
            "unable to detect chart version, no Chart.yaml found",
        ));
    };
    let chart_yaml = chart_yaml.text();
    load_chart_dir(&chart_yaml, files)
}

/// [`load_chart`] for a chart directory: Helm reads `chart_yaml` from disk
/// before walking, so a `.helmignore` that leaves `Chart.yaml` out of
/// `files` gives `Chart.yaml file is missing` rather than an archive's message.
///
/// # Errors
/// Helm's message for the first problem found.
pub fn load_chart_dir(chart_yaml: &str, files: Vec<ChartFile>) -> Result<Chart, LoadError> {
    match chart_base_api_version(chart_yaml)?.as_str() {
        "" | "v1" | "v2" => {}
        // Helm loads v3 charts but `helm template` refuses them.
        "v3" => return Err(LoadError::new("invalid chart apiVersion")),
        _ => return Err(LoadError::new("unsupported chart version")),
    }
    let chart = load_files(files)?;
    match chart.metadata.chart_type.as_str() {
        "" | "application" => Ok(chart),
        other => Err(LoadError::new(format!(
            "{other} charts are not installable"
        ))),
    }
}

/// `LoadFiles`: a chart from in-memory files, subcharts loaded recursively.
///
/// # Errors
/// Helm's message (`Chart.yaml file is missing`, `validation: ...`,
/// `error unpacking subchart NAME in PARENT: ...`).
pub fn load_files(files: Vec<ChartFile>) -> Result<Chart, LoadError> {
    let mut chart = Chart::default();
    let mut metadata: Option<Metadata> = None;
    for file in &files {
        if file.name == "Chart.yaml" {
            let target = metadata.get_or_insert_with(Metadata::default);
            target
                .decode_onto(&file.as_text())
                .map_err(|error| LoadError::new(format!("cannot load Chart.yaml: {error}")))?;
            if target.api_version.is_empty() {
                API_VERSION_V1.clone_into(&mut target.api_version);
            }
        }
    }
    let mut subcharts: BTreeMap<String, Vec<ChartFile>> = BTreeMap::new();
    for file in files {
        let name = file.name.as_str();
        match name {
            "Chart.yaml" => {}
            "Chart.lock" => chart.lock = Some(decode_lock(&file, "Chart.lock")?),
            "values.yaml" => chart.values_text = Some(file.text()),
            "values.schema.json" => chart.schema = Some(file.data),
            "requirements.yaml" => {
                let target = metadata.get_or_insert_with(Metadata::default);
                if target.api_version != API_VERSION_V1 {
                    chart.warnings.push("Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We recommend migrating dependencies to Chart.yaml.".to_owned());
                }
                target.decode_onto(&file.as_text()).map_err(|error| {
                    LoadError::new(format!("cannot load requirements.yaml: {error}"))
                })?;
                if target.api_version == API_VERSION_V1 {
                    chart.files.push(file);
                }
            }
            "requirements.lock" => {
                chart.lock = Some(decode_lock(&file, "requirements.lock")?);
                let target = metadata.get_or_insert_with(Metadata::default);
                if target.api_version != API_VERSION_V1 {
                    chart.warnings.push("Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We recommend migrating to Chart.lock.".to_owned());
                }
                if target.api_version == API_VERSION_V1 {
                    chart.files.push(file);
                }
            }
            _ if name.starts_with("templates/") => chart.templates.push(file),
            _ if name.starts_with("charts/") => {
                if path::ext(name) == ".prov" {
                    chart.files.push(file);
                    continue;
                }
                let inner = &name["charts/".len()..];
                let folder = inner.split('/').next().unwrap_or(inner).to_owned();
                subcharts.entry(folder).or_default().push(ChartFile {
                    name: inner.to_owned(),
                    data: file.data,
                });
            }
            _ => chart.files.push(file),
        }
    }
    let Some(mut metadata) = metadata else {
        return Err(LoadError::new("Chart.yaml file is missing"));
    };
    metadata.validate()?;
    chart.metadata = metadata;
    for (folder, files) in subcharts {
        if folder.starts_with(['_', '.']) {
            continue;
        }
        let loaded = if path::ext(&folder) == ".tgz" {
            let file = &files[0];
            if file.name != folder {
                return Err(LoadError::new(format!(
                    "error unpacking subchart tar in {}: expected {folder}, got {}",
                    chart.name(),
                    file.name
                )));
            }
            load_archive_files(&file.data).and_then(load_files)
        } else {
            let inside = files
                .into_iter()
                .filter_map(|file| {
                    let (_, rest) = file.name.split_once('/')?;
                    Some(ChartFile {
                        name: rest.to_owned(),
                        data: file.data,
                    })
                })
                .collect();
            load_files(inside)
        };
        let sub = loaded.map_err(|error| {
            LoadError::new(format!(
                "error unpacking subchart {folder} in {}: {}",
                chart.name(),
                error.message
            ))
        })?;
        chart.dependencies.push(sub);
    }
    Ok(chart)
}

/// `Chart.lock`'s `dependencies` (its `generated` time and `digest` are not kept).
fn decode_lock(file: &ChartFile, name: &str) -> Result<Vec<Dependency>, LoadError> {
    let wrap = |error: String| LoadError::new(format!("cannot load {name}: {error}"));
    let root = parse_yaml(&file.as_text()).map_err(wrap)?;
    let mut dependencies = Vec::new();
    if let crate::values::Value::Map(map) = &root.value {
        for (key, entry) in map.iter() {
            if key.eq_ignore_ascii_case("dependencies") {
                super::metadata::decode_dependencies(
                    &entry.node,
                    &mut dependencies,
                    "dependencies",
                )
                .map_err(wrap)?;
            }
        }
    }
    Ok(dependencies.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::super::archive::write::tgz;
    use super::*;

    fn file(name: &str, text: &str) -> ChartFile {
        ChartFile::new(name, text.as_bytes())
    }

    fn names(files: &[ChartFile]) -> Vec<&str> {
        files.iter().map(|file| file.name.as_str()).collect()
    }

    const CHART: &str = "apiVersion: v2\nname: parent\nversion: 0.1.0\n";

    #[test]
    fn files_are_sorted_into_their_places() {
        let chart = load_files(vec![
            file(".helmignore", "x"),
            file(
                "Chart.lock",
                "dependencies:\n- name: sub\n  version: 0.1.0\n",
            ),
            file("Chart.yaml", CHART),
            file("README.md", "readme"),
            file(
                "charts/sub/Chart.yaml",
                "apiVersion: v2\nname: sub\nversion: 0.2.0\n",
            ),
            file("charts/sub/templates/s.yaml", "s"),
            file("charts/sub/values.yaml", "s: 1\n"),
            file("charts/sub-0.1.0.tgz.prov", "sig"),
            file("charts/_skipped/Chart.yaml", "not: loaded"),
            file("crds/crd.yaml", "kind: CRD"),
            file("files/conf.txt", "conf"),
            file("templates/NOTES.txt", "notes"),
            file("templates/_helpers.tpl", "helpers"),
            file("templates/deploy.yaml", "deploy"),
            file("values.schema.json", "{}"),
            file("values.yaml", "a: 1\n"),
        ])
        .unwrap();
        assert_eq!(chart.name(), "parent");
        assert_eq!(chart.values_text.as_deref(), Some("a: 1\n"));
        assert_eq!(chart.schema.as_deref(), Some(&b"{}"[..]));
        assert_eq!(
            names(&chart.templates),
            [
                "templates/NOTES.txt",
                "templates/_helpers.tpl",
                "templates/deploy.yaml"
            ]
        );
        assert_eq!(
            names(&chart.files),
            [
                ".helmignore",
                "README.md",
                "charts/sub-0.1.0.tgz.prov",
                "crds/crd.yaml",
                "files/conf.txt"
            ]
        );
        assert_eq!(
            names(&chart.crd_files().cloned().collect::<Vec<_>>()),
            ["crds/crd.yaml"]
        );
        assert_eq!(chart.lock.as_ref().map(Vec::len), Some(1));
        let [sub] = chart.dependencies.as_slice() else {
            panic!("one subchart expected")
        };
        assert_eq!(sub.name(), "sub");
        assert_eq!(names(&sub.templates), ["templates/s.yaml"]);
        assert_eq!(sub.values_text.as_deref(), Some("s: 1\n"));
    }

    #[test]
    fn subchart_archives_load_recursively() {
        let inner = tgz(&[(
            "deep/Chart.yaml",
            "apiVersion: v2\nname: deep\nversion: 1.0.0\n",
        )]);
        let sub_tgz = tgz(&[
            (
                "sub/Chart.yaml",
                "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            ),
            ("sub/templates/a.yaml", "a"),
        ]);
        let chart = load_files(vec![
            file("Chart.yaml", CHART),
            ChartFile::new("charts/sub-0.1.0.tgz", sub_tgz),
            ChartFile::new("charts/deep-1.0.0.tgz", inner),
        ])
        .unwrap();
        let names: Vec<&str> = chart.dependencies.iter().map(Chart::name).collect();
        assert_eq!(names, ["deep", "sub"]);
        assert_eq!(chart.dependencies[1].templates.len(), 1);
    }

    #[test]
    fn archives_written_by_helm_package() {
        let parent = include_bytes!("../../tests/fixtures/charts/parent-1.0.0.tgz");
        let chart = load_chart(load_archive_files(parent).unwrap()).unwrap();
        assert_eq!(chart.name(), "parent");
        assert_eq!(names(&chart.templates), ["templates/p.yaml"]);
        assert_eq!(chart.files.len(), 1);
        assert_eq!(
            chart.files[0].name,
            format!("files/{}.txt", "x".repeat(110))
        );
        assert_eq!(chart.files[0].data, b"long\n");
        assert_eq!(chart.dependencies[0].name(), "sub");
        let sub = include_bytes!("../../tests/fixtures/charts/sub-0.2.0.tgz");
        let chart = load_files(vec![
            file("Chart.yaml", CHART),
            ChartFile::new("charts/sub-0.2.0.tgz", &sub[..]),
        ])
        .unwrap();
        assert_eq!(chart.dependencies[0].metadata.version, "0.2.0");
        assert_eq!(
            names(&chart.dependencies[0].templates),
            ["templates/s.yaml"]
        );
    }

    #[test]
    fn helms_load_errors() {
        let error = |files: Vec<ChartFile>| load_files(files).unwrap_err().message;
        assert_eq!(
            error(vec![file("values.yaml", "")]),
            "Chart.yaml file is missing"
        );
        assert_eq!(
            error(vec![
                file("Chart.yaml", CHART),
                file("charts/README.md", "x")
            ]),
            "error unpacking subchart README.md in parent: Chart.yaml file is missing"
        );
        assert_eq!(
            error(vec![
                file("Chart.yaml", CHART),
                file("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\n"),
            ]),
            "error unpacking subchart sub in parent: validation: chart.metadata.version is required"
        );
        assert_eq!(
            error(vec![
                file("Chart.yaml", CHART),
                file("charts/bad.tgz", "nope\n")
            ]),
            "error unpacking subchart bad.tgz in parent: unexpected EOF"
        );
        assert_eq!(
            error(vec![
                file("Chart.yaml", CHART),
                file("charts/x.tgz/y", "nope")
            ]),
            "error unpacking subchart tar in parent: expected x.tgz, got x.tgz/y"
        );
    }

    #[test]
    fn top_level_checks_of_helm_template() {
        let error = |chart_yaml: &str| {
            load_chart(vec![file("Chart.yaml", chart_yaml)])
                .unwrap_err()
                .message
        };
        assert_eq!(
            error("apiVersion: v3\nname: c\nversion: 1.0.0\n"),
            "invalid chart apiVersion"
        );
        assert_eq!(
            error("apiVersion: v9\nname: c\nversion: 1.0.0\n"),
            "unsupported chart version"
        );
        assert_eq!(
            error("apiVersion: 2\nname: c\nversion: 1.0.0\n"),
            "unsupported chart version"
        );
        assert_eq!(
            error("apiVersion: v2\nname: c\nversion: 1.0.0\ntype: library\n"),
            "library charts are not installable"
        );
        assert_eq!(
            load_chart(vec![file("values.yaml", "")])
                .unwrap_err()
                .message,
            "unable to detect chart version, no Chart.yaml found"
        );
        // `*.txt` then `!B.txt` in .helmignore leaves Chart.yaml out (helm v4.1.4).
        assert_eq!(
            load_chart_dir(CHART, vec![file("files/B.txt", "x")])
                .unwrap_err()
                .message,
            "Chart.yaml file is missing"
        );
        let chart = load_chart(vec![file("Chart.yaml", "name: c\nversion: 1.0.0\n")]).unwrap();
        assert_eq!(chart.metadata.api_version, "v1");
    }

    #[test]
    fn v1_requirements_become_dependencies_and_stay_files() {
        let chart = load_files(vec![
            file("Chart.yaml", "apiVersion: v1\nname: old\nversion: 1.0.0\n"),
            file(
                "requirements.yaml",
                "dependencies:\n- name: sub\n  version: 0.1.0\n  repository: x\n",
            ),
            file("requirements.lock", "dependencies: []\n"),
        ])
        .unwrap();
        assert_eq!(chart.metadata.listed_dependencies().count(), 1);
        assert_eq!(
            names(&chart.files),
            ["requirements.yaml", "requirements.lock"]
        );
        assert_eq!(
            chart.check_dependencies().unwrap_err().message,
            "an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: sub"
        );
        let v2 = load_files(vec![
            file("Chart.yaml", CHART),
            file("requirements.yaml", "dependencies:\n- name: sub\n"),
        ])
        .unwrap();
        assert_eq!(v2.metadata.listed_dependencies().count(), 1);
        assert!(v2.files.is_empty());
        assert_eq!(v2.warnings.len(), 1);
    }
}
