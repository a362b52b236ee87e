//! The read trace of a whole-chart render: which values keys the chart's
//! templates read, how, and where printed values landed in the output.

use std::path::Path;

use ingresslab_core::engine::trace::Role;
use ingresslab_core::helm::{TemplateRequest, ValuesInput, template};

#[path = "support/chart_dir.rs"]
mod chart_dir;

fn render(values: &str) -> ingresslab_core::helm::TemplateOutput {
    let chart = chart_dir::read_chart(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/anchors/charts/openshell-pr2108"),
    );
    let mut request = TemplateRequest::new("openshell", "openshell");
    request.values.push(ValuesInput::File {
        name: "values.yaml".to_owned(),
        text: values.to_owned(),
    });
    template(chart, &request).unwrap_or_else(|error| panic!("{}", error.message))
}

#[test]
fn tested_keys_and_printed_keys_are_traced() {
    let output = render(
        "gatewayApi:\n  gateway:\n    create: true\n    className: cilium\n  routes:\n    grpc:\n      enabled: true\n",
    );
    let reads = &output.trace.reads;
    let tested = |key: &str| {
        reads
            .iter()
            .any(|read| read.path.to_string() == key && read.role == Role::Tested)
    };
    assert!(tested("gatewayApi.gateway.create"));
    assert!(tested("gatewayApi.routes.grpc.enabled"));
    assert!(tested("server.disableTls"));

    // The Gateway's class name was printed straight from the key.
    let gateway_file = "helm-chart/templates/gateway.yaml";
    let printed = output
        .trace
        .emitted
        .iter()
        .find(|emitted| emitted.path.to_string() == "gatewayApi.gateway.className")
        .expect("the class name is printed");
    assert_eq!(&*printed.file, gateway_file);
    assert_eq!(
        &output.rendered[gateway_file][printed.range.clone()],
        "cilium"
    );
}

#[test]
fn a_key_the_chart_never_reads_is_absent_from_the_trace() {
    let output = render("gatewayApi:\n  gatewy:\n    create: true\n");
    let keys: Vec<String> = output
        .trace
        .keys_read()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(keys.iter().any(|key| key == "gatewayApi.gateway.create"));
    assert!(!keys.iter().any(|key| key.starts_with("gatewayApi.gatewy")));
}

#[test]
fn a_refusal_keeps_what_was_read_before_it() {
    let chart = chart_dir::read_chart(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/anchors/charts/openshell-pr2108"),
    );
    let mut request = TemplateRequest::new("openshell", "openshell");
    request.values.push(ValuesInput::File {
        name: "values.yaml".to_owned(),
        text: "grpcRoute:\n  enabled: true\n".to_owned(),
    });
    let Err(refusal) = template(chart, &request) else {
        panic!("the PR 2108 chart refuses legacy grpcRoute values");
    };
    let trace = refusal.trace.expect("a render failure keeps its trace");
    assert!(
        trace
            .reads
            .iter()
            .any(|read| read.path.to_string() == "grpcRoute"),
        "the refusal tested grpcRoute"
    );
}
