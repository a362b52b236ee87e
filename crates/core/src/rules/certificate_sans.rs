//! VA012 invalid-ip-address and VA013 invalid-dns-name.
//!
//! ## What it does
//! Checks the server certificate SAN lists (`pkiInitJob.serverDnsNames` /
//! `serverIpAddresses`, `certManager.serverDnsNames` / `serverIpAddresses`).
//!
//! ## Why is this bad?
//! The certificate Job or cert-manager fails to issue a certificate with a
//! malformed SAN, and the server never becomes ready.
//!
//! ## Fix
//! List DNS names (an optional leading `*.`) and IP addresses in their own lists.

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::formats::{hostname_problem, is_ip_address};
use crate::schema::{Format, Visit};
use crate::values::Value;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (path, format, items) in ctx.visits.iter().filter_map(Visit::string_list) {
        if !matches!(format, Format::SanDnsName | Format::IpAddress) {
            continue;
        }
        for (idx, item) in items.iter().enumerate() {
            let Value::String(text) = &item.value else {
                continue;
            };
            let item_path = format!("{path}[{idx}]");
            let diagnostic = match format {
                Format::IpAddress if !is_ip_address(text) => Diagnostic::new(
                    Code::InvalidIpAddress,
                    item_path,
                    Some(item.origin),
                    format!("`{text}` is not an IP address"),
                )
                .with_help(if hostname_problem(text).is_none() {
                    format!("`{text}` looks like a DNS name: list it under {}", path.replace("IpAddresses", "DnsNames"))
                } else {
                    "write an IPv4 or IPv6 address".to_owned()
                }),
                Format::SanDnsName if is_ip_address(text) => Diagnostic::new(
                    Code::InvalidDnsName,
                    item_path,
                    Some(item.origin),
                    format!("`{text}` is an IP address, not a DNS name"),
                )
                .with_help(format!("list it under {}", path.replace("DnsNames", "IpAddresses"))),
                Format::SanDnsName => match hostname_problem(text) {
                    Some(problem) => Diagnostic::new(
                        Code::InvalidDnsName,
                        item_path,
                        Some(item.origin),
                        format!("`{text}` is not a valid DNS name: {problem}"),
                    )
                    .with_help("use lower-case letters, digits, `-` and `.`, with an optional leading `*.`"),
                    None => continue,
                },
                _ => continue,
            };
            diagnostics.push(diagnostic);
        }
    }
}
