//! semver.go over `Masterminds/semver` v3.3.0: `NewVersion` (coercing
//! `1`, `1.2`, a leading `v`), and `NewConstraint`/`Check` with that
//! version's rules, read from its `constraints.go`: `||` between AND groups,
//! `,` or spaces between constraints, `a - b` ranges, `^`, `~`/`~>`,
//! wildcards `x`/`X`/`*`, and no prerelease version matching a constraint
//! that names none (so `>=1.20.0-0` is the idiom that admits them).

use crate::engine::funcs::{Host, Param};
use crate::engine::value::{GoObject, Method, Value};
use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

use super::cast::str_arg;

type Out = Result<Value, String>;

/// What one of Masterminds' version patterns matched, as byte ranges of the
/// text: `v?N(.N)?(.N)?(-PRE)?(+META)?`, the dot, `-` and `+` included in
/// their parts. Written by hand rather than as regular expressions, which
/// took longer to compile than a whole chart takes to render.
#[derive(Clone, Debug, PartialEq, Eq)]
struct VersionMatch {
    start: usize,
    end: usize,
    major: (usize, usize),
    minor: Option<(usize, usize)>,
    patch: Option<(usize, usize)>,
    pre: Option<(usize, usize)>,
    meta: Option<(usize, usize)>,
}

/// The characters of a version number: `[0-9]` in versions, `[0-9|x|X|*]`
/// (the pipe included, as the pattern has it) in constraints.
fn constraint_number_byte(byte: u8) -> bool {
    byte.is_ascii_digit() || matches!(byte, b'|' | b'x' | b'X' | b'*')
}

fn identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-'
}

fn run(bytes: &[u8], mut at: usize, class: impl Fn(u8) -> bool) -> usize {
    while at < bytes.len() && class(bytes[at]) {
        at += 1;
    }
    at
}

/// `ID(\.ID)*` from `at`, greedy: a dot only when an identifier follows.
fn identifiers(bytes: &[u8], at: usize) -> Option<usize> {
    let mut end = run(bytes, at, identifier_byte);
    if end == at {
        return None;
    }
    while end < bytes.len() && bytes[end] == b'.' {
        let next = run(bytes, end + 1, identifier_byte);
        if next == end + 1 {
            break;
        }
        end = next;
    }
    Some(end)
}

/// The version pattern at `at`, greedy, with `number` as the digit class.
fn version_at(text: &str, at: usize, number: fn(u8) -> bool) -> Option<VersionMatch> {
    let bytes = text.as_bytes();
    let mut pos = at;
    if bytes.get(pos) == Some(&b'v') {
        pos += 1;
    }
    let major_end = run(bytes, pos, number);
    if major_end == pos {
        return None;
    }
    let major = (pos, major_end);
    pos = major_end;
    let mut dotted = || {
        if bytes.get(pos) == Some(&b'.') {
            let end = run(bytes, pos + 1, number);
            if end > pos + 1 {
                let part = (pos, end);
                pos = end;
                return Some(part);
            }
        }
        None
    };
    let minor = dotted();
    let patch = minor.and_then(|_| dotted());
    let mut tagged = |marker: u8| {
        if bytes.get(pos) == Some(&marker)
            && let Some(end) = identifiers(bytes, pos + 1)
        {
            let part = (pos, end);
            pos = end;
            return Some(part);
        }
        None
    };
    let pre = tagged(b'-');
    let meta = tagged(b'+');
    Some(VersionMatch {
        start: at,
        end: pos,
        major,
        minor,
        patch,
        pre,
        meta,
    })
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The operators the pattern `=||!=|>|<|>=|=>|<=|=<|~|~>|\^` can end up
/// matching: a version cannot start with an operator character, so the
/// whole run of them must be one of these (the empty one included).
const OPERATORS: &[&str] = &[
    "", "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^",
];

/// The operator at `at`: its end, or `None` when the run of operator
/// characters there is not one of them.
fn operator_at(text: &str, at: usize) -> Option<usize> {
    let end = run(text.as_bytes(), at, |byte| {
        matches!(byte, b'=' | b'!' | b'<' | b'>' | b'~' | b'^')
    });
    OPERATORS.contains(&&text[at..end]).then_some(end)
}

/// `(OPS)\s*(CV)` at `at`: the operator's end and the version.
fn constraint_at(text: &str, at: usize) -> Option<(usize, VersionMatch)> {
    let operator_end = operator_at(text, at)?;
    let version_start = run(text.as_bytes(), operator_end, is_space);
    let version = version_at(text, version_start, constraint_number_byte)?;
    Some((operator_end, version))
}

/// The pattern `^(\s*(OPS)\s*(CV)\s*)((?:\s+|,\s*)(OPS)\s*(CV)\s*)*$`: constraints
/// separated by white space or commas, and nothing else.
fn valid_group(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut pos = run(bytes, 0, is_space);
    loop {
        let Some((_, version)) = constraint_at(text, pos) else {
            return false;
        };
        let after = run(bytes, version.end, is_space);
        if after == bytes.len() {
            return true;
        }
        if bytes[after] == b',' {
            pos = run(bytes, after + 1, is_space);
        } else if after > version.end {
            pos = after;
        } else {
            return false;
        }
    }
}

/// Every leftmost, non-overlapping match of `(OPS)\s*(CV)` in `text`.
fn find_constraints(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match constraint_at(text, at) {
            Some((_, version)) => {
                found.push(&text[at..version.end]);
                at = version.end.max(at + 1);
            }
            None => at += 1,
        }
    }
    found
}

/// A `semver.Version`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
    metadata: String,
    original: String,
}

impl fmt::Display for Version {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(formatter, "-{}", self.pre)?;
        }
        if !self.metadata.is_empty() {
            write!(formatter, "+{}", self.metadata)?;
        }
        Ok(())
    }
}

fn segment(text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| {
        format!(
            "Error parsing version segment: strconv.ParseUint: parsing {}: value out of range",
            crate::engine::gofmt::quote(text)
        )
    })
}

fn only(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    text.chars().all(allowed)
}

fn allowed(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ch == '-'
}

impl Version {
    /// `semver.NewVersion`.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let found = version_at(text, 0, |byte| byte.is_ascii_digit())
            .filter(|found| found.end == text.len())
            .ok_or("Invalid Semantic Version")?;
        let part = |range: Option<(usize, usize)>, skip: usize| {
            range.map_or("", |(start, end)| &text[start + skip..end])
        };
        let version = Self {
            major: segment(part(Some(found.major), 0))?,
            minor: match found.minor {
                None => 0,
                some => segment(part(some, 1))?,
            },
            patch: match found.patch {
                None => 0,
                some => segment(part(some, 1))?,
            },
            pre: part(found.pre, 1).to_owned(),
            metadata: part(found.meta, 1).to_owned(),
            original: text.to_owned(),
        };
        for part in version.pre.split('.').filter(|_| !version.pre.is_empty()) {
            if only(part, |c| c.is_ascii_digit()) {
                if part.len() > 1 && part.starts_with('0') {
                    return Err("Version segment starts with 0".to_owned());
                }
            } else if !only(part, allowed) {
                return Err("Invalid Prerelease string".to_owned());
            }
        }
        if !version.metadata.is_empty()
            && !version.metadata.split('.').all(|part| only(part, allowed))
        {
            return Err("Invalid Metadata string".to_owned());
        }
        Ok(version)
    }

    /// `Version.Compare`: numbers, then prerelease (none sorts last); metadata ignored.
    fn compare(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &other.pre),
            })
    }
}

fn compare_prerelease(left: &str, right: &str) -> Ordering {
    let (left, right): (Vec<&str>, Vec<&str>) =
        (left.split('.').collect(), right.split('.').collect());
    for index in 0..left.len().max(right.len()) {
        let (a, b) = (
            left.get(index).copied().unwrap_or(""),
            right.get(index).copied().unwrap_or(""),
        );
        let order = compare_pre_part(a, b);
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// semver's `comparePrePart`: numbers below words, numbers by value.
fn compare_pre_part(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    if a.is_empty() {
        return Ordering::Less;
    }
    if b.is_empty() {
        return Ordering::Greater;
    }
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Err(_), Err(_)) => {
            if a > b {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Ok(x), Ok(y)) => {
            if x > y {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
    }
}

/// One parsed constraint.
#[derive(Debug)]
struct Constraint {
    con: Version,
    op: String,
    minor_dirty: bool,
    patch_dirty: bool,
    dirty: bool,
}

fn is_x(text: &str) -> bool {
    matches!(text, "x" | "X" | "*")
}

impl Constraint {
    /// semver's `parseConstraint`.
    fn parse(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            return Ok(Self {
                con: Version::parse("0.0.0")?,
                op: String::new(),
                minor_dirty: false,
                patch_dirty: false,
                dirty: true,
            });
        }
        let improper = || format!("improper constraint: {text}");
        let bytes = text.as_bytes();
        let start = run(bytes, 0, is_space);
        let (operator_end, found) = constraint_at(text, start).ok_or_else(improper)?;
        if run(bytes, found.end, is_space) != bytes.len() {
            return Err(improper());
        }
        // The pattern's groups: 1 the operator, 2 the version, 3 major, 4 `.minor`,
        // 5 `.patch`, 6 `-pre`.
        let group = |index: usize| -> &str {
            let range = match index {
                1 => Some((start, operator_end)),
                2 => Some((found.start, found.end)),
                3 => Some(found.major),
                4 => found.minor,
                5 => found.patch,
                _ => found.pre,
            };
            range.map_or("", |(from, to)| &text[from..to])
        };
        let (mut minor_dirty, mut patch_dirty, mut dirty) = (false, false, false);
        let version = if is_x(group(3)) || group(3).is_empty() {
            dirty = true;
            format!("0.0.0{}", group(6))
        } else if is_x(group(4).trim_start_matches('.')) || group(4).is_empty() {
            minor_dirty = true;
            dirty = true;
            format!("{}.0.0{}", group(3), group(6))
        } else if is_x(group(5).trim_start_matches('.')) || group(5).is_empty() {
            dirty = true;
            patch_dirty = true;
            format!("{}{}.0{}", group(3), group(4), group(6))
        } else {
            group(2).to_owned()
        };
        let con = Version::parse(&version).map_err(|_| "constraint Parser Error".to_owned())?;
        Ok(Self {
            con,
            op: group(1).to_owned(),
            minor_dirty,
            patch_dirty,
            dirty,
        })
    }

    /// The constraint functions of constraints.go.
    fn check(&self, v: &Version) -> bool {
        let c = &self.con;
        // A prerelease version only matches a constraint that names a prerelease.
        if !v.pre.is_empty() && c.pre.is_empty() && self.op != "!=" {
            return false;
        }
        match self.op.as_str() {
            "" | "=" => {
                if self.dirty {
                    self.tilde(v)
                } else {
                    v.compare(c) == Ordering::Equal
                }
            }
            "!=" => self.not_equal(v),
            ">" => {
                if !self.dirty {
                    return v.compare(c) == Ordering::Greater;
                }
                if v.major != c.major {
                    return v.major > c.major;
                }
                if self.minor_dirty {
                    return false;
                }
                if self.patch_dirty {
                    return v.minor > c.minor;
                }
                v.compare(c) == Ordering::Greater
            }
            "<" => v.compare(c) == Ordering::Less,
            ">=" | "=>" => v.compare(c) != Ordering::Less,
            "<=" | "=<" => {
                if !self.dirty {
                    return v.compare(c) != Ordering::Greater;
                }
                if v.major > c.major {
                    return false;
                }
                v.major != c.major || v.minor <= c.minor || self.minor_dirty
            }
            "~" | "~>" => self.tilde(v),
            "^" => self.caret(v),
            _ => false,
        }
    }

    fn not_equal(&self, v: &Version) -> bool {
        let c = &self.con;
        if self.dirty {
            if !v.pre.is_empty() && c.pre.is_empty() {
                return false;
            }
            if c.major != v.major {
                return true;
            }
            if c.minor != v.minor && !self.minor_dirty {
                return true;
            } else if self.minor_dirty {
                return false;
            } else if c.patch != v.patch && !self.patch_dirty {
                return true;
            } else if self.patch_dirty {
                if !v.pre.is_empty() || !c.pre.is_empty() {
                    return compare_prerelease(&v.pre, &c.pre) != Ordering::Equal;
                }
                return false;
            }
        }
        v.compare(c) != Ordering::Equal
    }

    fn tilde(&self, v: &Version) -> bool {
        let c = &self.con;
        if v.compare(c) == Ordering::Less {
            return false;
        }
        if c.major == 0 && c.minor == 0 && c.patch == 0 && !self.minor_dirty && !self.patch_dirty {
            return true;
        }
        if v.major != c.major {
            return false;
        }
        v.minor == c.minor || self.minor_dirty
    }

    fn caret(&self, v: &Version) -> bool {
        let c = &self.con;
        if v.compare(c) == Ordering::Less {
            return false;
        }
        if c.major > 0 || self.minor_dirty {
            return v.major == c.major;
        }
        if v.major > 0 {
            return false;
        }
        if c.minor > 0 || self.patch_dirty {
            return v.minor == c.minor;
        }
        if v.minor > 0 {
            return false;
        }
        c.patch == v.patch
    }
}

/// semver's `rewriteRange`: `a - b` becomes `>= a, <= b `.
/// Masterminds' rewrite of hyphen ranges (`\s*(CV)\s+-\s+(CV)\s*`): each
/// `a - b` becomes `>= a, <= b `, replacing the first equal text.
fn rewrite_range(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = text.to_owned();
    let mut at = 0;
    while at < bytes.len() {
        let from_start = run(bytes, at, is_space);
        let matched = version_at(text, from_start, constraint_number_byte).and_then(|from| {
            let dash = run(bytes, from.end, is_space);
            (dash > from.end && bytes.get(dash) == Some(&b'-')).then_some(())?;
            let to_start = run(bytes, dash + 1, is_space);
            (to_start > dash + 1).then_some(())?;
            let to = version_at(text, to_start, constraint_number_byte)?;
            Some((from, to))
        });
        match matched {
            Some((from, to)) => {
                let end = run(bytes, to.end, is_space);
                let whole = &text[at..end];
                let replacement = format!(
                    ">= {}, <= {} ",
                    &text[from.start..from.end],
                    &text[to.start..to.end]
                );
                out = out.replacen(whole, &replacement, 1);
                at = end.max(at + 1);
            }
            None => at += 1,
        }
    }
    out
}

/// `semver.NewConstraint`: OR groups of AND-ed constraints.
fn parse_constraints(text: &str) -> Result<Vec<Vec<Constraint>>, String> {
    let rewritten = rewrite_range(text);
    rewritten
        .split("||")
        .map(|group| {
            if !valid_group(group) {
                return Err(format!("improper constraint: {group}"));
            }
            let found = find_constraints(group);
            let parts = if found.is_empty() { vec![group] } else { found };
            parts.into_iter().map(Constraint::parse).collect()
        })
        .collect()
}

pub(super) fn semver_compare(_: &mut dyn Host, args: &[Value]) -> Out {
    check(str_arg(args, 0), str_arg(args, 1)).map(Value::Bool)
}

/// `semver.NewConstraint(constraint).Check(semver.NewVersion(version))`.
///
/// # Errors
/// Masterminds' message when either does not parse.
pub(crate) fn check(constraint: &str, version: &str) -> Result<bool, String> {
    let constraints = parse_constraints(constraint)?;
    let version = Version::parse(version)?;
    Ok(constraints
        .iter()
        .any(|group| group.iter().all(|c| c.check(&version))))
}

pub(super) fn semver(_: &mut dyn Host, args: &[Value]) -> Out {
    Ok(version_value(Version::parse(str_arg(args, 0))?))
}

fn version_value(version: Version) -> Value {
    Value::Object(Rc::new(SemverObject(version)))
}

/// A `*semver.Version` in a template: its methods, printed through `String()`.
#[derive(Debug)]
struct SemverObject(Version);

/// The version another method argument holds (a `*semver.Version`).
fn version_arg(value: &Value) -> Result<Version, String> {
    match value {
        Value::Object(object) if object.type_name() == "*semver.Version" => {
            Version::parse(&object.print())
        }
        other => Err(format!(
            "wrong type for value; expected *semver.Version; got {}",
            other.type_name()
        )),
    }
}

fn compare_method(version: &Version, test: fn(Ordering) -> Value) -> Method {
    let version = version.clone();
    Method {
        params: &[Param::Any],
        call: Rc::new(move |args: &[Value]| {
            let other = version_arg(&args[0])?;
            Ok(test(version.compare(&other)))
        }),
    }
}

impl GoObject for SemverObject {
    fn type_name(&self) -> &'static str {
        "*semver.Version"
    }

    fn field(&self, name: &str) -> Option<Value> {
        let v = &self.0;
        let number = |n: u64| Value::Int64(i64::try_from(n).unwrap_or(i64::MAX));
        let bumped = |major: u64, minor: u64, patch: u64| {
            let mut next = Version {
                major,
                minor,
                patch,
                pre: String::new(),
                metadata: String::new(),
                original: String::new(),
            };
            let prefix = if v.original.starts_with('v') { "v" } else { "" };
            next.original = format!("{prefix}{next}");
            version_value(next)
        };
        Some(match name {
            "Major" => number(v.major),
            "Minor" => number(v.minor),
            "Patch" => number(v.patch),
            "Prerelease" => Value::str(&v.pre),
            "Metadata" => Value::str(&v.metadata),
            "Original" => Value::str(&v.original),
            "String" => Value::string(v.to_string()),
            "IncMajor" => bumped(v.major + 1, 0, 0),
            "IncMinor" => bumped(v.major, v.minor + 1, 0),
            "IncPatch" if v.pre.is_empty() => bumped(v.major, v.minor, v.patch + 1),
            "IncPatch" => bumped(v.major, v.minor, v.patch),
            _ => return None,
        })
    }

    fn method(&self, name: &str) -> Option<Method> {
        let v = &self.0;
        Some(match name {
            "Compare" => compare_method(v, |order| Value::Int(order as i64)),
            "LessThan" => compare_method(v, |order| Value::Bool(order == Ordering::Less)),
            "LessThanEqual" => compare_method(v, |order| Value::Bool(order != Ordering::Greater)),
            "GreaterThan" => compare_method(v, |order| Value::Bool(order == Ordering::Greater)),
            "GreaterThanEqual" => compare_method(v, |order| Value::Bool(order != Ordering::Less)),
            "Equal" => compare_method(v, |order| Value::Bool(order == Ordering::Equal)),
            _ => return None,
        })
    }

    fn print(&self) -> String {
        self.0.to_string()
    }

    fn to_data(&self) -> Value {
        // Version.MarshalJSON: its String().
        Value::string(self.0.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use regex_lite::Regex;

    use super::{find_constraints, rewrite_range, valid_group, version_at};

    // Masterminds' own patterns, kept as the reference the hand-written matchers are checked against.
    const CV: &str = r"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
    const OPS: &str = r"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";

    fn regex(pattern: &str) -> Regex {
        Regex::new(pattern).unwrap_or_else(|error| unreachable!("semver pattern: {error}"))
    }

    static REF_VERSION: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$",
        )
    });
    static REF_CONSTRAINT: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"^\s*({OPS})\s*({CV})\s*$")));
    static REF_RANGE: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"\s*({CV})\s+-\s+({CV})\s*")));
    static REF_FIND: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"({OPS})\s*({CV})")));
    static REF_VALID: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"^(\s*({OPS})\s*({CV})\s*)((?:\s+|,\s*)({OPS})\s*({CV})\s*)*$"
        ))
    });

    fn reference_parse_constraints_shape(text: &str) -> Result<Vec<Vec<String>>, String> {
        let mut rewritten = text.to_owned();
        for caps in REF_RANGE.captures_iter(text) {
            let (whole, from, to) = (
                caps.get(0).map_or("", |m| m.as_str()),
                caps.get(1).map_or("", |m| m.as_str()),
                caps.get(11).map_or("", |m| m.as_str()),
            );
            rewritten = rewritten.replacen(whole, &format!(">= {from}, <= {to} "), 1);
        }
        rewritten
            .split("||")
            .map(|group| {
                if !REF_VALID.is_match(group) {
                    return Err(format!("improper constraint: {group}"));
                }
                let found: Vec<String> = REF_FIND
                    .find_iter(group)
                    .map(|m| m.as_str().to_owned())
                    .collect();
                Ok(if found.is_empty() {
                    vec![group.to_owned()]
                } else {
                    found
                })
            })
            .collect()
    }

    fn hand_parse_constraints_shape(text: &str) -> Result<Vec<Vec<String>>, String> {
        rewrite_range(text)
            .split("||")
            .map(|group| {
                if !valid_group(group) {
                    return Err(format!("improper constraint: {group}"));
                }
                let found: Vec<String> = find_constraints(group)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                Ok(if found.is_empty() {
                    vec![group.to_owned()]
                } else {
                    found
                })
            })
            .collect()
    }

    #[test]
    fn hand_matchers_agree_with_the_patterns() {
        const ATOMS: &[&str] = &[
            "1", "2", "0", "10", ".", "x", "*", "|", "||", "-", " - ", "+", "a", "b1", " ", ",",
            ">", "<", "=", "~", "^", "!", "v", "\t",
        ];
        let mut state = 0x5e_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(1 + state % 9) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(ATOMS[(state >> 33) as usize % ATOMS.len()]);
            }
            let reference = REF_VERSION.captures(&text).map(|caps| {
                (1..=8)
                    .map(|index| {
                        caps.get(index)
                            .map_or(String::new(), |m| m.as_str().to_owned())
                    })
                    .collect::<Vec<_>>()
            });
            let hand = version_at(&text, 0, |byte| byte.is_ascii_digit())
                .filter(|found| found.end == text.len())
                .map(|found| {
                    let part = |range: Option<(usize, usize)>| {
                        range.map_or(String::new(), |(a, b)| text[a..b].to_owned())
                    };
                    let pre = found
                        .pre
                        .map_or(String::new(), |(a, b)| text[a + 1..b].to_owned());
                    let meta = found
                        .meta
                        .map_or(String::new(), |(a, b)| text[a + 1..b].to_owned());
                    vec![
                        part(Some(found.major)),
                        part(found.minor),
                        part(found.patch),
                        part(found.pre),
                        pre,
                        String::new(),
                        part(found.meta),
                        meta,
                    ]
                });
            assert_eq!(
                hand.as_ref().map(|groups| [
                    &groups[0], &groups[1], &groups[2], &groups[3], &groups[4], &groups[7]
                ]),
                reference.as_ref().map(|groups| [
                    &groups[0], &groups[1], &groups[2], &groups[3], &groups[4], &groups[7]
                ]),
                "version {text:?}"
            );
            assert_eq!(
                hand_parse_constraints_shape(&text),
                reference_parse_constraints_shape(&text),
                "constraint {text:?}"
            );
            let reference = REF_CONSTRAINT.captures(&text).map(|caps| {
                (1..=6)
                    .map(|index| {
                        caps.get(index)
                            .map_or(String::new(), |m| m.as_str().to_owned())
                    })
                    .collect::<Vec<_>>()
            });
            let bytes = text.as_bytes();
            let start = super::run(bytes, 0, super::is_space);
            let hand = super::constraint_at(&text, start)
                .filter(|(_, found)| super::run(bytes, found.end, super::is_space) == bytes.len())
                .map(|(operator_end, found)| {
                    let part = |range: Option<(usize, usize)>| {
                        range.map_or(String::new(), |(a, b)| text[a..b].to_owned())
                    };
                    vec![
                        text[start..operator_end].to_owned(),
                        text[found.start..found.end].to_owned(),
                        part(Some(found.major)),
                        part(found.minor),
                        part(found.patch),
                        part(found.pre),
                    ]
                });
            assert_eq!(hand, reference, "single constraint {text:?}");
        }
    }

    use super::super::testing::{call, ok, s, text};
    use crate::engine::value::Value;

    fn check(constraint: &str, version: &str) -> bool {
        ok("semverCompare", &[s(constraint), s(version)]).is_true()
    }

    #[test]
    fn kube_version_idiom() {
        // The chart idiom: a -0 prerelease floor admits prerelease builds like v1.35.0-gke.1.
        assert!(check(">=1.20.0-0", "v1.35.0"));
        assert!(check(">=1.20.0-0", "v1.35.0-gke.1"));
        assert!(check(">=1.20.0", "v1.35.0"));
        assert!(
            !check(">=1.20.0", "v1.35.0-gke.1"),
            "no prerelease in the constraint"
        );
        assert!(!check(">=1.20.0-0", "v1.19.9"));
        assert!(check(">= 1.19-0, < 1.36-0", "1.30.2"));
    }

    #[test]
    fn caret_tilde_wildcards() {
        assert!(check("^1.2", "1.9.0"));
        assert!(!check("^1.2", "2.0.0"));
        assert!(!check("^1.2", "1.1.9"));
        assert!(check("^0.2.3", "0.2.9"));
        assert!(!check("^0.2.3", "0.3.0"));
        assert!(check("^0.0.3", "0.0.3"));
        assert!(!check("^0.0.3", "0.0.4"));
        assert!(check("~1.2.3", "1.2.9"));
        assert!(!check("~1.2.3", "1.3.0"));
        assert!(!check("~1.2.3", "1.2.2"));
        assert!(check("~1", "1.9.9"));
        assert!(check("1.2.x", "1.2.7"));
        assert!(!check("1.2.x", "1.3.0"));
        assert!(check("*", "4.5.6"));
        // An empty constraint fails validConstraintRegex before parseConstraint's empty case.
        assert_eq!(
            call("semverCompare", &[s(""), s("4.5.6")]),
            Err("improper constraint: ".to_owned())
        );
        assert!(!check("*", "4.5.6-rc.1"));
        assert!(check("!=1.2.3", "1.2.4"));
        assert!(!check("!=1.2.x", "1.2.4"));
        assert!(check(">1.2", "1.3.0"));
        assert!(!check(">1.2", "1.2.9"));
        assert!(check("<=1.2", "1.2.9"));
        assert!(!check("<=1.2", "1.3.0"));
    }

    #[test]
    fn ranges_and_unions() {
        assert!(check("1.2 - 1.4.5", "1.3.0"));
        assert!(check("1.2 - 1.4.5", "1.4.5"));
        assert!(!check("1.2 - 1.4.5", "1.4.6"));
        assert!(check("<1.0 || >=2.0", "2.1.0"));
        assert!(check("<1.0 || >=2.0", "0.9.0"));
        assert!(!check("<1.0 || >=2.0", "1.5.0"));
        assert!(check(">=1.0 <2.0", "1.5.0"));
        assert!(!check(">=1.0, <2.0", "2.0.0"));
    }

    #[test]
    fn prerelease_ordering() {
        assert!(check(">=1.0.0-alpha", "1.0.0-beta"));
        assert!(check("<1.0.0-rc.10", "1.0.0-rc.9"));
        assert!(check(">1.0.0-alpha.1", "1.0.0-alpha.beta"));
        assert!(
            !check("<1.0.0", "1.0.0-rc.1"),
            "no prerelease in the constraint"
        );
    }

    #[test]
    fn errors_like_semver() {
        assert_eq!(
            call("semverCompare", &[s(">=1.0"), s("abc")]),
            Err("Invalid Semantic Version".to_owned())
        );
        assert_eq!(
            call("semverCompare", &[s(">>1.0"), s("1.0.0")]),
            Err("improper constraint: >>1.0".to_owned())
        );
        assert_eq!(
            call("semver", &[s("1.02.3")]).map(|_| ()),
            Ok(()),
            "NewVersion is lenient about leading zeros"
        );
        assert_eq!(
            call("semver", &[s("1.2.3-01")]).map(|_| ()),
            Err("Version segment starts with 0".to_owned())
        );
    }

    #[test]
    fn semver_object() {
        let version = ok("semver", &[s("v1.2.3-rc.1+build")]);
        assert_eq!(
            text("toString", std::slice::from_ref(&version)),
            "1.2.3-rc.1+build"
        );
        let Value::Object(object) = &version else {
            panic!()
        };
        assert_eq!(
            object
                .field("Major")
                .map(|v| crate::engine::gofmt::sprint_value(&v)),
            Some("1".into())
        );
        assert_eq!(
            object
                .field("Prerelease")
                .and_then(|v| v.as_str().map(str::to_owned)),
            Some("rc.1".into())
        );
        assert_eq!(
            object
                .field("Original")
                .and_then(|v| v.as_str().map(str::to_owned)),
            Some("v1.2.3-rc.1+build".into())
        );
        let newer = ok("semver", &[s("1.3.0")]);
        let less = object.method("LessThan").unwrap();
        assert!((less.call)(&[newer]).unwrap().is_true());
        assert_eq!(version.type_name(), "*semver.Version");
    }
}
