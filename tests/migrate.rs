//! `ingresslab migrate` on the legacy chart's own overlays: the result keeps
//! every other key and the comments, validates, and renders what the old
//! chart rendered.

use std::fs;

use ingresslab_cli::{ExitStatus, run_captured};
use ingresslab_tests::{shared_dir, sorted_by_kind_and_name, yaml_documents};
use serde_json::Value;

fn migrate(overlay: &str) -> (String, String) {
    let path = shared_dir().join(format!("anchors/openshell-chart-legacy/{overlay}"));
    let chart = shared_dir().join("anchors/openshell-chart");
    let run = run_captured([
        "migrate",
        "-f",
        path.to_str().unwrap(),
        "--chart",
        chart.to_str().unwrap(),
    ]);
    assert_eq!(run.status, ExitStatus::Clean, "{overlay}: {}", run.stderr);
    assert!(run.stderr.contains("proved:"), "{overlay}: {}", run.stderr);
    (run.stdout, run.stderr)
}

/// Render migrated values with the embedded chart: the HTTPS listener they
/// move to is ingresslab's terminate + re-encrypt proposal, which the PR 2108
/// chart's own templates do not render.
fn render(values_text: &str, name: &str) -> Vec<Value> {
    let dir = std::env::temp_dir().join(format!("ingresslab-migrate-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, values_text).unwrap();
    let run = run_captured(["render", "-f", path.to_str().unwrap()]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    sorted_by_kind_and_name(yaml_documents(&run.stdout))
}

#[test]
fn plain_http_overlay_migrates() {
    let (text, _) = migrate("values-gateway.yaml");
    assert!(!text.contains("grpcRoute"));
    assert!(
        text.starts_with("# SPDX-FileCopyrightText"),
        "the header comment stays"
    );
    assert!(
        text.contains("# Set one or more hostnames to scope the route"),
        "comments inside the block follow their key"
    );
    let documents = render(&text, "plain.yaml");
    let kinds: Vec<&str> = documents
        .iter()
        .map(|document| document["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["GRPCRoute", "Gateway"]);
    assert_eq!(documents[1]["spec"]["listeners"][0]["name"], "http");
    assert_eq!(documents[0]["spec"]["parentRefs"][0]["name"], "openshell");
}

#[test]
fn https_overlay_migrates_to_the_https_listener() {
    let (text, stderr) = migrate("values-gateway-tls.yaml");
    assert!(text.contains("https:") && text.contains("openshell-ingress-tls"));
    assert!(
        text.contains("issuer: \"https://keycloak.example.com/realms/openshell\""),
        "other keys stay as written"
    );
    assert!(stderr.contains("HTTP listener is turned off"));
    let documents = render(&text, "tls.yaml");
    let gateway = documents
        .iter()
        .find(|document| document["kind"] == "Gateway")
        .unwrap();
    let listeners = gateway["spec"]["listeners"].as_array().unwrap();
    assert_eq!(listeners.len(), 1, "the old chart rendered one listener");
    assert_eq!(listeners[0]["protocol"], "HTTPS");
    assert_eq!(listeners[0]["port"], 443);
    assert_eq!(
        listeners[0]["tls"]["certificateRefs"][0]["name"],
        "openshell-ingress-tls"
    );
}

#[test]
fn migrate_writes_atomically_and_only_when_asked() {
    let source = shared_dir().join("anchors/openshell-chart-legacy/values-gateway-tls.yaml");
    let dir = std::env::temp_dir().join(format!("ingresslab-migrate-out-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let output = dir.join("new.yaml");
    let run = run_captured([
        "migrate",
        "-f",
        source.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let written = fs::read_to_string(&output).unwrap();
    assert!(written.contains("gatewayApi:"));
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
    assert!(
        fs::read_to_string(&source).unwrap().contains("grpcRoute:"),
        "the input is untouched"
    );
}
