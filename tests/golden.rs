//! Golden cases: `ingresslab render` must equal real `helm template` output,
//! compared as data. Two sets: the reference cases beside the repository
//! (`../shared/anchors/golden`, rendered by Helm), and this repository's own
//! cases in `tests/cases/`, whose expected output was worked out from the chart
//! contract (combinations, overrides, truncation, ports, `--set`).

use std::fs;
use std::path::Path;

use ingresslab_cli::{ExitStatus, run_captured};
use ingresslab_tests::{shared_dir, sorted_by_kind_and_name, yaml_documents};
use serde_json::Value;

/// The upstream CRD schema of a kind, compiled by an independent JSON Schema
/// engine, so every rendered document is checked by something other than
/// ingresslab's own validator.
fn upstream_schema(kind: &str) -> jsonschema::Validator {
    // Envoy Gateway's own policy has its release's schema, vendored.
    let path = if kind == "BackendTrafficPolicy" {
        ingresslab_tests::repo_root()
            .join("tests/fixtures/envoy-gateway-v1.9.0/backendtrafficpolicy.schema.json")
    } else {
        shared_dir().join(format!("gateway-api/v1.6.1/{kind}.json"))
    };
    let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

fn assert_documents_pass_upstream_crds(case: &str, documents: &[Value]) {
    for document in documents {
        let kind = document["kind"].as_str().unwrap();
        let errors: Vec<String> = upstream_schema(kind)
            .iter_errors(document)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{case}: the {kind} breaks the v1.6.1 CRD: {errors:?}"
        );
    }
}

/// One row of a `cases.tsv`.
struct Case {
    name: String,
    release: String,
    namespace: String,
    error_keys: Vec<String>,
    extra_args: Vec<String>,
    /// Helm renders these values but ingresslab reports errors (`force` in cases.tsv's fifth column).
    force: bool,
    /// Render with the embedded chart, which carries ingresslab's terminate + re-encrypt
    /// proposal (`embedded` in the seventh column), instead of the PR 2108 chart's templates.
    embedded_chart: bool,
}

fn read_cases(dir: &Path) -> Vec<Case> {
    let table = fs::read_to_string(dir.join("cases.tsv")).expect("cases.tsv");
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let column = |idx: usize| columns.get(idx).copied().unwrap_or_default();
            Case {
                name: column(0).to_owned(),
                release: column(1).to_owned(),
                namespace: column(2).to_owned(),
                error_keys: column(3)
                    .split(',')
                    .filter(|key| !key.is_empty())
                    .map(str::to_owned)
                    .collect(),
                extra_args: column(5).split_whitespace().map(str::to_owned).collect(),
                force: column(4) == "force",
                embedded_chart: column(6) == "embedded",
            }
        })
        .collect()
}

fn check_cases(dir: &Path) -> usize {
    let chart = shared_dir().join("anchors/openshell-chart");
    let cases = read_cases(dir);
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    for case in &cases {
        let values = dir.join(format!("{}.values.yaml", case.name));
        let mut args: Vec<String> = if case.embedded_chart {
            Vec::new()
        } else {
            vec!["--chart".into(), chart.display().to_string()]
        };
        args.extend([
            "-f".into(),
            values.display().to_string(),
            "--release-name".into(),
            case.release.clone(),
            "--namespace".into(),
            case.namespace.clone(),
        ]);
        args.extend(case.extra_args.iter().cloned());
        let expected: Value = serde_json::from_str(
            &fs::read_to_string(dir.join(format!("{}.expected.json", case.name))).unwrap(),
        )
        .unwrap();

        let render = run_captured(std::iter::once("render".to_owned()).chain(args.iter().cloned()));
        if expected.get("error").is_some() {
            assert_eq!(
                render.status,
                ExitStatus::Refused,
                "{}: render must refuse\n{}",
                case.name,
                render.stderr
            );
            assert!(render.stdout.is_empty(), "{}: nothing on stdout", case.name);
            let validate = run_captured(
                ["validate".to_owned(), "--format".into(), "json".into()]
                    .into_iter()
                    .chain(args.iter().cloned()),
            );
            assert_eq!(validate.status, ExitStatus::Refused, "{}", case.name);
            let report: Value = serde_json::from_str(&validate.stdout).unwrap();
            let errors: Vec<&Value> = report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|diagnostic| diagnostic["severity"] == "error")
                .collect();
            // An error marks a key as its place or as one of its related places.
            let marks = |diagnostic: &Value, key: &str| {
                diagnostic["path"] == key
                    || diagnostic["related"]
                        .as_array()
                        .is_some_and(|related| related.iter().any(|place| place["path"] == key))
            };
            for key in &case.error_keys {
                assert!(
                    errors.iter().any(|diagnostic| marks(diagnostic, key)),
                    "{}: no error names `{key}`: {}",
                    case.name,
                    validate.stdout
                );
            }
            for key in expected["error"]["keys"].as_array().unwrap() {
                assert!(
                    case.error_keys.iter().any(|listed| key == listed.as_str()),
                    "{}: cases.tsv lists {key}",
                    case.name
                );
            }
        } else {
            // Values Helm renders but ingresslab finds errors in: `render` refuses them, `--force` shows Helm's output.
            let render = if case.force {
                assert_eq!(
                    render.status,
                    ExitStatus::Refused,
                    "{}: ingresslab should flag these values",
                    case.name
                );
                let forced = args.iter().cloned().chain(["--force".to_owned()]);
                run_captured(std::iter::once("render".to_owned()).chain(forced))
            } else {
                render
            };
            assert_eq!(
                render.status,
                ExitStatus::Clean,
                "{}: {}",
                case.name,
                render.stderr
            );
            let actual = sorted_by_kind_and_name(yaml_documents(&render.stdout));
            if !case.force {
                assert_documents_pass_upstream_crds(&case.name, &actual);
            }
            assert_eq!(
                Value::Array(actual),
                expected,
                "{}: rendered\n{}",
                case.name,
                render.stdout
            );
        }
    }
    cases.len()
}

#[test]
fn reference_golden_cases_match_helm() {
    let count = check_cases(&shared_dir().join("anchors/golden"));
    assert!(count >= 5);
}

#[test]
fn own_cases_match_the_chart_contract() {
    let count = check_cases(&ingresslab_tests::repo_root().join("tests/cases"));
    assert!(count >= 10);
}

#[test]
fn renders_are_deterministic() {
    let args = [
        "render",
        "--set",
        "gatewayApi.gateway.create=true,gatewayApi.routes.grpc.enabled=true",
    ];
    let first = run_captured(args);
    let second = run_captured(args);
    assert_eq!(first.stdout, second.stdout);
    assert!(!first.stdout.is_empty());
}
