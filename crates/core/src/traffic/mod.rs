//! The traffic model: every path a client's connection can take with these
//! values, hop by hop, with what each hop carries on the wire, where TLS ends,
//! whose identity reaches the server, what the gateway can do to the traffic,
//! and whether it works at all. The SVG and Mermaid diagrams are views of it.

mod capabilities;
mod compare;

pub use crate::rendered::{Protocol, TlsMode};
pub use capabilities::{Capability, Support, capabilities};
pub use compare::compare;

use crate::controllers::{Controller, Reencryption, StreamLimit};
use crate::rendered::{Gateway, Listener, Rendered, Route, RouteKind};

/// What a hop carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wire {
    /// The client's own TLS session, untouched by the Gateway (passthrough).
    TlsEndToEnd,
    /// TLS from the client to the Gateway, which terminates it.
    TlsToEdge,
    /// Plaintext HTTP/2 (h2c).
    H2c,
    /// A new TLS session from the Gateway to the server.
    TlsReencrypted {
        /// SNI the Gateway sends.
        sni: String,
        /// CA the Gateway trusts, as `Kind/name`.
        ca: String,
    },
    /// Inside the Gateway: from the listener to the route that matched.
    InsideGateway,
}

impl Wire {
    /// Whether the bytes on this hop are encrypted.
    #[must_use]
    pub fn encrypted(&self) -> bool {
        !matches!(self, Wire::H2c)
    }

    /// A short label.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Wire::TlsEndToEnd => "TLS, end to end".to_owned(),
            Wire::TlsToEdge => "TLS to the edge".to_owned(),
            Wire::H2c => "plaintext h2c".to_owned(),
            Wire::TlsReencrypted { sni, .. } => format!("TLS again, SNI {sni}"),
            Wire::InsideGateway => "inside the Gateway".to_owned(),
        }
    }
}

/// The stops of a path, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The client.
    Client,
    /// The Envoy listener.
    Listener,
    /// The route.
    Route,
    /// The OpenShell Service.
    Service,
    /// The OpenShell server pod.
    Server,
}

/// One hop between two stops.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Where the hop starts.
    pub from: Stop,
    /// Where it ends.
    pub to: Stop,
    /// What it carries.
    pub wire: Wire,
    /// Whether the connection fails on this hop.
    pub broken: bool,
}

/// The four ways ingresslab's values can carry a client to OpenShell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// TLS listener in Passthrough mode with a TLSRoute.
    Passthrough,
    /// HTTPS listener with a GRPCRoute and a BackendTLSPolicy.
    TerminateReencrypt,
    /// HTTPS listener with a GRPCRoute, plaintext to the server.
    TerminatePlaintext,
    /// HTTP listener with a GRPCRoute over h2c.
    PlainHttp,
}

impl Mode {
    /// Every mode, in capability-matrix column order.
    pub const ALL: [Mode; 4] = [
        Mode::Passthrough,
        Mode::TerminateReencrypt,
        Mode::TerminatePlaintext,
        Mode::PlainHttp,
    ];

    /// Short name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Mode::Passthrough => "passthrough",
            Mode::TerminateReencrypt => "terminate + re-encrypt",
            Mode::TerminatePlaintext => "terminate + plaintext",
            Mode::PlainHttp => "plain HTTP",
        }
    }
}

/// Where the client's TLS session ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Termination {
    /// At the Gateway (Envoy).
    Gateway,
    /// At the OpenShell server.
    Server,
    /// Nowhere: there is no TLS.
    Nowhere,
}

/// What a path means for the operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Where the client's TLS ends.
    pub tls_terminates_at: Termination,
    /// Whether the client certificate's identity reaches the server.
    pub client_identity_reaches_server: bool,
    /// Whether the gateway's L7 policies (auth, rate limits, retries) can apply.
    pub l7_policies: bool,
    /// Edge certificate Secrets the Gateway needs, if any.
    pub edge_certificates: Option<Vec<String>>,
    /// Whether every hop is encrypted.
    pub encrypted_every_hop: bool,
    /// Why the connection fails, if it does.
    pub broken: Option<String>,
    /// How the controller limits a stream's life on this path, when it does
    /// and nothing lifts the limit (`cut after 15 s (the default route timeout)`).
    pub stream_limit: Option<String>,
}

impl Facts {
    /// The one-line strip shown under a lane.
    #[must_use]
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        parts.push(match self.tls_terminates_at {
            Termination::Gateway => "TLS ends at the Gateway",
            Termination::Server => "TLS ends at the server",
            Termination::Nowhere => "no TLS",
        });
        parts.push(if self.client_identity_reaches_server {
            "mTLS identity reaches server"
        } else {
            "client certificate does not reach server"
        });
        parts.push(if self.l7_policies {
            "L7 policy possible"
        } else {
            "no L7 policy"
        });
        parts.push(if self.edge_certificates.is_some() {
            "edge certificate needed"
        } else {
            "no edge certificate"
        });
        parts.push(if self.encrypted_every_hop {
            "encrypted on every hop"
        } else {
            "a hop is plaintext"
        });
        let mut summary = parts.join(" · ");
        if let Some(limit) = &self.stream_limit {
            summary.push_str(&format!(" · streams {limit}"));
        }
        summary
    }
}

/// One path from the client to the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficPath {
    /// Stable id (`tls-tlsroute`), for diagrams.
    pub id: String,
    /// Lane title (`Passthrough on :443`).
    pub title: String,
    /// Which of the four modes.
    pub mode: Mode,
    /// Listener summary: name, port, protocol and mode.
    pub listener: String,
    /// Listener protocol.
    pub protocol: Protocol,
    /// Listener port as printed.
    pub port: String,
    /// Listener TLS mode, if any.
    pub tls_mode: Option<TlsMode>,
    /// What the client connects to.
    pub front: Front,
    /// The controller running the Gateway, when known: named by the user,
    /// or by a well-known GatewayClass.
    pub controller: Option<Controller>,
    /// The Gateway that provides the listener when the chart does not create it.
    pub provided_by: Option<String>,
    /// Route box.
    pub route: String,
    /// Hostnames (or SNI names) the route matches; empty means any.
    pub hostnames: Vec<String>,
    /// Service box: `<fullname>:<port>`.
    pub service: String,
    /// Server box.
    pub server: String,
    /// Client → listener → route → Service → server.
    pub hops: Vec<Hop>,
    /// What the path means.
    pub facts: Facts,
}

/// What a client connects to first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Front {
    /// A listener of a Gateway the chart renders.
    Gateway,
    /// A Gateway the chart does not render: its listener is assumed.
    ExistingGateway,
    /// The OpenShift router, for a `route.openshift.io` Route.
    OpenShiftRouter,
}

impl Front {
    /// The proxy that runs it.
    #[must_use]
    pub fn proxy(self) -> &'static str {
        match self {
            Front::Gateway | Front::ExistingGateway => "Envoy",
            Front::OpenShiftRouter => "OpenShift router",
        }
    }
}

/// Every path for one set of values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrafficModel {
    /// Paths, in listener order (http, https, tls).
    pub paths: Vec<TrafficPath>,
}

impl TrafficModel {
    /// The controller of the first path that names one.
    #[must_use]
    pub fn controller(&self) -> Option<Controller> {
        self.paths.iter().find_map(|path| path.controller)
    }

    /// Every path a render carries a client along: each route to the
    /// OpenShell server with the listener it reaches it through. Paths come
    /// in listener order for the Gateways the chart renders, then routes on
    /// Gateways it does not render, then OpenShift Routes.
    pub(crate) fn from_rendered(
        rendered: &Rendered<'_>,
        namespace: &str,
        controller: Option<Controller>,
    ) -> Self {
        let mut paths = Vec::new();
        let to_server = |route: &&Route| {
            route
                .backends
                .iter()
                .any(|backend| rendered.is_server(&backend.name))
        };
        for gateway in &rendered.gateways {
            for listener in &gateway.listeners {
                for route in rendered.routes.iter().filter(to_server) {
                    let attached = route
                        .parents
                        .iter()
                        .any(|parent| parent.names(gateway, namespace) && parent.admits(listener));
                    if attached && listener.carries(route.kind) {
                        let controller =
                            controller.or_else(|| Controller::from_class_name(&gateway.class_name));
                        paths.push(path(
                            rendered,
                            route,
                            Entry::Listener(gateway, listener),
                            controller,
                        ));
                    }
                }
            }
        }
        for route in rendered.routes.iter().filter(to_server) {
            match route.kind {
                RouteKind::OpenShift => paths.push(path(rendered, route, Entry::Router, None)),
                RouteKind::Grpc | RouteKind::Tls => {
                    for parent in &route.parents {
                        let rendered_here = rendered
                            .gateways
                            .iter()
                            .any(|gateway| parent.names(gateway, namespace));
                        if !rendered_here {
                            let gateway = format!(
                                "{}/{}",
                                parent.namespace.as_deref().unwrap_or(namespace),
                                parent.name
                            );
                            let entry = Entry::Existing(gateway, &parent.name);
                            paths.push(path(rendered, route, entry, controller));
                        }
                    }
                }
            }
        }
        Self { paths }
    }
}

/// Where a path enters the cluster.
enum Entry<'r> {
    /// A listener of a Gateway the chart renders.
    Listener(&'r Gateway, &'r Listener),
    /// A Gateway the chart does not render, as `namespace/name` and its
    /// name: its listeners are unknown, so the usual one for the route is
    /// assumed.
    Existing(String, &'r str),
    /// The OpenShift router.
    Router,
}

fn path(
    rendered: &Rendered<'_>,
    route: &Route,
    entry: Entry<'_>,
    controller: Option<Controller>,
) -> TrafficPath {
    let backend = route
        .backends
        .iter()
        .find(|backend| rendered.is_server(&backend.name));
    let policy = backend.and_then(|backend| rendered.policies_for(&backend.name).next());
    let passthrough = match &entry {
        Entry::Listener(_, listener) => {
            route.kind == RouteKind::Tls && listener.tls_mode == Some(TlsMode::Passthrough)
        }
        Entry::Existing(..) | Entry::Router => route.passthrough,
    };
    // A Gateway the chart does not render is assumed to have the listener
    // the route needs: TLS passthrough for a TLSRoute, HTTPS for a
    // GRPCRoute (a shared Gateway's usual front door).
    let (listener_name, port, protocol, terminates) = match &entry {
        Entry::Listener(_, listener) => (
            listener.name.clone(),
            listener.port.clone(),
            listener.protocol,
            listener.tls_mode == Some(TlsMode::Terminate),
        ),
        Entry::Existing(..) | Entry::Router if passthrough => {
            ("tls".to_owned(), "443".to_owned(), Protocol::Tls, false)
        }
        Entry::Existing(..) | Entry::Router => {
            ("https".to_owned(), "443".to_owned(), Protocol::Https, true)
        }
    };
    let mode = match (passthrough, terminates, policy) {
        (true, _, _) => Mode::Passthrough,
        (false, true, Some(_)) => Mode::TerminateReencrypt,
        (false, true, None) => Mode::TerminatePlaintext,
        (false, false, _) => Mode::PlainHttp,
    };
    let (front, provided_by) = match &entry {
        Entry::Listener(..) => (Front::Gateway, None),
        Entry::Existing(gateway, _) => (Front::ExistingGateway, Some(gateway.clone())),
        Entry::Router => (Front::OpenShiftRouter, None),
    };
    let listener_label = match (&entry, mode) {
        (Entry::Router, Mode::Passthrough) => format!("router :{port} passthrough"),
        (Entry::Router, _) => format!("router :{port} edge"),
        (_, Mode::Passthrough) => {
            format!("{listener_name} :{port} {} Passthrough", protocol.as_str())
        }
        (_, Mode::TerminateReencrypt | Mode::TerminatePlaintext) => {
            format!("{listener_name} :{port} {} Terminate", protocol.as_str())
        }
        (_, Mode::PlainHttp) => format!("{listener_name} :{port} {}", protocol.as_str()),
    };
    let edge_certificates = matches!(mode, Mode::TerminateReencrypt | Mode::TerminatePlaintext)
        .then(|| match &entry {
            Entry::Listener(_, listener) => listener.certificate_refs.clone(),
            Entry::Existing(..) | Entry::Router => Vec::new(),
        });

    let (server_tls, mtls) = match rendered.server_tls() {
        Some(Some(tls)) => (true, tls.client_ca),
        Some(None) => (false, false),
        // Nothing says: the OpenShell server's own defaults.
        None => (true, true),
    };
    // What the controller makes of a BackendTLSPolicy on a GRPCRoute.
    let reencryption = match (mode, route.kind, controller) {
        (Mode::Passthrough, ..) | (_, _, None) => Reencryption::Applied,
        (_, RouteKind::Grpc, Some(controller)) => {
            controller.profile().backend_tls_on_grpc_route.value
        }
        _ => Reencryption::Applied,
    };
    let last_wire = match (mode, policy) {
        (Mode::Passthrough, _) => Wire::TlsEndToEnd,
        (_, Some(_)) if reencryption == Reencryption::IgnoredForGrpcRoute => Wire::H2c,
        (_, Some(policy)) => Wire::TlsReencrypted {
            sni: policy.hostname.clone().unwrap_or_default(),
            ca: policy.ca_certificates.join(", "),
        },
        (_, None) => Wire::H2c,
    };
    let controller_name = controller.map_or("", Controller::name);
    let broken = match (&last_wire, server_tls) {
        (Wire::H2c, true) if policy.is_some() && mode != Mode::Passthrough => Some(format!(
            "{controller_name} ignores the BackendTLSPolicy for GRPCRoute: plaintext into a TLS server"
        )),
        (Wire::TlsReencrypted { .. }, true) if reencryption == Reencryption::WithoutHttp2 => {
            Some(format!(
                "{controller_name} re-encrypts without HTTP/2: the server gets HTTP/1.1 and gRPC fails"
            ))
        }
        (Wire::H2c, true) => {
            Some("plaintext into a TLS server: the server expects a TLS handshake".to_owned())
        }
        (Wire::TlsEndToEnd | Wire::TlsReencrypted { .. }, false) => {
            Some("TLS into a plaintext server: the server's configuration turns TLS off".to_owned())
        }
        (Wire::TlsReencrypted { .. }, true) if mtls => {
            Some("the server requires a client certificate the Gateway does not present".to_owned())
        }
        _ => None,
    };
    let first_wire = match mode {
        Mode::Passthrough => Wire::TlsEndToEnd,
        Mode::TerminateReencrypt | Mode::TerminatePlaintext => Wire::TlsToEdge,
        Mode::PlainHttp => Wire::H2c,
    };
    let inside = if mode == Mode::Passthrough {
        Wire::TlsEndToEnd
    } else {
        Wire::InsideGateway
    };
    let hop = |from, to, wire, broken| Hop {
        from,
        to,
        wire,
        broken,
    };
    let hops = vec![
        hop(Stop::Client, Stop::Listener, first_wire, false),
        hop(Stop::Listener, Stop::Route, inside, false),
        hop(
            Stop::Route,
            Stop::Service,
            last_wire.clone(),
            broken.is_some(),
        ),
        hop(Stop::Service, Stop::Server, last_wire, broken.is_some()),
    ];
    let facts = Facts {
        tls_terminates_at: match mode {
            Mode::Passthrough => Termination::Server,
            Mode::TerminateReencrypt | Mode::TerminatePlaintext => Termination::Gateway,
            Mode::PlainHttp => Termination::Nowhere,
        },
        client_identity_reaches_server: mode == Mode::Passthrough && mtls && server_tls,
        l7_policies: mode != Mode::Passthrough,
        edge_certificates,
        encrypted_every_hop: hops.iter().all(|hop| hop.wire.encrypted()),
        broken,
        stream_limit: stream_limit(rendered, route, &entry, mode, controller),
    };
    let title = match mode {
        Mode::Passthrough => format!("Passthrough on :{port}"),
        Mode::TerminateReencrypt => format!("Terminate on :{port}, re-encrypt to server"),
        Mode::TerminatePlaintext => format!("Terminate on :{port}, plaintext to server"),
        Mode::PlainHttp => format!("Plain HTTP on :{port}"),
    };
    let title = match &entry {
        Entry::Listener(..) => title,
        Entry::Existing(gateway, _) => format!("{title} (listener of existing Gateway {gateway})"),
        Entry::Router => format!("{title} (OpenShift router)"),
    };
    let server = match (server_tls, mtls) {
        (true, true) => "OpenShell server (TLS, mTLS)",
        (true, false) => "OpenShell server (TLS)",
        (false, _) => "OpenShell server (plaintext)",
    };
    let kind = route.kind.as_str();
    TrafficPath {
        id: format!(
            "{}-{}",
            if matches!(entry, Entry::Router) {
                "router"
            } else {
                listener_name.as_str()
            },
            kind.to_ascii_lowercase()
        ),
        title,
        mode,
        listener: listener_label,
        protocol,
        port,
        tls_mode: match mode {
            Mode::Passthrough => Some(TlsMode::Passthrough),
            Mode::TerminateReencrypt | Mode::TerminatePlaintext => Some(TlsMode::Terminate),
            Mode::PlainHttp => None,
        },
        front,
        controller,
        provided_by,
        route: format!("{kind} {}", route.name),
        hostnames: route
            .hostnames
            .iter()
            .map(|(name, _)| name.clone())
            .collect(),
        service: match backend {
            Some(backend) => format!(
                "Service {}:{}",
                backend.name,
                backend.port_number(&rendered.services)
            ),
            None => "Service".to_owned(),
        },
        server: server.to_owned(),
        hops,
        facts,
    }
}

/// How the controller limits a stream on a GRPCRoute path, unless a
/// rendered Envoy Gateway BackendTrafficPolicy sets the route's timeout.
fn stream_limit(
    rendered: &Rendered<'_>,
    route: &Route,
    entry: &Entry<'_>,
    mode: Mode,
    controller: Option<Controller>,
) -> Option<String> {
    let controller = controller?;
    if mode == Mode::Passthrough || route.kind != RouteKind::Grpc {
        return None;
    }
    let gateway = match entry {
        Entry::Listener(gateway, _) => Some(gateway.name.as_str()),
        Entry::Existing(_, name) => Some(*name),
        Entry::Router => None,
    };
    rendered
        .grpc_stream_limit(controller, route, gateway)
        .map(StreamLimit::describe)
}
