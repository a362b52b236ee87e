//! Rendered Gateway API resources as ingresslab passes them around (the
//! chart's own templates render them, through the engine), the one
//! minijinja environment for the diagrams, and YAML scalar helpers.

mod yaml_out;

use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment};

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
}

impl ManifestKind {
    /// Every kind.
    pub const ALL: [Self; 4] = [
        Self::Gateway,
        Self::GrpcRoute,
        Self::TlsRoute,
        Self::BackendTlsPolicy,
    ];

    /// The Kubernetes `kind` as written in a manifest.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gateway => "Gateway",
            Self::GrpcRoute => "GRPCRoute",
            Self::TlsRoute => "TLSRoute",
            Self::BackendTlsPolicy => "BackendTLSPolicy",
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

/// The one template environment: the diagrams.
pub(crate) fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        // SVG text must be XML-escaped; YAML and Mermaid are written as they are.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".svg") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .expect("embedded templates parse");
        }
        env
    })
}

/// Every template, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("diagram.svg", include_str!("../../templates/diagram.svg")),
    ("diagram.mmd", include_str!("../../templates/diagram.mmd")),
];
