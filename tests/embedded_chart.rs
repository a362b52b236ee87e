//! The embedded chart defaults must agree with the real chart: every key
//! both files have holds the same value, and the metadata is the same.

use std::fs;

use ingresslab_tests::shared_dir;
use serde_json::Value;

fn yaml_file(text: &str) -> Value {
    ingresslab_tests::yaml_documents(text)
        .into_iter()
        .next()
        .unwrap_or(Value::Null)
}

/// Compare `ours` against `theirs` wherever both have the key; return the paths compared.
fn compare_shared_keys(ours: &Value, theirs: &Value, path: &str, compared: &mut Vec<String>) {
    match (ours, theirs) {
        (Value::Object(ours), Value::Object(theirs)) => {
            for (key, our_value) in ours {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let Some(their_value) = theirs.get(key) {
                    compare_shared_keys(our_value, their_value, &child, compared);
                }
            }
        }
        _ => {
            assert_eq!(
                ours, theirs,
                "embedded default for `{path}` differs from the real chart"
            );
            compared.push(path.to_owned());
        }
    }
}

#[test]
fn embedded_defaults_match_the_real_chart() {
    let real = shared_dir().join("anchors/openshell-chart");
    let ours = yaml_file(include_str!("../crates/core/chart/values.yaml"));
    let theirs = yaml_file(&fs::read_to_string(real.join("values.yaml")).unwrap());
    let mut compared = Vec::new();
    compare_shared_keys(&ours, &theirs, "", &mut compared);
    for key in [
        "gatewayApi.gateway.create",
        "gatewayApi.routes.tls.hostnames",
        "service.port",
        "server.disableTls",
        "nameOverride",
        "certManager.serverDnsNames",
    ] {
        assert!(
            compared.iter().any(|path| path == key),
            "`{key}` was not compared"
        );
    }
}

#[test]
fn embedded_metadata_matches_the_real_chart() {
    let real = shared_dir().join("anchors/openshell-chart");
    let ours = yaml_file(include_str!("../crates/core/chart/Chart.yaml"));
    let theirs = yaml_file(&fs::read_to_string(real.join("Chart.yaml")).unwrap());
    for key in ["name", "version", "appVersion"] {
        assert_eq!(ours[key], theirs[key], "Chart.yaml `{key}`");
    }
}

/// Keys of `value`, as dotted paths (maps only; lists are leaves).
fn key_paths(value: &Value, path: &str, out: &mut Vec<String>) {
    if let Value::Object(map) = value {
        for (key, child) in map {
            let child_path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            out.push(child_path.clone());
            key_paths(child, &child_path, out);
        }
    }
}

#[test]
fn embedded_trees_hold_every_key_of_the_real_chart() {
    let real = shared_dir().join("anchors/openshell-chart");
    let ours = yaml_file(include_str!("../crates/core/chart/values.yaml"));
    let theirs = yaml_file(&fs::read_to_string(real.join("values.yaml")).unwrap());
    for tree in [
        "gatewayApi",
        "service",
        "server",
        "pkiInitJob",
        "certManager",
    ] {
        let mut their_keys = Vec::new();
        key_paths(&theirs[tree], tree, &mut their_keys);
        let mut our_keys = Vec::new();
        key_paths(&ours[tree], tree, &mut our_keys);
        for key in their_keys {
            assert!(our_keys.contains(&key), "the embedded chart lacks `{key}`");
        }
    }
}

/// The Gateway API documents of a YAML stream, as data, in a fixed order.
fn gateway_api_documents(stream: &str) -> Vec<Value> {
    let mut documents: Vec<Value> = ingresslab_tests::yaml_documents(stream)
        .into_iter()
        .filter(|document| {
            document["apiVersion"]
                .as_str()
                .is_some_and(|version| version.starts_with("gateway.networking.k8s.io/"))
        })
        .collect();
    documents.sort_by_key(|document| {
        (
            document["kind"].to_string(),
            document["metadata"]["name"].to_string(),
        )
    });
    documents
}

/// Every example of the guide, with the values the page starts from.
fn example_values() -> Vec<(String, String)> {
    let dir = ingresslab_tests::repo_root().join("docs/examples");
    let mut examples: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        // Legacy values are refused by the chart (checked against Helm below).
        .filter(|path| !path.ends_with("legacy.yaml"))
        .map(|path| {
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                path.display().to_string(),
            )
        })
        .collect();
    examples.sort();
    assert!(examples.len() >= 6, "the guide's examples are missing");
    examples
}

#[test]
fn render_shows_what_template_prints_on_every_example() {
    // `render` (the analysis the page and `validate` share) and `template`
    // (the `helm template` drop-in) print the same Gateway API documents.
    let chart = ingresslab_tests::repo_root().join("crates/core/chart");
    for (name, path) in example_values() {
        let release = ["-n", "openshell", "-f", &path];
        let template = ingresslab_cli::run_captured(
            ["template", "openshell", &chart.display().to_string()]
                .into_iter()
                .chain(release),
        );
        assert_eq!(
            template.status,
            ingresslab_cli::ExitStatus::Clean,
            "{name}: {}",
            template.stderr
        );
        let render = ingresslab_cli::run_captured(
            ["render", "--release-name", "openshell", "--force"]
                .into_iter()
                .chain(release),
        );
        let documents = gateway_api_documents(&template.stdout);
        assert!(!documents.is_empty(), "{name}: nothing rendered");
        assert_eq!(
            documents,
            gateway_api_documents(&render.stdout),
            "{name}: render and template differ"
        );
    }
}

#[test]
fn real_helm_renders_the_embedded_chart_as_the_engine_does() {
    use ingresslab_tests::helm_oracle::{Candidate, Helm, InProcess};
    let Some(helm) = Helm::from_env("real_helm_renders_the_embedded_chart_as_the_engine_does")
    else {
        return;
    };
    let chart = ingresslab_tests::repo_root()
        .join("crates/core/chart")
        .display()
        .to_string();
    let legacy = ingresslab_tests::repo_root()
        .join("docs/examples/legacy.yaml")
        .display()
        .to_string();
    let mut cases: Vec<(String, String)> = example_values();
    cases.push(("legacy.yaml".to_owned(), legacy));
    for (name, path) in cases {
        let args: Vec<String> = ["openshell", &chart, "-n", "openshell", "-f", &path]
            .map(str::to_owned)
            .to_vec();
        let theirs = helm.template(&args);
        let ours = InProcess.template(&args);
        assert_eq!(ours, theirs, "{name}: ingresslab and Helm differ");
    }
}

#[test]
fn render_shows_what_template_prints_on_every_case() {
    // The contract cases (tests/cases): names, truncation, flags, nulls,
    // YAML 1.1 booleans, refusals (nothing rendered by either).
    let root = ingresslab_tests::repo_root();
    let chart = root.join("crates/core/chart").display().to_string();
    let table = fs::read_to_string(root.join("tests/cases/cases.tsv")).unwrap();
    let mut compared = 0;
    for row in table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let columns: Vec<&str> = row.split('\t').collect();
        let (name, release, namespace) = (columns[0], columns[1], columns[2]);
        let extra: Vec<&str> = columns
            .get(5)
            .map_or(Vec::new(), |args| args.split_whitespace().collect());
        let values = root
            .join(format!("tests/cases/{name}.values.yaml"))
            .display()
            .to_string();
        let common: Vec<&str> = ["-n", namespace, "-f", &values]
            .into_iter()
            .chain(extra)
            .collect();
        let template = ingresslab_cli::run_captured(
            ["template", release, &chart]
                .into_iter()
                .chain(common.iter().copied()),
        );
        let render = ingresslab_cli::run_captured(
            ["render", "--release-name", release, "--force"]
                .into_iter()
                .chain(common.iter().copied()),
        );
        assert_eq!(
            gateway_api_documents(&template.stdout),
            gateway_api_documents(&render.stdout),
            "{name}: render and template differ"
        );
        compared += 1;
    }
    assert!(compared >= 20, "the cases are missing");
}
