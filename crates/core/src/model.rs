//! The resolved model: what the chart's templates compute from the merged
//! values (names, labels, Gateway identity, which resources exist). Every
//! decision here follows the chart's Go template logic, truthiness included.

use crate::chart::ChartMetadata;
use crate::gotmpl::{default_to, is_true, node_is_true, print, trunc_trim};
use crate::values::{Node, Value};

/// Kubernetes names are cut to this many characters.
const NAME_MAX: usize = 63;

/// Helm release identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// Release name (`helm install NAME`).
    pub name: String,
    /// Release namespace.
    pub namespace: String,
}

impl Default for Release {
    fn default() -> Self {
        Self {
            name: "openshell".to_owned(),
            namespace: "openshell".to_owned(),
        }
    }
}

/// The Gateway the routes attach to, created by the chart or not.
#[derive(Clone, Debug)]
pub struct GatewayModel {
    /// Whether the chart renders the Gateway.
    pub create: bool,
    /// Gateway name (`gatewayApi.gateway.name`, else fullname).
    pub name: String,
    /// Gateway namespace (release namespace when created).
    pub namespace: String,
    /// `gatewayApi.gateway.className` as written (printed raw by the template).
    pub class_name: Value,
    /// Listeners of a chart-created Gateway, in render order.
    pub listeners: Vec<Listener>,
}

/// One Gateway listener.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listener {
    /// Listener name (`http`, `tls`).
    pub name: &'static str,
    /// Port.
    pub port: u16,
    /// Gateway API protocol (`HTTP`, `TLS`).
    pub protocol: &'static str,
    /// TLS mode, when the listener has a `tls` block.
    pub tls_mode: Option<&'static str>,
}

/// Which route kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    /// GRPCRoute: HTTP/2 routing, plaintext to the Service.
    Grpc,
    /// TLSRoute: SNI routing, TLS passed through.
    Tls,
}

impl RouteKind {
    /// The Kubernetes kind.
    #[must_use]
    pub fn kind(self) -> &'static str {
        match self {
            RouteKind::Grpc => "GRPCRoute",
            RouteKind::Tls => "TLSRoute",
        }
    }

    /// The values key of the route (`gatewayApi.routes.grpc`).
    #[must_use]
    pub fn values_key(self) -> &'static str {
        match self {
            RouteKind::Grpc => "gatewayApi.routes.grpc",
            RouteKind::Tls => "gatewayApi.routes.tls",
        }
    }
}

/// A route the chart renders.
#[derive(Clone, Debug)]
pub struct RouteModel {
    /// GRPCRoute or TLSRoute.
    pub kind: RouteKind,
    /// `hostnames` as written, present only when it is true in Go terms
    /// (the template writes the field only then).
    pub hostnames: Option<Value>,
}

/// Who issues the OpenShell server certificate, and the names it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerCertificate {
    /// The chart's certificate Job (`pkiInitJob.enabled`): built-in SANs plus
    /// `pkiInitJob.serverDnsNames` / `serverIpAddresses`.
    CertificateJob {
        /// DNS SANs.
        dns_names: Vec<String>,
        /// IP SANs.
        ip_addresses: Vec<String>,
    },
    /// cert-manager (`certManager.enabled`): exactly `certManager.serverDnsNames` / `serverIpAddresses`.
    CertManager {
        /// DNS SANs.
        dns_names: Vec<String>,
        /// IP SANs.
        ip_addresses: Vec<String>,
    },
    /// Neither: the Secret is provided by hand, so its SANs are unknown.
    Unmanaged,
}

impl ServerCertificate {
    /// DNS SANs, when known.
    #[must_use]
    pub fn dns_names(&self) -> Option<&[String]> {
        match self {
            ServerCertificate::CertificateJob { dns_names, .. }
            | ServerCertificate::CertManager { dns_names, .. } => Some(dns_names),
            ServerCertificate::Unmanaged => None,
        }
    }

    /// The values key listing extra DNS SANs for this issuer.
    #[must_use]
    pub fn dns_names_key(&self) -> Option<&'static str> {
        match self {
            ServerCertificate::CertificateJob { .. } => Some("pkiInitJob.serverDnsNames"),
            ServerCertificate::CertManager { .. } => Some("certManager.serverDnsNames"),
            ServerCertificate::Unmanaged => None,
        }
    }

    /// Whether a DNS name (or a `*.` pattern) is covered by a SAN.
    #[must_use]
    pub fn covers(&self, name: &str) -> Option<bool> {
        self.dns_names()
            .map(|sans| sans.iter().any(|san| crate::formats::san_covers(san, name)))
    }
}

/// Everything the templates need, resolved from the merged values.
#[derive(Clone, Debug)]
pub struct Model {
    /// Release identity.
    pub release: Release,
    /// Chart metadata.
    pub chart: ChartMetadata,
    /// `openshell.name`: nameOverride or the chart name, cut to 63.
    pub name: String,
    /// `openshell.fullname`.
    pub fullname: String,
    /// Standard labels, in the chart's order.
    pub labels: Vec<(String, String)>,
    /// The Gateway (created or referenced).
    pub gateway: GatewayModel,
    /// Routes in render order (GRPCRoute, then TLSRoute).
    pub routes: Vec<RouteModel>,
    /// `service.port` as written (printed raw by the template).
    pub service_port: Value,
    /// Whether `server.disableTls` is true.
    pub server_tls_disabled: bool,
    /// The server certificate and its SANs.
    pub server_certificate: ServerCertificate,
    /// `fullname` before it was cut to 63 characters.
    pub untruncated_fullname: String,
}

impl Model {
    /// Resolve the model from merged values.
    #[must_use]
    pub fn resolve(values: &Node, release: &Release, chart: &ChartMetadata) -> Self {
        let get = |path: &str| values.lookup(path);
        let name = trunc_trim(&default_to(&chart.name, get("nameOverride")), NAME_MAX);
        let untruncated_fullname = fullname(values, release, chart, usize::MAX);
        let fullname = fullname(values, release, chart, NAME_MAX);
        let labels = labels(release, chart, &name);
        let server_certificate = server_certificate(values, &fullname, &release.namespace);

        let create = node_is_true(get("gatewayApi.gateway.create"));
        let gateway_name = default_to(&fullname, get("gatewayApi.gateway.name"));
        let gateway_namespace = if create {
            release.namespace.clone()
        } else {
            default_to(&release.namespace, get("gatewayApi.gateway.namespace"))
        };
        let tls_enabled = node_is_true(get("gatewayApi.routes.tls.enabled"));
        let mut listeners = vec![Listener {
            name: "http",
            port: 80,
            protocol: "HTTP",
            tls_mode: None,
        }];
        if tls_enabled {
            listeners.push(Listener {
                name: "tls",
                port: 443,
                protocol: "TLS",
                tls_mode: Some("Passthrough"),
            });
        }

        let routes = [RouteKind::Grpc, RouteKind::Tls]
            .into_iter()
            .filter(|kind| node_is_true(get(&format!("{}.enabled", kind.values_key()))))
            .map(|kind| RouteModel {
                kind,
                hostnames: get(&format!("{}.hostnames", kind.values_key()))
                    .filter(|node| is_true(&node.value))
                    .map(|node| node.value.clone()),
            })
            .collect();

        Self {
            release: release.clone(),
            chart: chart.clone(),
            name,
            fullname,
            labels,
            gateway: GatewayModel {
                create,
                name: gateway_name,
                namespace: gateway_namespace,
                class_name: get("gatewayApi.gateway.className")
                    .map_or(Value::Null, |node| node.value.clone()),
                listeners,
            },
            routes,
            service_port: get("service.port").map_or(Value::Null, |node| node.value.clone()),
            server_tls_disabled: node_is_true(get("server.disableTls")),
            server_certificate,
            untruncated_fullname,
        }
    }

    /// The route of `kind`, if rendered.
    #[must_use]
    pub fn route(&self, kind: RouteKind) -> Option<&RouteModel> {
        self.routes.iter().find(|route| route.kind == kind)
    }
}

/// `openshell.fullname`: fullnameOverride; else the release name when it
/// contains the name; else `<release>-<name>`; each cut to 63.
fn fullname(values: &Node, release: &Release, chart: &ChartMetadata, max: usize) -> String {
    if let Some(node) = values
        .lookup("fullnameOverride")
        .filter(|node| is_true(&node.value))
    {
        return trunc_trim(&print(&node.value), max);
    }
    let name = default_to(&chart.name, values.lookup("nameOverride"));
    if release.name.contains(&name) {
        trunc_trim(&release.name, max)
    } else {
        trunc_trim(&format!("{}-{name}", release.name), max)
    }
}

/// The SANs of the server certificate for the active PKI mode (cert-manager
/// wins over the certificate Job, as in the chart).
fn server_certificate(values: &Node, fullname: &str, namespace: &str) -> ServerCertificate {
    let strings = |path: &str| -> Vec<String> {
        match values.lookup(path).map(|node| &node.value) {
            Some(Value::List(items)) => items.iter().map(|item| print(&item.value)).collect(),
            _ => Vec::new(),
        }
    };
    if node_is_true(values.lookup("certManager.enabled")) {
        return ServerCertificate::CertManager {
            dns_names: strings("certManager.serverDnsNames"),
            ip_addresses: strings("certManager.serverIpAddresses"),
        };
    }
    if !node_is_true(values.lookup("pkiInitJob.enabled")) {
        return ServerCertificate::Unmanaged;
    }
    let mut dns_names = vec![
        fullname.to_owned(),
        format!("{fullname}.{namespace}.svc"),
        format!("{fullname}.{namespace}.svc.cluster.local"),
        "localhost".to_owned(),
        format!("{fullname}.localhost"),
        format!("*.{fullname}.localhost"),
        "host.docker.internal".to_owned(),
        "host.containers.internal".to_owned(),
    ];
    dns_names.extend(strings("pkiInitJob.serverDnsNames"));
    let mut ip_addresses = vec!["127.0.0.1".to_owned()];
    ip_addresses.extend(strings("pkiInitJob.serverIpAddresses"));
    ServerCertificate::CertificateJob {
        dns_names,
        ip_addresses,
    }
}

fn labels(release: &Release, chart: &ChartMetadata, name: &str) -> Vec<(String, String)> {
    let chart_label = trunc_trim(
        &format!("{}-{}", chart.name, chart.version).replace('+', "_"),
        NAME_MAX,
    );
    let mut labels = vec![
        ("helm.sh/chart".to_owned(), chart_label),
        ("app.kubernetes.io/name".to_owned(), name.to_owned()),
        (
            "app.kubernetes.io/instance".to_owned(),
            release.name.clone(),
        ),
    ];
    if !chart.app_version.is_empty() {
        labels.push((
            "app.kubernetes.io/version".to_owned(),
            chart.app_version.clone(),
        ));
    }
    labels.push(("app.kubernetes.io/managed-by".to_owned(), "Helm".to_owned()));
    labels
}
