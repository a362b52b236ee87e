//! The Gateway controllers and what each really does with the resources the
//! chart renders. None of it shows in the Gateway API schemas: a Gateway, a
//! GRPCRoute and a BackendTLSPolicy can all be valid while the controller
//! behind the GatewayClass ignores the policy, or cuts every stream after
//! fifteen seconds. Data only, with the evidence for each entry; the path
//! rules, the traffic model, the compare matrix, the guide and the page read
//! it from here.
//!
//! Add a controller by adding a variant and its [`Profile`]; add a
//! capability by adding a field to [`Profile`] and a row to
//! [`Controller::capabilities`].

/// A Gateway API implementation ingresslab knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Controller {
    /// Envoy Gateway.
    EnvoyGateway,
    /// Cilium's Gateway API support.
    Cilium,
    /// NGINX Gateway Fabric.
    NginxGatewayFabric,
    /// Traefik's Kubernetes Gateway provider.
    Traefik,
    /// Contour.
    Contour,
    /// Istio.
    Istio,
}

/// What the OpenShell server receives on the re-encrypted hop, when the
/// controller does not do what the BackendTLSPolicy asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reencryption {
    /// A TLS connection speaking HTTP/2, as the policy asks.
    Applied,
    /// Plaintext HTTP/2: the policy is ignored for GRPCRoute backends.
    IgnoredForGrpcRoute,
    /// TLS, but HTTP/1.1 inside it: gRPC needs HTTP/2, so calls fail.
    WithoutHttp2,
}

/// How long a GRPCRoute stream lives by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamLimit {
    /// No default limit cuts a long-lived stream.
    None,
    /// Every stream ends after this long, active or not.
    Cut {
        /// The limit, as people write it (`15 s`).
        after: &'static str,
        /// Which setting it is.
        setting: &'static str,
    },
    /// A stream with no traffic for this long ends.
    Idle {
        /// The limit (`5 min`).
        after: &'static str,
        /// Which setting it is.
        setting: &'static str,
    },
}

/// One controller's behaviour, with the evidence for it.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    /// The controller's name.
    pub name: &'static str,
    /// The GatewayClass name its quickstart installs.
    pub class_name: &'static str,
    /// The release the entries were checked against.
    pub checked_release: &'static str,
    /// Whether it reads TLSRoute at `gateway.networking.k8s.io/v1`, and since when.
    pub tls_route_v1: Fact<bool>,
    /// Whether a TLS listener in Passthrough mode routes TLSRoutes by SNI.
    pub tls_passthrough: Fact<bool>,
    /// What a BackendTLSPolicy on a GRPCRoute's Service does.
    pub backend_tls_on_grpc_route: Fact<Reencryption>,
    /// The default limit on a GRPCRoute stream's life, and how to lift it.
    pub grpc_stream_limit: Fact<StreamLimit>,
    /// Whether L7 auth policies (JWT, OIDC, external auth) reach passthrough
    /// traffic. No controller can: it sees only the TLS handshake.
    pub l7_auth_on_passthrough: Fact<bool>,
}

/// One behaviour: what it is, in a sentence, and where it is shown.
#[derive(Clone, Copy, Debug)]
pub struct Fact<T> {
    /// The behaviour.
    pub value: T,
    /// A sentence for people: conditions, versions, the way out.
    pub note: &'static str,
    /// Public evidence: issues, pull requests, documentation, source.
    pub evidence: &'static [&'static str],
}

const fn fact<T>(value: T, note: &'static str, evidence: &'static [&'static str]) -> Fact<T> {
    Fact {
        value,
        note,
        evidence,
    }
}

/// Why no controller's L7 auth reaches passthrough traffic.
const L7_AUTH_IS_L7: &str = "the Gateway sees only the TLS handshake of passthrough traffic";

const ENVOY_GATEWAY: Profile = Profile {
    name: "Envoy Gateway",
    class_name: "eg",
    checked_release: "v1.9.0",
    tls_route_v1: fact(
        true,
        "reads TLSRoute v1 from v1.8.0; v1.6 and v1.7 read v1alpha3",
        &["https://gateway.envoyproxy.io/v1.9/tasks/security/tls-passthrough/"],
    ),
    tls_passthrough: fact(
        true,
        "a Passthrough listener with certificateRefs is refused",
        &["https://gateway.envoyproxy.io/v1.9/tasks/security/tls-passthrough/"],
    ),
    backend_tls_on_grpc_route: fact(
        Reencryption::Applied,
        "re-encrypts to the Service's backends, per Service",
        &["https://gateway.envoyproxy.io/v1.9/tasks/security/backend-tls/"],
    ),
    grpc_stream_limit: fact(
        StreamLimit::Cut {
            after: "15 s",
            setting: "the default route timeout",
        },
        "a BackendTrafficPolicy on the GRPCRoute with timeout.http.requestTimeout: 0s (and maxStreamDuration: 0s) lifts it",
        &[
            "https://github.com/envoyproxy/gateway/issues/5446",
            "https://github.com/envoyproxy/gateway/pull/7194",
        ],
    ),
    l7_auth_on_passthrough: fact(
        false,
        "SecurityPolicy cannot target a TLSRoute; only client IP ranges are checked",
        &["https://github.com/envoyproxy/gateway/issues/6704"],
    ),
};

const CILIUM: Profile = Profile {
    name: "Cilium",
    class_name: "cilium",
    checked_release: "v1.20.2",
    tls_route_v1: fact(
        true,
        "reads TLSRoute v1 from v1.20; earlier releases read v1alpha2",
        &["https://github.com/cilium/cilium/pull/45251"],
    ),
    tls_passthrough: fact(
        true,
        "SNI is inspected, then the stream is proxied as TCP",
        &["https://github.com/cilium/cilium/pull/25106"],
    ),
    backend_tls_on_grpc_route: fact(
        Reencryption::IgnoredForGrpcRoute,
        "ignored for GRPCRoute: Envoy connects in plaintext HTTP/2 and clients see `upstream connect error ... connection termination`",
        &["https://github.com/cilium/cilium/issues/48935"],
    ),
    grpc_stream_limit: fact(
        StreamLimit::Idle {
            after: "5 min",
            setting: "the listener's streamIdleTimeout",
        },
        "routes have no duration limit; the Helm value envoy.streamIdleTimeoutDurationSeconds raises the idle limit",
        &[
            "https://github.com/cilium/cilium/pull/31514",
            "https://github.com/cilium/cilium/issues/34582",
        ],
    ),
    l7_auth_on_passthrough: fact(false, L7_AUTH_IS_L7, &[]),
};

const NGINX_GATEWAY_FABRIC: Profile = Profile {
    name: "NGINX Gateway Fabric",
    class_name: "nginx",
    checked_release: "v2.6.7",
    tls_route_v1: fact(
        true,
        "reads TLSRoute v1 from v2.5.0",
        &["https://github.com/nginx/nginx-gateway-fabric/pull/4839"],
    ),
    tls_passthrough: fact(
        true,
        "one backendRef per TLSRoute",
        &["https://github.com/nginx/nginx-gateway-fabric/pull/2356"],
    ),
    // The open issue #1838 asks for it, but the v2.6.7 configuration
    // template writes grpcs:// with grpc_ssl_verify, grpc_ssl_name and
    // grpc_ssl_trusted_certificate for a GRPCRoute backend with a policy.
    backend_tls_on_grpc_route: fact(
        Reencryption::Applied,
        "the configuration re-encrypts gRPC (grpc_ssl_verify) since v1.3.0, although the issue asking for it is still open",
        &[
            "https://github.com/nginx/nginx-gateway-fabric/blob/v2.6.7/internal/controller/nginx/config/servers_template.go",
            "https://github.com/nginx/nginx-gateway-fabric/issues/1838",
        ],
    ),
    grpc_stream_limit: fact(
        StreamLimit::Idle {
            after: "60 s",
            setting: "NGINX's grpc_read_timeout",
        },
        "no Gateway API or policy field sets grpc_read_timeout; a SnippetsFilter on the GRPCRoute can",
        &[
            "https://github.com/nginx/nginx-gateway-fabric/pull/5165",
            "https://docs.nginx.com/nginx-gateway-fabric/how-to/traffic-management/snippets/",
        ],
    ),
    l7_auth_on_passthrough: fact(
        false,
        "AuthenticationFilter applies to HTTPRoute only",
        &["https://docs.nginx.com/nginx-gateway-fabric/overview/gateway-api-compatibility"],
    ),
};

const TRAEFIK: Profile = Profile {
    name: "Traefik",
    class_name: "traefik",
    checked_release: "v3.7.9",
    tls_route_v1: fact(
        true,
        "reads TLSRoute v1 from v3.7.0; v3.6 reads v1alpha2 behind experimentalChannel",
        &["https://github.com/traefik/traefik/pull/12768"],
    ),
    tls_passthrough: fact(
        true,
        "a Passthrough listener with certificateRefs gets a warning",
        &[
            "https://doc.traefik.io/traefik/v3.8/reference/routing-configuration/kubernetes/gateway-api/",
        ],
    ),
    backend_tls_on_grpc_route: fact(
        Reencryption::IgnoredForGrpcRoute,
        "ignored for GRPCRoute up to v3.7; a fix is merged for a later release",
        &[
            "https://github.com/traefik/traefik/issues/12176",
            "https://github.com/traefik/traefik/pull/13265",
        ],
    ),
    grpc_stream_limit: fact(
        StreamLimit::Cut {
            after: "60 s",
            setting: "the entry point's respondingTimeouts.readTimeout",
        },
        "set entryPoints.<name>.transport.respondingTimeouts.readTimeout=0 in Traefik's static configuration",
        &[
            "https://github.com/traefik/traefik/issues/10652",
            "https://github.com/traefik/traefik/issues/10991",
        ],
    ),
    l7_auth_on_passthrough: fact(false, L7_AUTH_IS_L7, &[]),
};

const CONTOUR: Profile = Profile {
    name: "Contour",
    class_name: "contour",
    checked_release: "v1.33.6",
    tls_route_v1: fact(
        false,
        "reads TLSRoute v1alpha2 only (Gateway API v1.3.0)",
        &["https://github.com/projectcontour/contour/issues/3440"],
    ),
    tls_passthrough: fact(
        true,
        "through TLSRoute v1alpha2",
        &["https://github.com/projectcontour/contour/releases/tag/v1.16.0"],
    ),
    backend_tls_on_grpc_route: fact(
        Reencryption::IgnoredForGrpcRoute,
        "not supported for GRPCRoute; Contour also reads BackendTLSPolicy v1alpha3 only",
        &["https://github.com/projectcontour/contour/issues/6135"],
    ),
    grpc_stream_limit: fact(
        StreamLimit::Cut {
            after: "15 s",
            setting: "Envoy's default route timeout",
        },
        "no Gateway API field changes it for a GRPCRoute; Contour's own HTTPProxy with timeoutPolicy.response can",
        &[
            "https://github.com/projectcontour/contour/issues/7075",
            "https://github.com/projectcontour/contour/issues/3692",
        ],
    ),
    l7_auth_on_passthrough: fact(false, L7_AUTH_IS_L7, &[]),
};

const ISTIO: Profile = Profile {
    name: "Istio",
    class_name: "istio",
    checked_release: "1.30",
    tls_route_v1: fact(
        true,
        "reads TLSRoute v1 from 1.30.0; 1.29 reads v1alpha2 behind PILOT_ENABLE_ALPHA_GATEWAY_API",
        &["https://github.com/istio/istio/pull/59309"],
    ),
    tls_passthrough: fact(
        true,
        "TLS listeners are on by default from 1.30",
        &["https://istio.io/docs/examples/advanced-gateways/ingress-sni-passthrough/"],
    ),
    backend_tls_on_grpc_route: fact(
        Reencryption::WithoutHttp2,
        "applied, but the TLS it originates offers no HTTP/2, so the server gets HTTP/1.1 and gRPC calls fail with Unavailable",
        &[
            "https://github.com/istio/istio/issues/60466",
            "https://github.com/istio/istio/pull/60925",
        ],
    ),
    grpc_stream_limit: fact(
        StreamLimit::None,
        "no route timeout and no stream idle timeout by default",
        &["https://istio.io/docs/tasks/traffic-management/request-timeouts"],
    ),
    l7_auth_on_passthrough: fact(
        false,
        "AuthorizationPolicy on TCP traffic can match only L4 fields",
        &["https://istio.io/docs/tasks/security/authz-tcp"],
    ),
};

impl Controller {
    /// Every controller, in the order tables list them.
    pub const ALL: [Controller; 6] = [
        Controller::EnvoyGateway,
        Controller::Cilium,
        Controller::NginxGatewayFabric,
        Controller::Traefik,
        Controller::Contour,
        Controller::Istio,
    ];

    /// What it does, with the evidence.
    #[must_use]
    pub fn profile(self) -> &'static Profile {
        match self {
            Controller::EnvoyGateway => &ENVOY_GATEWAY,
            Controller::Cilium => &CILIUM,
            Controller::NginxGatewayFabric => &NGINX_GATEWAY_FABRIC,
            Controller::Traefik => &TRAEFIK,
            Controller::Contour => &CONTOUR,
            Controller::Istio => &ISTIO,
        }
    }

    /// Its name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.profile().name
    }

    /// The name `--controller` takes for it.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Controller::EnvoyGateway => "envoy-gateway",
            Controller::Cilium => "cilium",
            Controller::NginxGatewayFabric => "nginx-gateway-fabric",
            Controller::Traefik => "traefik",
            Controller::Contour => "contour",
            Controller::Istio => "istio",
        }
    }

    /// The controller behind a well-known GatewayClass name.
    #[must_use]
    pub fn from_class_name(class_name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|controller| controller.profile().class_name == class_name)
    }

    /// A controller named by its id, its quickstart class name or its name,
    /// in any case (`envoy-gateway`, `eg`, `Envoy Gateway`).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim();
        Self::ALL.into_iter().find(|controller| {
            [
                controller.id(),
                controller.profile().class_name,
                controller.name(),
            ]
            .iter()
            .any(|name| name.eq_ignore_ascii_case(wanted))
        })
    }

    /// The names of the controllers `has` holds for, for "use one of" help.
    #[must_use]
    pub fn names_where(has: impl Fn(&Profile) -> bool) -> String {
        Self::ALL
            .into_iter()
            .filter(|controller| has(controller.profile()))
            .map(Controller::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every accepted `--controller` id, for help texts.
    #[must_use]
    pub fn ids() -> String {
        Self::ALL
            .iter()
            .map(|controller| controller.id())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The capabilities as rows for tables: the capability, whether this
    /// controller has it (as OpenShell needs it), the note and the evidence.
    #[must_use]
    pub fn capabilities(self) -> [CapabilityRow; 5] {
        fn row<T>(capability: &'static str, works: bool, fact: &Fact<T>) -> CapabilityRow {
            CapabilityRow {
                capability,
                works,
                note: fact.note.to_owned(),
                evidence: fact.evidence,
            }
        }
        let profile = self.profile();
        [
            row(
                "TLSRoute v1 served",
                profile.tls_route_v1.value,
                &profile.tls_route_v1,
            ),
            row(
                "TLS passthrough (TLS listener, Passthrough mode)",
                profile.tls_passthrough.value,
                &profile.tls_passthrough,
            ),
            row(
                "BackendTLSPolicy on a GRPCRoute's Service (re-encrypt)",
                profile.backend_tls_on_grpc_route.value == Reencryption::Applied,
                &profile.backend_tls_on_grpc_route,
            ),
            CapabilityRow {
                note: match profile.grpc_stream_limit.value {
                    StreamLimit::None => profile.grpc_stream_limit.note.to_owned(),
                    limit => format!("{}; {}", limit.describe(), profile.grpc_stream_limit.note),
                },
                ..row(
                    "Long-lived GRPCRoute streams (exec, logs, port-forward, watch)",
                    profile.grpc_stream_limit.value == StreamLimit::None,
                    &profile.grpc_stream_limit,
                )
            },
            row(
                "L7 auth (JWT, OIDC, ext-auth) on passthrough traffic",
                profile.l7_auth_on_passthrough.value,
                &profile.l7_auth_on_passthrough,
            ),
        ]
    }
}

/// One row of a controller's capability table.
#[derive(Clone, Debug)]
pub struct CapabilityRow {
    /// What is asked of the controller.
    pub capability: &'static str,
    /// Whether it does it, as OpenShell needs it, by default.
    pub works: bool,
    /// Conditions, versions, the way out.
    pub note: String,
    /// Public evidence.
    pub evidence: &'static [&'static str],
}

impl StreamLimit {
    /// The limit in words (`cut after 15 s (the default route timeout)`).
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            StreamLimit::None => "no default limit".to_owned(),
            StreamLimit::Cut { after, setting } => format!("cut after {after} ({setting})"),
            StreamLimit::Idle { after, setting } => {
                format!("cut after {after} without traffic ({setting})")
            }
        }
    }
}

/// OpenShell's RPCs that are long-lived streams (`proto/openshell.proto`).
pub const OPENSHELL_STREAMS: &[&str] = &[
    "WatchSandboxes",
    "ExecSandbox",
    "ExecSandboxInteractive",
    "ForwardTcp",
    "PushSandboxLogs",
    "ConnectSupervisor",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_class_names_and_ids_name_one_controller_each() {
        for controller in Controller::ALL {
            let profile = controller.profile();
            assert_eq!(
                Controller::from_class_name(profile.class_name),
                Some(controller)
            );
            for name in [controller.id(), profile.class_name, profile.name] {
                assert_eq!(Controller::parse(name), Some(controller), "{name}");
                assert_eq!(
                    Controller::parse(&name.to_ascii_uppercase()),
                    Some(controller)
                );
            }
        }
        assert_eq!(Controller::from_class_name("eg-internal"), None);
        assert_eq!(Controller::parse("haproxy"), None);
    }

    #[test]
    fn every_behaviour_that_is_not_obvious_has_evidence() {
        for controller in Controller::ALL {
            for row in controller.capabilities() {
                assert!(!row.note.is_empty(), "{controller:?}: {}", row.capability);
                let obvious = row.capability.starts_with("L7 auth") && !row.works;
                assert!(
                    obvious || !row.evidence.is_empty(),
                    "{controller:?}: {} has no evidence",
                    row.capability
                );
                for link in row.evidence {
                    assert!(link.starts_with("https://"), "{link}");
                }
            }
        }
    }
}
