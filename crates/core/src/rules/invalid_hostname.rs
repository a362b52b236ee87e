//! VA004 invalid-hostname, VA005 ip-address-as-hostname, VA010 duplicate-hostname.
//!
//! ## What it does
//! Checks every route hostname against the Gateway API `Hostname` type:
//! RFC 1123, lower case, an optional leading `*.`, at most 253 characters,
//! and never an IP address. Flags repeats.
//!
//! ## Why is this bad?
//! Helm renders any string; the API server then rejects the route (upper
//! case, bad wildcard), or for a TLSRoute the CEL rule rejects an IP. An IP is
//! never matched as SNI or Host by the Gateway API.
//!
//! ## Fix
//! Write lower-case DNS names; route by IP address is not possible, use a DNS name.

use std::collections::HashSet;

use super::RuleContext;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::formats::{hostname_problem, is_ip_address};
use crate::schema::{Format, Visit};
use crate::values::Value;

pub(crate) fn check(ctx: &RuleContext<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (path, format, items) in ctx.visits.iter().filter_map(Visit::string_list) {
        if format != Format::Hostname {
            continue;
        }
        let mut seen = HashSet::new();
        for (idx, item) in items.iter().enumerate() {
            let Value::String(hostname) = &item.value else {
                continue;
            };
            let item_path = format!("{path}[{idx}]");
            if is_ip_address(hostname) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::IpAddressAsHostname,
                        item_path,
                        Some(item.origin),
                        format!("`{hostname}` is an IP address; Gateway API hostnames must be DNS names"),
                    )
                    .with_help("use a DNS name that resolves to the Gateway; the TLSRoute schema rejects IP addresses"),
                );
            } else if let Some(problem) = hostname_problem(hostname) {
                let lower = hostname.to_ascii_lowercase();
                let help = if hostname_problem(&lower).is_none() && lower != *hostname {
                    format!("write it in lower case: {lower}")
                } else {
                    "use lower-case letters, digits, `-` and `.`, with an optional leading `*.`"
                        .to_owned()
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidHostname,
                        item_path,
                        Some(item.origin),
                        format!("`{hostname}` is not a valid hostname: {problem}"),
                    )
                    .with_help(help),
                );
            } else if !seen.insert(hostname.as_str()) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateHostname,
                        item_path,
                        Some(item.origin),
                        format!("`{hostname}` is listed more than once"),
                    )
                    .with_help("remove the repeated entry"),
                );
            }
        }
    }
}
