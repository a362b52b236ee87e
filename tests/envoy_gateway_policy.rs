//! The Envoy Gateway BackendTrafficPolicy ingresslab's chart renders for a
//! GRPCRoute (to lift the 15 s route timeout) is one Envoy Gateway v1.9.0
//! accepts: checked against that release's CRD schema (see
//! `tests/fixtures/envoy-gateway-v1.9.0/PROVENANCE.md`), with the fields
//! that lift the timeout present.

use ingresslab_core::{Input, analyze};
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        ingresslab_tests::repo_root()
            .join("tests/fixtures/envoy-gateway-v1.9.0/backendtrafficpolicy.schema.json"),
    )
    .expect("the vendored schema");
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::draft7::new(&schema).expect("a schema the validator takes")
}

/// The BackendTrafficPolicy documents of the embedded chart's render of `values`.
fn policies(values: &str) -> Vec<Value> {
    let analysis = analyze(&Input::with_values("values.yaml", values));
    let documents = analysis.all_documents.expect("the chart renders");
    ingresslab_tests::yaml_documents(&documents)
        .into_iter()
        .filter(|document| document["kind"] == "BackendTrafficPolicy")
        .collect()
}

const GRPC_ON_EG: &str = "gatewayApi:
  gateway:
    create: true
  routes:
    grpc:
      enabled: true
";

#[test]
fn the_rendered_policy_is_valid_for_envoy_gateway() {
    let validator = schema();
    let rendered = policies(GRPC_ON_EG);
    assert_eq!(rendered.len(), 1, "one policy for the GRPCRoute");
    let policy = &rendered[0];
    let errors: Vec<String> = validator
        .iter_errors(policy)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(policy["apiVersion"], "gateway.envoyproxy.io/v1alpha1");
    assert_eq!(
        policy["spec"]["targetRefs"][0],
        serde_json::json!({"group": "gateway.networking.k8s.io", "kind": "GRPCRoute", "name": "openshell"})
    );
    assert_eq!(policy["spec"]["timeout"]["http"]["requestTimeout"], "0s");
    assert_eq!(policy["spec"]["timeout"]["http"]["maxStreamDuration"], "0s");

    // The schema is really applied: a duration Envoy Gateway refuses fails.
    let mut broken = policy.clone();
    broken["spec"]["timeout"]["http"]["requestTimeout"] = Value::from("forever");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn the_policy_follows_its_keys() {
    // Other durations are kept.
    let custom = policies(&format!(
        "{GRPC_ON_EG}      streamTimeouts:\n        requestTimeout: 1h\n        maxStreamDuration: 24h\n"
    ));
    assert_eq!(custom[0]["spec"]["timeout"]["http"]["requestTimeout"], "1h");
    assert!(schema().is_valid(&custom[0]));
    // Off, or not Envoy Gateway's class: no policy.
    assert!(
        policies(&format!(
            "{GRPC_ON_EG}      streamTimeouts:\n        enabled: false\n"
        ))
        .is_empty()
    );
    assert!(
        policies(&GRPC_ON_EG.replace("create: true", "create: true\n    className: cilium"))
            .is_empty()
    );
    // An existing Gateway run by Envoy Gateway, named so.
    assert_eq!(
        policies(
            &GRPC_ON_EG.replace("create: true", "create: false").replace(
                "enabled: true\n",
                "enabled: true\n      streamTimeouts:\n        always: true\n"
            )
        )
        .len(),
        1
    );
    // No GRPCRoute, no policy.
    assert!(policies("gatewayApi:\n  gateway:\n    create: true\n").is_empty());
}
