//! `.Capabilities` as `helm template` fills it without a cluster
//! (`pkg/chart/common/capabilities.go`): Kubernetes v1.35.0 (the client-go
//! version Helm v4.1.4 is built with), the API versions of its scheme, and
//! `--kube-version`/`--api-versions` on top.

use std::rc::Rc;

use crate::engine::gofmt::quote as go_quote;
use crate::engine::{GoObject, ListKind, Value};

/// The API versions Helm v4.1.4 knows without a cluster, in its order.
const DEFAULT_API_VERSIONS: &[&str] = &[
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "autoscaling/v2beta1",
    "autoscaling/v2beta2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
];

/// The Kubernetes version `helm template` assumes.
const DEFAULT_KUBE_VERSION: &str = "v1.35.0";

/// `.Capabilities.KubeVersion`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeVersion {
    /// As given, with a `v` in front (`v1.33.4-gke.1245000`).
    pub version: String,
    /// Only the numbers (`v1.33.4`), what constraints are checked against.
    pub normalized: String,
    /// Major version.
    pub major: String,
    /// Minor version.
    pub minor: String,
}

impl KubeVersion {
    /// Helm's `ParseKubeVersion` (Kubernetes' generic version parser): two or
    /// more dot-separated numbers after an optional `v`, then anything.
    ///
    /// # Errors
    /// The parser's message, as `helm template --kube-version` prints it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let body = trimmed.strip_prefix('v').unwrap_or(trimmed);
        let numbers_end = body
            .char_indices()
            .find(|(_, ch)| !(ch.is_ascii_digit() || *ch == '.'))
            .map_or(body.len(), |(index, _)| index);
        let mut numbers = &body[..numbers_end];
        // The pattern's numbers are `[0-9]+(\.[0-9]+)*`: a trailing dot belongs to the rest.
        while numbers.ends_with('.') {
            numbers = &numbers[..numbers.len() - 1];
        }
        if numbers.is_empty() || numbers.starts_with('.') || numbers.contains("..") {
            return Err(format!("could not parse {} as version", go_quote(text)));
        }
        let components: Vec<&str> = numbers.split('.').collect();
        if components.len() < 2 {
            return Err(format!("illegal version string {}", go_quote(text)));
        }
        let mut parsed = Vec::with_capacity(components.len());
        for component in &components {
            if component.len() > 1 && component.starts_with('0') {
                return Err(format!(
                    "illegal zero-prefixed version component {} in {}",
                    go_quote(component),
                    go_quote(text)
                ));
            }
            let value: u32 = component
                .parse()
                .map_err(|_| format!("illegal version string {}", go_quote(text)))?;
            parsed.push(value.to_string());
        }
        let version = if text.starts_with('v') {
            text.to_owned()
        } else {
            format!("v{text}")
        };
        Ok(Self {
            version,
            normalized: format!("v{}", parsed.join(".")),
            major: parsed[0].clone(),
            minor: parsed[1].clone(),
        })
    }

    /// The default, v1.35.0.
    #[must_use]
    pub fn default_version() -> Self {
        Self::parse(DEFAULT_KUBE_VERSION).unwrap_or_else(|_| Self {
            version: DEFAULT_KUBE_VERSION.to_owned(),
            normalized: DEFAULT_KUBE_VERSION.to_owned(),
            major: "1".to_owned(),
            minor: "35".to_owned(),
        })
    }
}

/// `.Capabilities`.
#[derive(Clone, Debug)]
pub struct Capabilities {
    /// The Kubernetes version.
    pub kube_version: KubeVersion,
    /// Served API versions (`group/version` and `group/version/Kind`).
    pub api_versions: Vec<String>,
}

impl Capabilities {
    /// Helm's defaults plus the `--kube-version` and `--api-versions` flags.
    #[must_use]
    pub fn new(kube_version: Option<KubeVersion>, extra_api_versions: &[String]) -> Self {
        let mut api_versions: Vec<String> = DEFAULT_API_VERSIONS
            .iter()
            .map(|&version| version.to_owned())
            .collect();
        api_versions.extend(extra_api_versions.iter().cloned());
        Self {
            kube_version: kube_version.unwrap_or_else(KubeVersion::default_version),
            api_versions,
        }
    }

    /// The template value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Value::Object(Rc::new(CapabilitiesObject {
            kube: self.kube_version.clone(),
            api_versions: self.api_versions.clone(),
        }))
    }
}

#[derive(Debug)]
struct CapabilitiesObject {
    kube: KubeVersion,
    api_versions: Vec<String>,
}

impl CapabilitiesObject {
    fn version_set(&self) -> Value {
        Value::List(
            Rc::new(
                self.api_versions
                    .iter()
                    .map(|version| Value::str(version))
                    .collect(),
            ),
            ListKind::VersionSet,
        )
    }
}

impl GoObject for CapabilitiesObject {
    fn type_name(&self) -> &'static str {
        "*common.Capabilities"
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "KubeVersion" => Some(Value::Object(Rc::new(KubeVersionObject(self.kube.clone())))),
            "APIVersions" => Some(self.version_set()),
            "HelmVersion" => Some(Value::Object(Rc::new(HelmVersionObject))),
            _ => None,
        }
    }

    fn print(&self) -> String {
        format!(
            "&{{{} {} {}}}",
            KubeVersionObject(self.kube.clone()).struct_print(),
            crate::engine::gofmt::sprint_value(&self.version_set()),
            HelmVersionObject.print()
        )
    }

    fn to_data(&self) -> Value {
        let mut data = crate::engine::MapData::new();
        data.insert(
            "KubeVersion".into(),
            KubeVersionObject(self.kube.clone()).to_data(),
        );
        data.insert(
            "APIVersions".into(),
            Value::string_list(self.api_versions.clone()),
        );
        data.insert("HelmVersion".into(), HelmVersionObject.to_data());
        Value::map(data)
    }
}

#[derive(Debug)]
struct KubeVersionObject(KubeVersion);

impl KubeVersionObject {
    fn struct_print(&self) -> String {
        format!(
            "{{{} {} {} {}}}",
            self.0.version, self.0.normalized, self.0.major, self.0.minor
        )
    }
}

impl GoObject for KubeVersionObject {
    fn type_name(&self) -> &'static str {
        "common.KubeVersion"
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "Version" | "GitVersion" => Some(Value::str(&self.0.version)),
            "Major" => Some(Value::str(&self.0.major)),
            "Minor" => Some(Value::str(&self.0.minor)),
            "String" => Some(Value::str(&self.0.normalized)),
            _ => None,
        }
    }

    /// `KubeVersion` has a `String()` method, so `%v` prints that.
    fn print(&self) -> String {
        self.0.normalized.clone()
    }

    fn to_data(&self) -> Value {
        let mut data = crate::engine::MapData::new();
        data.insert("Version".into(), Value::str(&self.0.version));
        data.insert("Major".into(), Value::str(&self.0.major));
        data.insert("Minor".into(), Value::str(&self.0.minor));
        Value::map(data)
    }
}

/// Helm's build information (`helm version`).
#[derive(Debug)]
struct HelmVersionObject;

const HELM_BUILD: [(&str, &str, &str); 5] = [
    ("Version", "version", "v4.1.4"),
    (
        "GitCommit",
        "git_commit",
        "05fa37973dc9e42b76e1d2883494c87174b6074f",
    ),
    ("GitTreeState", "git_tree_state", "clean"),
    ("GoVersion", "go_version", "go1.25.9"),
    ("KubeClientVersion", "kube_client_version", "v1.35"),
];

impl GoObject for HelmVersionObject {
    fn type_name(&self) -> &'static str {
        "version.BuildInfo"
    }

    fn field(&self, name: &str) -> Option<Value> {
        HELM_BUILD
            .iter()
            .find(|(field, _, _)| *field == name)
            .map(|(_, _, value)| Value::str(value))
    }

    fn print(&self) -> String {
        let values: Vec<&str> = HELM_BUILD.iter().map(|(_, _, value)| *value).collect();
        format!("{{{}}}", values.join(" "))
    }

    fn to_data(&self) -> Value {
        Value::map(crate::sort::btree_map(
            HELM_BUILD
                .iter()
                .map(|(_, json, value)| ((*json).to_owned(), Value::str(value))),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kube_versions_parse_like_helm() {
        let parsed = KubeVersion::parse("1.33.4-gke.1245000").unwrap();
        assert_eq!(parsed.version, "v1.33.4-gke.1245000");
        assert_eq!(parsed.normalized, "v1.33.4");
        assert_eq!((parsed.major.as_str(), parsed.minor.as_str()), ("1", "33"));
        assert!(KubeVersion::parse("x").is_err());
        assert!(KubeVersion::parse("1").is_err());
    }

    #[test]
    fn capabilities_print_as_helm_prints_them() {
        // `{{ .Capabilities.KubeVersion }} {{ .Capabilities.HelmVersion }}` with Helm v4.1.4.
        let caps = Capabilities::new(None, &[]);
        let Value::Object(object) = caps.to_value() else {
            unreachable!()
        };
        let Some(Value::Object(kube)) = object.field("KubeVersion") else {
            unreachable!()
        };
        assert_eq!(kube.print(), "v1.35.0");
        let Some(Value::Object(helm)) = object.field("HelmVersion") else {
            unreachable!()
        };
        assert_eq!(
            helm.print(),
            "{v4.1.4 05fa37973dc9e42b76e1d2883494c87174b6074f clean go1.25.9 v1.35}"
        );
    }
}
