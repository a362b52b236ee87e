//! helm-docs compatibility cases: each `helm-docs/*.case` is a values.yaml,
//! a `=>` line, and the rows helm-docs v1.14.2 writes for it (alphanum order,
//! or file order for `*.file-order.case`); `## Values` cases compare the whole
//! values section, `(no rows)` an empty one, `SKIPPED` a chart helm-docs skips.
//! The expected outputs come from the compatibility spec, written before the code.

use std::fs;
use std::path::Path;

use ingresslab_core::docs::{DocsError, DocsInput, SortOrder, readme};

const CHART: &str = "apiVersion: v2\nname: fixture\nversion: 0.1.0\n";

fn render(values: &str, template: &str, sort: SortOrder) -> Result<String, DocsError> {
    readme(&DocsInput {
        chart_yaml: CHART,
        values_yaml: values,
        requirements_yaml: None,
        template: Some(("README.md.gotmpl", template)),
        sort,
    })
}

#[test]
fn every_case_matches_helm_docs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helm-docs");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".case"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let (values, expected) = text
            .split_once("\n=>\n")
            .unwrap_or_else(|| panic!("{name}: no `=>` line"));
        let values = format!("{values}\n");
        let expected = expected.strip_suffix('\n').unwrap_or(expected);
        let sort = if name.ends_with(".file-order.case") {
            SortOrder::File
        } else {
            SortOrder::Alphanum
        };
        let actual = if expected == "SKIPPED" {
            match render(&values, "{{ template \"chart.valuesTable\" . }}", sort) {
                Err(DocsError::Skipped(_)) => "SKIPPED".to_owned(),
                other => format!("{other:?}"),
            }
        } else if expected.starts_with("## Values") || expected == "(no rows)" {
            let section =
                render(&values, "{{ template \"chart.valuesSection\" . }}", sort).unwrap();
            if section.is_empty() {
                "(no rows)".to_owned()
            } else {
                section
            }
        } else {
            let table = render(&values, "{{ template \"chart.valuesTable\" . }}", sort).unwrap();
            table.splitn(3, '\n').nth(2).unwrap_or_default().to_owned()
        };
        if actual != expected {
            failures.push(format!(
                "{name}\n--- expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(names.len() >= 40);
}

/// Whole charts: Chart.yaml, values.yaml, an optional template
/// (README.md.gotmpl or README.md.j2), an optional `sort` file, and the
/// README.md helm-docs writes.
#[test]
fn every_chart_readme_matches_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helm-docs/charts");
    let mut charts: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    charts.sort();
    for chart in &charts {
        let read = |name: &str| fs::read_to_string(chart.join(name)).ok();
        let template = ["README.md.gotmpl", "README.md.j2"]
            .into_iter()
            .find_map(|name| read(name).map(|text| (name, text)));
        let sort = if read("sort").is_some_and(|order| order.trim() == "file") {
            SortOrder::File
        } else {
            SortOrder::Alphanum
        };
        let actual = readme(&DocsInput {
            chart_yaml: &read("Chart.yaml").unwrap(),
            values_yaml: &read("values.yaml").unwrap_or_default(),
            requirements_yaml: read("requirements.yaml").as_deref(),
            template: template.as_ref().map(|(name, text)| (*name, text.as_str())),
            sort,
        })
        .unwrap();
        assert_eq!(actual, read("README.md").unwrap(), "{}", chart.display());
    }
    assert!(charts.len() >= 5);
}
