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
#[derive(Clone, Debug)]
pub struct Listener {
    /// Listener name (`http`, `https`, `tls`).
    pub name: &'static str,
    /// Port as written (`https.port` is printed raw by the template).
    pub port: Value,
    /// Gateway API protocol (`HTTP`, `HTTPS`, `TLS`).
    pub protocol: &'static str,
    /// TLS mode, when the listener has a `tls` block.
    pub tls_mode: Option<&'static str>,
    /// `certificateRefs` as written, for a terminating listener.
    pub certificate_refs: Option<Value>,
}

impl Listener {
    /// The port as a number, when it is one.
    #[must_use]
    pub fn port_number(&self) -> Option<i64> {
        match &self.port {
            Value::Int(port) => Some(*port),
            Value::String(text) => text.parse().ok(),
            _ => None,
        }
    }
}

/// The BackendTLSPolicy that makes the Gateway re-encrypt to the server.
#[derive(Clone, Debug)]
pub struct BackendTls {
    /// SNI sent to the server (`validation.hostname`).
    pub hostname: String,
    /// Whether the hostname is the default `<fullname>.<namespace>.svc`.
    pub hostname_defaulted: bool,
    /// `validation.caCertificateRefs`, as written or defaulted.
    pub ca_certificate_refs: Value,
    /// The Secret name of the defaulted CA, when the refs were defaulted.
    pub default_ca_secret: Option<String>,
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
        self.manifest_kind().as_str()
    }

    /// The manifest kind of the route.
    #[must_use]
    pub fn manifest_kind(self) -> crate::render::ManifestKind {
        match self {
            RouteKind::Grpc => crate::render::ManifestKind::GrpcRoute,
            RouteKind::Tls => crate::render::ManifestKind::TlsRoute,
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
    /// Whether `gatewayApi.routes.grpc.backendTls.enabled` is true.
    pub backend_tls_requested: bool,
    /// The BackendTLSPolicy, rendered when requested and the GRPCRoute is enabled.
    pub backend_tls: Option<BackendTls>,
    /// Whether the server requires client certificates (`server.tls.clientCaSecretName` set).
    pub mtls: bool,
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
        let listeners = listeners(values);

        let routes: Vec<RouteModel> = [RouteKind::Grpc, RouteKind::Tls]
            .into_iter()
            .filter(|kind| node_is_true(get(&format!("{}.enabled", kind.values_key()))))
            .map(|kind| RouteModel {
                kind,
                hostnames: get(&format!("{}.hostnames", kind.values_key()))
                    .filter(|node| is_true(&node.value))
                    .map(|node| node.value.clone()),
            })
            .collect();

        let backend_tls_requested = node_is_true(get("gatewayApi.routes.grpc.backendTls.enabled"));
        let grpc_enabled = routes
            .iter()
            .any(|route: &RouteModel| route.kind == RouteKind::Grpc);
        let backend_tls = (backend_tls_requested && grpc_enabled)
            .then(|| backend_tls(values, &fullname, &release.namespace, &server_certificate));
        let mtls = node_is_true(get("server.tls.clientCaSecretName"));

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
            backend_tls_requested,
            backend_tls,
            mtls,
        }
    }

    /// The route of `kind`, if rendered.
    #[must_use]
    pub fn route(&self, kind: RouteKind) -> Option<&RouteModel> {
        self.routes.iter().find(|route| route.kind == kind)
    }
}

/// Listeners of a chart-created Gateway, in the order http, https, tls.
fn listeners(values: &Node) -> Vec<Listener> {
    let get = |path: &str| values.lookup(path);
    let mut listeners = Vec::new();
    if node_is_true(get("gatewayApi.gateway.http.enabled")) {
        listeners.push(Listener {
            name: "http",
            port: Value::Int(80),
            protocol: "HTTP",
            tls_mode: None,
            certificate_refs: None,
        });
    }
    if node_is_true(get("gatewayApi.gateway.https.enabled")) {
        listeners.push(Listener {
            name: "https",
            port: get("gatewayApi.gateway.https.port")
                .map_or(Value::Null, |node| node.value.clone()),
            protocol: "HTTPS",
            tls_mode: Some("Terminate"),
            certificate_refs: Some(
                get("gatewayApi.gateway.https.certificateRefs")
                    .map_or(Value::List(Vec::new()), |node| node.value.clone()),
            ),
        });
    }
    if node_is_true(get("gatewayApi.routes.tls.enabled")) {
        listeners.push(Listener {
            name: "tls",
            port: Value::Int(443),
            protocol: "TLS",
            tls_mode: Some("Passthrough"),
            certificate_refs: None,
        });
    }
    listeners
}

/// The BackendTLSPolicy settings, with the defaults filled in: SNI
/// `<fullname>.<namespace>.svc` (a built-in SAN of the certificate Job), and the
/// CA of the active PKI mode.
fn backend_tls(
    values: &Node,
    fullname: &str,
    namespace: &str,
    certificate: &ServerCertificate,
) -> BackendTls {
    let get = |path: &str| values.lookup(path);
    let written_hostname =
        get("gatewayApi.routes.grpc.backendTls.hostname").filter(|node| is_true(&node.value));
    let hostname = written_hostname.map_or_else(
        || format!("{fullname}.{namespace}.svc"),
        |node| print(&node.value),
    );
    let written_refs = get("gatewayApi.routes.grpc.backendTls.caCertificateRefs")
        .filter(|node| is_true(&node.value));
    let (ca_certificate_refs, default_ca_secret) = match written_refs {
        Some(node) => (with_reference_defaults(&node.value), None),
        None => {
            let secret = default_ca_secret(values, certificate);
            (secret_ref(&secret, values), Some(secret))
        }
    };
    BackendTls {
        hostname,
        hostname_defaulted: written_hostname.is_none(),
        ca_certificate_refs,
        default_ca_secret,
    }
}

/// The Secret holding the CA that signed the server certificate: cert-manager's
/// CA Secret; otherwise the certificate Job's CA, published as `ca.crt` in the
/// client-CA Secret (or in the server TLS Secret when mTLS is off).
fn default_ca_secret(values: &Node, certificate: &ServerCertificate) -> String {
    let text = |path: &str| {
        values
            .lookup(path)
            .filter(|node| is_true(&node.value))
            .map(|node| print(&node.value))
    };
    match certificate {
        ServerCertificate::CertManager { .. } => text("certManager.caSecretName"),
        _ => text("server.tls.clientCaSecretName").or_else(|| text("server.tls.certSecretName")),
    }
    .unwrap_or_default()
}

/// CA references with the chart's defaults filled in: `group: ""` and
/// `kind: Secret`, which BackendTLSPolicy requires to be written out.
fn with_reference_defaults(refs: &Value) -> Value {
    let Value::List(items) = refs else {
        return refs.clone();
    };
    let items = items
        .iter()
        .map(|item| match &item.value {
            Value::Map(entry) => {
                let mut entry = entry.clone();
                for (key, default) in [("group", ""), ("kind", "Secret")] {
                    if !entry.contains_key(key) {
                        entry.insert(
                            key.to_owned(),
                            item.origin,
                            Node::new(Value::String(default.to_owned()), item.origin),
                        );
                    }
                }
                Node::new(Value::Map(entry), item.origin)
            }
            _ => item.clone(),
        })
        .collect();
    Value::List(items)
}

/// `[{group: "", kind: Secret, name}]` as a values node.
fn secret_ref(name: &str, values: &Node) -> Value {
    let origin = values.origin;
    let mut entry = crate::values::Map::new();
    for (key, value) in [("group", ""), ("kind", "Secret"), ("name", name)] {
        entry.insert(
            key.to_owned(),
            origin,
            Node::new(Value::String(value.to_owned()), origin),
        );
    }
    Value::List(vec![Node::new(Value::Map(entry), origin)])
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
