//! The traffic model: every path a client's connection can take with these
//! values, hop by hop, with what each hop carries on the wire, where TLS ends,
//! whose identity reaches the server, what the gateway can do to the traffic,
//! and whether it works at all. The SVG and Mermaid diagrams are views of it.

mod capabilities;
mod compare;

pub use capabilities::{CAPABILITIES, Capability, Support};
pub use compare::compare_models;

use crate::gotmpl::{is_true, print};
use crate::model::{Listener, Model, RouteKind, RouteModel};
use crate::values::Value;

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
        parts.join(" · ")
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
    /// Listener protocol (`HTTP`, `HTTPS`, `TLS`).
    pub protocol: &'static str,
    /// Listener port as printed.
    pub port: String,
    /// Listener TLS mode (`Terminate`, `Passthrough`), if any.
    pub tls_mode: Option<&'static str>,
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

/// Every path for one set of values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficModel {
    /// Paths, in listener order (http, https, tls).
    pub paths: Vec<TrafficPath>,
}

impl TrafficModel {
    /// Build the traffic model of a resolved model.
    #[must_use]
    pub fn from_model(model: &Model) -> Self {
        let mut paths = Vec::new();
        if model.gateway.create {
            for listener in &model.gateway.listeners {
                let kind = if listener.protocol == "TLS" {
                    RouteKind::Tls
                } else {
                    RouteKind::Grpc
                };
                if let Some(route) = model.route(kind) {
                    paths.push(path(model, Some(listener), route));
                }
            }
        } else {
            for route in &model.routes {
                paths.push(path(model, None, route));
            }
        }
        Self { paths }
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::List(items)) => items.iter().map(|item| print(&item.value)).collect(),
        _ => Vec::new(),
    }
}

fn path(model: &Model, listener: Option<&Listener>, route: &RouteModel) -> TrafficPath {
    let https_wanted = listener.map_or_else(
        || {
            model
                .gateway
                .listeners
                .iter()
                .any(|listener| listener.protocol == "HTTPS")
        },
        |listener| listener.protocol == "HTTPS",
    );
    let mode = match route.kind {
        RouteKind::Tls => Mode::Passthrough,
        RouteKind::Grpc if !https_wanted => Mode::PlainHttp,
        RouteKind::Grpc if model.backend_tls.is_some() => Mode::TerminateReencrypt,
        RouteKind::Grpc => Mode::TerminatePlaintext,
    };
    let (listener_name, port, protocol) = match (listener, mode) {
        (Some(listener), _) => (listener.name, print(&listener.port), listener.protocol),
        (None, Mode::Passthrough) => ("tls", "443".to_owned(), "TLS"),
        (None, Mode::PlainHttp) => ("http", "80".to_owned(), "HTTP"),
        (None, _) => ("https", "443".to_owned(), "HTTPS"),
    };
    let provided_by = (!model.gateway.create)
        .then(|| format!("{}/{}", model.gateway.namespace, model.gateway.name));
    let listener_label = match mode {
        Mode::Passthrough => format!("{listener_name} :{port} {protocol} Passthrough"),
        Mode::TerminateReencrypt | Mode::TerminatePlaintext => {
            format!("{listener_name} :{port} {protocol} Terminate")
        }
        Mode::PlainHttp => format!("{listener_name} :{port} {protocol}"),
    };
    let hostnames = strings(route.hostnames.as_ref());
    let edge_certificates = matches!(mode, Mode::TerminateReencrypt | Mode::TerminatePlaintext)
        .then(|| {
            let refs = listener.and_then(|listener| listener.certificate_refs.as_ref());
            match refs {
                Some(Value::List(items)) => items
                    .iter()
                    .filter_map(|item| item.as_map()?.get("name").map(|name| print(&name.value)))
                    .collect(),
                _ => Vec::new(),
            }
        });

    let server_tls = !model.server_tls_disabled;
    let last_wire = match mode {
        Mode::Passthrough => Wire::TlsEndToEnd,
        Mode::TerminateReencrypt => {
            let policy = model.backend_tls.as_ref();
            Wire::TlsReencrypted {
                sni: policy
                    .map(|policy| policy.hostname.clone())
                    .unwrap_or_default(),
                ca: policy
                    .map(|policy| ca_label(&policy.ca_certificate_refs))
                    .unwrap_or_default(),
            }
        }
        Mode::TerminatePlaintext | Mode::PlainHttp => Wire::H2c,
    };
    let broken = match (&last_wire, server_tls) {
        (Wire::H2c, true) => {
            Some("plaintext into a TLS server: the server expects a TLS handshake".to_owned())
        }
        (Wire::TlsEndToEnd | Wire::TlsReencrypted { .. }, false) => {
            Some("TLS into a plaintext server: server.disableTls is true".to_owned())
        }
        (Wire::TlsReencrypted { .. }, true) if model.mtls => {
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
    let hops = vec![
        Hop {
            from: Stop::Client,
            to: Stop::Listener,
            wire: first_wire,
            broken: false,
        },
        Hop {
            from: Stop::Listener,
            to: Stop::Route,
            wire: inside,
            broken: false,
        },
        Hop {
            from: Stop::Route,
            to: Stop::Service,
            wire: last_wire.clone(),
            broken: broken.is_some(),
        },
        Hop {
            from: Stop::Service,
            to: Stop::Server,
            wire: last_wire.clone(),
            broken: broken.is_some(),
        },
    ];
    let facts = Facts {
        tls_terminates_at: match mode {
            Mode::Passthrough => Termination::Server,
            Mode::TerminateReencrypt | Mode::TerminatePlaintext => Termination::Gateway,
            Mode::PlainHttp => Termination::Nowhere,
        },
        client_identity_reaches_server: mode == Mode::Passthrough && model.mtls && server_tls,
        l7_policies: mode != Mode::Passthrough,
        edge_certificates,
        encrypted_every_hop: matches!(mode, Mode::Passthrough | Mode::TerminateReencrypt),
        broken,
    };
    let title = match mode {
        Mode::Passthrough => format!("Passthrough on :{port}"),
        Mode::TerminateReencrypt => format!("Terminate on :{port}, re-encrypt to server"),
        Mode::TerminatePlaintext => format!("Terminate on :{port}, plaintext to server"),
        Mode::PlainHttp => format!("Plain HTTP on :{port}"),
    };
    let title = match &provided_by {
        Some(gateway) => format!("{title} (listener of existing Gateway {gateway})"),
        None => title,
    };
    let server = match (server_tls, model.mtls) {
        (true, true) => "OpenShell server (TLS, mTLS)",
        (true, false) => "OpenShell server (TLS)",
        (false, _) => "OpenShell server (plaintext)",
    };
    TrafficPath {
        id: format!("{listener_name}-{}", route.kind.kind().to_ascii_lowercase()),
        title,
        mode,
        listener: listener_label,
        protocol,
        port: port.clone(),
        tls_mode: match mode {
            Mode::Passthrough => Some("Passthrough"),
            Mode::TerminateReencrypt | Mode::TerminatePlaintext => Some("Terminate"),
            Mode::PlainHttp => None,
        },
        provided_by,
        route: format!("{} {}", route.kind.kind(), model.fullname),
        hostnames,
        service: format!("Service {}:{}", model.fullname, print(&model.service_port)),
        server: server.to_owned(),
        hops,
        facts,
    }
}

fn ca_label(refs: &Value) -> String {
    match refs {
        Value::List(items) => items
            .iter()
            .filter_map(|item| {
                let map = item.as_map()?;
                let kind = map
                    .get("kind")
                    .filter(|node| is_true(&node.value))
                    .map_or("Secret".to_owned(), |node| print(&node.value));
                Some(format!(
                    "{kind}/{}",
                    map.get("name")
                        .map(|node| print(&node.value))
                        .unwrap_or_default()
                ))
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}
