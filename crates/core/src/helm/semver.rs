//! Versions and ranges as Helm reads them (Masterminds `semver/v3`):
//! `NewVersion` for `Chart.yaml` versions (a leading `v`, missing minor or
//! patch numbers allowed; numeric pre-release parts without leading zeros)
//! and `NewConstraint`/`Check` for dependency version ranges
//! (`IsCompatibleRange`).

use std::cmp::Ordering;

/// A semantic version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// Major number.
    pub major: u64,
    /// Minor number (0 when left out).
    pub minor: u64,
    /// Patch number (0 when left out).
    pub patch: u64,
    /// The pre-release part after `-`, empty when none.
    pub pre: String,
}

impl Version {
    /// `semver.NewVersion`, or `None` when Helm would call the version invalid.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.strip_prefix('v').unwrap_or(text);
        let (text, metadata) = match text.split_once('+') {
            Some((head, metadata)) => (head, Some(metadata)),
            None => (text, None),
        };
        if let Some(metadata) = metadata
            && !identifiers_ok(metadata)
        {
            return None;
        }
        let (numbers, pre) = match text.split_once('-') {
            Some((numbers, pre)) => (numbers, pre),
            None => (text, ""),
        };
        if text.contains('-') && !identifiers_ok(pre) {
            return None;
        }
        // Numeric pre-release identifiers may not have leading zeros.
        if pre.split('.').any(|part| {
            part.len() > 1 && part.starts_with('0') && part.bytes().all(|b| b.is_ascii_digit())
        }) {
            return None;
        }
        let mut parts = numbers.split('.');
        let mut number = |required: bool| -> Option<Option<u64>> {
            match parts.next() {
                None if !required => Some(None),
                None => None,
                Some(part) if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) => {
                    part.parse().ok().map(Some)
                }
                Some(_) => None,
            }
        };
        let major = number(true)??;
        let minor = number(false)?;
        let patch = if minor.is_some() {
            number(false)?
        } else {
            None
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self {
            major,
            minor: minor.unwrap_or(0),
            patch: patch.unwrap_or(0),
            pre: pre.to_owned(),
        })
    }

    fn compare(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| compare_pre(&self.pre, &other.pre))
    }
}

fn identifiers_ok(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

fn compare_pre(left: &str, right: &str) -> Ordering {
    match (left.is_empty(), right.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (false, false) => {}
    }
    let mut left_parts = left.split('.');
    let mut right_parts = right.split('.');
    loop {
        match (left_parts.next(), right_parts.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(a), Some(b)) => {
                let order = match (a.parse::<u64>(), b.parse::<u64>()) {
                    (Ok(a), Ok(b)) => a.cmp(&b),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => a.cmp(b),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// `IsCompatibleRange(constraint, version)`: whether `version` parses and
/// satisfies the range `constraint` (false when either does not parse).
#[must_use]
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    let Some(version) = Version::parse(version) else {
        return false;
    };
    let Some(alternatives) = parse_constraint(constraint) else {
        return false;
    };
    alternatives.iter().any(|all| {
        let include_pre = all.iter().any(|bound| !bound.version.pre.is_empty());
        if !version.pre.is_empty() && !include_pre {
            return false;
        }
        all.iter().all(|bound| bound.check(&version))
    })
}

#[derive(Clone, Debug)]
struct Bound {
    op: Op,
    version: Version,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Any,
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Bound {
    fn check(&self, version: &Version) -> bool {
        let order = version.compare(&self.version);
        match self.op {
            Op::Any => true,
            Op::Eq => order == Ordering::Equal,
            Op::Ne => order != Ordering::Equal,
            Op::Gt => order == Ordering::Greater,
            Op::Ge => order != Ordering::Less,
            Op::Lt => order == Ordering::Less,
            Op::Le => order != Ordering::Greater,
        }
    }
}

/// A range: alternatives (`||`) of bounds that must all hold.
fn parse_constraint(text: &str) -> Option<Vec<Vec<Bound>>> {
    text.split("||")
        .map(|alternative| {
            let alternative = rewrite_hyphen_ranges(alternative);
            let mut bounds = Vec::new();
            let tokens = tokens(&alternative)?;
            if tokens.is_empty() {
                return None;
            }
            for token in tokens {
                bounds.extend(parse_one(&token)?);
            }
            Some(bounds)
        })
        .collect()
}

/// `1.2 - 1.4.5` → `>= 1.2, <= 1.4.5`.
fn rewrite_hyphen_ranges(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if index + 2 < words.len() && words[index + 1] == "-" {
            out.push(format!(">={},", words[index]));
            out.push(format!("<={}", words[index + 2]));
            index += 3;
        } else {
            out.push(words[index].to_owned());
            index += 1;
        }
    }
    out.join(" ")
}

/// Split on commas and spaces, keeping an operator with its version (`>= 1.2`).
fn tokens(text: &str) -> Option<Vec<String>> {
    let mut tokens: Vec<String> = Vec::new();
    let mut pending_op: Option<String> = None;
    for word in text.split([',', ' ', '\t']).filter(|word| !word.is_empty()) {
        let is_op = word.bytes().all(|b| b"=<>!~^".contains(&b));
        if is_op {
            if pending_op.is_some() {
                return None;
            }
            pending_op = Some(word.to_owned());
        } else if let Some(op) = pending_op.take() {
            tokens.push(format!("{op}{word}"));
        } else {
            tokens.push(word.to_owned());
        }
    }
    if pending_op.is_some() {
        return None;
    }
    Some(tokens)
}

/// One `OPversion`, with `x`/`X`/`*` wildcards and `~`/`^` expanded to bounds.
fn parse_one(token: &str) -> Option<Vec<Bound>> {
    let split = token
        .find(|ch: char| !"=<>!~^".contains(ch))
        .unwrap_or(token.len());
    let (op, version) = token.split_at(split);
    let version = version.strip_prefix('v').unwrap_or(version);
    let (version, pre) = match version.split_once(['-', '+']) {
        Some((numbers, _)) if version.as_bytes()[numbers.len()] == b'-' => (
            numbers,
            version[numbers.len() + 1..].split('+').next().unwrap_or(""),
        ),
        Some((numbers, _)) => (numbers, ""),
        None => (version, ""),
    };
    let mut parts = version.split('.');
    let mut numbers: Vec<Option<u64>> = Vec::new();
    for part in parts.by_ref().take(3) {
        if matches!(part, "x" | "X" | "*") {
            numbers.push(None);
        } else {
            numbers.push(Some(part.parse().ok()?));
        }
    }
    if parts.next().is_some() || numbers.is_empty() {
        return None;
    }
    // Everything after the first wildcard is a wildcard.
    if let Some(first) = numbers.iter().position(Option::is_none) {
        numbers.truncate(first);
    }
    let given = numbers.len();
    let value = |index: usize| numbers.get(index).copied().flatten().unwrap_or(0);
    let at = |major, minor, patch, pre: &str| Version {
        major,
        minor,
        patch,
        pre: pre.to_owned(),
    };
    let base = at(value(0), value(1), value(2), pre);
    // The first version past the range a partial version names.
    let next = |level: usize| match level {
        0 => at(value(0) + 1, 0, 0, ""),
        1 => at(value(0), value(1) + 1, 0, ""),
        _ => at(value(0), value(1), value(2) + 1, ""),
    };
    let bound = |op, version| Bound { op, version };
    if given == 0 {
        return Some(vec![bound(Op::Any, at(0, 0, 0, ""))]);
    }
    let bounds = match op {
        "" | "=" if given == 3 => vec![bound(Op::Eq, base)],
        "" | "=" => vec![bound(Op::Ge, base), bound(Op::Lt, next(given - 1))],
        "!=" if given == 3 => vec![bound(Op::Ne, base)],
        ">" if given == 3 => vec![bound(Op::Gt, base)],
        ">" => vec![bound(Op::Ge, next(given - 1))],
        ">=" | "=>" => vec![bound(Op::Ge, base)],
        "<" => vec![bound(Op::Lt, base)],
        "<=" | "=<" if given == 3 => vec![bound(Op::Le, base)],
        "<=" | "=<" => vec![bound(Op::Lt, next(given - 1))],
        "~" | "~>" => vec![
            bound(Op::Ge, base),
            bound(Op::Lt, next(if given == 1 { 0 } else { 1 })),
        ],
        "^" => {
            let level = if value(0) > 0 || given == 1 {
                0
            } else if value(1) > 0 || given == 2 {
                1
            } else {
                2
            };
            vec![bound(Op::Ge, base), bound(Op::Lt, next(level))]
        }
        "!=" => vec![bound(Op::Any, base)],
        _ => return None,
    };
    Some(bounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_as_helm_accepts_them() {
        for good in [
            "1.0.0",
            "v1",
            "01.2.3",
            "1.0.0+01",
            "0.0.0-dev+abc.1",
            "2",
            "1.2",
        ] {
            assert!(Version::parse(good).is_some(), "{good}");
        }
        for bad in [
            "1.0.0-01",
            "1.0.0-a..b",
            "1.2.3.4",
            " 1.0.0",
            "latest",
            "1.x",
            "",
        ] {
            assert!(Version::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        let ok = is_compatible_range;
        assert!(ok("0.1.0", "0.1.0"));
        assert!(!ok("0.1.0", "0.1.1"));
        assert!(ok("~1.2.3", "1.2.9"));
        assert!(!ok("~1.2.3", "1.3.0"));
        assert!(ok("^1.2.3", "1.9.0"));
        assert!(!ok("^1.2.3", "2.0.0"));
        assert!(ok("^0.2.3", "0.2.5"));
        assert!(!ok("^0.2.3", "0.3.0"));
        assert!(ok(">=1.0.0 <2.0.0", "1.5.0"));
        assert!(ok(">= 1.0.0, < 2.0.0", "1.5.0"));
        assert!(!ok(">=1.0.0 <2.0.0", "2.0.0"));
        assert!(ok("1.x", "1.4.0"));
        assert!(ok("*", "3.0.0"));
        assert!(!ok("*", "3.0.0-rc.1"));
        assert!(ok(">=1.0.0-0", "1.0.0-rc.1"));
        assert!(ok("1.0 - 2.0", "1.5.0"));
        assert!(ok("<1.0.0 || >=3.0.0", "3.1.0"));
        assert!(!ok("", "1.0.0"));
        assert!(!ok("1.0.0", "nope"));
    }
}
