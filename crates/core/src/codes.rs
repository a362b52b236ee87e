//! The one registry of diagnostic codes: code, name, default severity, and
//! whether Helm itself fails on it. A code is never reused for another
//! meaning; new codes take the next free number in their family.
//!
//! Families: `IN` input (YAML, `--set`, limits), `CH` the chart's own
//! refusals, `VA` single values (schema, formats), `XF` cross-field rules,
//! `CR` rendered manifests against the upstream Gateway API CRDs.

use crate::diagnostic::Severity;

macro_rules! registry {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $code:literal, $name:literal, $severity:ident, $stops_helm:literal; )+) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The short code (`CH002`).
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)+ }
            }

            /// The kebab-case name, naming the flagged pattern.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)+ }
            }

            /// The severity a diagnostic with this code has unless a rule says otherwise.
            #[must_use]
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)+ }
            }

            /// Whether Helm itself fails on this (bad input, or a `fail` in the
            /// chart): then nothing renders, even with `--force`.
            #[must_use]
            pub fn stops_helm(self) -> bool {
                match self { $(Code::$variant => $stops_helm,)+ }
            }

            /// One line saying what the code flags.
            #[must_use]
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }
        }
    };
}

registry! {
    /// A values file is not valid YAML.
    YamlSyntax = "IN001", "yaml-syntax", Error, true;
    /// An input goes past a size, depth or alias-expansion limit.
    InputLimit = "IN002", "input-limit", Error, true;
    /// A `--set` flag does not follow Helm's `key=value` syntax.
    SetSyntax = "IN003", "set-syntax", Error, true;
    /// A key is written twice in one map; the last one wins.
    DuplicateKey = "IN004", "duplicate-key", Warning, false;
    /// A values file's top level is not a map.
    ValuesNotAMap = "IN005", "values-not-a-map", Error, true;
    /// A values file has more than one YAML document; Helm 4 merges them (Helm 3 read the first).
    ExtraDocument = "IN006", "extra-document", Info, false;
    /// A map and a non-map meet in the merge; Helm keeps the user's value.
    MergeTypeMismatch = "IN007", "merge-type-mismatch", Warning, false;
    /// `.inf` or `.nan` as a value; Helm cannot convert it to JSON and refuses the file.
    NonFiniteNumber = "IN008", "non-finite-number", Error, true;
    /// A template failed to render: a defect in ingresslab, never in the values.
    RenderFailed = "IN999", "render-failed", Error, true;
    /// Any legacy `grpcRoute` key; the chart refuses to render.
    LegacyGrpcRoute = "CH001", "legacy-grpc-route", Error, true;
    /// TLS passthrough while the server has TLS disabled; the chart refuses to render.
    PassthroughWithDisabledTls = "CH002", "passthrough-with-disabled-tls", Error, true;
    /// A release name Helm refuses (over 53 characters, or not a DNS subdomain).
    InvalidReleaseName = "CH003", "invalid-release-name", Error, true;
    /// A `null` for a section the templates read keys from; Helm stops with a nil pointer error.
    NullSection = "CH004", "null-section", Error, true;
    /// A value the chart prints unquoted breaks the YAML document; Helm stops with a parse error.
    UnparsablePrintedValue = "CH005", "unparsable-printed-value", Error, true;
    /// A set `nameOverride` or `fullnameOverride` that is not a string; Helm's `trunc` stops the render.
    NonStringNameOverride = "CH006", "non-string-name-override", Error, true;
    /// The chart's templates refuse the values (a `fail`, a `required`, a template error); Helm prints the same error.
    ChartRefused = "CH007", "chart-refused", Error, true;
    /// A key the chart does not have, inside a tree ingresslab knows; Helm ignores it.
    UnknownKey = "VA001", "unknown-key", Error, false;
    /// A value of the wrong type, such as `"false"` where a boolean belongs.
    WrongType = "VA002", "wrong-type", Error, false;
    /// A port outside 1..65535.
    PortOutOfRange = "VA003", "port-out-of-range", Error, false;
    /// A hostname that breaks the Gateway API rules (RFC 1123, lower case, optional `*.`).
    InvalidHostname = "VA004", "invalid-hostname", Error, false;
    /// An IP address where a hostname belongs; the TLSRoute schema rejects it.
    IpAddressAsHostname = "VA005", "ip-address-as-hostname", Error, false;
    /// A resource name that is not a valid DNS subdomain name.
    InvalidResourceName = "VA006", "invalid-resource-name", Error, false;
    /// A Gateway name longer than 63 characters or not a DNS label.
    LongGatewayName = "VA007", "long-gateway-name", Warning, false;
    /// A namespace that is not a valid DNS label.
    InvalidNamespace = "VA008", "invalid-namespace", Error, false;
    /// A created Gateway with an empty `gatewayClassName`.
    EmptyGatewayClass = "VA009", "empty-gateway-class", Error, false;
    /// The same hostname listed twice.
    DuplicateHostname = "VA010", "duplicate-hostname", Warning, false;
    /// More hostnames than the route's schema allows.
    TooManyHostnames = "VA011", "too-many-hostnames", Error, false;
    /// A server certificate IP SAN that is not an IP address.
    InvalidIpAddress = "VA012", "invalid-ip-address", Error, false;
    /// A certificate SAN DNS name that is not a valid DNS name.
    InvalidDnsName = "VA013", "invalid-dns-name", Error, false;
    /// `gatewayApi.gateway.namespace` is set but ignored, because the chart creates the Gateway.
    GatewayNamespaceIgnored = "XF001", "gateway-namespace-ignored", Warning, false;
    /// A route attaches to a Gateway named after the release that must already exist.
    RouteOnImplicitGateway = "XF002", "route-on-implicit-gateway", Info, false;
    /// A Gateway is created but no route is enabled.
    GatewayWithoutRoutes = "XF003", "gateway-without-routes", Info, false;
    /// A TLSRoute SNI name the server certificate does not cover.
    SniNotCoveredByServerSans = "XF004", "sni-not-covered-by-server-sans", Warning, false;
    /// A GRPCRoute sends plaintext h2c to a server that serves TLS.
    PlaintextRouteToTlsServer = "XF005", "plaintext-route-to-tls-server", Warning, false;
    /// A TLSRoute with no hostnames; its v1 schema requires at least one.
    TlsRouteWithoutHostnames = "XF006", "tls-route-without-hostnames", Error, false;
    /// A route attaches to a Gateway in another namespace, which must allow it.
    CrossNamespaceGateway = "XF007", "cross-namespace-gateway", Info, false;
    /// A TLSRoute on an existing Gateway, which needs a TLS Passthrough listener.
    PassthroughOnExistingGateway = "XF008", "passthrough-on-existing-gateway", Info, false;
    /// A generated name was cut to 63 characters.
    NameTruncated = "XF009", "name-truncated", Warning, false;
    /// A certificateRefs or caCertificateRefs entry that is not a well-formed reference.
    InvalidCertificateRef = "VA014", "invalid-certificate-ref", Error, false;
    /// A value the chart prints unquoted reads back as something else (`eg #x` is `eg`).
    PrintedValueReadsDifferently = "VA015", "printed-value-reads-differently", Warning, false;
    /// A `null` where the chart has a default; Helm deletes the key, so the templates see no value.
    DeletedDefault = "VA016", "deleted-default", Info, false;
    /// An HTTPS listener without certificateRefs.
    HttpsWithoutCertificates = "XF010", "https-without-certificates", Error, false;
    /// The HTTPS listener and the TLS passthrough listener on one port, neither with a hostname.
    HttpsAndPassthroughShareAPort = "XF011", "https-and-passthrough-share-a-port", Error, false;
    /// Re-encryption (backendTls) to a server that serves plaintext.
    BackendTlsToPlaintextServer = "XF012", "backend-tls-to-plaintext-server", Error, false;
    /// backendTls enabled without the GRPCRoute; nothing uses it.
    BackendTlsWithoutGrpcRoute = "XF013", "backend-tls-without-grpc-route", Warning, false;
    /// The BackendTLSPolicy targets the Service the passthrough TLSRoute also uses.
    BackendTlsReachesPassthrough = "XF014", "backend-tls-reaches-passthrough", Warning, false;
    /// A created Gateway with neither the HTTP nor the HTTPS listener for the GRPCRoute.
    GrpcRouteWithoutListener = "XF015", "grpc-route-without-listener", Error, false;
    /// `https.enabled` while the Gateway is not created by the chart.
    HttpsOnExistingGateway = "XF016", "https-on-existing-gateway", Info, false;
    /// The re-encryption SNI (`backendTls.hostname`) is not covered by the server certificate.
    BackendTlsHostnameNotCovered = "XF017", "backend-tls-hostname-not-covered", Warning, false;
    /// Re-encryption to a server that requires client certificates the Gateway does not present.
    BackendTlsWithMtlsServer = "XF018", "backend-tls-with-mtls-server", Warning, false;
    /// A listener certificate in another namespace, which needs a ReferenceGrant.
    CrossNamespaceCertificate = "XF019", "cross-namespace-certificate", Info, false;
    /// A rendered passthrough route (TLSRoute, OpenShift passthrough Route) to a server that serves plaintext.
    PassthroughToPlaintextServer = "XF020", "passthrough-to-plaintext-server", Error, false;
    /// Re-encryption (a BackendTLSPolicy on the GRPCRoute's Service) through a controller that does not re-encrypt gRPC.
    BackendTlsIgnoredByController = "XF021", "backend-tls-ignored-by-controller", Error, false;
    /// A GRPCRoute through a controller that cuts every stream after a fixed time, with nothing lifting it.
    GrpcStreamsCut = "XF022", "grpc-streams-cut", Warning, false;
    /// A TLSRoute through a controller that does not read TLSRoute v1 or pass TLS through.
    TlsRouteUnsupportedByController = "XF023", "tls-route-unsupported-by-controller", Error, false;
    /// Which controller runs the Gateway is not known, so no controller-specific check ran.
    ControllerUnknown = "XF024", "controller-unknown", Info, false;
    /// A rendered manifest breaks the upstream CRD's OpenAPI schema.
    CrdSchemaViolation = "CR001", "crd-schema-violation", Error, false;
    /// A rendered manifest breaks one of the upstream CRD's CEL validation rules.
    CrdRuleViolation = "CR002", "crd-rule-violation", Error, false;
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = Code::ALL.iter().map(|code| code.as_str()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|code| code.name()).collect();
        assert_eq!(codes.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn summaries_are_one_line() {
        for code in Code::ALL {
            assert!(
                !code.summary().is_empty() && !code.summary().contains('\n'),
                "{code}"
            );
        }
    }
}
