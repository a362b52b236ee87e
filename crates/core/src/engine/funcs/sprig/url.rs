//! url.go over Go's `net/url`: `urlParse` is `url.Parse` spread into a
//! dict, `urlJoin` builds a `url.URL` from one and prints it with
//! `URL.String`. The escaping follows `net/url`'s `shouldEscape` modes.

use crate::engine::funcs::Host;
use crate::engine::gofmt::quote;
use crate::engine::value::{MapData, Value};

use super::cast::{kind_name, map_arg, str_arg};

type Out = Result<Value, String>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    UserPassword,
    Fragment,
}

/// net/url `shouldEscape`.
fn should_escape(byte: u8, mode: Mode) -> bool {
    if byte.is_ascii_alphanumeric() {
        return false;
    }
    if mode == Mode::Host
        && matches!(
            byte,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match byte {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => {
            return match mode {
                Mode::Path => byte == b'?',
                Mode::UserPassword => matches!(byte, b'@' | b'/' | b'?' | b':'),
                Mode::Fragment => false,
                Mode::Host => true,
            };
        }
        _ => {}
    }
    if mode == Mode::Fragment && matches!(byte, b'!' | b'(' | b')' | b'*') {
        return false;
    }
    true
}

/// net/url `escape` (non-ASCII bytes of a host stay as they are).
fn escape(text: &str, mode: Mode) -> String {
    let mut out = Vec::with_capacity(text.len());
    for byte in text.bytes() {
        if mode == Mode::Host && byte >= 0x80 || !should_escape(byte, mode) {
            out.push(byte);
        } else {
            out.extend_from_slice(format!("%{byte:02X}").as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// net/url `unescape`.
fn unescape(text: &str, mode: Mode) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex = text
                    .get(index + 1..index + 3)
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                let Some(hex) = hex else {
                    let end = (index + 3).min(text.len());
                    return Err(format!("invalid URL escape {}", quote(&text[index..end])));
                };
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                index += 3;
            }
            byte => {
                if mode == Mode::Host && byte < 0x80 && should_escape(byte, mode) {
                    return Err(format!(
                        "invalid character {} in host name",
                        quote(&text[index..=index])
                    ));
                }
                out.push(byte);
                index += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The parts `urlParse` reports.
#[derive(Default)]
struct Url {
    scheme: String,
    opaque: String,
    user: Option<(String, Option<String>)>,
    host: String,
    path: String,
    raw_query: String,
    fragment: String,
    force_query: bool,
    omit_host: bool,
}

fn get_scheme(raw: &str) -> Result<(&str, &str), String> {
    for (index, byte) in raw.bytes().enumerate() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if index > 0 => {}
            b':' if index == 0 => return Err("missing protocol scheme".to_owned()),
            b':' => return Ok((&raw[..index], &raw[index + 1..])),
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

fn parse_host(host: &str) -> Result<String, String> {
    let port_start = if host.starts_with('[') {
        let close = host.rfind(']').ok_or("missing ']' in host")?;
        Some(close + 1).filter(|&at| at < host.len())
    } else {
        host.rfind(':')
    };
    if let Some(at) = port_start {
        let port = &host[at..];
        if !port.starts_with(':') || !port[1..].bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("invalid port {} after host", quote(port)));
        }
    }
    unescape(host, Mode::Host)
}

impl Url {
    /// `url.Parse`.
    fn parse(raw: &str) -> Result<Self, String> {
        let (main, fragment) = raw.split_once('#').unwrap_or((raw, ""));
        let wrap = |url: &str, error: String| format!("parse {}: {error}", quote(url));
        let mut url = Self::parse_main(main).map_err(|error| wrap(main, error))?;
        url.fragment = unescape(fragment, Mode::Fragment).map_err(|error| wrap(raw, error))?;
        Ok(url)
    }

    fn parse_main(raw: &str) -> Result<Self, String> {
        if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err("net/url: invalid control character in URL".to_owned());
        }
        let mut url = Self::default();
        if raw == "*" {
            url.path = "*".to_owned();
            return Ok(url);
        }
        let (scheme, mut rest) = get_scheme(raw)?;
        url.scheme = scheme.to_ascii_lowercase();
        if rest.ends_with('?') && rest.matches('?').count() == 1 {
            url.force_query = true;
            rest = &rest[..rest.len() - 1];
        } else if let Some((before, query)) = rest.split_once('?') {
            url.raw_query = query.to_owned();
            rest = before;
        }
        if !rest.starts_with('/') {
            if !url.scheme.is_empty() {
                url.opaque = rest.to_owned();
                return Ok(url);
            }
            if rest
                .split('/')
                .next()
                .is_some_and(|segment| segment.contains(':'))
            {
                return Err("first path segment in URL cannot contain colon".to_owned());
            }
        }
        if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
            let authority_and_path = &rest[2..];
            let (authority, path) = match authority_and_path.find('/') {
                Some(at) => authority_and_path.split_at(at),
                None => (authority_and_path, ""),
            };
            let (userinfo, host) = match authority.rfind('@') {
                Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
                None => (None, authority),
            };
            url.host = parse_host(host)?;
            if let Some(userinfo) = userinfo {
                let valid = userinfo
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._:~!$&'()*+,;=%@".contains(&b));
                if !valid {
                    return Err("net/url: invalid userinfo".to_owned());
                }
                url.user = Some(match userinfo.split_once(':') {
                    Some((name, password)) => (
                        unescape(name, Mode::UserPassword)?,
                        Some(unescape(password, Mode::UserPassword)?),
                    ),
                    None => (unescape(userinfo, Mode::UserPassword)?, None),
                });
            }
            rest = path;
        } else if !url.scheme.is_empty() && rest.starts_with('/') {
            url.omit_host = true;
        }
        url.path = unescape(rest, Mode::Path)?;
        Ok(url)
    }

    /// `Hostname()`: the host without port and IPv6 brackets.
    fn hostname(&self) -> &str {
        let host = &self.host;
        if let Some(inner) = host.strip_prefix('[') {
            return inner.find(']').map_or(inner, |end| &inner[..end]);
        }
        host.rfind(':').map_or(host.as_str(), |at| &host[..at])
    }

    fn userinfo(&self) -> String {
        match &self.user {
            None => String::new(),
            Some((name, password)) => {
                let mut out = escape(name, Mode::UserPassword);
                if let Some(password) = password {
                    out.push(':');
                    out.push_str(&escape(password, Mode::UserPassword));
                }
                out
            }
        }
    }

    /// `URL.String()`.
    fn string(&self) -> String {
        let mut out = String::new();
        if !self.scheme.is_empty() {
            out.push_str(&self.scheme);
            out.push(':');
        }
        if self.opaque.is_empty() {
            if (!self.scheme.is_empty() || !self.host.is_empty() || self.user.is_some())
                && (!self.omit_host || !self.host.is_empty() || self.user.is_some())
            {
                if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                    out.push_str("//");
                }
                if self.user.is_some() {
                    out.push_str(&self.userinfo());
                    out.push('@');
                }
                out.push_str(&escape(&self.host, Mode::Host));
            }
            let path = escape(&self.path, Mode::Path);
            if !path.is_empty() && !path.starts_with('/') && !self.host.is_empty() {
                out.push('/');
            }
            if out.is_empty()
                && path
                    .split('/')
                    .next()
                    .is_some_and(|segment| segment.contains(':'))
            {
                out.push_str("./");
            }
            out.push_str(&path);
        } else {
            out.push_str(&self.opaque);
        }
        if self.force_query || !self.raw_query.is_empty() {
            out.push('?');
            out.push_str(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            out.push('#');
            out.push_str(&escape(&self.fragment, Mode::Fragment));
        }
        out
    }
}

pub(super) fn url_parse(_: &mut dyn Host, args: &[Value]) -> Out {
    let url =
        Url::parse(str_arg(args, 0)).map_err(|error| format!("unable to parse url: {error}"))?;
    let mut data = MapData::new();
    data.insert("scheme".into(), Value::str(&url.scheme));
    data.insert("host".into(), Value::str(&url.host));
    data.insert("hostname".into(), Value::str(url.hostname()));
    data.insert("path".into(), Value::str(&url.path));
    data.insert("query".into(), Value::str(&url.raw_query));
    data.insert("opaque".into(), Value::str(&url.opaque));
    data.insert("fragment".into(), Value::str(&url.fragment));
    data.insert("userinfo".into(), Value::string(url.userinfo()));
    Ok(Value::map(data))
}

/// url.go `dictGetOrEmpty`: a missing key is "", a non-string panics.
fn dict_get_or_empty(map: &crate::engine::value::MapRef, key: &str) -> Result<String, String> {
    match map.get(key) {
        None => Ok(String::new()),
        Some(Value::String(text)) => Ok(text.to_string()),
        Some(Value::Nil) => Err(super::cast::NIL_DEREF.to_owned()),
        Some(other) => Err(format!(
            "unable to parse {key} key, must be of type string, but {} found",
            kind_name(&other)
        )),
    }
}

pub(super) fn url_join(_: &mut dyn Host, args: &[Value]) -> Out {
    let map = map_arg(args, 0);
    let mut url = Url {
        scheme: dict_get_or_empty(&map, "scheme")?,
        host: dict_get_or_empty(&map, "host")?,
        path: dict_get_or_empty(&map, "path")?,
        raw_query: dict_get_or_empty(&map, "query")?,
        opaque: dict_get_or_empty(&map, "opaque")?,
        fragment: dict_get_or_empty(&map, "fragment")?,
        ..Url::default()
    };
    let userinfo = dict_get_or_empty(&map, "userinfo")?;
    if !userinfo.is_empty() {
        let parsed = Url::parse(&format!("proto://{userinfo}@host"))
            .map_err(|error| format!("unable to parse userinfo in dict: {error}"))?;
        url.user = parsed.user;
    }
    Ok(Value::string(url.string()))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{call, m, ok, s, text};
    use crate::engine::value::Value;

    #[test]
    fn url_parse_spreads_the_parts() {
        let parsed = ok(
            "urlParse",
            &[s(
                "https://user:p%40ss@example.com:8443/a%20b/c?x=1&y=2#frag%21",
            )],
        );
        assert_eq!(
            text("toString", &[parsed]),
            "map[fragment:frag! host:example.com:8443 hostname:example.com opaque: path:/a b/c query:x=1&y=2 scheme:https userinfo:user:p%40ss]"
        );
        let opaque = ok("urlParse", &[s("mailto:someone@example.com")]);
        assert_eq!(text("get", &[opaque, s("opaque")]), "someone@example.com");
        assert_eq!(
            call("urlParse", &[s("http://a b.com/")]),
            Err(r#"unable to parse url: parse "http://a b.com/": invalid character " " in host name"#.to_owned())
        );
        assert_eq!(
            call("urlParse", &[s(":foo")]),
            Err(r#"unable to parse url: parse ":foo": missing protocol scheme"#.to_owned())
        );
    }

    #[test]
    fn url_join_prints_like_url_string() {
        let dict = m(&[
            ("scheme", s("https")),
            ("host", s("example.com:8443")),
            ("path", s("/a b")),
            ("query", s("x=1")),
            ("fragment", s("top")),
            ("userinfo", s("user:pass")),
        ]);
        assert_eq!(
            text("urlJoin", &[dict]),
            "https://user:pass@example.com:8443/a%20b?x=1#top"
        );
        assert_eq!(
            text("urlJoin", &[m(&[("host", s("h")), ("path", s("p"))])]),
            "//h/p"
        );
        assert_eq!(text("urlJoin", &[m(&[("path", s("a:b"))])]), "./a:b");
        assert_eq!(
            call("urlJoin", &[m(&[("host", Value::Int(1))])]),
            Err("unable to parse host key, must be of type string, but int found".to_owned())
        );
    }
}
