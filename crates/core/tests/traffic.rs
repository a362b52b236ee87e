//! The traffic model per example, and its diagrams: the SVG is well-formed
//! XML with the lane titles and facts, both diagrams are byte-stable
//! snapshots, and a broken path states why it fails.

use std::fs;
use std::path::Path;

#[path = "support/chart_dir.rs"]
mod chart_dir;

use ingresslab_core::controllers::Controller;
use ingresslab_core::helm::{ChartFile, ChartSource};
use ingresslab_core::traffic::{Front, Mode, Termination, TrafficModel, Wire};
use ingresslab_core::{Analysis, Chart, DiagramFormat, Input, Release, ValuesFile, analyze};

fn example(name: &str) -> Analysis {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../docs/examples/{name}.yaml"));
    analyze(&Input::with_values(
        &format!("{name}.yaml"),
        &fs::read_to_string(path).unwrap(),
    ))
}

/// `values` rendered by a chart revision under `../shared/anchors/charts/`.
fn on_chart(revision: &str, release: &str, values: &str) -> Analysis {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/anchors/charts")
        .join(revision);
    let files = chart_dir::read_chart(&dir);
    let ChartSource::Directory {
        chart_yaml: Ok(chart_yaml),
        files: entries,
    } = &files
    else {
        unreachable!("read_chart reads a directory");
    };
    let defaults = entries
        .iter()
        .find(|file| file.name == "values.yaml")
        .map(ChartFile::text)
        .unwrap_or_default();
    analyze(&Input {
        chart: Chart::from_texts(chart_yaml, "values.yaml", &defaults).unwrap(),
        value_files: vec![ValuesFile {
            name: "values.yaml".to_owned(),
            text: values.to_owned(),
        }],
        set_flags: Vec::new(),
        release: Release {
            name: release.to_owned(),
            namespace: "openshell".to_owned(),
        },
        chart_files: Some(files),
        controller: None,
        cluster: Default::default(),
    })
}

fn modes(traffic: &TrafficModel) -> Vec<Mode> {
    traffic.paths.iter().map(|path| path.mode).collect()
}

#[test]
fn passthrough_keeps_tls_and_identity_end_to_end() {
    let traffic = example("passthrough").traffic;
    assert_eq!(modes(&traffic), [Mode::Passthrough]);
    let path = &traffic.paths[0];
    assert!(path.hops.iter().all(|hop| hop.wire == Wire::TlsEndToEnd));
    assert_eq!(path.facts.tls_terminates_at, Termination::Server);
    assert!(
        path.facts.client_identity_reaches_server,
        "mTLS is on by default"
    );
    assert!(!path.facts.l7_policies);
    assert!(path.facts.edge_certificates.is_none());
    assert!(path.facts.broken.is_none());
    assert_eq!(path.hostnames, ["openshell.example.com"]);
}

#[test]
fn terminate_reencrypt_ends_identity_at_the_edge() {
    let traffic = example("terminate-reencrypt").traffic;
    assert_eq!(modes(&traffic), [Mode::TerminateReencrypt]);
    let path = &traffic.paths[0];
    assert_eq!(path.hops[0].wire, Wire::TlsToEdge);
    assert_eq!(
        path.hops[2].wire,
        Wire::TlsReencrypted {
            sni: "openshell.openshell.svc".to_owned(),
            ca: "Secret/openshell-server-tls".to_owned()
        }
    );
    assert_eq!(path.facts.tls_terminates_at, Termination::Gateway);
    assert!(!path.facts.client_identity_reaches_server);
    assert!(path.facts.l7_policies && path.facts.encrypted_every_hop);
    assert_eq!(
        path.facts.edge_certificates.as_deref(),
        Some(&["openshell-edge-tls".to_owned()][..])
    );
    assert!(path.facts.broken.is_none());
}

#[test]
fn terminate_plaintext_and_plain_http_have_a_plaintext_hop() {
    for (name, mode) in [
        ("terminate-plaintext", Mode::TerminatePlaintext),
        ("plain-http", Mode::PlainHttp),
    ] {
        let traffic = example(name).traffic;
        assert_eq!(modes(&traffic), [mode], "{name}");
        let path = &traffic.paths[0];
        assert_eq!(path.hops[3].wire, Wire::H2c, "{name}");
        assert!(!path.facts.encrypted_every_hop, "{name}");
        assert!(
            path.facts.broken.is_none(),
            "{name}: the server runs plaintext"
        );
    }
}

#[test]
fn mixed_values_give_one_lane_per_listener() {
    let traffic = example("mixed").traffic;
    assert_eq!(
        modes(&traffic),
        [Mode::TerminateReencrypt, Mode::Passthrough]
    );
    assert_eq!(
        traffic.paths[0].title,
        "Terminate on :8443, re-encrypt to server"
    );
    assert_eq!(traffic.paths[1].title, "Passthrough on :443");
}

#[test]
fn existing_gateways_are_assumed_and_named() {
    let traffic = example("grpc-route-existing-gateway").traffic;
    let path = &traffic.paths[0];
    assert_eq!(
        path.provided_by.as_deref(),
        Some("infra-ingress/platform-gateway")
    );
    assert_eq!(path.mode, Mode::TerminateReencrypt);
    assert!(example("gateway-only").traffic.paths.is_empty());
}

#[test]
fn plaintext_into_a_tls_server_is_broken_with_the_reason() {
    let analysis = analyze(&Input::with_values(
        "values.yaml",
        "gatewayApi:\n  gateway:\n    create: true\n  routes:\n    grpc:\n      enabled: true\n",
    ));
    let path = &analysis.traffic.paths[0];
    assert!(path.hops[2].broken && path.hops[3].broken);
    let reason = path.facts.broken.clone().unwrap();
    assert!(reason.contains("plaintext into a TLS server"));
    let svg = analysis.diagram(DiagramFormat::Svg, false);
    assert!(svg.contains("does not work: plaintext into a TLS server"));
    assert!(svg.contains("class=\"hop broken\""));
}

#[test]
fn svg_is_xml_with_titles_facts_and_accessibility() {
    for name in ["passthrough", "terminate-reencrypt", "mixed", "plain-http"] {
        let analysis = example(name);
        for compare in [false, true] {
            let svg = analysis.diagram(DiagramFormat::Svg, compare);
            let document =
                roxmltree::Document::parse(&svg).unwrap_or_else(|error| panic!("{name}: {error}"));
            let root = document.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            let width: u32 = root.attribute("width").unwrap().parse().unwrap();
            assert_eq!(width, ingresslab_core::diagram::WIDTH);
            // A page scales the SVG by what its smallest text allows.
            let smallest = svg
                .split("font-size: ")
                .skip(1)
                .filter_map(|rest| rest.split("px").next()?.parse::<u32>().ok())
                .min();
            assert_eq!(smallest, Some(ingresslab_core::diagram::SMALLEST_FONT_PX));
            let children: Vec<&str> = root
                .children()
                .filter(|node| node.is_element())
                .map(|node| node.tag_name().name())
                .collect();
            assert_eq!(&children[..2], ["title", "desc"], "{name}");
            assert!(
                !svg.contains("<script")
                    && !svg.contains("@import")
                    && !svg.contains("http://fonts")
            );
            for path in &analysis.traffic.paths {
                if !compare {
                    assert!(
                        svg.contains(&path.title),
                        "{name}: lane title {}",
                        path.title
                    );
                }
            }
            if compare {
                assert!(svg.contains("TLS passthrough") && svg.contains("Terminate + re-encrypt"));
                assert!(svg.contains("Client certificate reaches the server"));
            }
            let has_tls = compare
                || analysis
                    .traffic
                    .paths
                    .iter()
                    .any(|path| path.facts.tls_terminates_at != Termination::Nowhere);
            assert_eq!(svg.contains("TLS ends here"), has_tls, "{name}");
        }
    }
}

#[test]
fn diagrams_are_byte_stable() {
    let analysis = example("mixed");
    assert_eq!(
        analysis.diagram(DiagramFormat::Svg, true),
        example("mixed").diagram(DiagramFormat::Svg, true)
    );
    insta::assert_snapshot!(
        "mixed_traffic_svg",
        analysis.diagram(DiagramFormat::Svg, false)
    );
    insta::assert_snapshot!(
        "mixed_compare_svg",
        analysis.diagram(DiagramFormat::Svg, true)
    );
    insta::assert_snapshot!(
        "mixed_traffic_mermaid",
        analysis.diagram(DiagramFormat::Mermaid, false)
    );
    insta::assert_snapshot!(
        "passthrough_compare_mermaid",
        example("passthrough").diagram(DiagramFormat::Mermaid, true)
    );
}

#[test]
fn the_released_chart_terminates_https_at_its_gateway() {
    let analysis = on_chart(
        "openshell-released",
        "openshell",
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/anchors/golden-full/released/grpc-https-edge.yaml"),
        )
        .unwrap(),
    );
    let traffic = &analysis.traffic;
    assert_eq!(modes(traffic), [Mode::TerminatePlaintext]);
    let path = &traffic.paths[0];
    assert_eq!(path.front, Front::Gateway);
    assert_eq!(path.listener, "https :443 HTTPS Terminate");
    assert_eq!(path.route, "GRPCRoute openshell");
    assert_eq!(path.service, "Service openshell:8080");
    assert_eq!(path.hostnames, ["openshell.example.org"]);
    assert_eq!(
        path.facts.edge_certificates.as_deref(),
        Some(&["openshell-edge".to_owned()][..])
    );
    assert_eq!(path.server, "OpenShell server (plaintext)");
    assert!(path.facts.broken.is_none(), "the server runs plaintext");
}

#[test]
fn an_openshift_route_passes_tls_through_the_router() {
    let analysis = on_chart(
        "openshell-released",
        "shell",
        "agentSandbox: {preflight: {enabled: false}}\nopenshiftRoute: {enabled: true, host: shell.apps.example.com}\n",
    );
    let path = &analysis.traffic.paths[0];
    assert_eq!(analysis.traffic.paths.len(), 1);
    assert_eq!(
        (path.mode, path.front),
        (Mode::Passthrough, Front::OpenShiftRouter)
    );
    assert_eq!(path.title, "Passthrough on :443 (OpenShift router)");
    assert_eq!(path.route, "Route shell-openshell");
    assert_eq!(path.service, "Service shell-openshell:8080");
    assert_eq!(path.hostnames, ["shell.apps.example.com"]);
    assert!(
        path.facts.client_identity_reaches_server,
        "the workload mounts the client CA, so the server asks for client certificates"
    );
    assert!(path.facts.broken.is_none());
    let svg = analysis.diagram(DiagramFormat::Svg, false);
    assert!(svg.contains("OpenShift router, Passthrough"), "{svg}");
}

#[test]
fn a_released_grpc_route_on_a_shared_gateway_into_a_tls_server_is_broken() {
    let analysis = on_chart(
        "openshell-released",
        "openshell",
        "agentSandbox: {preflight: {enabled: false}}\ngrpcRoute:\n  enabled: true\n  gateway: {name: shared, namespace: infra}\n",
    );
    let path = &analysis.traffic.paths[0];
    assert_eq!(path.provided_by.as_deref(), Some("infra/shared"));
    assert_eq!(path.mode, Mode::TerminatePlaintext);
    assert!(
        path.facts
            .broken
            .as_deref()
            .is_some_and(|reason| reason.contains("plaintext into a TLS server"))
    );
}

#[test]
fn compare_carries_the_released_charts_hostnames_through_the_embedded_chart() {
    let analysis = on_chart(
        "openshell-released",
        "openshell",
        "agentSandbox: {preflight: {enabled: false}}\nopenshiftRoute: {enabled: true, host: shell.apps.example.com}\n",
    );
    let (passthrough, terminate) = analysis.compare();
    assert_eq!(modes(&passthrough), [Mode::Passthrough]);
    assert_eq!(modes(&terminate), [Mode::TerminateReencrypt]);
    for traffic in [&passthrough, &terminate] {
        assert_eq!(traffic.paths[0].hostnames, ["shell.apps.example.com"]);
    }
    assert_eq!(
        terminate.paths[0].facts.edge_certificates.as_deref(),
        Some(&["openshell-edge-tls".to_owned()][..])
    );
}

#[test]
fn the_pr2108_chart_passes_tls_through_its_own_gateway() {
    let analysis = on_chart(
        "openshell-pr2108",
        "openshell",
        "gatewayApi:\n  gateway: {create: true}\n  routes:\n    tls: {enabled: true, hostnames: [shell.example.com]}\n    grpc: {enabled: true}\n",
    );
    assert_eq!(
        modes(&analysis.traffic),
        [Mode::PlainHttp, Mode::Passthrough]
    );
    assert!(analysis.traffic.paths[0].facts.broken.is_some());
    assert!(analysis.traffic.paths[1].facts.broken.is_none());
}

/// The terminate + re-encrypt example through `controller`.
fn reencrypt_through(controller: Controller) -> Analysis {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/terminate-reencrypt.yaml");
    let mut input = Input::with_values("values.yaml", &fs::read_to_string(path).unwrap());
    input.controller = Some(controller);
    analyze(&input)
}

#[test]
fn re_encryption_a_controller_ignores_is_a_plaintext_hop_into_a_tls_server() {
    let cilium = reencrypt_through(Controller::Cilium);
    let path = &cilium.traffic.paths[0];
    assert_eq!(path.mode, Mode::TerminateReencrypt);
    assert_eq!(path.controller, Some(Controller::Cilium));
    assert_eq!(path.hops[3].wire, Wire::H2c);
    assert!(path.hops[3].broken);
    assert!(!path.facts.encrypted_every_hop);
    assert_eq!(
        path.facts.broken.as_deref(),
        Some("Cilium ignores the BackendTLSPolicy for GRPCRoute: plaintext into a TLS server")
    );
    let svg = cilium.diagram(DiagramFormat::Svg, false);
    assert!(svg.contains("Cilium ignores the BackendTLSPolicy"));

    // Istio re-encrypts, without the HTTP/2 gRPC needs.
    let istio = reencrypt_through(Controller::Istio);
    let path = &istio.traffic.paths[0];
    assert!(matches!(path.hops[3].wire, Wire::TlsReencrypted { .. }));
    assert!(
        path.facts
            .broken
            .as_deref()
            .is_some_and(|reason| reason.contains("HTTP/1.1"))
    );

    // Envoy Gateway and NGINX Gateway Fabric re-encrypt gRPC.
    for controller in [Controller::EnvoyGateway, Controller::NginxGatewayFabric] {
        let path = &reencrypt_through(controller).traffic.paths[0];
        assert!(path.facts.broken.is_none(), "{controller:?}");
        assert!(path.facts.encrypted_every_hop);
    }
}

#[test]
fn stream_limits_follow_the_controller_and_the_rendered_policy() {
    // The embedded chart renders the BackendTrafficPolicy for its `eg` Gateway.
    let envoy = reencrypt_through(Controller::EnvoyGateway);
    assert_eq!(envoy.traffic.paths[0].facts.stream_limit, None);
    assert!(
        envoy
            .all_documents
            .as_deref()
            .unwrap()
            .contains("kind: BackendTrafficPolicy")
    );
    let traefik = reencrypt_through(Controller::Traefik);
    assert_eq!(
        traefik.traffic.paths[0].facts.stream_limit.as_deref(),
        Some("cut after 60 s (the entry point's respondingTimeouts.readTimeout)")
    );
    assert!(
        traefik.traffic.paths[0]
            .facts
            .summary()
            .ends_with("streams cut after 60 s (the entry point's respondingTimeouts.readTimeout)")
    );
    // PR 2108's chart renders no policy: Envoy Gateway's 15 s applies.
    let pr2108 = on_chart(
        "openshell-pr2108",
        "openshell",
        "server: {disableTls: true}\ngatewayApi: {gateway: {create: true}, routes: {grpc: {enabled: true}}}\n",
    );
    let path = &pr2108.traffic.paths[0];
    assert_eq!(path.controller, Some(Controller::EnvoyGateway));
    assert_eq!(
        path.facts.stream_limit.as_deref(),
        Some("cut after 15 s (the default route timeout)")
    );
    // Passthrough has no route timeout.
    assert_eq!(
        example("passthrough").traffic.paths[0].facts.stream_limit,
        None
    );
}

#[test]
fn the_compare_matrix_is_the_controllers() {
    let cilium = reencrypt_through(Controller::Cilium).diagram(DiagramFormat::Svg, true);
    assert!(cilium.contains("What each mode allows (Cilium v1.20.2)"));
    assert!(cilium.contains("ignored for GRPCRoute"));
    assert!(cilium.contains("cut after 5 min idle"));
    let envoy = example("passthrough").diagram(DiagramFormat::Svg, true);
    assert!(envoy.contains("What each mode allows (Envoy Gateway v1.9.0)"));
    assert!(!envoy.contains("ignored for GRPCRoute"));
}
