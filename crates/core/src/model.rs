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
}

impl Model {
    /// Resolve the model from merged values.
    #[must_use]
    pub fn resolve(values: &Node, release: &Release, chart: &ChartMetadata) -> Self {
        let get = |path: &str| values.lookup(path);
        let name = trunc_trim(&default_to(&chart.name, get("nameOverride")), NAME_MAX);
        let fullname = fullname(values, release, chart);
        let labels = labels(release, chart, &name);

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
fn fullname(values: &Node, release: &Release, chart: &ChartMetadata) -> String {
    if let Some(node) = values
        .lookup("fullnameOverride")
        .filter(|node| is_true(&node.value))
    {
        return trunc_trim(&print(&node.value), NAME_MAX);
    }
    let name = default_to(&chart.name, values.lookup("nameOverride"));
    if release.name.contains(&name) {
        trunc_trim(&release.name, NAME_MAX)
    } else {
        trunc_trim(&format!("{}-{name}", release.name), NAME_MAX)
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
