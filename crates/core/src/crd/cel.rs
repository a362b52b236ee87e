//! The CEL (`x-kubernetes-validations`) rules of the Gateway API v1.6.1 CRDs
//! that what ingresslab renders can break, translated one function per rule.
//! Each returns the JSON pointers it rejects, with the CRD's own message.
//! Schema defaults are applied where the rule depends on them, as the API
//! server applies them before evaluating CEL.

use serde_json::Value as Json;

use crate::formats::{dns_subdomain_problem, is_ip_address};
use crate::render::ManifestKind;

/// One rejected field: JSON pointer into the document and the rule's message.
pub(crate) type Violation = (String, &'static str);

fn listeners(document: &Json) -> impl Iterator<Item = (usize, &Json)> {
    document["spec"]["listeners"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
}

/// Gateway: `tls` must not be specified for protocols HTTP, TCP and UDP.
pub(crate) fn gateway_tls_forbidden_for_plain_protocols(document: &Json) -> Vec<Violation> {
    listeners(document)
        .filter(|(_, listener)| {
            matches!(listener["protocol"].as_str(), Some("HTTP" | "TCP" | "UDP"))
                && !listener["tls"].is_null()
        })
        .map(|(idx, _)| {
            (
                format!("/spec/listeners/{idx}/tls"),
                "tls mode must not be set for protocols ['HTTP', 'TCP', 'UDP']",
            )
        })
        .collect()
}

/// Gateway: an HTTPS listener's `tls.mode` must be Terminate (the default).
pub(crate) fn gateway_https_mode_is_terminate(document: &Json) -> Vec<Violation> {
    listeners(document)
        .filter(|(_, listener)| {
            listener["protocol"] == "HTTPS"
                && listener["tls"]["mode"]
                    .as_str()
                    .is_some_and(|mode| mode != "Terminate")
        })
        .map(|(idx, _)| {
            (
                format!("/spec/listeners/{idx}/tls/mode"),
                "tls mode must be Terminate for protocol HTTPS",
            )
        })
        .collect()
}

/// Gateway: a TLS listener needs `tls` with a non-empty `mode`.
pub(crate) fn gateway_tls_listener_needs_mode(document: &Json) -> Vec<Violation> {
    listeners(document)
        .filter(|(_, listener)| {
            listener["protocol"] == "TLS"
                && listener["tls"]["mode"].as_str().is_none_or(str::is_empty)
        })
        .map(|(idx, _)| {
            (
                format!("/spec/listeners/{idx}/tls"),
                "tls mode must be set for protocol TLS",
            )
        })
        .collect()
}

/// Gateway: `tls.mode: Terminate` (the default) needs a certificateRef or an option.
pub(crate) fn gateway_terminate_needs_certificates(document: &Json) -> Vec<Violation> {
    listeners(document)
        .filter(|(_, listener)| {
            let tls = &listener["tls"];
            let terminates =
                tls.is_object() && tls["mode"].as_str().unwrap_or("Terminate") == "Terminate";
            let has = |key: &str| {
                tls[key].as_array().is_some_and(|items| !items.is_empty())
                    || tls[key].as_object().is_some_and(|items| !items.is_empty())
            };
            terminates && !has("certificateRefs") && !has("options")
        })
        .map(|(idx, _)| {
            (
                format!("/spec/listeners/{idx}/tls"),
                "certificateRefs or options must be specified when mode is Terminate",
            )
        })
        .collect()
}

/// Gateway: listener names must be unique.
pub(crate) fn gateway_listener_names_unique(document: &Json) -> Vec<Violation> {
    let names: Vec<Option<&str>> = listeners(document)
        .map(|(_, listener)| listener["name"].as_str())
        .collect();
    names
        .iter()
        .enumerate()
        .filter(|(idx, name)| name.is_some() && names[..*idx].contains(name))
        .map(|(idx, _)| {
            (
                format!("/spec/listeners/{idx}/name"),
                "Listener name must be unique within the Gateway",
            )
        })
        .collect()
}

/// Gateway: each (port, protocol, hostname) must be unique; no hostname counts as its own value.
pub(crate) fn gateway_listener_combinations_unique(document: &Json) -> Vec<Violation> {
    let keys: Vec<(String, String, String)> = listeners(document)
        .map(|(_, listener)| {
            (
                listener["port"].to_string(),
                listener["protocol"].to_string(),
                listener["hostname"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    keys.iter()
        .enumerate()
        .filter(|(idx, key)| keys[..*idx].contains(key))
        .map(|(idx, _)| {
            (
                format!("/spec/listeners/{idx}"),
                "Combination of port, protocol and hostname must be unique for each listener",
            )
        })
        .collect()
}

/// TLSRoute: hostnames cannot be IP addresses.
pub(crate) fn tlsroute_hostnames_not_ip(document: &Json) -> Vec<Violation> {
    hostnames(document)
        .filter(|(_, hostname)| is_ip_address(hostname))
        .map(|(idx, _)| {
            (
                format!("/spec/hostnames/{idx}"),
                "Hostnames cannot contain an IP",
            )
        })
        .collect()
}

/// TLSRoute: a hostname without `*` must be a valid RFC 1123 name.
pub(crate) fn tlsroute_hostnames_rfc1123(document: &Json) -> Vec<Violation> {
    hostnames(document)
        .filter(|(_, hostname)| {
            !hostname.contains('*') && dns_subdomain_problem(hostname).is_some()
        })
        .map(|(idx, _)| {
            (
                format!("/spec/hostnames/{idx}"),
                "Hostnames must be valid based on RFC-1123",
            )
        })
        .collect()
}

/// TLSRoute: a wildcard must be the whole first label, and the rest RFC 1123.
pub(crate) fn tlsroute_wildcard_first_label(document: &Json) -> Vec<Violation> {
    hostnames(document)
        .filter(|(_, hostname)| {
            hostname.contains('*')
                && hostname
                    .strip_prefix("*.")
                    .is_none_or(|rest| dns_subdomain_problem(rest).is_some())
        })
        .map(|(idx, _)| {
            (
                format!("/spec/hostnames/{idx}"),
                "Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123",
            )
        })
        .collect()
}

fn hostnames(document: &Json) -> impl Iterator<Item = (usize, &str)> {
    document["spec"]["hostnames"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(idx, hostname)| hostname.as_str().map(|hostname| (idx, hostname)))
}

/// GRPCRoute and TLSRoute: a core Service backendRef (group "" and kind Service by default) must set `port`.
pub(crate) fn route_service_backend_needs_port(document: &Json) -> Vec<Violation> {
    let mut violations = Vec::new();
    for (rule_idx, rule) in document["spec"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        for (ref_idx, backend) in rule["backendRefs"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let group = backend["group"].as_str().unwrap_or("");
            let kind = backend["kind"].as_str().unwrap_or("Service");
            if group.is_empty() && kind == "Service" && backend["port"].is_null() {
                violations.push((
                    format!("/spec/rules/{rule_idx}/backendRefs/{ref_idx}"),
                    "Must have port for Service reference",
                ));
            }
        }
    }
    violations
}

/// Routes: refs to the same parent must all set `sectionName`, with distinct values.
pub(crate) fn route_parent_refs_distinct(document: &Json) -> Vec<Violation> {
    let refs: Vec<&Json> = document["spec"]["parentRefs"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    let parent = |parent_ref: &Json| {
        (
            parent_ref["group"]
                .as_str()
                .unwrap_or("gateway.networking.k8s.io")
                .to_owned(),
            parent_ref["kind"].as_str().unwrap_or("Gateway").to_owned(),
            parent_ref["namespace"].as_str().unwrap_or("").to_owned(),
            parent_ref["name"].as_str().unwrap_or("").to_owned(),
        )
    };
    let mut violations = Vec::new();
    for (idx, parent_ref) in refs.iter().enumerate() {
        let same: Vec<&&Json> = refs
            .iter()
            .filter(|other| parent(other) == parent(parent_ref))
            .collect();
        if same.len() < 2 {
            continue;
        }
        if parent_ref["sectionName"].as_str().unwrap_or("").is_empty() {
            violations.push((
                format!("/spec/parentRefs/{idx}"),
                "sectionName must be specified when parentRefs includes 2 or more references to the same parent",
            ));
        } else if same
            .iter()
            .filter(|other| other["sectionName"] == parent_ref["sectionName"])
            .count()
            > 1
        {
            violations.push((
                format!("/spec/parentRefs/{idx}"),
                "sectionName must be unique when parentRefs includes 2 or more references to the same parent",
            ));
        }
    }
    violations
}

/// The rules that apply to a kind.
pub(crate) fn rules_for(kind: ManifestKind) -> &'static [fn(&Json) -> Vec<Violation>] {
    match kind {
        ManifestKind::Gateway => &[
            gateway_tls_forbidden_for_plain_protocols,
            gateway_https_mode_is_terminate,
            gateway_tls_listener_needs_mode,
            gateway_terminate_needs_certificates,
            gateway_listener_names_unique,
            gateway_listener_combinations_unique,
        ],
        ManifestKind::TlsRoute => &[
            tlsroute_hostnames_not_ip,
            tlsroute_hostnames_rfc1123,
            tlsroute_wildcard_first_label,
            route_service_backend_needs_port,
            route_parent_refs_distinct,
        ],
        ManifestKind::GrpcRoute => &[route_service_backend_needs_port, route_parent_refs_distinct],
        ManifestKind::BackendTlsPolicy | ManifestKind::BackendTrafficPolicy => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pointers(violations: Vec<Violation>) -> Vec<String> {
        violations.into_iter().map(|(pointer, _)| pointer).collect()
    }

    fn gateway(listeners: Json) -> Json {
        json!({ "spec": { "listeners": listeners } })
    }

    #[test]
    fn plain_protocols_reject_tls() {
        let doc = gateway(
            json!([{ "name": "http", "port": 80, "protocol": "HTTP", "tls": { "mode": "Terminate" } }]),
        );
        assert_eq!(
            pointers(gateway_tls_forbidden_for_plain_protocols(&doc)),
            ["/spec/listeners/0/tls"]
        );
        let ok = gateway(json!([{ "name": "http", "port": 80, "protocol": "HTTP" }]));
        assert!(gateway_tls_forbidden_for_plain_protocols(&ok).is_empty());
    }

    #[test]
    fn https_must_terminate() {
        let doc = gateway(
            json!([{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": { "mode": "Passthrough" } }]),
        );
        assert_eq!(
            pointers(gateway_https_mode_is_terminate(&doc)),
            ["/spec/listeners/0/tls/mode"]
        );
    }

    #[test]
    fn tls_listeners_need_a_mode() {
        let doc = gateway(json!([{ "name": "tls", "port": 443, "protocol": "TLS" }]));
        assert_eq!(
            pointers(gateway_tls_listener_needs_mode(&doc)),
            ["/spec/listeners/0/tls"]
        );
        let ok = gateway(
            json!([{ "name": "tls", "port": 443, "protocol": "TLS", "tls": { "mode": "Passthrough" } }]),
        );
        assert!(gateway_tls_listener_needs_mode(&ok).is_empty());
    }

    #[test]
    fn terminate_needs_certificates_including_the_default_mode() {
        let defaulted =
            gateway(json!([{ "name": "https", "port": 443, "protocol": "HTTPS", "tls": {} }]));
        assert_eq!(
            pointers(gateway_terminate_needs_certificates(&defaulted)),
            ["/spec/listeners/0/tls"]
        );
        let ok = gateway(json!([{ "name": "https", "port": 443, "protocol": "HTTPS",
            "tls": { "mode": "Terminate", "certificateRefs": [{ "name": "edge-tls" }] } }]));
        assert!(gateway_terminate_needs_certificates(&ok).is_empty());
        let passthrough = gateway(
            json!([{ "name": "tls", "port": 443, "protocol": "TLS", "tls": { "mode": "Passthrough" } }]),
        );
        assert!(gateway_terminate_needs_certificates(&passthrough).is_empty());
    }

    #[test]
    fn listener_names_and_combinations_are_unique() {
        let doc = gateway(json!([
            { "name": "a", "port": 443, "protocol": "TLS", "tls": { "mode": "Passthrough" } },
            { "name": "a", "port": 443, "protocol": "TLS", "tls": { "mode": "Passthrough" } },
        ]));
        assert_eq!(
            pointers(gateway_listener_names_unique(&doc)),
            ["/spec/listeners/1/name"]
        );
        assert_eq!(
            pointers(gateway_listener_combinations_unique(&doc)),
            ["/spec/listeners/1"]
        );
        let different_protocols = gateway(json!([
            { "name": "https", "port": 443, "protocol": "HTTPS" },
            { "name": "tls", "port": 443, "protocol": "TLS" },
        ]));
        assert!(gateway_listener_combinations_unique(&different_protocols).is_empty());
    }

    #[test]
    fn tlsroute_hostname_rules() {
        let doc = json!({ "spec": { "hostnames": ["10.0.0.1", "Upper.example.com", "a.*.example.com", "*.ok.example.com", "ok.example.com"] } });
        assert_eq!(
            pointers(tlsroute_hostnames_not_ip(&doc)),
            ["/spec/hostnames/0"]
        );
        assert_eq!(
            pointers(tlsroute_hostnames_rfc1123(&doc)),
            ["/spec/hostnames/1"]
        );
        assert_eq!(
            pointers(tlsroute_wildcard_first_label(&doc)),
            ["/spec/hostnames/2"]
        );
    }

    #[test]
    fn service_backends_need_a_port() {
        let doc = json!({ "spec": { "rules": [{ "backendRefs": [{ "name": "svc" }, { "name": "svc", "port": 8080 }, { "name": "x", "kind": "Other", "group": "example.com" }] }] } });
        assert_eq!(
            pointers(route_service_backend_needs_port(&doc)),
            ["/spec/rules/0/backendRefs/0"]
        );
    }

    #[test]
    fn repeated_parents_need_distinct_section_names() {
        let doc = json!({ "spec": { "parentRefs": [
            { "name": "gw", "sectionName": "a" }, { "name": "gw" }, { "name": "other" }
        ] } });
        assert_eq!(
            pointers(route_parent_refs_distinct(&doc)),
            ["/spec/parentRefs/1"]
        );
        let same_section = json!({ "spec": { "parentRefs": [{ "name": "gw", "sectionName": "a" }, { "name": "gw", "sectionName": "a" }] } });
        assert_eq!(pointers(route_parent_refs_distinct(&same_section)).len(), 2);
    }
}
