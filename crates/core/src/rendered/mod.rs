//! What a chart rendered, read back as the resources its traffic path is
//! made of: Gateways and their listeners, the routes (GRPCRoute, TLSRoute,
//! OpenShift Route), BackendTLSPolicies, the server's Services, whether the
//! server serves TLS (its `gateway.toml`), and the certificates issued for
//! it (cert-manager Certificates, the certificate Job's `--server-san`
//! arguments). Rules that reason about the path read these, so they hold on
//! every chart revision without knowing its keys; each fact keeps the
//! document and field it came from, for finding the values key behind it.

use std::cell::OnceCell;
use std::rc::Rc;

use serde_json::Value as Json;

use crate::engine::trace::{Emitted, KeyPath, Trace};
use crate::render::{Manifest, ManifestKind};
use crate::values::{Node, Value};

/// A document a chart's own templates rendered, and where it sits in its
/// template file's output.
pub(crate) struct Placed<'a> {
    /// The Gateway API kind, when it is one.
    pub(crate) gateway_api: Option<ManifestKind>,
    /// `apiVersion` and `kind` as written.
    pub(crate) api_version: String,
    /// `kind` as written.
    pub(crate) kind: String,
    /// `metadata.name` as printed.
    pub(crate) name: String,
    /// The YAML document, ending with a newline.
    pub(crate) yaml: String,
    /// The template file that rendered it (as in `# Source:`).
    pub(crate) file: &'a str,
    /// That file's output, and the byte offset of the document in it.
    pub(crate) placed_in: Option<(&'a str, usize)>,
    /// The document as JSON.
    pub(crate) json: Option<Json>,
    /// The document read with positions, once something is to be placed.
    tree: OnceCell<Option<Node>>,
}

impl<'a> Placed<'a> {
    /// Read one rendered document, whose `kind` Helm read while sorting.
    /// Only the kinds the path and the CRD checks look at are read further.
    pub(crate) fn new(
        content: &str,
        kind: &str,
        file: &'a str,
        placed_in: Option<(&'a str, usize)>,
    ) -> Self {
        const READ: &[&str] = &[
            "Service",
            "ConfigMap",
            "Certificate",
            "Job",
            "StatefulSet",
            "Deployment",
            "Route",
        ];
        let gateway_api = ManifestKind::from_kind(kind);
        let yaml = format!("{content}\n");
        let json = (gateway_api.is_some() || READ.contains(&kind))
            .then(|| document_json(&yaml))
            .flatten();
        let text = |pointer: &str| {
            json.as_ref()
                .and_then(|json| json.pointer(pointer))
                .map(json_text)
                .unwrap_or_default()
        };
        Self {
            gateway_api,
            api_version: text("/apiVersion"),
            name: text("/metadata/name"),
            kind: kind.to_owned(),
            yaml,
            file,
            placed_in,
            json,
            tree: OnceCell::new(),
        }
    }

    /// The Gateway API manifest, for a Gateway API document.
    pub(crate) fn manifest(&self) -> Option<Manifest> {
        Some(Manifest {
            template: self.file.to_owned(),
            kind: self.gateway_api?,
            name: self.name.clone(),
            yaml: self.yaml.clone(),
        })
    }

    fn is(&self, api_group: &str, kind: &str) -> bool {
        self.kind == kind
            && self
                .api_version
                .rsplit_once('/')
                .map_or("", |(group, _)| group)
                == api_group
    }

    fn at(&self, pointer: &str) -> Option<&Json> {
        self.json.as_ref()?.pointer(pointer)
    }

    fn tree(&self) -> Option<&Node> {
        self.tree
            .get_or_init(|| {
                crate::values::parse_document(
                    &self.yaml,
                    crate::span::SourceId(u32::MAX),
                    &mut Vec::new(),
                )
            })
            .as_ref()
    }

    /// The values keys printed into the field at `pointer` (or the nearest
    /// field above it that exists); see [`keys_printed_into`].
    pub(crate) fn keys_printed_at(&self, pointer: &str, emitted: &[Emitted]) -> Vec<Rc<KeyPath>> {
        match (self.tree(), self.placed_in) {
            (Some(tree), Some((text, offset))) => {
                keys_printed_into(tree, self.file, text, offset, pointer, emitted)
            }
            _ => Vec::new(),
        }
    }

    /// The bytes of the file's output the field at `pointer` spans.
    fn field_range(&self, pointer: &str) -> Option<std::ops::Range<usize>> {
        let (_, offset) = self.placed_in?;
        let mut node = self.tree()?;
        for step in pointer.split('/').skip(1) {
            node = match &node.value {
                Value::Map(map) => map.get(step)?,
                Value::List(items) => items.get(step.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        let span = node.origin.span;
        Some(offset + span.start as usize..offset + span.end as usize)
    }

    /// The keys behind the field at `pointer`: those printed into it, else
    /// those of the conditions that let it through, innermost first.
    pub(crate) fn keys_behind(&self, pointer: &str, trace: &Trace) -> Vec<Rc<KeyPath>> {
        let printed = self.keys_printed_at(pointer, &trace.emitted);
        if !printed.is_empty() {
            return printed;
        }
        match self.field_range(pointer) {
            Some(range) => trace.gates_at(self.file, range.start),
            None => self.keys_of_document(trace),
        }
    }

    /// The keys of the conditions that let `needle`, a text of the
    /// document, through (the server's TLS section), or none when the
    /// document does not hold it.
    pub(crate) fn keys_of_text(&self, needle: &str, trace: &Trace) -> Vec<Rc<KeyPath>> {
        let Some((text, offset)) = self.placed_in else {
            return Vec::new();
        };
        let document = &text[offset..];
        let Some(at) = document.find(needle).filter(|at| *at < self.yaml.len()) else {
            return Vec::new();
        };
        trace.gates_at(self.file, offset + at)
    }

    /// The keys of the conditions that let the whole document through.
    pub(crate) fn keys_of_document(&self, trace: &Trace) -> Vec<Rc<KeyPath>> {
        let Some((_, offset)) = self.placed_in else {
            return Vec::new();
        };
        // Where its content starts: the comments above it may come before
        // the condition.
        let content = self
            .yaml
            .split_inclusive('\n')
            .take_while(|line| {
                let line = line.trim_start();
                line.is_empty() || line.starts_with('#')
            })
            .map(str::len)
            .sum::<usize>();
        trace.gates_at(self.file, offset + content)
    }

    /// The values lists ranged over to print the field at `pointer`, even
    /// where they printed nothing.
    pub(crate) fn lists_behind(&self, pointer: &str, trace: &Trace) -> Vec<Rc<KeyPath>> {
        let Some(mut range) = self.field_range(pointer) else {
            return Vec::new();
        };
        // An empty list's place is at the end of the field's last line.
        if let Some((text, _)) = self.placed_in {
            let rest = text.get(range.end..).unwrap_or_default();
            range.end += rest.find('\n').map_or(rest.len(), |at| at + 1);
        }
        trace.lists_within(self.file, &range)
    }
}

/// Every document of a render (hooks last), placed in its file's output.
pub(crate) fn placed_documents(output: &crate::helm::TemplateOutput) -> Vec<Placed<'_>> {
    output
        .sorted
        .manifests
        .iter()
        .chain(&output.sorted.hooks)
        .map(|document| {
            let placed_in = output
                .rendered
                .get(&document.source)
                .and_then(|text| Some((text.as_str(), offset_in(text, &document.content)?)));
            Placed::new(
                &document.content,
                &document.kind,
                &document.source,
                placed_in,
            )
        })
        .collect()
}

/// Where `document`, a document split out of `text`, starts in it. A short
/// prefix is searched and the rest compared: a searcher for the whole
/// document would cost more to build than the search.
pub(crate) fn offset_in(text: &str, document: &str) -> Option<usize> {
    let prefix = &document.as_bytes()[..document.len().min(32)];
    memchr::memmem::find_iter(text.as_bytes(), prefix)
        .find(|&at| text.as_bytes()[at..].starts_with(document.as_bytes()))
}

/// A rendered document as JSON.
pub(crate) fn document_json(yaml: &str) -> Option<Json> {
    crate::engine::yaml::document_json(yaml)
}

fn json_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// A Gateway listener's protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `HTTP`.
    Http,
    /// `HTTPS`.
    Https,
    /// `TLS`.
    Tls,
    /// Anything else (`TCP`, `UDP`, a controller's own).
    Other,
}

impl Protocol {
    fn parse(text: &str) -> Self {
        match text {
            "HTTP" => Self::Http,
            "HTTPS" => Self::Https,
            "TLS" => Self::Tls,
            _ => Self::Other,
        }
    }

    /// The protocol as the Gateway API writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "HTTP",
            Self::Https => "HTTPS",
            Self::Tls => "TLS",
            Self::Other => "other",
        }
    }
}

impl std::fmt::Display for Protocol {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What a listener does with TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    /// The Gateway ends the client's TLS session.
    Terminate,
    /// The Gateway forwards the TLS stream by SNI.
    Passthrough,
}

impl std::fmt::Display for TlsMode {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(match self {
            TlsMode::Terminate => "Terminate",
            TlsMode::Passthrough => "Passthrough",
        })
    }
}

/// One listener of a rendered Gateway.
#[derive(Clone, Debug)]
pub(crate) struct Listener {
    pub(crate) name: String,
    /// The port as printed.
    pub(crate) port: String,
    pub(crate) protocol: Protocol,
    /// `tls.mode`, defaulted as the Gateway API defaults it (Terminate).
    pub(crate) tls_mode: Option<TlsMode>,
    /// Names of the Secrets in `tls.certificateRefs`.
    pub(crate) certificate_refs: Vec<String>,
}

impl Listener {
    /// Whether a route of `kind` can attach to this listener: GRPCRoutes
    /// to HTTP and HTTPS listeners, TLSRoutes to TLS listeners.
    pub(crate) fn carries(&self, kind: RouteKind) -> bool {
        match kind {
            RouteKind::Grpc => matches!(self.protocol, Protocol::Http | Protocol::Https),
            RouteKind::Tls => self.protocol == Protocol::Tls,
            RouteKind::OpenShift => false,
        }
    }
}

/// A rendered Gateway.
#[derive(Clone, Debug)]
pub(crate) struct Gateway {
    /// Index of its document.
    pub(crate) document: usize,
    pub(crate) name: String,
    /// `metadata.namespace`, when printed.
    pub(crate) namespace: Option<String>,
    /// `spec.gatewayClassName`.
    pub(crate) class_name: String,
    pub(crate) listeners: Vec<Listener>,
}

/// A route's `parentRefs` entry naming a Gateway.
#[derive(Clone, Debug)]
pub(crate) struct ParentRef {
    pub(crate) name: String,
    /// `namespace`, when printed (else the route's own).
    pub(crate) namespace: Option<String>,
    /// `sectionName`: one listener by name.
    pub(crate) section: Option<String>,
    /// `port`: the listeners on one port.
    pub(crate) port: Option<String>,
}

impl ParentRef {
    /// Whether it names `gateway`, with `namespace` standing for an
    /// unprinted namespace on either side (the release's).
    pub(crate) fn names(&self, gateway: &Gateway, namespace: &str) -> bool {
        self.name == gateway.name
            && self.namespace.as_deref().unwrap_or(namespace)
                == gateway.namespace.as_deref().unwrap_or(namespace)
    }

    /// Whether its `sectionName` and `port`, if any, admit `listener`.
    pub(crate) fn admits(&self, listener: &Listener) -> bool {
        self.section
            .as_ref()
            .is_none_or(|section| *section == listener.name)
            && self.port.as_ref().is_none_or(|port| *port == listener.port)
    }
}

/// A Service a route forwards to.
#[derive(Clone, Debug)]
pub(crate) struct Backend {
    pub(crate) name: String,
    /// The port as printed (a number, or an OpenShift Route's target port name).
    pub(crate) port: String,
}

/// Which kind of route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RouteKind {
    /// GRPCRoute: the Gateway ends TLS (if any) and forwards HTTP/2.
    Grpc,
    /// TLSRoute: forwarded by SNI.
    Tls,
    /// `route.openshift.io` Route.
    OpenShift,
}

impl RouteKind {
    /// The resource kind.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RouteKind::Grpc => "GRPCRoute",
            RouteKind::Tls => "TLSRoute",
            RouteKind::OpenShift => "Route",
        }
    }
}

/// A rendered route: its hostnames, what it attaches to and forwards to.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    /// Index of its document.
    pub(crate) document: usize,
    pub(crate) kind: RouteKind,
    pub(crate) name: String,
    /// External hostnames (`spec.hostnames`, or an OpenShift Route's
    /// `spec.host`), with the JSON pointer of each.
    pub(crate) hostnames: Vec<(String, String)>,
    /// The Gateways it attaches to (none for an OpenShift Route).
    pub(crate) parents: Vec<ParentRef>,
    /// The Services it forwards to.
    pub(crate) backends: Vec<Backend>,
    /// Whether the client's TLS stream reaches the backend untouched.
    pub(crate) passthrough: bool,
}

/// A rendered Service.
#[derive(Clone, Debug)]
pub(crate) struct Service {
    pub(crate) name: String,
    /// `(name, port)` of each port, as printed.
    pub(crate) ports: Vec<(String, String)>,
}

impl Backend {
    /// The port number: a port name (an OpenShift Route's `targetPort`)
    /// looked up in the rendered Service.
    pub(crate) fn port_number<'s>(&'s self, services: &'s [Service]) -> &'s str {
        services
            .iter()
            .filter(|service| service.name == self.name)
            .flat_map(|service| &service.ports)
            .find(|(name, _)| !name.is_empty() && *name == self.port)
            .map_or(&self.port, |(_, port)| port)
    }
}

/// A rendered BackendTLSPolicy.
#[derive(Clone, Debug)]
pub(crate) struct BackendTlsPolicy {
    pub(crate) document: usize,
    pub(crate) name: String,
    /// Services it targets.
    pub(crate) targets: Vec<String>,
    /// `validation.hostname`: the SNI the Gateway sends.
    pub(crate) hostname: Option<String>,
    /// `validation.caCertificateRefs`, each as `Kind/name`.
    pub(crate) ca_certificates: Vec<String>,
}

/// A rendered Envoy Gateway BackendTrafficPolicy, for its route timeout.
#[derive(Clone, Debug)]
pub(crate) struct TrafficPolicy {
    /// What it targets, as `(kind, name)`: a route or a Gateway.
    pub(crate) targets: Vec<(String, String)>,
    /// `timeout.http.requestTimeout`, when set.
    pub(crate) request_timeout: Option<String>,
}

impl TrafficPolicy {
    /// Whether it sets the route timeout of the route `name` of `kind`, or of
    /// every route of the Gateway `gateway`.
    pub(crate) fn times(&self, kind: RouteKind, name: &str, gateway: Option<&str>) -> bool {
        self.request_timeout.is_some()
            && self.targets.iter().any(|(target_kind, target)| {
                (target_kind == kind.as_str() && target == name)
                    || (target_kind == "Gateway" && Some(target.as_str()) == gateway)
            })
    }
}

/// Who issues a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Issuer {
    /// A cert-manager Certificate.
    CertManager,
    /// The chart's certificate Job (`--server-san` arguments).
    Job,
}

/// A server certificate the chart has issued: the Secret it lands in and
/// the DNS names it covers.
#[derive(Clone, Debug)]
pub(crate) struct IssuedCertificate {
    pub(crate) document: usize,
    pub(crate) issuer: Issuer,
    pub(crate) secret: String,
    /// DNS names, with the pointer of each.
    pub(crate) dns_names: Vec<(String, String)>,
    /// The pointer of the field listing the names.
    pub(crate) names_field: String,
}

impl IssuedCertificate {
    /// Whether the certificate covers `name` (RFC 6125 wildcards).
    pub(crate) fn covers(&self, name: &str) -> bool {
        self.dns_names
            .iter()
            .any(|(san, _)| crate::formats::san_covers(san, name))
    }
}

/// The server's TLS, from its rendered `gateway.toml`.
#[derive(Clone, Debug)]
pub(crate) struct ServerTls {
    /// The Secret of the certificate it serves by default, when the
    /// workload's mounts say.
    pub(crate) secret: Option<String>,
    /// SNI names served with the external certificate, and its Secret.
    pub(crate) external_names: Vec<String>,
    pub(crate) external_secret: Option<String>,
    /// Whether it asks clients for certificates (mTLS): its configuration
    /// names a client CA and, where the workload is rendered, a Secret is
    /// mounted there.
    pub(crate) client_ca: bool,
}

/// The OpenShell server as rendered.
#[derive(Clone, Debug)]
pub(crate) struct Server {
    /// Index of the ConfigMap holding `gateway.toml`.
    pub(crate) config: usize,
    /// Its TLS, or `None` when it serves plaintext.
    pub(crate) tls: Option<ServerTls>,
}

/// Everything on the traffic path a render holds.
pub(crate) struct Rendered<'a> {
    pub(crate) documents: Vec<Placed<'a>>,
    pub(crate) gateways: Vec<Gateway>,
    pub(crate) routes: Vec<Route>,
    pub(crate) backend_tls: Vec<BackendTlsPolicy>,
    /// Envoy Gateway BackendTrafficPolicies.
    pub(crate) traffic_policies: Vec<TrafficPolicy>,
    /// The rendered Services.
    pub(crate) services: Vec<Service>,
    pub(crate) certificates: Vec<IssuedCertificate>,
    pub(crate) server: Option<Server>,
}

impl<'a> Rendered<'a> {
    /// Read the path out of a render's documents.
    pub(crate) fn read(documents: Vec<Placed<'a>>) -> Self {
        let mut rendered = Self {
            documents: Vec::new(),
            gateways: Vec::new(),
            routes: Vec::new(),
            backend_tls: Vec::new(),
            traffic_policies: Vec::new(),
            services: Vec::new(),
            certificates: Vec::new(),
            server: None,
        };
        let mut mounts = Vec::new();
        for (index, document) in documents.iter().enumerate() {
            rendered.read_document(index, document, &mut mounts);
        }
        if let Some(server) = &mut rendered.server
            && let Some(tls) = &mut server.tls
        {
            let secret_at = |path: &Option<String>| {
                let directory = path.as_deref()?.rsplit_once('/')?.0;
                mounts
                    .iter()
                    .find(|(mount, _)| mount == directory)
                    .map(|(_, secret): &(String, String)| secret.clone())
            };
            let paths = documents[server.config].gateway_toml().map(|toml| {
                let tls = toml_at(&toml, &["openshell", "gateway", "tls"]);
                let path = |key: &str| {
                    tls.and_then(|tls| tls.get(key))
                        .and_then(toml::Value::as_str)
                        .map(str::to_owned)
                };
                (
                    path("cert_path"),
                    path("external_cert_path"),
                    path("client_ca_path"),
                )
            });
            if let Some((main, external, client_ca)) = paths {
                tls.secret = secret_at(&main);
                tls.external_secret = secret_at(&external);
                // Without a rendered workload the configuration alone says.
                tls.client_ca =
                    client_ca.is_some() && (mounts.is_empty() || secret_at(&client_ca).is_some());
            }
        }
        // A TLSRoute on a Gateway whose TLS listeners all terminate is not
        // passed through.
        let tls_listeners: Vec<&Listener> = rendered
            .gateways
            .iter()
            .flat_map(|gateway| &gateway.listeners)
            .filter(|listener| listener.protocol == Protocol::Tls)
            .collect();
        if !tls_listeners.is_empty()
            && tls_listeners
                .iter()
                .all(|listener| listener.tls_mode == Some(TlsMode::Terminate))
        {
            for route in &mut rendered.routes {
                if route.kind == RouteKind::Tls {
                    route.passthrough = false;
                }
            }
        }
        rendered.documents = documents;
        rendered
    }

    fn read_document(
        &mut self,
        index: usize,
        document: &Placed<'_>,
        mounts: &mut Vec<(String, String)>,
    ) {
        let Some(json) = &document.json else {
            return;
        };
        let strings = |value: Option<&Json>| -> Vec<(String, usize)> {
            value
                .and_then(Json::as_array)
                .map(|items| {
                    items
                        .iter()
                        .enumerate()
                        .filter_map(|(at, item)| Some((item.as_str()?.to_owned(), at)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let spec = &json["spec"];
        match document.gateway_api {
            Some(ManifestKind::Gateway) => {
                let listeners = spec["listeners"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|listener| {
                        let protocol = Protocol::parse(listener["protocol"].as_str().unwrap_or(""));
                        let tls_mode = match (protocol, listener["tls"]["mode"].as_str()) {
                            (_, Some("Passthrough")) => Some(TlsMode::Passthrough),
                            (Protocol::Https | Protocol::Tls, _) => Some(TlsMode::Terminate),
                            _ => None,
                        };
                        Listener {
                            name: json_text(&listener["name"]),
                            port: json_text(&listener["port"]),
                            protocol,
                            tls_mode,
                            certificate_refs: listener["tls"]["certificateRefs"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .map(|reference| json_text(&reference["name"]))
                                .collect(),
                        }
                    })
                    .collect();
                self.gateways.push(Gateway {
                    document: index,
                    name: document.name.clone(),
                    namespace: json["metadata"]["namespace"].as_str().map(str::to_owned),
                    class_name: json_text(&spec["gatewayClassName"]),
                    listeners,
                });
            }
            Some(kind @ (ManifestKind::GrpcRoute | ManifestKind::TlsRoute)) => {
                let route_kind = if kind == ManifestKind::GrpcRoute {
                    RouteKind::Grpc
                } else {
                    RouteKind::Tls
                };
                let backends = spec["rules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|rule| rule["backendRefs"].as_array().into_iter().flatten())
                    .filter(|backend| backend["kind"].as_str().unwrap_or("Service") == "Service")
                    .filter_map(|backend| {
                        Some(Backend {
                            name: backend["name"].as_str()?.to_owned(),
                            port: json_text(&backend["port"]),
                        })
                    })
                    .collect();
                let text = |value: &Json| value.as_str().map(str::to_owned);
                let parents = spec["parentRefs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|parent| parent["kind"].as_str().unwrap_or("Gateway") == "Gateway")
                    .filter_map(|parent| {
                        Some(ParentRef {
                            name: parent["name"].as_str()?.to_owned(),
                            namespace: text(&parent["namespace"])
                                .or_else(|| text(&json["metadata"]["namespace"])),
                            section: text(&parent["sectionName"]),
                            port: (!parent["port"].is_null()).then(|| json_text(&parent["port"])),
                        })
                    })
                    .collect();
                let hostnames = strings(spec.get("hostnames"))
                    .into_iter()
                    .map(|(name, at)| (name, format!("/spec/hostnames/{at}")))
                    .collect();
                self.routes.push(Route {
                    document: index,
                    kind: route_kind,
                    name: document.name.clone(),
                    hostnames,
                    parents,
                    backends,
                    // Decided once the Gateways are known: see `passthrough`.
                    passthrough: route_kind == RouteKind::Tls,
                });
            }
            Some(ManifestKind::BackendTlsPolicy) => {
                self.backend_tls.push(BackendTlsPolicy {
                    document: index,
                    name: document.name.clone(),
                    targets: spec["targetRefs"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|target| target["kind"].as_str().unwrap_or("Service") == "Service")
                        .filter_map(|target| Some(target["name"].as_str()?.to_owned()))
                        .collect(),
                    hostname: spec["validation"]["hostname"].as_str().map(str::to_owned),
                    ca_certificates: spec["validation"]["caCertificateRefs"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|reference| match reference["kind"].as_str() {
                            Some(kind) if !kind.is_empty() => {
                                format!("{kind}/{}", json_text(&reference["name"]))
                            }
                            _ => json_text(&reference["name"]),
                        })
                        .collect(),
                });
            }
            None if document.is("route.openshift.io", "Route") => {
                let host = spec["host"].as_str().filter(|host| !host.is_empty());
                self.routes.push(Route {
                    document: index,
                    kind: RouteKind::OpenShift,
                    name: document.name.clone(),
                    hostnames: host
                        .map(|host| (host.to_owned(), "/spec/host".to_owned()))
                        .into_iter()
                        .collect(),
                    parents: Vec::new(),
                    backends: spec["to"]["name"]
                        .as_str()
                        .map(|name| Backend {
                            name: name.to_owned(),
                            port: json_text(&spec["port"]["targetPort"]),
                        })
                        .into_iter()
                        .collect(),
                    passthrough: spec["tls"]["termination"].as_str() == Some("passthrough"),
                });
            }
            Some(ManifestKind::BackendTrafficPolicy)
                if document.is("gateway.envoyproxy.io", "BackendTrafficPolicy") =>
            {
                let mut targets: Vec<(String, String)> = spec["targetRefs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .chain(spec.get("targetRef"))
                    .map(|target| (json_text(&target["kind"]), json_text(&target["name"])))
                    .collect();
                targets.retain(|(kind, name)| !kind.is_empty() && !name.is_empty());
                self.traffic_policies.push(TrafficPolicy {
                    targets,
                    request_timeout: spec["timeout"]["http"]["requestTimeout"]
                        .as_str()
                        .map(str::to_owned),
                });
            }
            None if document.is("", "Service") => self.services.push(Service {
                name: document.name.clone(),
                ports: spec["ports"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|port| (json_text(&port["name"]), json_text(&port["port"])))
                    .collect(),
            }),
            None if document.is("cert-manager.io", "Certificate") => {
                let server_auth = strings(spec.get("usages"))
                    .iter()
                    .any(|(usage, _)| usage == "server auth");
                if let (true, Some(secret)) = (server_auth, spec["secretName"].as_str()) {
                    self.certificates.push(IssuedCertificate {
                        document: index,
                        issuer: Issuer::CertManager,
                        secret: secret.to_owned(),
                        dns_names: strings(spec.get("dnsNames"))
                            .into_iter()
                            .map(|(name, at)| (name, format!("/spec/dnsNames/{at}")))
                            .collect(),
                        names_field: "/spec/dnsNames".to_owned(),
                    });
                }
            }
            None if document.is("batch", "Job") => self.read_certificate_job(index, json),
            None if document.is("", "ConfigMap") => {
                if let Some(toml) = document.gateway_toml() {
                    let tls =
                        toml_at(&toml, &["openshell", "gateway", "tls"]).map(|tls| ServerTls {
                            secret: None,
                            external_names: tls
                                .get("external_server_names")
                                .and_then(toml::Value::as_array)
                                .into_iter()
                                .flatten()
                                .filter_map(|name| Some(name.as_str()?.to_owned()))
                                .collect(),
                            external_secret: None,
                            client_ca: false,
                        });
                    self.server = Some(Server { config: index, tls });
                }
            }
            None if document.is("apps", "StatefulSet") || document.is("apps", "Deployment") => {
                mounts.extend(workload_mounts(&spec["template"]["spec"]));
            }
            Some(ManifestKind::BackendTrafficPolicy) | None => {}
        }
    }

    /// The certificate Job's server certificate: `--server-secret-name=`
    /// and each `--server-san=` that is not an IP address.
    fn read_certificate_job(&mut self, index: usize, json: &Json) {
        let containers = json["spec"]["template"]["spec"]["containers"].as_array();
        for (at, container) in containers.into_iter().flatten().enumerate() {
            let args = container["args"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate();
            let mut secret = None;
            let mut dns_names = Vec::new();
            for (arg_at, arg) in args {
                let arg = arg.as_str().unwrap_or_default();
                if let Some(name) = arg.strip_prefix("--server-secret-name=") {
                    secret = Some(name.to_owned());
                } else if let Some(san) = arg.strip_prefix("--server-san=")
                    && !crate::formats::is_ip_address(san)
                {
                    dns_names.push((
                        san.to_owned(),
                        format!("/spec/template/spec/containers/{at}/args/{arg_at}"),
                    ));
                }
            }
            if let Some(secret) = secret {
                self.certificates.push(IssuedCertificate {
                    document: index,
                    issuer: Issuer::Job,
                    secret,
                    dns_names,
                    names_field: format!("/spec/template/spec/containers/{at}/args"),
                });
            }
        }
    }

    /// Whether the chart rendered a Gateway.
    pub(crate) fn creates_gateway(&self) -> bool {
        !self.gateways.is_empty()
    }

    /// The rendered route of `kind`, if any.
    pub(crate) fn route(&self, kind: RouteKind) -> Option<&Route> {
        self.routes.iter().find(|route| route.kind == kind)
    }

    /// The rendered GRPCRoutes and TLSRoutes.
    pub(crate) fn gateway_routes(&self) -> impl Iterator<Item = &Route> {
        self.routes
            .iter()
            .filter(|route| matches!(route.kind, RouteKind::Grpc | RouteKind::Tls))
    }

    /// The Gateway the routes attach to, as `(namespace, name)`, with
    /// `namespace` for one the templates did not print.
    pub(crate) fn parent_gateway(&self, namespace: &str) -> Option<(String, String)> {
        let parent = self
            .gateway_routes()
            .find_map(|route| route.parents.first())?;
        Some((
            parent
                .namespace
                .clone()
                .unwrap_or_else(|| namespace.to_owned()),
            parent.name.clone(),
        ))
    }

    /// Whether `service` is the OpenShell server's Service. Without a
    /// rendered Service to tell, a route's backend is taken to be it.
    pub(crate) fn is_server(&self, service: &str) -> bool {
        self.services.is_empty() || self.services.iter().any(|known| known.name == service)
    }

    /// The server's TLS: `Some(None)` for plaintext, `None` when the render
    /// does not say.
    pub(crate) fn server_tls(&self) -> Option<Option<&ServerTls>> {
        self.server.as_ref().map(|server| server.tls.as_ref())
    }

    /// The certificate the server presents to a client asking for `sni`,
    /// when the chart issued it.
    pub(crate) fn serving_certificate(&self, sni: &str) -> Option<&IssuedCertificate> {
        let tls = self.server_tls()??;
        let external = tls
            .external_names
            .iter()
            .any(|name| name.eq_ignore_ascii_case(sni));
        let secret = if external {
            tls.external_secret.as_deref()
        } else {
            tls.secret.as_deref()
        };
        match secret {
            Some(secret) => self
                .certificates
                .iter()
                .find(|certificate| certificate.secret == secret),
            // Without the workload's mounts, only a sole certificate is sure.
            None if !external && self.certificates.len() == 1 => self.certificates.first(),
            None => None,
        }
    }

    /// The policies that make the Gateway speak TLS to `service`.
    /// The limit `controller` puts on the streams of the GRPCRoute `route`
    /// through the Gateway named `gateway`: its default, unless it is Envoy
    /// Gateway and a rendered BackendTrafficPolicy sets the route's timeout.
    pub(crate) fn grpc_stream_limit(
        &self,
        controller: crate::controllers::Controller,
        route: &Route,
        gateway: Option<&str>,
    ) -> Option<crate::controllers::StreamLimit> {
        use crate::controllers::{Controller, StreamLimit};
        let lifted = controller == Controller::EnvoyGateway
            && self
                .traffic_policies
                .iter()
                .any(|policy| policy.times(RouteKind::Grpc, &route.name, gateway));
        match controller.profile().grpc_stream_limit.value {
            StreamLimit::None => None,
            _ if lifted => None,
            limit => Some(limit),
        }
    }

    pub(crate) fn policies_for<'s>(
        &'s self,
        service: &'s str,
    ) -> impl Iterator<Item = &'s BackendTlsPolicy> + 's {
        self.backend_tls
            .iter()
            .filter(move |policy| policy.targets.iter().any(|target| target == service))
    }
}

impl Placed<'_> {
    /// `data."gateway.toml"` of a ConfigMap, parsed.
    fn gateway_toml(&self) -> Option<toml::Table> {
        let text = self.at("/data/gateway.toml")?.as_str()?;
        text.parse::<toml::Table>().ok()
    }
}

fn toml_at<'t>(table: &'t toml::Table, path: &[&str]) -> Option<&'t toml::Table> {
    path.iter()
        .try_fold(table, |table, key| table.get(*key)?.as_table())
}

/// `(mount directory, Secret name)` of every Secret volume a pod spec mounts.
fn workload_mounts(pod: &Json) -> Vec<(String, String)> {
    let secrets: Vec<(&str, &str)> = pod["volumes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|volume| {
            Some((
                volume["name"].as_str()?,
                volume["secret"]["secretName"].as_str()?,
            ))
        })
        .collect();
    pod["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|container| container["volumeMounts"].as_array().into_iter().flatten())
        .filter_map(|mount| {
            let name = mount["name"].as_str()?;
            let (_, secret) = secrets.iter().find(|(volume, _)| *volume == name)?;
            Some((
                mount["mountPath"]
                    .as_str()?
                    .trim_end_matches('/')
                    .to_owned(),
                (*secret).to_owned(),
            ))
        })
        .collect()
}

/// The values keys printed into the field at `pointer` of the document
/// `root` (which starts at `offset` in `file`'s output), or into the nearest
/// field above it that exists. A key printed whole above the field (a list
/// through `toYaml`) is followed down to the field: `hostnames[0]`.
pub(crate) fn keys_printed_into(
    root: &Node,
    file: &str,
    file_text: &str,
    offset: usize,
    pointer: &str,
    emitted: &[Emitted],
) -> Vec<Rc<KeyPath>> {
    // The nodes from the document down to the field, with the step to each.
    let mut chain: Vec<(Option<String>, &Node)> = vec![(None, root)];
    for step in pointer.split('/').skip(1) {
        let step = step.replace("~1", "/").replace("~0", "~");
        let Some(&(_, node)) = chain.last() else {
            break;
        };
        let next = match &node.value {
            Value::Map(map) => map.get(&step),
            Value::List(items) => step
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index)),
            _ => None,
        };
        match next {
            Some(child) => chain.push((Some(step), child)),
            None => break,
        }
    }
    let range = |node: &Node| {
        let start = offset + node.origin.span.start as usize;
        start..(offset + node.origin.span.end as usize).max(start + 1)
    };
    let Some((_, target)) = chain.last() else {
        return Vec::new();
    };
    // A field that is not there (a required one left out) belongs to a key
    // only when that key printed the whole value around it, not when a key
    // printed something else inside it.
    let reached = chain.len() == pointer.split('/').count();
    // The field's value runs to the end of its last line: an empty one
    // (`port:`) was printed after it, and trimmed from the document's end.
    let mut target = range(target);
    let last_line_end = file_text
        .get(target.end.saturating_sub(1)..)
        .and_then(|rest| rest.find('\n'))
        .map_or(file_text.len(), |newline| {
            target.end.saturating_sub(1) + newline
        });
    target.end = target.end.max(last_line_end + 1);
    let mut keys = Vec::new();
    for print in emitted {
        let printed = print.range.start..print.range.end.max(print.range.start + 1);
        let concerns = if reached {
            printed.start < target.end && target.start < printed.end
        } else {
            printed.start <= target.start && target.end <= printed.end
        };
        if &*print.file != file || !concerns {
            continue;
        }
        // The first node of the chain that lies inside the print is the
        // printed value itself; the steps below it lead into that value.
        let inside = chain.iter().position(|(_, node)| {
            let span = range(node);
            printed.start <= span.start && span.end <= printed.end
        });
        let key = match inside {
            Some(at) => chain[at + 1..]
                .iter()
                .fold((*print.path).clone(), |path, (step, _)| {
                    match step.as_deref().map(|step| (step, step.parse::<usize>())) {
                        Some((_, Ok(index))) => path.index(index),
                        Some((step, Err(_))) => path.key(step),
                        None => path,
                    }
                }),
            None => (*print.path).clone(),
        };
        let key = Rc::new(key);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}
