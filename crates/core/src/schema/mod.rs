//! The shape of the values trees ingresslab models: which keys exist, their
//! types and formats. The schema checks (unknown keys, wrong types), the
//! `values.schema.json` export and the docs all read this one table.
//!
//! Inside a modelled tree a key is known when the table lists it or the
//! chart's own defaults have it, so a newer chart's extra keys are not flagged.

mod export;

use crate::values::{Map, Node, Value};

pub(crate) use export::values_schema;

/// What a string must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Any string.
    Any,
    /// A Gateway API hostname (lower case, optional `*.`, no IP).
    Hostname,
    /// A hostname without a wildcard (BackendTLSPolicy SNI).
    PreciseHostname,
    /// A Kubernetes object name (DNS subdomain).
    ResourceName,
    /// A namespace (DNS label).
    Namespace,
    /// A certificate DNS SAN (a DNS name, optionally `*.`).
    SanDnsName,
    /// An IP address.
    IpAddress,
}

/// The type of a value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// A map with these keys.
    Map(&'static [Field]),
    /// `true` or `false`.
    Bool,
    /// A string of a format.
    Str(Format),
    /// An integer within bounds (inclusive).
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// A list of items.
    List {
        /// Item kind.
        item: &'static Kind,
        /// Most items allowed, if bounded.
        max_items: Option<usize>,
    },
}

/// One key of a map.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    /// Key name.
    pub(crate) name: &'static str,
    /// Value kind.
    pub(crate) kind: Kind,
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind }
}

const PORT: Kind = Kind::Int {
    min: 1,
    max: 65_535,
};
const STRING: Kind = Kind::Str(Format::Any);
const GRPC_HOSTNAMES: Kind = Kind::List {
    item: &Kind::Str(Format::Hostname),
    max_items: Some(16),
};
const TLS_HOSTNAMES: Kind = Kind::List {
    item: &Kind::Str(Format::Hostname),
    max_items: Some(1024),
};
/// `{name, namespace?, kind?, group?}` (a Gateway listener certificateRef).
const CERTIFICATE_REFS: Kind = Kind::List {
    item: &Kind::Map(&[
        field("name", Kind::Str(Format::ResourceName)),
        field("namespace", Kind::Str(Format::Namespace)),
        field("kind", STRING),
        field("group", STRING),
    ]),
    max_items: Some(64),
};
/// `{name, kind?, group?}` (a BackendTLSPolicy local CA reference; no namespace).
const CA_CERTIFICATE_REFS: Kind = Kind::List {
    item: &Kind::Map(&[
        field("name", Kind::Str(Format::ResourceName)),
        field("kind", STRING),
        field("group", STRING),
    ]),
    max_items: Some(8),
};
const SAN_DNS_NAMES: Kind = Kind::List {
    item: &Kind::Str(Format::SanDnsName),
    max_items: None,
};
const SAN_IP_ADDRESSES: Kind = Kind::List {
    item: &Kind::Str(Format::IpAddress),
    max_items: None,
};

/// The modelled top-level keys. Other top-level keys belong to the rest of the chart.
pub(crate) const VALUES: &[Field] = &[
    field("nameOverride", STRING),
    field("fullnameOverride", STRING),
    field("service", Kind::Map(&[field("port", PORT)])),
    field(
        "server",
        Kind::Map(&[
            field("disableTls", Kind::Bool),
            field(
                "tls",
                Kind::Map(&[
                    field("certSecretName", Kind::Str(Format::ResourceName)),
                    field("clientCaSecretName", STRING),
                    field("clientTlsSecretName", STRING),
                ]),
            ),
        ]),
    ),
    field(
        "pkiInitJob",
        Kind::Map(&[
            field("enabled", Kind::Bool),
            field("serverDnsNames", SAN_DNS_NAMES),
            field("serverIpAddresses", SAN_IP_ADDRESSES),
        ]),
    ),
    field(
        "certManager",
        Kind::Map(&[
            field("enabled", Kind::Bool),
            field("caSecretName", STRING),
            field("serverDnsNames", SAN_DNS_NAMES),
            field("serverIpAddresses", SAN_IP_ADDRESSES),
        ]),
    ),
    field(
        "gatewayApi",
        Kind::Map(&[
            field(
                "gateway",
                Kind::Map(&[
                    field("create", Kind::Bool),
                    field("className", STRING),
                    field("name", Kind::Str(Format::ResourceName)),
                    field("namespace", Kind::Str(Format::Namespace)),
                    field("http", Kind::Map(&[field("enabled", Kind::Bool)])),
                    field(
                        "https",
                        Kind::Map(&[
                            field("enabled", Kind::Bool),
                            field("port", PORT),
                            field("certificateRefs", CERTIFICATE_REFS),
                        ]),
                    ),
                ]),
            ),
            field(
                "routes",
                Kind::Map(&[
                    field(
                        "grpc",
                        Kind::Map(&[
                            field("enabled", Kind::Bool),
                            field("hostnames", GRPC_HOSTNAMES),
                            field(
                                "backendTls",
                                Kind::Map(&[
                                    field("enabled", Kind::Bool),
                                    field("hostname", Kind::Str(Format::PreciseHostname)),
                                    field("caCertificateRefs", CA_CERTIFICATE_REFS),
                                ]),
                            ),
                        ]),
                    ),
                    field(
                        "tls",
                        Kind::Map(&[
                            field("enabled", Kind::Bool),
                            field("hostnames", TLS_HOSTNAMES),
                        ]),
                    ),
                ]),
            ),
        ]),
    ),
];

/// The field under a dotted path, if the schema models it.
#[cfg(test)]
pub(crate) fn lookup(dotted: &str) -> Option<&'static Field> {
    let mut fields = VALUES;
    let mut found = None;
    for key in dotted.split('.') {
        let field = fields.iter().find(|field| field.name == key)?;
        fields = match field.kind {
            Kind::Map(nested) => nested,
            _ => &[],
        };
        found = Some(field);
    }
    found
}

/// A key met while walking the values along the schema.
pub(crate) enum Visit<'values> {
    /// A key the schema models, with its kind.
    Modelled {
        /// Key path, e.g. `gatewayApi.routes.tls.hostnames`.
        path: String,
        /// Expected kind.
        kind: Kind,
        /// The entry in the merged values.
        entry: &'values crate::values::Entry,
    },
    /// A key neither the schema nor the chart defaults know.
    Unknown {
        /// Key path.
        path: String,
        /// The key as written.
        key: &'values str,
        /// The entry in the merged values.
        entry: &'values crate::values::Entry,
        /// Keys that do exist at that level, for "did you mean".
        known: Vec<&'values str>,
    },
}

impl<'values> Visit<'values> {
    /// A modelled list of strings, as it stands in the values: its path, the
    /// format its items must have, and the items.
    pub(crate) fn string_list(&self) -> Option<(&str, Format, &'values [crate::values::Node])> {
        let Visit::Modelled {
            path,
            kind:
                Kind::List {
                    item: Kind::Str(format),
                    ..
                },
            entry,
        } = self
        else {
            return None;
        };
        match &entry.node.value {
            crate::values::Value::List(items) => Some((path, *format, items)),
            _ => None,
        }
    }
}

/// Walk the merged values along the schema.
///
/// Top-level keys outside the schema belong to the rest of the chart and are
/// only reported when they look like a misspelt modelled key (`gatewayAPI`).
pub(crate) fn walk<'values>(values: &'values Node, defaults: &'values Node) -> Vec<Visit<'values>> {
    let mut visits = Vec::new();
    if let (Some(map), default_map) = (values.as_map(), defaults.as_map()) {
        walk_map(VALUES, map, default_map, "", true, &mut visits);
    }
    visits
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

fn walk_map<'values>(
    fields: &'static [Field],
    map: &'values Map,
    defaults: Option<&'values Map>,
    prefix: &str,
    top_level: bool,
    visits: &mut Vec<Visit<'values>>,
) {
    for (key, entry) in map.iter() {
        let path = join(prefix, key);
        let default_entry = defaults.and_then(|defaults| defaults.entry(key));
        if let Some(field) = fields.iter().find(|field| field.name == key) {
            visits.push(Visit::Modelled {
                path: path.clone(),
                kind: field.kind,
                entry,
            });
            let default_child = default_entry.and_then(|default| default.node.as_map());
            match (field.kind, &entry.node.value) {
                (Kind::Map(nested), Value::Map(child)) => {
                    walk_map(nested, child, default_child, &path, false, visits);
                }
                (
                    Kind::List {
                        item: Kind::Map(nested),
                        ..
                    },
                    Value::List(items),
                ) => {
                    for (idx, item) in items.iter().enumerate() {
                        if let Value::Map(child) = &item.value {
                            walk_map(
                                nested,
                                child,
                                None,
                                &format!("{path}[{idx}]"),
                                false,
                                visits,
                            );
                        }
                    }
                }
                _ => {}
            }
        } else if let Some(default_entry) = default_entry {
            // A chart key ingresslab does not model: only its nested keys are checked, against the defaults.
            if let (Value::Map(child), Value::Map(default_child)) =
                (&entry.node.value, &default_entry.node.value)
                && !default_child.is_empty()
                && !top_level
            {
                walk_map(&[], child, Some(default_child), &path, false, visits);
            }
        } else {
            let mut known: Vec<&str> = fields.iter().map(|field| field.name).collect();
            if let Some(defaults) = defaults {
                known.extend(defaults.iter().map(|(name, _)| name.as_str()));
            }
            crate::sort::sort(&mut known);
            known.dedup();
            if top_level && !looks_misspelt(key, &known) {
                continue;
            }
            visits.push(Visit::Unknown {
                path,
                key,
                entry,
                known,
            });
        }
    }
}

/// The known key closest to `key`, if it is close enough to be a typo.
pub(crate) fn closest<'known>(key: &str, known: &[&'known str]) -> Option<&'known str> {
    known
        .iter()
        .filter(|candidate| **candidate != key)
        .map(|candidate| {
            let distance = if candidate.eq_ignore_ascii_case(key) {
                0
            } else {
                strsim::levenshtein(&candidate.to_ascii_lowercase(), &key.to_ascii_lowercase())
                    .max(1)
            };
            (distance, *candidate)
        })
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(2))
        .min()
        .map(|(_, candidate)| candidate)
}

/// A top-level key the chart does not have may belong to a newer chart
/// (`gateway:` for image settings), so only a near-exact typo of a modelled
/// key counts: a case change or at most two edits.
fn looks_misspelt(key: &str, known: &[&str]) -> bool {
    const MAX_TOP_LEVEL_EDITS: usize = 2;
    key != "grpcRoute"
        && !known.contains(&key)
        && VALUES.iter().any(|field| {
            strsim::levenshtein(&field.name.to_ascii_lowercase(), &key.to_ascii_lowercase())
                <= MAX_TOP_LEVEL_EDITS
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_near_typos_of_modelled_keys_look_misspelt_at_the_top_level() {
        let known = ["gatewayApi", "server", "image"];
        for typo in ["gatewayAPI", "gatwayApi", "gateway_api", "servr"] {
            assert!(looks_misspelt(typo, &known), "{typo}");
        }
        // A newer chart's own top-level key, and keys the chart has.
        for fine in ["gateway", "image", "server", "grpcRoute"] {
            assert!(!looks_misspelt(fine, &known), "{fine}");
        }
    }

    #[test]
    fn modelled_keys_resolve() {
        assert!(matches!(
            lookup("gatewayApi.routes.tls.enabled").unwrap().kind,
            Kind::Bool
        ));
        assert!(matches!(
            lookup("service.port").unwrap().kind,
            Kind::Int { max: 65_535, .. }
        ));
        assert!(lookup("gatewayApi.routes.gprc").is_none());
    }
}
