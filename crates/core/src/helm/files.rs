//! `.Files`: a chart's non-template files as templates reach them
//! (`pkg/engine/files.go`). In Go it is `engine.files`, a
//! `map[string][]byte` with methods, so `{{ .Files }}` prints the map,
//! `.Files.NAME` and `index .Files NAME` read a file's bytes, and
//! `range $name, $bytes := .Files.Glob "..."` walks it in key order.
//!
//! - `Get NAME`: the text, `""` when missing;
//! - `GetBytes NAME`: the `[]byte`, empty when missing;
//! - `Glob PATTERN`: the files matching a gobwas/glob pattern with `/` as
//!   separator (`*`, `?`, `**`, `[...]`, `[!...]`, `{a,b}`); a pattern that
//!   does not compile matches everything, as Helm falls back to `**`;
//! - `Lines NAME`: the lines, a final newline dropped (an empty file fails
//!   with Go's `index out of range [-1]`, as it does in Helm);
//! - `AsConfig`, `AsSecrets`: the files by base name as YAML text, values
//!   as they are or base64-encoded.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use super::ChartFile;
use crate::engine::funcs::Param;
use crate::engine::gopath::base;
use crate::engine::{GoObject, Method, Value};

/// The `.Files` object (`engine.files`).
#[derive(Clone, Default)]
pub struct Files {
    entries: Rc<BTreeMap<String, Rc<[u8]>>>,
}

impl fmt::Debug for Files {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_list().entries(self.entries.keys()).finish()
    }
}

impl Files {
    /// `newFiles`: the chart's files by name (a later duplicate wins).
    #[must_use]
    pub fn new(files: &[ChartFile]) -> Self {
        Self {
            entries: Rc::new(crate::sort::btree_map(
                files
                    .iter()
                    .map(|file| (file.name.clone(), Rc::from(file.data.as_slice()))),
            )),
        }
    }

    /// The object as a template value.
    #[must_use]
    pub fn into_value(self) -> Value {
        Value::Object(Rc::new(self))
    }

    /// The files in key order, as `range` walks them.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.entries
            .iter()
            .map(|(name, data)| (name.as_str(), &**data))
    }

    /// How many files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none (Go's truth of the map: `if .Files.Glob "x"`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `GetBytes`.
    #[must_use]
    pub fn get_bytes(&self, name: &str) -> Bytes {
        Bytes(
            self.entries
                .get(name)
                .cloned()
                .unwrap_or_else(|| Rc::from(&[][..])),
        )
    }

    /// `Get`.
    #[must_use]
    pub fn get(&self, name: &str) -> String {
        self.entries
            .get(name)
            .map(|data| String::from_utf8_lossy(data).into_owned())
            .unwrap_or_default()
    }

    /// `Glob`.
    #[must_use]
    pub fn glob(&self, pattern: &str) -> Self {
        let glob = Glob::compile(pattern).unwrap_or_else(|| Glob(vec![Token::Super]));
        Self {
            entries: Rc::new(crate::sort::btree_map(
                self.entries
                    .iter()
                    .filter(|(name, _)| glob.matches(name))
                    .map(|(name, data)| (name.clone(), data.clone())),
            )),
        }
    }

    /// `Lines`.
    ///
    /// # Errors
    /// Go's runtime error for an empty file, as the template sees it.
    pub fn lines(&self, name: &str) -> Result<Vec<String>, String> {
        let Some(data) = self.entries.get(name) else {
            return Ok(Vec::new());
        };
        let text = String::from_utf8_lossy(data);
        if text.is_empty() {
            return Err("runtime error: index out of range [-1]".to_owned());
        }
        let text = text.strip_suffix('\n').unwrap_or(&text);
        Ok(text.split('\n').map(str::to_owned).collect())
    }

    /// `AsConfig`.
    #[must_use]
    pub fn as_config(&self) -> String {
        let map = self.entries.iter().map(|(name, data)| {
            (
                base(name).to_owned(),
                Value::string(String::from_utf8_lossy(data).into_owned()),
            )
        });
        string_map_yaml(crate::sort::btree_map(map))
    }

    /// `AsSecrets`.
    #[must_use]
    pub fn as_secrets(&self) -> String {
        let map = self
            .entries
            .iter()
            .map(|(name, data)| (base(name).to_owned(), Value::string(base64(data))));
        string_map_yaml(crate::sort::btree_map(map))
    }
}

/// Helm's `toYAML` of the map (`sigs.k8s.io/yaml`, go-yaml v2's emitter), as
/// `toYaml` writes it.
fn string_map_yaml(map: crate::engine::MapData) -> String {
    crate::engine::yaml::to_yaml(&Value::map(map)).unwrap_or_default()
}

impl GoObject for Files {
    fn type_name(&self) -> &'static str {
        "engine.files"
    }

    /// Go looks for a method first, then, the type being a map, for a key:
    /// `.Files.AsConfig` calls the method, `.Files.README.md` cannot be
    /// written but `.Files.LICENSE` reads that file (`<no value>` when absent).
    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "AsConfig" => Some(Value::string(self.as_config())),
            "AsSecrets" => Some(Value::string(self.as_secrets())),
            "Get" | "GetBytes" | "Glob" | "Lines" => None,
            _ => Some(
                self.entries
                    .get(name)
                    .map_or(Value::Nil, |data| Bytes(data.clone()).into_value()),
            ),
        }
    }

    fn method(&self, name: &str) -> Option<Method> {
        const STRING: &[Param] = &[Param::String];
        let files = self.clone();
        let name_arg = |args: &[Value]| {
            args.first()
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        let call: MethodCall = match name {
            "Get" => Rc::new(move |args| Ok(Value::string(files.get(&name_arg(args))))),
            "GetBytes" => Rc::new(move |args| Ok(files.get_bytes(&name_arg(args)).into_value())),
            "Glob" => Rc::new(move |args| Ok(files.glob(&name_arg(args)).into_value())),
            "Lines" => Rc::new(move |args| files.lines(&name_arg(args)).map(Value::string_list)),
            _ => return None,
        };
        Some(Method {
            params: STRING,
            call,
        })
    }

    /// `%v` of the map: `map[NAME:[bytes] ...]`.
    fn print(&self) -> String {
        let items: Vec<String> = self
            .entries
            .iter()
            .map(|(name, data)| format!("{name}:{}", Bytes(data.clone()).print()))
            .collect();
        format!("map[{}]", items.join(" "))
    }

    /// As JSON sees it: each file's bytes as a base64 string.
    fn to_data(&self) -> Value {
        Value::map(crate::sort::btree_map(
            self.entries
                .iter()
                .map(|(name, data)| (name.clone(), Value::string(base64(data)))),
        ))
    }
}

/// The body of a bound method, as [`Method`] holds it.
type MethodCall = Rc<dyn Fn(&[Value]) -> Result<Value, String>>;

/// A `[]byte` (`.Files.GetBytes`, a value of `range .Files`).
#[derive(Clone, Debug)]
pub struct Bytes(pub Rc<[u8]>);

impl Bytes {
    /// The object as a template value.
    #[must_use]
    pub fn into_value(self) -> Value {
        Value::Object(Rc::new(self))
    }
}

impl GoObject for Bytes {
    fn type_name(&self) -> &'static str {
        "[]uint8"
    }

    fn field(&self, _name: &str) -> Option<Value> {
        None
    }

    /// `%v` of a byte slice: `[104 105]`.
    fn print(&self) -> String {
        let numbers: Vec<String> = self.0.iter().map(u8::to_string).collect();
        format!("[{}]", numbers.join(" "))
    }

    /// JSON writes a `[]byte` as base64.
    fn to_data(&self) -> Value {
        Value::string(base64(&self.0))
    }
}

/// Standard base64 with padding (`base64.StdEncoding`).
pub(crate) fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let bytes = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let word = (u32::from(bytes[0]) << 16) | (u32::from(bytes[1]) << 8) | u32::from(bytes[2]);
        for index in 0..4 {
            if index <= chunk.len() {
                out.push(char::from(
                    ALPHABET[((word >> (18 - 6 * index)) & 63) as usize],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A gobwas/glob pattern compiled with `/` as the separator.
struct Glob(Vec<Token>);

#[derive(Clone, Debug)]
enum Token {
    Literal(char),
    /// `?`: one character, not `/`.
    Single,
    /// `*`: any run without `/`.
    Any,
    /// `**`: any run.
    Super,
    /// `[...]` / `[!...]`: one character (a `/` included) in or out of the ranges.
    Class(bool, Vec<(char, char)>),
    /// `{a,b}`: one of the alternatives.
    Alternatives(Vec<Vec<Token>>),
}

impl Glob {
    fn compile(pattern: &str) -> Option<Self> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut at = 0;
        let tokens = parse_sequence(&chars, &mut at, false)?;
        (at == chars.len()).then_some(Self(tokens))
    }

    fn matches(&self, name: &str) -> bool {
        let chars: Vec<char> = name.chars().collect();
        match_tokens(&self.0, &chars, &[])
    }
}

/// Tokens until the end, or (inside braces) until `,` or `}`.
fn parse_sequence(chars: &[char], at: &mut usize, in_braces: bool) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    while *at < chars.len() {
        let ch = chars[*at];
        match ch {
            ',' | '}' if in_braces => return Some(tokens),
            '\\' => {
                *at += 1;
                tokens.push(Token::Literal(*chars.get(*at)?));
                *at += 1;
            }
            '?' => {
                tokens.push(Token::Single);
                *at += 1;
            }
            '*' => {
                if chars.get(*at + 1) == Some(&'*') {
                    tokens.push(Token::Super);
                    *at += 2;
                } else {
                    tokens.push(Token::Any);
                    *at += 1;
                }
            }
            '[' => {
                *at += 1;
                let negated = chars.get(*at) == Some(&'!');
                if negated {
                    *at += 1;
                }
                let mut ranges = Vec::new();
                loop {
                    let low = *chars.get(*at)?;
                    if low == ']' {
                        *at += 1;
                        break;
                    }
                    if chars.get(*at + 1) == Some(&'-')
                        && chars.get(*at + 2).is_some_and(|high| *high != ']')
                    {
                        let high = chars[*at + 2];
                        if high < low {
                            return None;
                        }
                        ranges.push((low, high));
                        *at += 3;
                    } else {
                        ranges.push((low, low));
                        *at += 1;
                    }
                }
                if ranges.is_empty() {
                    return None;
                }
                tokens.push(Token::Class(negated, ranges));
            }
            '{' => {
                *at += 1;
                let mut alternatives = Vec::new();
                loop {
                    alternatives.push(parse_sequence(chars, at, true)?);
                    match chars.get(*at)? {
                        ',' => *at += 1,
                        _ => {
                            *at += 1;
                            break;
                        }
                    }
                }
                tokens.push(Token::Alternatives(alternatives));
            }
            _ => {
                tokens.push(Token::Literal(ch));
                *at += 1;
            }
        }
    }
    if in_braces { None } else { Some(tokens) }
}

/// Whether `tokens` then `rest` (what follows an alternative) match all of `name`.
fn match_tokens(tokens: &[Token], name: &[char], rest: &[&[Token]]) -> bool {
    let Some((token, tail)) = tokens.split_first() else {
        return match rest.split_first() {
            Some((next, others)) => match_tokens(next, name, others),
            None => name.is_empty(),
        };
    };
    match token {
        Token::Literal(ch) => name.first() == Some(ch) && match_tokens(tail, &name[1..], rest),
        Token::Single => {
            name.first().is_some_and(|ch| *ch != '/') && match_tokens(tail, &name[1..], rest)
        }
        Token::Class(negated, ranges) => {
            name.first().is_some_and(|ch| {
                ranges.iter().any(|(low, high)| low <= ch && ch <= high) != *negated
            }) && match_tokens(tail, &name[1..], rest)
        }
        Token::Any => {
            let limit = name.iter().position(|ch| *ch == '/').unwrap_or(name.len());
            (0..=limit).any(|skip| match_tokens(tail, &name[skip..], rest))
        }
        Token::Super => (0..=name.len()).any(|skip| match_tokens(tail, &name[skip..], rest)),
        Token::Alternatives(alternatives) => alternatives.iter().any(|alternative| {
            let mut after: Vec<&[Token]> = vec![tail];
            after.extend_from_slice(rest);
            match_tokens(alternative, name, &after)
        }),
    }
}

#[cfg(test)]
mod tests {

    /// `AsConfig` over files with these names and contents.
    fn emit(entries: &[(&str, &str)]) -> String {
        let files: Vec<ChartFile> = entries
            .iter()
            .map(|(name, data)| ChartFile::new(*name, data.as_bytes().to_vec()))
            .collect();
        Files::new(&files).as_config()
    }

    #[test]
    fn as_helm_writes_config_maps() {
        // `(.Files.Glob "conf/**").AsConfig` from helm v4.1.4.
        assert_eq!(
            emit(&[
                ("a.yaml", "x: 1\ny: \"q\"\n"),
                ("b.txt", "line1\nline2\n"),
                ("c.txt", "deep")
            ]),
            "a.yaml: |\n  x: 1\n  y: \"q\"\nb.txt: |\n  line1\n  line2\nc.txt: deep"
        );
        assert_eq!(emit(&[]), "{}");
    }

    #[test]
    fn every_style_as_helm_writes_it() {
        // `(.Files.Glob "c/*").AsConfig` from helm v4.1.4, one file per case.
        let output = emit(&[
            ("k01", "true"),
            ("k02", ""),
            ("k03", " x"),
            ("k04", "a: b"),
            ("k05", "tab\there"),
            ("k06", "no newline\nat end"),
            ("k07", "trailing \nspace"),
            ("k08", "1:20"),
            ("k09", "12"),
            (
                "k10",
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ),
            (
                "k11",
                "true Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt: ut labore et dolore magna aliqua.",
            ),
            ("k12", "a\n\n"),
            ("k13", "\nleading"),
            ("k14", "x\r\ny"),
            ("k15", "héllo"),
            ("k16", "- item"),
            ("k17", "#c"),
            ("k18", "it's"),
            ("a10", "x"),
            ("a9", "y"),
            ("k19", "multi\n\n\nblank\n"),
            ("k20", "  indented\nmore\n"),
            (
                "k21",
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor: incididunt 'ut' labore et dolore magna aliqua.",
            ),
            ("k22", "null"),
            ("k23", "~"),
            ("k24", "0x1F"),
            ("k25", "1e3"),
            ("k26", "yes"),
            ("k27", "<<"),
            ("k28", ".5"),
            ("k29", "a\u{1}b"),
        ]);
        let expected = "a9: \"y\"\na10: x\nk01: \"true\"\nk02: \"\"\nk03: ' x'\nk04: 'a: b'\nk05: \"tab\\there\"\nk06: |-\n  no newline\n  at end\nk07: \"trailing \\nspace\"\nk08: \"1:20\"\nk09: \"12\"\nk10: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n  incididunt ut labore et dolore magna aliqua.\nk11: 'true Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\n  tempor incididunt: ut labore et dolore magna aliqua.'\nk12: |+\n  a\n\nk13: |2-\n\n  leading\nk14: \"x\\r\\ny\"\nk15: héllo\nk16: '- item'\nk17: '#c'\nk18: it's\nk19: |\n  multi\n\n\n  blank\nk20: |2\n    indented\n  more\nk21: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor:\n  incididunt ''ut'' labore et dolore magna aliqua.'\nk22: \"null\"\nk23: \"~\"\nk24: \"0x1F\"\nk25: \"1e3\"\nk26: \"yes\"\nk27: <<\nk28: \".5\"\nk29: \"a\\x01b\"";
        assert_eq!(output, expected);
    }

    use super::*;
    use crate::engine::gofmt::sprint_value;

    fn files() -> Files {
        Files::new(&[
            ChartFile::new("conf/a.yaml", "x: 1\ny: \"q\"\n"),
            ChartFile::new("conf/b.txt", "line1\nline2\n"),
            ChartFile::new("conf/sub/c.txt", "deep"),
            ChartFile::new("crds/c.yaml", "kind: X\n"),
            ChartFile::new("empty.txt", ""),
            ChartFile::new("hi", "hi"),
        ])
    }

    fn glob_names(pattern: &str) -> Vec<String> {
        files()
            .glob(pattern)
            .entries()
            .map(|(name, _)| name.to_owned())
            .collect()
    }

    #[test]
    fn printed_as_helm_prints_the_map() {
        // `{{ .Files }}` and friends from helm v4.1.4.
        assert_eq!(
            files().print(),
            "map[conf/a.yaml:[120 58 32 49 10 121 58 32 34 113 34 10] conf/b.txt:[108 105 110 101 49 10 108 105 110 101 50 10] conf/sub/c.txt:[100 101 101 112] crds/c.yaml:[107 105 110 100 58 32 88 10] empty.txt:[] hi:[104 105]]"
        );
        assert_eq!(files().get_bytes("hi").print(), "[104 105]");
        assert_eq!(files().get_bytes("nope").print(), "[]");
        assert_eq!(files().get("nope"), "");
        assert_eq!(files().type_name(), "engine.files");
        assert_eq!(files().get_bytes("hi").type_name(), "[]uint8");
        assert_eq!(sprint_value(&files().field("hi").unwrap()), "[104 105]");
        assert!(files().field("nope").unwrap().is_nil());
        assert!(files().field("Get").is_none());
    }

    #[test]
    fn glob_as_helm_matches() {
        assert_eq!(glob_names("conf/*"), ["conf/a.yaml", "conf/b.txt"]);
        assert_eq!(
            glob_names("conf/**"),
            ["conf/a.yaml", "conf/b.txt", "conf/sub/c.txt"]
        );
        assert_eq!(
            glob_names("**.txt"),
            ["conf/b.txt", "conf/sub/c.txt", "empty.txt"]
        );
        assert_eq!(glob_names("conf/{a,b}.*"), ["conf/a.yaml", "conf/b.txt"]);
        assert_eq!(glob_names("[").len(), 6);
        assert_eq!(glob_names("h?"), ["hi"]);
        assert_eq!(glob_names("[!c]*"), ["empty.txt", "hi"]);
        assert!(files().glob("zzz").is_empty());
    }

    #[test]
    fn lines_config_and_secrets() {
        assert_eq!(files().lines("conf/b.txt").unwrap(), ["line1", "line2"]);
        assert!(files().lines("nope").unwrap().is_empty());
        assert_eq!(
            files().lines("empty.txt").unwrap_err(),
            "runtime error: index out of range [-1]"
        );
        assert_eq!(
            files().glob("conf/**").as_config(),
            "a.yaml: |\n  x: 1\n  y: \"q\"\nb.txt: |\n  line1\n  line2\nc.txt: deep"
        );
        assert_eq!(
            files().glob("conf/**").as_secrets(),
            "a.yaml: eDogMQp5OiAicSIK\nb.txt: bGluZTEKbGluZTIK\nc.txt: ZGVlcA=="
        );
        assert_eq!(files().glob("zzz").as_config(), "{}");
        assert_eq!(
            sprint_value(&files().glob("conf/*").to_data()),
            "map[conf/a.yaml:eDogMQp5OiAicSIK conf/b.txt:bGluZTEKbGluZTIK]"
        );
    }

    #[test]
    fn methods_take_a_string() {
        let method = files().method("Get").unwrap();
        assert_eq!(method.params, &[Param::String]);
        let text = (method.call)(&[Value::str("hi")]).unwrap();
        assert_eq!(text.as_str(), Some("hi"));
        let lines = (files().method("Lines").unwrap().call)(&[Value::str("conf/b.txt")]).unwrap();
        assert_eq!(sprint_value(&lines), "[line1 line2]");
        assert!(files().method("AsConfig").is_none());
    }
}
