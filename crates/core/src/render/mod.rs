//! Rendered Gateway API resources as ingresslab passes them around (the
//! chart's own templates render them, through the engine), the diagram
//! templates (Go templates, run by the same engine), and YAML scalar helpers.

mod yaml_out;

pub(crate) use yaml_out::{double_quoted, ordered_block, read_back, string_scalar as yaml_string};

/// The Gateway API kinds ingresslab renders and checks against their CRDs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ManifestKind {
    /// `gateway.networking.k8s.io/v1` Gateway.
    Gateway,
    /// `gateway.networking.k8s.io/v1` GRPCRoute.
    GrpcRoute,
    /// `gateway.networking.k8s.io/v1` TLSRoute.
    TlsRoute,
    /// `gateway.networking.k8s.io/v1` BackendTLSPolicy.
    BackendTlsPolicy,
    /// `gateway.envoyproxy.io/v1alpha1` BackendTrafficPolicy: Envoy Gateway's
    /// own, on the same path (it lifts the GRPCRoute's stream timeout).
    BackendTrafficPolicy,
}

impl ManifestKind {
    /// Every kind.
    pub const ALL: [Self; 5] = [
        Self::Gateway,
        Self::GrpcRoute,
        Self::TlsRoute,
        Self::BackendTlsPolicy,
        Self::BackendTrafficPolicy,
    ];

    /// The Kubernetes `kind` as written in a manifest.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gateway => "Gateway",
            Self::GrpcRoute => "GRPCRoute",
            Self::TlsRoute => "TLSRoute",
            Self::BackendTlsPolicy => "BackendTLSPolicy",
            Self::BackendTrafficPolicy => "BackendTrafficPolicy",
        }
    }

    /// The kind a manifest's `kind` names, if it is one of these.
    #[must_use]
    pub fn from_kind(kind: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.as_str() == kind)
    }
}

impl std::fmt::Display for ManifestKind {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One rendered resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// Its Gateway API kind.
    pub kind: ManifestKind,
    /// `metadata.name` as printed.
    pub name: String,
    /// The template file that rendered it (as in `# Source:`).
    pub template: String,
    /// The YAML document, ending with a newline, without `---`.
    pub yaml: String,
}

/// Join manifests into one multi-document YAML stream.
#[must_use]
pub fn to_yaml_stream(manifests: &[Manifest]) -> String {
    manifests
        .iter()
        .map(|manifest| format!("---\n{}", manifest.yaml))
        .collect()
}

/// Render one of the diagram templates with `context`, by the project's
/// own Go-template engine (the one that renders charts), ending with one
/// newline.
pub(crate) fn render_template(name: &str, context: &serde_json::Value) -> String {
    use crate::engine::exec::{Exec, Templates};
    thread_local! {
        static PARSED: Templates = {
            let mut templates = Templates::with_capacity(TEMPLATES.len());
            for (name, source) in TEMPLATES {
                templates
                    .add_file(name, source)
                    .expect("embedded templates parse");
            }
            templates
        };
    }
    let data = crate::engine::json::from_json(&context.to_string());
    let text = PARSED.with(|templates| {
        let mut exec = Exec::new(templates, crate::engine::random::Random::new(0), 0);
        exec.set_tracing(false);
        exec.render_file(name, &data).unwrap_or_default()
    });
    let mut text = text.trim_end_matches('\n').to_owned();
    text.push('\n');
    text
}

/// Every template, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("diagram.svg", include_str!("../../templates/diagram.svg")),
    ("diagram.mmd", include_str!("../../templates/diagram.mmd")),
];
