//! Rendering: the model → Gateway API manifests, through minijinja templates
//! kept as files in `crates/core/templates/` and embedded at compile time.

mod yaml_out;

use std::sync::OnceLock;

use minijinja::value::{Object, Value as TemplateValue};
use minijinja::{
    AutoEscape, Environment, Error as TemplateError, ErrorKind as TemplateErrorKind, context,
};

use crate::gotmpl::print;
use crate::model::{Model, RouteModel};
use crate::values::Value;

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

/// A values-tree value handed to a template; filters print it the way Go does.
#[derive(Debug)]
struct GoValue(Value);

impl Object for GoValue {}

fn go_value(value: &Value) -> TemplateValue {
    TemplateValue::from_object(GoValue(value.clone()))
}

/// The one template environment: manifests and diagrams.
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
        env.add_filter("scalar", scalar_filter);
        env.add_filter("quote", quote_filter);
        env.add_filter("to_yaml", to_yaml_filter);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .expect("embedded templates parse");
        }
        env
    })
}

/// Every template, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "_helpers.yaml",
        include_str!("../../templates/_helpers.yaml"),
    ),
    ("gateway.yaml", include_str!("../../templates/gateway.yaml")),
    ("route.yaml", include_str!("../../templates/route.yaml")),
    (
        "backendtlspolicy.yaml",
        include_str!("../../templates/backendtlspolicy.yaml"),
    ),
    ("diagram.svg", include_str!("../../templates/diagram.svg")),
    ("diagram.mmd", include_str!("../../templates/diagram.mmd")),
];

fn printed(value: &TemplateValue) -> String {
    match value.downcast_object_ref::<GoValue>() {
        Some(go) => print(&go.0),
        None => value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned),
    }
}

/// `{{ value }}` as Helm prints it into the document.
fn scalar_filter(value: &TemplateValue) -> String {
    yaml_out::raw_scalar(&printed(value))
}

/// Sprig's `quote`.
fn quote_filter(value: &TemplateValue) -> String {
    double_quoted(&printed(value))
}

/// `toYaml value | nindent N`.
fn to_yaml_filter(value: &TemplateValue, indent: usize) -> Result<String, TemplateError> {
    let go = value.downcast_object_ref::<GoValue>().ok_or_else(|| {
        TemplateError::new(
            TemplateErrorKind::InvalidOperation,
            "to_yaml needs a values node",
        )
    })?;
    Ok(yaml_out::nindent_block(&go.0, indent))
}

/// Render every resource the model calls for, in the order Gateway,
/// GRPCRoute, TLSRoute, BackendTLSPolicy.
///
/// # Errors
/// Only if a template is broken, which the tests rule out.
pub(crate) fn render(model: &Model) -> Result<Vec<Manifest>, TemplateError> {
    let env = environment();
    let gateway = &model.gateway;
    let base = context! {
        fullname => model.fullname,
        namespace => model.release.namespace,
        model_labels => model.labels,
        service_port => go_value(&model.service_port),
        gateway => context! {
            name => gateway.name,
            namespace => gateway.namespace,
            class_name => go_value(&gateway.class_name),
            listeners => gateway.listeners.iter().map(|listener| context! {
                name => listener.name,
                port => go_value(&listener.port),
                protocol => listener.protocol,
                tls_mode => listener.tls_mode,
                certificate_refs => listener.certificate_refs.as_ref().map(go_value),
            }).collect::<Vec<_>>(),
        },
    };
    let mut manifests = Vec::new();
    if gateway.create {
        manifests.push(render_one(
            env,
            "gateway.yaml",
            ManifestKind::Gateway,
            &gateway.name,
            base.clone(),
        )?);
    }
    for route in &model.routes {
        let ctx = context! { route => route_context(route), ..base.clone() };
        manifests.push(render_one(
            env,
            "route.yaml",
            route.kind.manifest_kind(),
            &model.fullname,
            ctx,
        )?);
    }
    if let Some(policy) = &model.backend_tls {
        let ctx = context! {
            policy => context! {
                hostname => policy.hostname,
                ca_certificate_refs => go_value(&policy.ca_certificate_refs),
            },
            ..base.clone()
        };
        manifests.push(render_one(
            env,
            "backendtlspolicy.yaml",
            ManifestKind::BackendTlsPolicy,
            &model.fullname,
            ctx,
        )?);
    }
    Ok(manifests)
}

fn route_context(route: &RouteModel) -> TemplateValue {
    context! {
        kind => route.kind.kind(),
        hostnames => route.hostnames.as_ref().map(go_value),
    }
}

fn render_one(
    env: &Environment<'_>,
    template: &str,
    kind: ManifestKind,
    name: &str,
    ctx: TemplateValue,
) -> Result<Manifest, TemplateError> {
    let mut yaml = env.get_template(template)?.render(ctx)?;
    yaml.push('\n');
    Ok(Manifest {
        kind,
        name: name.to_owned(),
        yaml,
    })
}
