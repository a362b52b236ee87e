//! Properties of an analysis over generated values for the embedded chart
//! (proptest): the same input gives the same bytes; what Helm would print
//! parses as YAML; and when ingresslab reports no error, every Gateway API
//! document passes the upstream v1.6.1 CRD schemas, checked by an
//! independent JSON Schema engine.
//!
//! (The engine against real Helm on generated values is the differential
//! test, `helm_differential.rs`; migrate-then-render against the old chart
//! is there too.)

use std::collections::BTreeMap;

use ingresslab_core::{Input, Release, Severity, analyze};
use ingresslab_tests::{shared_dir, yaml_documents};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Values for the embedded chart: the keys its rules and templates read,
/// with good and bad values alike.
fn values() -> impl Strategy<Value = Value> {
    let hostname = prop::sample::select(vec![
        "shell.example.com",
        "*.example.com",
        "openshell.localhost",
        "Bad_Host",
        "10.0.0.1",
        "",
    ]);
    let hostnames = prop::collection::vec(hostname, 0..3);
    (
        (any::<bool>(), prop::sample::select(vec!["eg", "cilium", "contour", "x"])),
        (any::<bool>(), any::<bool>(), prop::sample::select(vec![443_u32, 8443, 0, 70000])),
        (any::<bool>(), hostnames.clone(), any::<bool>(), any::<bool>()),
        (any::<bool>(), hostnames),
        (any::<bool>(), prop::sample::select(vec!["", "ca"])),
    )
        .prop_map(
            |(
                (create, class),
                (http, https, port),
                (grpc, grpc_hosts, backend_tls, stream_timeouts),
                (tls, tls_hosts),
                (disable_tls, client_ca),
            )| {
                json!({
                    "server": { "disableTls": disable_tls, "tls": { "clientCaSecretName": client_ca } },
                    "gatewayApi": {
                        "gateway": {
                            "create": create,
                            "className": class,
                            "http": { "enabled": http },
                            "https": {
                                "enabled": https,
                                "port": port,
                                "certificateRefs": [{ "name": "edge-tls" }],
                            },
                        },
                        "routes": {
                            "grpc": {
                                "enabled": grpc,
                                "hostnames": grpc_hosts,
                                "backendTls": { "enabled": backend_tls },
                                "streamTimeouts": { "enabled": stream_timeouts },
                            },
                            "tls": { "enabled": tls, "hostnames": tls_hosts },
                        },
                    },
                })
            },
        )
}

fn release() -> impl Strategy<Value = Release> {
    (
        prop::sample::select(vec![
            "openshell",
            "edge",
            "a-very-long-release-name-for-truncation-checks",
        ]),
        prop::sample::select(vec!["openshell", "team-a"]),
    )
        .prop_map(|(name, namespace)| Release {
            name: name.to_owned(),
            namespace: namespace.to_owned(),
        })
}

/// The upstream schema of each Gateway API kind, compiled once.
fn schemas() -> BTreeMap<&'static str, jsonschema::Validator> {
    ["Gateway", "GRPCRoute", "TLSRoute", "BackendTLSPolicy"]
        .into_iter()
        .map(|kind| {
            let path = shared_dir().join(format!("gateway-api/v1.6.1/{kind}.json"));
            let schema: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            (kind, jsonschema::draft7::new(&schema).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn analyses_are_deterministic_parse_and_pass_the_crds_when_clean(
        values in values(),
        release in release(),
    ) {
        let text = serde_json::to_string(&values).unwrap();
        let mut input = Input::with_values("values.yaml", &text);
        input.release = release;
        let first = analyze(&input);
        let second = analyze(&input);
        prop_assert_eq!(&first.all_documents, &second.all_documents);
        prop_assert_eq!(first.manifest_stream(), second.manifest_stream());
        let messages = |analysis: &ingresslab_core::Analysis| {
            analysis
                .diagnostics
                .iter()
                .map(|diagnostic| format!("{} {} {}", diagnostic.code, diagnostic.path, diagnostic.message))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(messages(&first), messages(&second));

        let Some(stream) = first.all_documents.as_deref() else {
            // Helm refuses these values: nothing was printed.
            return Ok(());
        };
        let documents = yaml_documents(stream);
        prop_assert!(!documents.is_empty() || stream.trim().is_empty());
        if first.count(Severity::Error) == 0 {
            let schemas = schemas();
            for document in &documents {
                let kind = document["kind"].as_str().unwrap_or_default();
                if let Some(schema) = schemas.get(kind) {
                    let errors: Vec<String> =
                        schema.iter_errors(document).map(|error| error.to_string()).collect();
                    prop_assert!(errors.is_empty(), "{} breaks its CRD with no error reported: {:?}\n{}", kind, errors, text);
                }
            }
        }
    }
}
