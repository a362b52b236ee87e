//! `ingresslab migrate` on the legacy chart's own overlays: the result keeps
//! every other key and the comments, and is written only when the new chart
//! renders what the old one did.

use std::fs;

use ingresslab_cli::{ExitStatus, run_captured};
use ingresslab_tests::{shared_dir, sorted_by_kind_and_name, yaml_documents};
use serde_json::Value;

fn legacy(overlay: &str) -> String {
    shared_dir()
        .join(format!("anchors/openshell-chart-legacy/{overlay}"))
        .to_str()
        .unwrap()
        .to_owned()
}

fn chart(revision: &str) -> String {
    shared_dir()
        .join(format!("anchors/charts/openshell-{revision}"))
        .to_str()
        .unwrap()
        .to_owned()
}

/// Migrate an overlay of the released chart to ingresslab's chart, proven.
fn migrate(overlay: &str) -> (String, String) {
    let run = run_captured([
        "migrate",
        "-f",
        &legacy(overlay),
        "--from-chart",
        &chart("released"),
    ]);
    assert_eq!(run.status, ExitStatus::Clean, "{overlay}: {}", run.stderr);
    assert!(run.stderr.contains("proved:"), "{overlay}: {}", run.stderr);
    (run.stdout, run.stderr)
}

#[test]
fn https_termination_is_refused_for_a_chart_without_the_https_listener() {
    let run = run_captured([
        "migrate",
        "-f",
        &legacy("values-gateway-tls.yaml"),
        "--from-chart",
        &chart("released"),
        "--chart",
        &chart("pr2108"),
    ]);
    assert_eq!(run.status, ExitStatus::Refused, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing is written");
    assert!(
        run.stderr
            .contains("error: grpcRoute.gateway.listener.protocol:"),
        "{}",
        run.stderr
    );
    for choice in [
        "gatewayApi.gateway.https",
        "gatewayApi.routes.tls",
        "gatewayApi.gateway.create: false",
    ] {
        assert!(
            run.stderr.contains(choice),
            "names the choice {choice}: {}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("proved"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("Some("),
        "no debug output: {}",
        run.stderr
    );
}

#[test]
fn without_the_old_chart_nothing_is_claimed() {
    let run = run_captured(["migrate", "-f", &legacy("values-gateway.yaml")]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was proven"), "{}", run.stderr);
    assert!(!run.stderr.contains("proved"), "{}", run.stderr);
    assert!(run.stdout.contains("gatewayApi:"));
}

#[test]
fn migrated_values_are_said_to_be_migrated() {
    let (text, _) = migrate("values-gateway.yaml");
    let dir = std::env::temp_dir().join(format!("ingresslab-migrate-again-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("new.yaml");
    fs::write(&path, &text).unwrap();
    let run = run_captured(["migrate", "-f", path.to_str().unwrap()]);
    assert_eq!(run.status, ExitStatus::Clean, "{}", run.stderr);
    assert!(run.stderr.contains("already migrated"), "{}", run.stderr);
    assert_eq!(run.stdout, text, "the values come back unchanged");
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
    // The Gateway is of class eg: the chart lifts Envoy Gateway's stream timeout too.
    assert_eq!(kinds, ["BackendTrafficPolicy", "GRPCRoute", "Gateway"]);
    assert_eq!(documents[2]["spec"]["listeners"][0]["name"], "http");
    assert_eq!(documents[1]["spec"]["parentRefs"][0]["name"], "openshell");
    assert_eq!(documents[0]["spec"]["targetRefs"][0]["kind"], "GRPCRoute");
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
        "--from-chart",
        &chart("released"),
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
