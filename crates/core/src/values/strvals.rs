//! Helm's `--set` / `--set-string` syntax (Helm's `strvals` package), applied
//! onto the user values the way Helm applies it: `a.b=c` nests, `a[0].b=c`
//! indexes lists, `a={x,y}` is a list, `\,` and `\.` escape, commas separate
//! assignments, and `--set` types `true`/`false`/`null`/integers.

use super::node::{Map, Node, Value};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::span::{Origin, SourceId, Span};

/// Helm refuses deeper `a.b.c...` keys than this.
const MAX_NESTED_NAME_LEVEL: usize = 30;
/// Helm refuses list indexes above this.
const MAX_INDEX: usize = 65_536;

/// How a flag's values are read.
#[derive(Clone, Copy)]
pub(crate) enum SetMode<'r> {
    /// `--set`: `true`, `false`, `null` and integers are typed.
    Typed,
    /// `--set-string`: every value is a string.
    Strings,
    /// `--set-json`: every value is JSON (numbers are float64, as Go decodes them).
    Json,
    /// `--set-literal`: the text after `=` is one string, commas and all.
    Literal,
    /// `--set-file`: every value names a file whose contents become the string.
    File(&'r dyn Fn(&str) -> Result<String, String>),
}

/// Apply one `--set` (or `--set-string` when `keep_strings`) flag to `target`.
pub(crate) fn apply(
    flag: &str,
    source: SourceId,
    keep_strings: bool,
    target: &mut Map,
) -> Result<(), Box<Diagnostic>> {
    let mode = if keep_strings {
        SetMode::Strings
    } else {
        SetMode::Typed
    };
    apply_with_mode(flag, source, mode, target)
}

/// Apply one flag read in `mode` to `target`.
pub(crate) fn apply_with_mode(
    flag: &str,
    source: SourceId,
    mode: SetMode<'_>,
    target: &mut Map,
) -> Result<(), Box<Diagnostic>> {
    let mut parser = SetParser {
        text: flag,
        pos: 0,
        source,
        mode,
        unclosed_index: false,
    };
    loop {
        match parser.key(target, 0) {
            Ok(Step::Continue) => {}
            Ok(Step::End | Step::Eof) => return Ok(()),
            Err(_) if parser.unclosed_index => return Ok(()),
            Err(error) => return Err(error),
        }
    }
}

/// Whether the flag text has more to read after a step.
enum Step {
    Continue,
    End,
    /// The text ended where a key or value should start (`a.` or `a.b=`).
    /// Helm's parser reports this as `io.EOF`, which some callers treat as
    /// "nothing to store" rather than as success.
    Eof,
}

/// A run of characters read up to a stop character.
struct Run {
    text: String,
    start: usize,
    end: usize,
    /// The stop character, or `None` at the end of the flag.
    stop: Option<char>,
}

struct SetParser<'flag> {
    text: &'flag str,
    pos: usize,
    source: SourceId,
    mode: SetMode<'flag>,
    /// An index ran to the end of the text without `]`.
    unclosed_index: bool,
}

type SetResult<T> = Result<T, Box<Diagnostic>>;

impl SetParser<'_> {
    fn origin(&self, start: usize, end: usize) -> Origin {
        Origin {
            source: self.source,
            span: Span::new(start, end),
        }
    }

    fn error(&self, start: usize, end: usize, message: String) -> Box<Diagnostic> {
        let flag = match self.mode {
            SetMode::Typed => "--set",
            SetMode::Strings => "--set-string",
            SetMode::Json => "--set-json",
            SetMode::Literal => "--set-literal",
            SetMode::File(_) => "--set-file",
        };
        Box::new(
            Diagnostic::new(Code::SetSyntax, "", Some(self.origin(start, end)), message).with_help(format!(
                "write {flag} as key=value, with dots for nesting (a.b=c), [N] for list items, {{x,y}} for lists, and \\, or \\. to escape"
            )),
        )
    }

    fn next_char(&mut self) -> Option<char> {
        let ch = self.text[self.pos..].chars().next()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    fn runes_until(&mut self, stops: &[char]) -> Run {
        let start = self.pos;
        let mut text = String::new();
        loop {
            let Some(ch) = self.next_char() else {
                return Run {
                    text,
                    start,
                    end: self.pos,
                    stop: None,
                };
            };
            if stops.contains(&ch) {
                return Run {
                    text,
                    start,
                    end: self.pos - ch.len_utf8(),
                    stop: Some(ch),
                };
            }
            if ch == '\\' {
                match self.next_char() {
                    Some(escaped) => text.push(escaped),
                    None => {
                        return Run {
                            text,
                            start,
                            end: self.pos,
                            stop: None,
                        };
                    }
                }
            } else {
                text.push(ch);
            }
        }
    }

    fn typed(&self, run: &Run) -> Node {
        let origin = self.origin(run.start, run.end);
        let text = run.text.as_str();
        let value = if !matches!(self.mode, SetMode::Typed) {
            Value::String(text.to_owned())
        } else if text.eq_ignore_ascii_case("true") {
            Value::Bool(true)
        } else if text.eq_ignore_ascii_case("false") {
            Value::Bool(false)
        } else if text.eq_ignore_ascii_case("null") {
            Value::Null
        } else if text == "0" {
            Value::Int(0)
        } else if !text.is_empty() && !text.starts_with('0') {
            text.parse::<i64>()
                .map_or_else(|_| Value::String(text.to_owned()), Value::Int)
        } else {
            Value::String(text.to_owned())
        };
        Node::new(value, origin)
    }

    /// A `{x,y}` list, if the value starts with `{`.
    fn value_list(&mut self) -> SetResult<Option<Node>> {
        let start = self.pos;
        match self.text[self.pos..].chars().next() {
            Some('{') => self.pos += 1,
            _ => return Ok(None),
        }
        let mut items = Vec::new();
        loop {
            let run = self.runes_until(&[',', '}']);
            match run.stop {
                None => {
                    return Err(self.error(
                        start,
                        self.pos,
                        "list must terminate with '}'".to_owned(),
                    ));
                }
                Some('}') => {
                    if self.text[self.pos..].starts_with(',') {
                        self.pos += 1;
                    }
                    items.push(self.typed(&run));
                    return Ok(Some(Node::new(
                        Value::List(items),
                        self.origin(start, run.end + 1),
                    )));
                }
                Some(_) => items.push(self.typed(&run)),
            }
        }
    }

    /// The value after `=`: a list, or a scalar up to the next comma.
    fn value(&mut self, empty_at: usize) -> SetResult<(Node, Step)> {
        match self.mode {
            SetMode::Json => return self.json_value(empty_at),
            SetMode::Literal => {
                let start = self.pos;
                self.pos = self.text.len();
                let node = Node::new(
                    Value::String(self.text[start..].to_owned()),
                    self.origin(start, self.pos),
                );
                return Ok((node, Step::End));
            }
            SetMode::File(read) => {
                let run = self.runes_until(&[',']);
                let step = if run.stop.is_none() {
                    Step::End
                } else {
                    Step::Continue
                };
                let contents =
                    read(&run.text).map_err(|message| self.error(run.start, run.end, message))?;
                return Ok((
                    Node::new(Value::String(contents), self.origin(run.start, run.end)),
                    step,
                ));
            }
            SetMode::Typed | SetMode::Strings => {}
        }
        if self.pos >= self.text.len() {
            return Ok((
                Node::new(
                    Value::String(String::new()),
                    self.origin(empty_at, empty_at),
                ),
                Step::Eof,
            ));
        }
        if let Some(list) = self.value_list()? {
            return Ok((list, Step::Continue));
        }
        let run = self.runes_until(&[',']);
        let step = if run.stop.is_none() {
            Step::End
        } else {
            Step::Continue
        };
        Ok((self.typed(&run), step))
    }

    /// Helm's `emptyVal`: blanks up to a comma or the end mean null.
    fn empty_value(&mut self) -> bool {
        loop {
            match self.text[self.pos..].chars().next() {
                None => return true,
                Some(',') => {
                    self.pos += 1;
                    return true;
                }
                Some(ch) if ch.is_whitespace() => self.pos += ch.len_utf8(),
                Some(_) => return false,
            }
        }
    }

    /// A `--set-json` value: one JSON value decoded from the rest of the flag,
    /// then blanks and a comma skipped.
    fn json_value(&mut self, empty_at: usize) -> SetResult<(Node, Step)> {
        if self.empty_value() {
            let step = if self.pos >= self.text.len() {
                Step::End
            } else {
                Step::Continue
            };
            return Ok((
                Node::new(Value::Null, self.origin(empty_at, empty_at)),
                step,
            ));
        }
        let start = self.pos;
        let mut stream = serde_json::Deserializer::from_str(&self.text[start..])
            .into_iter::<serde_json::Value>();
        let json = match stream.next() {
            Some(Ok(json)) => json,
            Some(Err(error)) => {
                return Err(self.error(start, self.text.len(), format!("invalid JSON: {error}")));
            }
            None => {
                return Err(self.error(
                    start,
                    self.text.len(),
                    "unexpected end of JSON input".to_owned(),
                ));
            }
        };
        self.pos = start + stream.byte_offset();
        let origin = self.origin(start, self.pos);
        let node = json_node(&json, origin);
        self.empty_value();
        let step = if self.pos >= self.text.len() {
            Step::End
        } else {
            Step::Continue
        };
        Ok((node, step))
    }

    fn key(&mut self, data: &mut Map, nested_level: usize) -> SetResult<Step> {
        let run = self.runes_until(&['=', '[', ',', '.']);
        let key_origin = self.origin(run.start, run.end);
        match run.stop {
            None if run.text.is_empty() => Ok(Step::Eof),
            None => Err(self.error(
                run.start,
                run.end,
                format!("key {:?} has no value", run.text),
            )),
            Some('=') => {
                let (node, step) = self.value(self.pos)?;
                set(data, run.text, key_origin, node);
                Ok(step)
            }
            Some(',') => Err(self.error(
                run.start,
                run.end,
                format!("key {:?} has no value (cannot end with ,)", run.text),
            )),
            Some('.') => {
                if nested_level + 1 > MAX_NESTED_NAME_LEVEL {
                    return Err(self.error(
                        run.start,
                        run.end,
                        format!("value name nested level is greater than maximum supported nested level of {MAX_NESTED_NAME_LEVEL}"),
                    ));
                }
                let mut inner = match data.get(&run.text) {
                    None => Map::new(),
                    Some(Node {
                        value: Value::Map(existing),
                        ..
                    }) => existing.clone(),
                    Some(other) => {
                        return Err(self.error(
                            run.start,
                            run.end,
                            conversion_panic(&other.value, "map[string]interface {}"),
                        ));
                    }
                };
                let step = self.key(&mut inner, nested_level + 1)?;
                if inner.is_empty() && matches!(step, Step::Eof) {
                    // `--set a.` sets nothing, and Helm accepts it.
                    return Ok(step);
                }
                if inner.is_empty() {
                    return Err(self.error(
                        run.start,
                        run.end,
                        format!("key map {:?} has no value", run.text),
                    ));
                }
                set(
                    data,
                    run.text,
                    key_origin,
                    Node::new(Value::Map(inner), key_origin),
                );
                Ok(step)
            }
            Some(_) => {
                let index = self.key_index()?;
                let list = match data.get(&run.text) {
                    None => Vec::new(),
                    Some(Node {
                        value: Value::List(items),
                        ..
                    }) => items.clone(),
                    Some(other) => {
                        return Err(self.error(
                            run.start,
                            run.end,
                            conversion_panic(&other.value, "[]interface {}"),
                        ));
                    }
                };
                let (list, step) = self.list_item(list, index, key_origin, nested_level)?;
                set(
                    data,
                    run.text,
                    key_origin,
                    Node::new(Value::List(list), key_origin),
                );
                Ok(step)
            }
        }
    }

    fn key_index(&mut self) -> SetResult<usize> {
        let run = self.runes_until(&[']']);
        if run.stop.is_none() {
            // Helm's reader hits the end of the text (io.EOF), and its parse
            // loop takes that as the end of the flag: the key is dropped.
            self.unclosed_index = true;
            return Err(self.error(
                run.start,
                run.end,
                "error parsing index: missing ']'".to_owned(),
            ));
        }
        let index: i64 = run.text.parse().map_err(|_| {
            self.error(
                run.start,
                run.end,
                format!("error parsing index: {:?} is not a number", run.text),
            )
        })?;
        if index < 0 {
            return Err(self.error(
                run.start,
                run.end,
                format!("negative {index} index not allowed"),
            ));
        }
        let index = usize::try_from(index).unwrap_or(usize::MAX);
        if index > MAX_INDEX {
            return Err(self.error(
                run.start,
                run.end,
                format!("index of {index} is greater than maximum supported index of {MAX_INDEX}"),
            ));
        }
        Ok(index)
    }

    fn list_item(
        &mut self,
        mut list: Vec<Node>,
        index: usize,
        origin: Origin,
        nested_level: usize,
    ) -> SetResult<(Vec<Node>, Step)> {
        let run = self.runes_until(&['[', '.', '=']);
        if !run.text.is_empty() {
            return Err(self.error(
                run.start,
                run.end,
                format!("unexpected data at end of array index: {:?}", run.text),
            ));
        }
        match run.stop {
            None => Ok((list, Step::End)),
            Some('=') => {
                let (node, _) = self.value(self.pos)?;
                set_index(&mut list, index, node, origin);
                Ok((list, Step::Continue))
            }
            Some('[') => {
                let next_index = self.key_index()?;
                let nested = match list.get(index).map(|node| &node.value) {
                    None => Vec::new(),
                    Some(Value::List(items)) => items.clone(),
                    Some(other) => {
                        return Err(self.error(
                            run.start,
                            run.end,
                            conversion_panic(other, "[]interface {}"),
                        ));
                    }
                };
                let (nested, step) = self.list_item(nested, next_index, origin, nested_level)?;
                set_index(
                    &mut list,
                    index,
                    Node::new(Value::List(nested), origin),
                    origin,
                );
                Ok((list, step))
            }
            Some(_) => {
                let mut inner = match list.get(index).map(|node| &node.value) {
                    Some(Value::Map(existing)) => existing.clone(),
                    _ => Map::new(),
                };
                let step = self.key(&mut inner, nested_level)?;
                // Helm fills an existing item in place, but drops a new one
                // when the text ends early (`a[0].b=`).
                if matches!(step, Step::Eof) && index >= list.len() {
                    return Ok((list, step));
                }
                set_index(
                    &mut list,
                    index,
                    Node::new(Value::Map(inner), origin),
                    origin,
                );
                Ok((list, step))
            }
        }
    }
}

/// Helm's parser asserts the type of what a key already holds and recovers
/// the panic: `unable to parse key: interface conversion: ...`.
fn conversion_panic(found: &Value, wanted: &str) -> String {
    let found = match found {
        Value::Null => "nil",
        Value::Bool(_) => "bool",
        // Numbers already in the values came from files (float64) or an earlier --set (int64).
        Value::Int(_) => "int64",
        Value::Float(_) => "float64",
        Value::String(_) => "string",
        Value::List(_) => "[]interface {}",
        Value::Map(_) => "map[string]interface {}",
    };
    format!("unable to parse key: interface conversion: interface {{}} is {found}, not {wanted}")
}

/// Whether a `--set-json` flag is one whole JSON object rather than `key=json`.
pub(crate) fn is_json_object_flag(text: &str) -> bool {
    text.trim().starts_with('{')
}

/// One `--set-json` flag into `target`, as Helm reads it: a whole JSON
/// object merged like a values file, or `key=json[,key=json]`.
pub(crate) fn apply_set_json(
    text: &str,
    source: SourceId,
    target: &mut Map,
) -> Result<(), Box<Diagnostic>> {
    if !is_json_object_flag(text) {
        return apply_with_mode(text, source, SetMode::Json, target);
    }
    let origin = Origin {
        source,
        span: Span::new(0, text.len()),
    };
    let refused = || {
        Box::new(
            Diagnostic::new(
                Code::SetSyntax,
                "",
                Some(origin),
                "this --set-json flag is neither key=JSON nor a JSON object",
            )
            .with_help("write `--set-json 'key={\"a\":1}'` or `--set-json '{\"key\":{\"a\":1}}'`"),
        )
    };
    let json = serde_json::from_str::<serde_json::Value>(text.trim()).map_err(|_| refused())?;
    match json_node(&json, origin).value {
        Value::Map(map) => {
            super::merge_user_file(target, map);
            Ok(())
        }
        _ => Err(refused()),
    }
}

/// A JSON value as a values node; numbers are float64, as Go's JSON decoder makes them.
pub(crate) fn json_node(json: &serde_json::Value, origin: Origin) -> Node {
    let value = match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(*flag),
        serde_json::Value::Number(number) => Value::Float(number.as_f64().unwrap_or(0.0)),
        serde_json::Value::String(text) => Value::String(text.clone()),
        serde_json::Value::Array(items) => {
            Value::List(items.iter().map(|item| json_node(item, origin)).collect())
        }
        serde_json::Value::Object(entries) => {
            let mut map = Map::new();
            for (key, item) in entries {
                map.insert(key.clone(), origin, json_node(item, origin));
            }
            Value::Map(map)
        }
    };
    Node::new(value, origin)
}

fn set(data: &mut Map, key: String, key_origin: Origin, node: Node) {
    if !key.is_empty() {
        data.insert(key, key_origin, node);
    }
}

fn set_index(list: &mut Vec<Node>, index: usize, node: Node, origin: Origin) {
    while list.len() <= index {
        list.push(Node::new(Value::Null, origin));
    }
    list[index] = node;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::test_support::to_json;

    fn set_all(flags: &[&str], keep_strings: bool) -> Result<String, String> {
        let mut map = Map::new();
        for flag in flags {
            apply(flag, SourceId(0), keep_strings, &mut map)
                .map_err(|diagnostic| diagnostic.message)?;
        }
        Ok(to_json(&Value::Map(map)))
    }

    #[test]
    fn dots_nest_and_values_are_typed() {
        assert_eq!(
            set_all(&["a.b=c,a.d=true,n=10,z=0,o=012,f=1.5,x=null"], false).unwrap(),
            r#"{"a":{"b":"c","d":true},"n":10,"z":0,"o":"012","f":"1.5","x":null}"#
        );
    }

    #[test]
    fn set_string_keeps_strings() {
        assert_eq!(
            set_all(&["a=true,b=10"], true).unwrap(),
            r#"{"a":"true","b":"10"}"#
        );
    }

    #[test]
    fn lists_and_indexes() {
        assert_eq!(
            set_all(&["h={a.com,b.com}"], false).unwrap(),
            r#"{"h":["a.com","b.com"]}"#
        );
        assert_eq!(
            set_all(&["r[1].name=x"], false).unwrap(),
            r#"{"r":[null,{"name":"x"}]}"#
        );
        assert_eq!(
            set_all(&["l[0]=a", "l[2]=c"], false).unwrap(),
            r#"{"l":["a",null,"c"]}"#
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(set_all(&[r"a\.b=c\,d"], false).unwrap(), r#"{"a.b":"c,d"}"#);
    }

    #[test]
    fn later_flags_merge_into_earlier_maps() {
        assert_eq!(
            set_all(&["a.b=1", "a.c=2"], false).unwrap(),
            r#"{"a":{"b":1,"c":2}}"#
        );
    }

    #[test]
    fn errors_are_reported() {
        assert!(set_all(&["a"], false).unwrap_err().contains("has no value"));
        assert!(
            set_all(&["a,b=c"], false)
                .unwrap_err()
                .contains("cannot end with")
        );
        assert!(
            set_all(&["a={x,y"], false)
                .unwrap_err()
                .contains("terminate")
        );
        assert!(
            set_all(&["a[-1]=x"], false)
                .unwrap_err()
                .contains("negative")
        );
        // Helm asserts the existing value's type and recovers the panic.
        assert_eq!(
            set_all(&["a=1", "a.b=2"], false).unwrap_err(),
            "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}"
        );
        assert_eq!(
            set_all(&["a=null", "a[0]=2"], false).unwrap_err(),
            "unable to parse key: interface conversion: interface {} is nil, not []interface {}"
        );
    }

    #[test]
    fn json_values_are_decoded_in_place() {
        // strvals ParseJSON: one JSON value per key, numbers as float64, then a comma.
        let mut map = Map::new();
        apply_with_mode(
            r#"a={"b":[1,"x"]},c=null,d= 2.5"#,
            SourceId(0),
            SetMode::Json,
            &mut map,
        )
        .unwrap();
        assert_eq!(
            to_json(&Value::Map(map)),
            r#"{"a":{"b":[1,"x"]},"c":null,"d":2.5}"#
        );
    }

    #[test]
    fn literal_values_keep_commas() {
        let mut map = Map::new();
        apply_with_mode("a.b=x,y=z", SourceId(0), SetMode::Literal, &mut map).unwrap();
        assert_eq!(to_json(&Value::Map(map)), r#"{"a":{"b":"x,y=z"}}"#);
    }

    #[test]
    fn text_ending_where_a_key_starts_sets_nothing() {
        assert_eq!(set_all(&["a."], false).unwrap(), "{}");
        assert_eq!(set_all(&["x=1,a.b."], false).unwrap(), r#"{"x":1}"#);
        // An empty key is still an error when the text goes on.
        assert!(
            set_all(&["a.=1"], false)
                .unwrap_err()
                .contains("has no value")
        );
    }

    #[test]
    fn a_new_list_item_is_dropped_when_its_value_is_missing() {
        assert_eq!(set_all(&["a[0].b="], false).unwrap(), r#"{"a":[]}"#);
        assert_eq!(
            set_all(&["a[0].b=1", "a[0].c="], false).unwrap(),
            r#"{"a":[{"b":1,"c":""}]}"#
        );
    }

    #[test]
    fn empty_value_is_an_empty_string() {
        assert_eq!(set_all(&["a="], false).unwrap(), r#"{"a":""}"#);
    }
}
