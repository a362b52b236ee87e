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
use crate::gotmpl::node_is_true;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let fullname_key = ["fullnameOverride", "nameOverride"]
        .into_iter()
        .find(|key| node_is_true(ctx.values.lookup(key)));
    if let Some(problem) = dns_subdomain_problem(&model.fullname) {
        let (path, origin) = match fullname_key {
            Some(key) => (key, ctx.origin(key)),
            None => ("", None),
        };
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidResourceName,
                path,
                origin,
                format!("the resource name `{}` is not a valid Kubernetes name: {problem}", model.fullname),
            )
            .with_help("names are lower-case letters, digits, `-` and `.`; check fullnameOverride, nameOverride and the release name"),
        );
    }

    let gateway_name_node = ctx
        .values
        .lookup("gatewayApi.gateway.name")
        .filter(|node| node_is_true(Some(node)));
    if let Some(node) = gateway_name_node {
        let name = &model.gateway.name;
        if let Some(problem) = dns_subdomain_problem(name) {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidResourceName,
                    "gatewayApi.gateway.name",
                    Some(node.origin),
                    format!("the Gateway name `{name}` is not a valid Kubernetes name: {problem}"),
                )
                .with_help("use lower-case letters, digits and `-`"),
            );
        } else if name.len() > 63 || name.contains('.') {
            diagnostics.push(
                Diagnostic::new(
                    Code::LongGatewayName,
                    "gatewayApi.gateway.name",
                    Some(node.origin),
                    format!("the Gateway name `{name}` is not a DNS label of at most 63 characters"),
                )
                .with_help("Gateway controllers derive Service and Deployment names from it; keep it a short name without dots"),
            );
        }
    }

    if !model.gateway.create
        && let Some(node) = ctx
            .values
            .lookup("gatewayApi.gateway.namespace")
            .filter(|node| node_is_true(Some(node)))
        && let Some(problem) = dns_label_problem(&model.gateway.namespace)
    {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidNamespace,
                "gatewayApi.gateway.namespace",
                Some(node.origin),
                format!(
                    "`{}` is not a valid namespace: {problem}",
                    model.gateway.namespace
                ),
            )
            .with_help("namespaces are lower-case letters, digits and `-`, at most 63 characters"),
        );
    }

    if let Some(problem) = dns_label_problem(&model.release.namespace) {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidNamespace,
                "",
                None,
                format!(
                    "the release namespace `{}` is not a valid namespace: {problem}",
                    model.release.namespace
                ),
            )
            .with_help("pass a namespace of lower-case letters, digits and `-` with --namespace"),
        );
    }
}
