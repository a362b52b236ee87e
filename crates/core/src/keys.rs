//! The values keys ingresslab names itself, each once: the `gatewayApi`
//! tree its rules check (PR 2108's and the terminate + re-encrypt
//! proposal's) and the chart's name overrides. Anything else ingresslab
//! knows about a chart's keys comes from what its templates read.

use std::fmt;

/// A values key path written in the code: its map keys, outermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key(&'static [&'static str]);

impl Key {
    /// The map keys, outermost first.
    pub(crate) fn segments(self) -> &'static [&'static str] {
        self.0
    }

    /// The map holding it, and its name there.
    pub(crate) fn split_last(self) -> (Key, &'static str) {
        match self.0.split_last() {
            Some((last, parent)) => (Key(parent), last),
            None => (self, ""),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0.join("."))
    }
}

impl From<Key> for String {
    fn from(key: Key) -> Self {
        key.to_string()
    }
}

pub(crate) const NAME_OVERRIDE: Key = Key(&["nameOverride"]);
pub(crate) const FULLNAME_OVERRIDE: Key = Key(&["fullnameOverride"]);
/// What the chart names its resources after, most specific first.
pub(crate) const NAME_KEYS: [Key; 2] = [FULLNAME_OVERRIDE, NAME_OVERRIDE];

pub(crate) const SERVICE: Key = Key(&["service"]);
pub(crate) const SERVER: Key = Key(&["server"]);
pub(crate) const SERVER_DISABLE_TLS: Key = Key(&["server", "disableTls"]);
pub(crate) const PKI_SERVER_DNS_NAMES: Key = Key(&["pkiInitJob", "serverDnsNames"]);
pub(crate) const CERT_MANAGER_SERVER_DNS_NAMES: Key = Key(&["certManager", "serverDnsNames"]);

/// The released revision's tree, which PR 2108 refuses.
pub(crate) const LEGACY_GRPC_ROUTE: Key = Key(&["grpcRoute"]);

pub(crate) const GATEWAY_API: Key = Key(&["gatewayApi"]);
pub(crate) const GATEWAY: Key = Key(&["gatewayApi", "gateway"]);
pub(crate) const GATEWAY_CREATE: Key = Key(&["gatewayApi", "gateway", "create"]);
pub(crate) const GATEWAY_CLASS_NAME: Key = Key(&["gatewayApi", "gateway", "className"]);
pub(crate) const GATEWAY_NAME: Key = Key(&["gatewayApi", "gateway", "name"]);
pub(crate) const GATEWAY_NAMESPACE: Key = Key(&["gatewayApi", "gateway", "namespace"]);
pub(crate) const HTTP: Key = Key(&["gatewayApi", "gateway", "http"]);
pub(crate) const HTTP_ENABLED: Key = Key(&["gatewayApi", "gateway", "http", "enabled"]);
pub(crate) const HTTPS: Key = Key(&["gatewayApi", "gateway", "https"]);
pub(crate) const HTTPS_ENABLED: Key = Key(&["gatewayApi", "gateway", "https", "enabled"]);
pub(crate) const HTTPS_PORT: Key = Key(&["gatewayApi", "gateway", "https", "port"]);
pub(crate) const HTTPS_CERTIFICATE_REFS: Key =
    Key(&["gatewayApi", "gateway", "https", "certificateRefs"]);
pub(crate) const ROUTES: Key = Key(&["gatewayApi", "routes"]);
pub(crate) const GRPC: Key = Key(&["gatewayApi", "routes", "grpc"]);
pub(crate) const GRPC_ENABLED: Key = Key(&["gatewayApi", "routes", "grpc", "enabled"]);
pub(crate) const GRPC_HOSTNAMES: Key = Key(&["gatewayApi", "routes", "grpc", "hostnames"]);
pub(crate) const BACKEND_TLS: Key = Key(&["gatewayApi", "routes", "grpc", "backendTls"]);
pub(crate) const BACKEND_TLS_ENABLED: Key =
    Key(&["gatewayApi", "routes", "grpc", "backendTls", "enabled"]);
pub(crate) const BACKEND_TLS_CA_CERTIFICATE_REFS: Key = Key(&[
    "gatewayApi",
    "routes",
    "grpc",
    "backendTls",
    "caCertificateRefs",
]);
pub(crate) const STREAM_TIMEOUTS: Key = Key(&["gatewayApi", "routes", "grpc", "streamTimeouts"]);
pub(crate) const STREAM_TIMEOUTS_ENABLED: Key =
    Key(&["gatewayApi", "routes", "grpc", "streamTimeouts", "enabled"]);
pub(crate) const STREAM_TIMEOUTS_ALWAYS: Key =
    Key(&["gatewayApi", "routes", "grpc", "streamTimeouts", "always"]);
pub(crate) const TLS: Key = Key(&["gatewayApi", "routes", "tls"]);
pub(crate) const TLS_ENABLED: Key = Key(&["gatewayApi", "routes", "tls", "enabled"]);
pub(crate) const TLS_HOSTNAMES: Key = Key(&["gatewayApi", "routes", "tls", "hostnames"]);

/// The keys of the terminate + re-encrypt proposal, which PR 2108 lacks.
pub(crate) const PROPOSAL: [Key; 4] = [HTTP, HTTPS, BACKEND_TLS, STREAM_TIMEOUTS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_prints_dotted_and_splits_at_its_last_segment() {
        assert_eq!(
            BACKEND_TLS_ENABLED.to_string(),
            "gatewayApi.routes.grpc.backendTls.enabled"
        );
        assert_eq!(HTTPS.split_last(), (GATEWAY, "https"));
    }
}
