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
