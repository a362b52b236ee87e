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
use crate::values::Value;

const ENABLED: &str = "gatewayApi.gateway.https.enabled";
const PORT: &str = "gatewayApi.gateway.https.port";
const CERTIFICATES: &str = "gatewayApi.gateway.https.certificateRefs";

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let https_enabled = ctx
        .values
        .lookup(ENABLED)
        .is_some_and(|node| is_true(&node.value));
    if !https_enabled {
        return;
    }
    let model = ctx.model;
    if !model.gateway.create {
        diagnostics.push(
            Diagnostic::new(
                Code::HttpsOnExistingGateway,
                ENABLED,
                ctx.origin(ENABLED),
                format!(
                    "the chart adds the HTTPS listener only to a Gateway it creates; `{}/{}` must already have one",
                    model.gateway.namespace, model.gateway.name
                ),
            )
            .with_help("give the existing Gateway an HTTPS listener (tls.mode: Terminate), or set gatewayApi.gateway.create: true"),
        );
        return;
    }
    let Some(listener) = model
        .gateway
        .listeners
        .iter()
        .find(|listener| listener.name == "https")
    else {
        return;
    };
    let refs = match &listener.certificate_refs {
        Some(Value::List(items)) => items.as_slice(),
        _ => &[],
    };
    if refs.is_empty() {
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
    let passthrough = model
        .gateway
        .listeners
        .iter()
        .find(|listener| listener.name == "tls");
    if let (Some(passthrough), Some(port)) = (passthrough, listener.port_number())
        && passthrough.port_number() == Some(port)
    {
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
        if namespace != model.gateway.namespace {
            diagnostics.push(
                Diagnostic::new(
                    Code::CrossNamespaceCertificate,
                    format!("{CERTIFICATES}[{idx}].namespace"),
                    entry.as_map().and_then(|map| map.get("namespace")).map(|node| node.origin),
                    format!("the certificate Secret is in `{namespace}`, not in the Gateway's namespace `{}`", model.gateway.namespace),
                )
                .with_help(format!(
                    "create a ReferenceGrant in `{namespace}` from kind Gateway in `{}` to kind Secret",
                    model.gateway.namespace
                )),
            );
        }
    }
}
