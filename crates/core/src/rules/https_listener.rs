//! XF010 https-without-certificates, XF011 https-and-passthrough-share-a-port,
//! XF016 https-on-existing-gateway, XF019 cross-namespace-certificate.
//!
//! ## What it does
//! Checks the HTTPS (terminate) listener: it needs an edge certificate, it
//! cannot share a port with the passthrough listener, it only exists on a
//! Gateway the chart creates, and a certificate elsewhere needs a grant.
//!
//! ## Why is this bad?
//! Without certificateRefs the API server rejects the Gateway. HTTPS and TLS
//! listeners on one port without hostnames cannot be told apart portably. On an
//! existing Gateway the chart adds no listener, so the value does nothing. A
//! Secret in another namespace is refused without a ReferenceGrant.
//!
//! ## Fix
//! List the edge certificate Secret, move HTTPS to another port (8443), create
//! the Gateway with the chart or add the listener yourself, grant the reference.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::{is_true, print};
use crate::keys::{self, Key};
use crate::rendered::{Protocol, TlsMode};
use crate::values::Value;

const ENABLED: Key = keys::HTTPS_ENABLED;
const PORT: Key = keys::HTTPS_PORT;
const CERTIFICATES: Key = keys::HTTPS_CERTIFICATE_REFS;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let https_enabled = ctx.value(ENABLED).is_some_and(|node| is_true(&node.value));
    if !https_enabled {
        return;
    }
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    if !rendered.creates_gateway() {
        let gateway = rendered.parent_gateway(&ctx.release.namespace).map_or_else(
            || "the existing Gateway".to_owned(),
            |(namespace, name)| format!("`{namespace}/{name}`"),
        );
        diagnostics.push(
            Diagnostic::new(
                Code::HttpsOnExistingGateway,
                ENABLED,
                ctx.origin(ENABLED),
                format!(
                    "the chart adds the HTTPS listener only to a Gateway it creates; {gateway} must already have one"
                ),
            )
            .with_help("give the existing Gateway an HTTPS listener (tls.mode: Terminate), or set gatewayApi.gateway.create: true"),
        );
        return;
    }
    let listeners = rendered
        .gateways
        .iter()
        .flat_map(|gateway| &gateway.listeners);
    let Some(listener) = listeners
        .clone()
        .find(|listener| listener.protocol == Protocol::Https)
    else {
        return;
    };
    // The Gateway the chart creates lives in the release namespace.
    let gateway_namespace = rendered
        .gateways
        .first()
        .and_then(|gateway| gateway.namespace.clone())
        .unwrap_or_else(|| ctx.release.namespace.clone());
    let refs = match ctx.value(CERTIFICATES).map(|node| &node.value) {
        Some(Value::List(items)) => items.as_slice(),
        _ => &[],
    };
    if listener.certificate_refs.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                Code::HttpsWithoutCertificates,
                CERTIFICATES,
                ctx.user_origin(CERTIFICATES).or_else(|| ctx.origin(ENABLED)),
                "the HTTPS listener has no certificateRefs, so the API server rejects the Gateway",
            )
            .with_help(format!(
                "add the edge certificate Secret (kubernetes.io/tls): {CERTIFICATES}: [{{name: my-edge-tls}}]"
            )),
        );
    }
    let passthrough = listeners
        .clone()
        .find(|other| other.tls_mode == Some(TlsMode::Passthrough));
    if let Some(passthrough) = passthrough
        && passthrough.port == listener.port
    {
        let port = &listener.port;
        diagnostics.push(
            Diagnostic::new(
                Code::HttpsAndPassthroughShareAPort,
                PORT,
                ctx.user_origin(PORT).or_else(|| ctx.origin(ENABLED)),
                format!("the HTTPS listener and the TLS passthrough listener both use port {port} without hostnames"),
            )
            .with_help("move HTTPS to another port, for example gatewayApi.gateway.https.port: 8443"),
        );
    }
    for (idx, entry) in refs.iter().enumerate() {
        let Some(namespace) = entry
            .as_map()
            .and_then(|map| map.get("namespace"))
            .filter(|node| is_true(&node.value))
        else {
            continue;
        };
        let namespace = print(&namespace.value);
        if namespace != gateway_namespace {
            diagnostics.push(
                Diagnostic::new(
                    Code::CrossNamespaceCertificate,
                    format!("{CERTIFICATES}[{idx}].namespace"),
                    entry.as_map().and_then(|map| map.get("namespace")).map(|node| node.origin),
                    format!("the certificate Secret is in `{namespace}`, not in the Gateway's namespace `{gateway_namespace}`"),
                )
                .with_help(format!(
                    "create a ReferenceGrant in `{namespace}` from kind Gateway in `{gateway_namespace}` to kind Secret"
                )),
            );
        }
    }
}
