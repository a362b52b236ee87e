//! VA014 invalid-certificate-ref.
//!
//! ## What it does
//! Checks `gatewayApi.gateway.https.certificateRefs` and
//! `gatewayApi.routes.grpc.backendTls.caCertificateRefs` entries: each needs a
//! `name`; a listener certificate is a core `Secret`; a CA is a core `ConfigMap`
//! or `Secret`.
//!
//! ## Why is this bad?
//! The API server rejects a reference without a name; a reference of another
//! kind or group resolves to nothing and the listener or policy is not accepted.
//!
//! ## Fix
//! Write `{name: my-secret}` (kind Secret and group "" are the defaults).

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::gotmpl::{is_true, print};
use crate::keys::{self, Key};
use crate::values::Value;

const REFERENCE_LISTS: &[(Key, &[&str])] = &[
    (keys::HTTPS_CERTIFICATE_REFS, &["Secret"]),
    (
        keys::BACKEND_TLS_CA_CERTIFICATE_REFS,
        &["ConfigMap", "Secret"],
    ),
];

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (path, kinds) in REFERENCE_LISTS {
        let Some(Value::List(items)) = ctx.value(*path).map(|node| &node.value) else {
            continue;
        };
        for (idx, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{idx}]");
            let Some(entry) = item.as_map() else {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidCertificateRef,
                        item_path,
                        Some(item.origin),
                        "a reference must be a map such as {name: my-secret}",
                    )
                    .with_help("write each entry as {name: ..., kind: Secret}"),
                );
                continue;
            };
            if !entry.get("name").is_some_and(|node| is_true(&node.value)) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidCertificateRef,
                        format!("{item_path}.name"),
                        Some(item.origin),
                        "the reference has no `name`",
                    )
                    .with_help("name the Secret (or ConfigMap) holding the certificate"),
                );
            }
            let kind = entry.get("kind").filter(|node| is_true(&node.value));
            if let Some(kind_node) = kind
                && !kinds.contains(&print(&kind_node.value).as_str())
            {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidCertificateRef,
                        format!("{item_path}.kind"),
                        Some(kind_node.origin),
                        format!(
                            "`{}` is not a kind this reference can point at",
                            print(&kind_node.value)
                        ),
                    )
                    .with_help(format!("use {}", kinds.join(" or "))),
                );
            }
            if let Some(group) = entry.get("group").filter(|node| is_true(&node.value)) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidCertificateRef,
                        format!("{item_path}.group"),
                        Some(group.origin),
                        format!(
                            "group `{}` is not the core group of a {}",
                            print(&group.value),
                            kinds.join(" or ")
                        ),
                    )
                    .with_help(
                        "leave group out (or write group: \"\") for core Secrets and ConfigMaps",
                    ),
                );
            }
        }
    }
}
