//! `ingresslab schema` output, checked by a real JSON Schema validator: the
//! chart's own defaults and good values pass, bad values fail, as Helm would
//! decide at install time.

use std::fs;

use ingresslab_cli::{ExitStatus, run_captured};
use ingresslab_tests::{repo_root, shared_dir, yaml_documents};
use serde_json::Value;

fn schema_for(chart: Option<&str>) -> jsonschema::Validator {
    let mut args = vec!["schema".to_owned()];
    if let Some(chart) = chart {
        args.extend(["--chart".to_owned(), chart.to_owned()]);
    }
    let run = run_captured(args);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    let schema: Value = serde_json::from_str(&run.stdout).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

fn yaml(text: &str) -> Value {
    yaml_documents(text)
        .into_iter()
        .next()
        .unwrap_or(Value::Null)
}

fn real_chart() -> String {
    shared_dir()
        .join("anchors/openshell-chart")
        .display()
        .to_string()
}

#[test]
fn chart_defaults_satisfy_their_schema() {
    let real_values =
        fs::read_to_string(shared_dir().join("anchors/openshell-chart/values.yaml")).unwrap();
    assert!(schema_for(Some(&real_chart())).is_valid(&yaml(&real_values)));
    let embedded = fs::read_to_string(repo_root().join("crates/core/chart/values.yaml")).unwrap();
    assert!(schema_for(None).is_valid(&yaml(&embedded)));
}

#[test]
fn good_values_pass() {
    let validator = schema_for(Some(&real_chart()));
    for case in [
        "04-passthrough",
        "06-grpc-route-existing-gateway",
        "14-name-override",
        "02-gateway-only",
    ] {
        let text =
            fs::read_to_string(shared_dir().join(format!("anchors/golden/{case}.values.yaml")))
                .unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&yaml(&text))
            .map(|error| error.to_string())
            .collect();
        assert!(errors.is_empty(), "{case}: {errors:?}");
    }
}

#[test]
fn bad_values_fail() {
    let validator = schema_for(Some(&real_chart()));
    let bad = [
        (
            "typo in a route",
            "gatewayApi:\n  routes:\n    gprc:\n      enabled: true\n",
        ),
        (
            "quoted false",
            "gatewayApi:\n  gateway:\n    create: \"false\"\n",
        ),
        ("port out of range", "service:\n  port: 70000\n"),
        (
            "string for a list",
            "gatewayApi:\n  routes:\n    grpc:\n      hostnames: a.example.com\n",
        ),
        (
            "upper-case hostname",
            "gatewayApi:\n  routes:\n    grpc:\n      hostnames: [A.example.com]\n",
        ),
        (
            "IP as hostname",
            "gatewayApi:\n  routes:\n    grpc:\n      hostnames: [10.0.0.1]\n",
        ),
        (
            "TLSRoute without hostnames",
            "gatewayApi:\n  routes:\n    tls:\n      enabled: true\n",
        ),
        ("typo in server", "server:\n  disableTLS: true\n"),
        (
            "bad namespace",
            "gatewayApi:\n  gateway:\n    namespace: Infra_Ingress\n",
        ),
    ];
    for (what, text) in bad {
        assert!(
            !validator.is_valid(&yaml(text)),
            "{what} should fail the schema"
        );
    }
}

#[test]
fn modelled_keys_carry_the_chart_descriptions() {
    let run = run_captured(["schema"]);
    let schema: Value = serde_json::from_str(&run.stdout).unwrap();
    let enabled = &schema["properties"]["gatewayApi"]["properties"]["routes"]["properties"]["tls"]
        ["properties"]["enabled"];
    assert_eq!(enabled["type"], "boolean");
    assert!(
        enabled["description"]
            .as_str()
            .unwrap()
            .contains("TLSRoute")
    );
    assert_eq!(
        schema["properties"]["gatewayApi"]["additionalProperties"],
        false
    );
}
