//! The read trace of a whole-chart render: which values keys the chart's
//! templates read, how, and where printed values landed in the output.

use std::path::Path;

use ingresslab_core::engine::trace::Role;
use ingresslab_core::helm::{
    TemplateError, TemplateOutput, TemplateRequest, ValuesInput, template,
};

#[path = "support/chart_dir.rs"]
mod chart_dir;

/// `helm template` of the PR 2108 chart with one values file.
fn template_with(values: &str) -> Result<TemplateOutput, TemplateError> {
    let chart = chart_dir::read_chart(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/anchors/charts/openshell-pr2108"),
    );
    let mut request = TemplateRequest::new("openshell", "openshell");
    request.values.push(ValuesInput::File {
        name: "values.yaml".to_owned(),
        text: values.to_owned(),
    });
    template(chart, &request)
}

fn render(values: &str) -> TemplateOutput {
    template_with(values).unwrap_or_else(|error| panic!("{}", error.message))
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
    let Err(refusal) = template_with("grpcRoute:\n  enabled: true\n") else {
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

fn refusals_of(values: &str) -> Vec<(String, usize, String, Vec<String>)> {
    let Err(failure) = template_with(values) else {
        panic!("the chart refuses {values:?}");
    };
    failure
        .refusals
        .iter()
        .map(|refusal| {
            (
                refusal.file.to_string(),
                refusal.line,
                refusal.message.clone(),
                refusal.keys.iter().map(ToString::to_string).collect(),
            )
        })
        .collect()
}

#[test]
fn a_fail_names_the_keys_its_conditions_read() {
    let refusals = refusals_of("replicaCount: 2\n");
    assert_eq!(refusals.len(), 1, "{refusals:#?}");
    let (file, line, message, keys) = &refusals[0];
    assert_eq!(file, "helm-chart/templates/_helpers.tpl");
    assert_eq!(*line, 220);
    assert!(message.starts_with("replicaCount > 1 requires server.externalDbSecret"));
    assert_eq!(
        keys,
        &["replicaCount", "server.externalDbSecret"],
        "{refusals:#?}"
    );
}

#[test]
fn independent_refusals_in_different_files_are_all_reported() {
    // gateway-config.yaml refuses a negative rate limit; the workload's
    // validation refuses two replicas on SQLite. Helm prints only the first.
    let refusals = refusals_of(
        "replicaCount: 2\nserver:\n  grpcRateLimit:\n    requests: -1\n    windowSeconds: 1\n",
    );
    let messages: Vec<&str> = refusals.iter().map(|refusal| refusal.2.as_str()).collect();
    assert_eq!(messages.len(), 2, "{refusals:#?}");
    assert!(
        messages
            .iter()
            .any(|message| message.starts_with("server.grpcRateLimit.requests"))
    );
    assert!(
        messages
            .iter()
            .any(|message| message.starts_with("replicaCount > 1"))
    );
    let rate_limit = refusals
        .iter()
        .find(|refusal| refusal.2.starts_with("server.grpcRateLimit"))
        .unwrap();
    assert!(
        rate_limit
            .3
            .iter()
            .any(|key| key == "server.grpcRateLimit.requests"),
        "{rate_limit:#?}"
    );
}

#[test]
fn conditions_and_ranged_lists_are_placed_in_the_output() {
    let output = render(
        "gatewayApi:\n  routes:\n    grpc:\n      enabled: true\npkiInitJob:\n  serverDnsNames: []\n",
    );
    // The GRPCRoute document lies inside the branch its `enabled` let through.
    let route_file = "helm-chart/templates/grpcroute.yaml";
    let text = &output.rendered[route_file];
    let document = text.find("apiVersion:").expect("the route renders");
    let keys: Vec<String> = output
        .trace
        .gates_at(route_file, document)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(keys, ["gatewayApi.routes.grpc.enabled"]);

    // The server's TLS section is there because `server.disableTls` is false.
    let config_file = "helm-chart/templates/gateway-config.yaml";
    let tls = output.rendered[config_file]
        .find("[openshell.gateway.tls]")
        .expect("the server serves TLS");
    let keys = output.trace.gates_at(config_file, tls);
    assert!(
        keys.iter()
            .any(|key| key.to_string() == "server.disableTls"),
        "{keys:?}"
    );

    // An empty list that is ranged over still has its place among the Job's arguments.
    let job_file = "helm-chart/templates/certgen.yaml";
    let job = &output.rendered[job_file];
    let lists: Vec<String> = output
        .trace
        .lists_within(job_file, &(0..job.len()))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        lists.contains(&"pkiInitJob.serverDnsNames".to_owned()),
        "{lists:?}"
    );
    // A branch that printed nothing is not a place.
    assert!(
        output
            .trace
            .gated
            .iter()
            .all(|gate| gate.ranged || !gate.range.is_empty())
    );
}
