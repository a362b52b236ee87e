//! VA006 invalid-resource-name, VA007 long-gateway-name, VA008 invalid-namespace.
//!
//! ## What it does
//! Checks the names and namespaces the manifests will carry: the chart
//! fullname (routes), the Gateway name, the Gateway namespace and the release
//! namespace.
//!
//! ## Why is this bad?
//! The API server rejects objects whose names are not DNS subdomains or whose
//! namespaces are not DNS labels. Gateway names should also be DNS labels of at
//! most 63 characters, because controllers derive Service and Deployment names from them.
//!
//! ## Fix
//! Use lower-case letters, digits and `-` (and `.` in names).

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::formats::{dns_label_problem, dns_subdomain_problem};
use crate::gotmpl::{node_is_true, print};
use crate::keys;
use crate::render::ManifestKind;

/// The chart's fullname, as the rendered resources carry it: the shortest
/// invalid name of a rendered route, policy or Service (the Gateway's name
/// is checked from its own key below).
pub(crate) fn check_rendered(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let Some((rendered, _)) = ctx.rendered else {
        return;
    };
    let invalid = rendered
        .documents
        .iter()
        .filter(|document| match document.gateway_api {
            Some(kind) => kind != ManifestKind::Gateway,
            None => document.kind == "Service",
        })
        .filter_map(|document| Some((&document.name, dns_subdomain_problem(&document.name)?)))
        .min_by_key(|(name, _)| name.len());
    let Some((name, problem)) = invalid else {
        return;
    };
    let fullname_key = keys::NAME_KEYS.into_iter().find(|&key| ctx.is_true(key));
    let (path, origin) = match fullname_key {
        Some(key) => (key.to_string(), ctx.origin(key)),
        None => (String::new(), None),
    };
    diagnostics.push(
        Diagnostic::new(
            Code::InvalidResourceName,
            path,
            origin,
            format!("the resource name `{name}` is not a valid Kubernetes name: {problem}"),
        )
        .with_help("names are lower-case letters, digits, `-` and `.`; check fullnameOverride, nameOverride and the release name"),
    );
}

/// The names and namespaces written as values: the Gateway's and the release's.
pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let gateway_name_node = ctx
        .value(keys::GATEWAY_NAME)
        .filter(|node| node_is_true(Some(node)));
    if let Some(node) = gateway_name_node {
        let name = &print(&node.value);
        if let Some(problem) = dns_subdomain_problem(name) {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidResourceName,
                    keys::GATEWAY_NAME,
                    Some(node.origin),
                    format!("the Gateway name `{name}` is not a valid Kubernetes name: {problem}"),
                )
                .with_help("use lower-case letters, digits and `-`"),
            );
        } else if name.len() > 63 || name.contains('.') {
            diagnostics.push(
                Diagnostic::new(
                    Code::LongGatewayName,
                    keys::GATEWAY_NAME,
                    Some(node.origin),
                    format!("the Gateway name `{name}` is not a DNS label of at most 63 characters"),
                )
                .with_help("Gateway controllers derive Service and Deployment names from it; keep it a short name without dots"),
            );
        }
    }

    if !ctx.is_true(keys::GATEWAY_CREATE)
        && let Some(node) = ctx
            .value(keys::GATEWAY_NAMESPACE)
            .filter(|node| node_is_true(Some(node)))
        && let Some(problem) = dns_label_problem(&print(&node.value))
    {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidNamespace,
                keys::GATEWAY_NAMESPACE,
                Some(node.origin),
                format!(
                    "`{}` is not a valid namespace: {problem}",
                    print(&node.value)
                ),
            )
            .with_help("namespaces are lower-case letters, digits and `-`, at most 63 characters"),
        );
    }

    if let Some(problem) = dns_label_problem(&ctx.release.namespace) {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidNamespace,
                "",
                None,
                format!(
                    "the release namespace `{}` is not a valid namespace: {problem}",
                    ctx.release.namespace
                ),
            )
            .with_help("pass a namespace of lower-case letters, digits and `-` with --namespace"),
        );
    }
}
