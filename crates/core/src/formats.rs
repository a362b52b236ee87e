//! String formats from Kubernetes and the Gateway API: hostnames, DNS labels
//! and subdomains, IP addresses. Each check says what is wrong, for messages.

use std::net::IpAddr;

/// The Gateway API `Hostname` pattern (listener hostnames, route hostnames).
pub(crate) const HOSTNAME_PATTERN: &str =
    r"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
/// A DNS-1123 label.
pub(crate) const DNS_LABEL_PATTERN: &str = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
/// A DNS-1123 subdomain.
pub(crate) const DNS_SUBDOMAIN_PATTERN: &str =
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

/// Whether `text` parses as an IPv4 or IPv6 address.
pub(crate) fn is_ip_address(text: &str) -> bool {
    text.parse::<IpAddr>().is_ok()
}

/// Why `label` is not a DNS-1123 label (lower-case alphanumerics and `-`,
/// starting and ending alphanumeric, at most 63 characters), if it is not.
pub(crate) fn dns_label_problem(label: &str) -> Option<&'static str> {
    if label.is_empty() {
        return Some("a label is empty (two dots in a row, or a leading or trailing dot)");
    }
    if label.len() > 63 {
        return Some("a label is longer than 63 characters");
    }
    if label.bytes().any(|byte| byte.is_ascii_uppercase()) {
        return Some("upper-case letters are not allowed");
    }
    if !label
        .bytes()
        .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
    {
        return Some("only lower-case letters, digits and `-` are allowed");
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Some("a label must start and end with a letter or digit");
    }
    None
}

/// Why `name` is not a DNS-1123 subdomain (dot-separated labels, at most 253 characters).
pub(crate) fn dns_subdomain_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("it is empty");
    }
    if name.len() > 253 {
        return Some("it is longer than 253 characters");
    }
    name.split('.').find_map(dns_label_problem)
}

/// Helm keeps release names short enough to prefix the objects it names.
pub(crate) const MAX_RELEASE_NAME_LEN: usize = 53;

/// Why Helm refuses `name` as a release name (`ValidateReleaseName`: at most
/// 53 characters, a DNS-1123 subdomain).
pub(crate) fn release_name_problem(name: &str) -> Option<&'static str> {
    if name.len() > MAX_RELEASE_NAME_LEN {
        Some("it is longer than 53 characters")
    } else {
        dns_subdomain_problem(name)
    }
}

/// Why `hostname` is not a Gateway API `Hostname`, if it is not. IP
/// addresses are reported by [`is_ip_address`] separately.
pub(crate) fn hostname_problem(hostname: &str) -> Option<&'static str> {
    let rest = hostname.strip_prefix("*.").unwrap_or(hostname);
    if hostname == "*" {
        return Some("a lone `*` is not allowed; write `*.` followed by a domain");
    }
    if rest.contains('*') {
        return Some("a wildcard is allowed only as the whole first label, as in `*.example.com`");
    }
    dns_subdomain_problem(rest)
}

/// Whether a server certificate DNS SAN `san` covers the name `name`
/// (RFC 6125: a `*` covers exactly one left-most label).
pub(crate) fn san_covers(san: &str, name: &str) -> bool {
    let san = san.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    if san == name {
        return true;
    }
    match (san.strip_prefix("*."), name.split_once('.')) {
        (Some(san_parent), Some((first_label, name_parent))) => {
            first_label != "*" && !first_label.is_empty() && san_parent == name_parent
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_follow_the_gateway_api() {
        assert_eq!(hostname_problem("shell.example.com"), None);
        assert_eq!(hostname_problem("*.example.com"), None);
        assert!(hostname_problem("Shell.example.com").is_some());
        assert!(hostname_problem("*").is_some());
        assert!(hostname_problem("a.*.com").is_some());
        assert!(hostname_problem("-a.com").is_some());
        assert!(hostname_problem(&"a".repeat(254)).is_some());
        assert!(is_ip_address("10.0.0.1") && is_ip_address("::1"));
        assert!(!is_ip_address("shell.example.com"));
    }

    #[test]
    fn wildcard_sans_cover_one_label() {
        assert!(san_covers("*.a.b", "x.a.b"));
        assert!(!san_covers("*.a.b", "a.b"));
        assert!(!san_covers("*.a.b", "y.x.a.b"));
        assert!(san_covers("*.a.b", "*.a.b"));
        assert!(!san_covers("*.a.b", "*.x.a.b"));
        assert!(san_covers("Host.Example", "host.example"));
    }
}
