//! Helm's JSON functions as Go's `encoding/json` runs them: `toJson` and
//! `mustToJson` (`json.Marshal`: keys sorted, `<>&` and U+2028/U+2029
//! escaped, float64 in Go's JSON notation), `fromJson` and `fromJsonArray`
//! (`json.Unmarshal`, numbers as float64, Go's error texts).

use super::value::{MapData, Value};

/// Deepest nesting read or written. Go's decoder allows 10000 levels; this
/// engine stops earlier to keep recursion bounded.
const MAX_DEPTH: usize = 1000;

/// `toJson` / `mustToJson`: `json.Marshal`, or its error text
/// (`json: unsupported value: NaN`).
pub(crate) fn to_json(value: &Value) -> Result<String, String> {
    marshal(value, false, true)
}

/// Go's encoder: `json.Marshal`, with `indent` `json.MarshalIndent(v, "", "  ")`,
/// without `escape_html` an `Encoder` with `SetEscapeHTML(false)`.
pub(crate) fn marshal(value: &Value, indent: bool, escape_html: bool) -> Result<String, String> {
    let mut out = String::new();
    let options = Options {
        indent,
        escape_html,
    };
    write_value(value, &mut out, options, 0)?;
    Ok(out)
}

#[derive(Clone, Copy)]
struct Options {
    indent: bool,
    escape_html: bool,
}

fn newline(out: &mut String, options: Options, depth: usize) {
    if options.indent {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
}

fn write_value(
    value: &Value,
    out: &mut String,
    options: Options,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "json: unsupported value: encountered a cycle via {}",
            value.type_name()
        ));
    }
    match value {
        Value::Nil => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Int(int) | Value::Int64(int) => out.push_str(&int.to_string()),
        Value::Float(float) => {
            if !float.is_finite() {
                return Err(format!(
                    "json: unsupported value: {}",
                    crate::gotmpl::format_float(*float)
                ));
            }
            out.push_str(&go_json_float(*float));
        }
        Value::String(text) => write_string_with(text, out, options.escape_html),
        Value::List(items, _) => {
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, options, depth + 1);
                write_value(item, out, options, depth + 1)?;
            }
            newline(out, options, depth);
            out.push(']');
        }
        Value::Map(map, _) => {
            let entries = map.entries();
            if entries.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            out.push('{');
            // BTreeMap<String, _> iterates in byte order, as Go sorts keys.
            for (index, (key, item)) in entries.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, options, depth + 1);
                write_string_with(key, out, options.escape_html);
                out.push(':');
                if options.indent {
                    out.push(' ');
                }
                write_value(item, out, options, depth + 1)?;
            }
            newline(out, options, depth);
            out.push('}');
        }
        Value::Object(object) => write_value(&object.to_data(), out, options, depth + 1)?,
    }
    Ok(())
}

/// encoding/json `appendString`; `escape_html` escapes `<`, `>` and `&`.
pub(crate) fn write_string_with(text: &str, out: &mut String, escape_html: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            ch if u32::from(ch) < 0x20 || (escape_html && matches!(ch, '<' | '>' | '&')) => {
                let code = u32::from(ch) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 0xF]));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}

/// Go's JSON number for a float64: shortest digits, plain notation for
/// 1e-6 <= |x| < 1e21, otherwise an exponent (`1e-7`, `1e+21`).
pub(crate) fn go_json_float(float: f64) -> String {
    let magnitude = float.abs();
    if magnitude == 0.0 || (1e-6..1e21).contains(&magnitude) {
        format!("{float}")
    } else {
        let text = format!("{float:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                format!("{mantissa}e+{exponent}")
            }
            _ => text,
        }
    }
}

/// `fromJson`: the object, or a map with `Error` (Go's error text). A type
/// error inside the object keeps what was decoded, as Go's decoder does.
pub(crate) fn from_json(text: &str) -> Value {
    let mut map = MapData::new();
    match decode(text) {
        Ok((Value::Map(decoded, kind), None)) => return Value::Map(decoded, kind),
        Ok((Value::Map(decoded, _), Some(error))) => {
            map = decoded.0.borrow().clone();
            map.insert("Error".to_owned(), Value::string(error));
        }
        // Go's decoder sets the map to nil for `null`.
        Ok((Value::Nil, None)) => return Value::Nil,
        Ok((other, _)) => {
            map.insert(
                "Error".to_owned(),
                Value::string(format!(
                    "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    kind_name(&other)
                )),
            );
        }
        Err(error) => {
            map.insert("Error".to_owned(), Value::string(error));
        }
    }
    Value::map(map)
}

/// `fromJsonArray`: the array, or a list holding the one error text.
pub(crate) fn from_json_array(text: &str) -> Value {
    match decode(text) {
        Ok((list @ Value::List(..), None)) => list,
        Ok((Value::Nil, None)) => Value::Nil,
        Ok((Value::List(..), Some(error))) | Err(error) => Value::list(vec![Value::string(error)]),
        Ok((other, _)) => Value::list(vec![Value::string(format!(
            "json: cannot unmarshal {} into Go value of type []interface {{}}",
            kind_name(&other)
        ))]),
    }
}

/// `encoding/json`'s name for what a value was written as (`array`, `object`, ...).
pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Nil => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Int64(_) | Value::Float(_) => "number",
        Value::String(_) => "string",
        Value::List(..) => "array",
        Value::Map(..) | Value::Object(_) => "object",
    }
}

/// Validate like Go's scanner (`checkValid`), then decode. The second part
/// is the first type error met while decoding (a number out of range).
fn decode(text: &str) -> Result<(Value, Option<String>), String> {
    check_valid(text.as_bytes())?;
    let mut decoder = Decoder {
        bytes: text.as_bytes(),
        at: 0,
        error: None,
    };
    let value = decoder.value();
    Ok((value, decoder.error))
}

/// Go's `quoteChar` for a byte in an error message.
fn quote_char(byte: u8) -> String {
    match byte {
        b'\'' => "'\\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        _ => {
            let quoted = super::gofmt::quote(&char::from(byte).to_string());
            format!("'{}'", &quoted[1..quoted.len() - 1])
        }
    }
}

fn invalid(byte: u8, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(byte))
}

const END: &str = "unexpected end of JSON input";

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// Go's `encoding/json` scanner: the same states, so the same first error.
fn check_valid(bytes: &[u8]) -> Result<(), String> {
    #[derive(Clone, Copy, PartialEq)]
    enum Container {
        Object,
        Array,
    }
    #[derive(Clone, Copy, PartialEq)]
    enum After {
        /// A value ends: what may follow depends on the container.
        Value,
        /// An object key ends: `:` must follow.
        Key,
    }
    let mut stack: Vec<Container> = Vec::new();
    let mut at = 0;
    let skip_space = |at: &mut usize| {
        while *at < bytes.len() && is_space(bytes[*at]) {
            *at += 1;
        }
    };
    // Begin a value at `at`; returns with `at` after it (containers push).
    'value: loop {
        skip_space(&mut at);
        let Some(&byte) = bytes.get(at) else {
            return Err(END.to_owned());
        };
        let mut after = After::Value;
        match byte {
            b'{' => {
                if stack.len() >= MAX_DEPTH {
                    return Err("exceeded max depth".to_owned());
                }
                stack.push(Container::Object);
                at += 1;
                skip_space(&mut at);
                match bytes.get(at) {
                    None => return Err(END.to_owned()),
                    Some(b'}') => {
                        stack.pop();
                        at += 1;
                    }
                    Some(b'"') => {
                        scan_string(bytes, &mut at)?;
                        after = After::Key;
                    }
                    Some(&other) => {
                        return Err(invalid(other, "looking for beginning of object key string"));
                    }
                }
            }
            b'[' => {
                if stack.len() >= MAX_DEPTH {
                    return Err("exceeded max depth".to_owned());
                }
                stack.push(Container::Array);
                at += 1;
                skip_space(&mut at);
                match bytes.get(at) {
                    None => return Err(END.to_owned()),
                    Some(b']') => {
                        stack.pop();
                        at += 1;
                    }
                    Some(_) => continue 'value,
                }
            }
            b'"' => scan_string(bytes, &mut at)?,
            b'-' | b'0'..=b'9' => scan_number(bytes, &mut at)?,
            b't' => scan_literal(bytes, &mut at, "true")?,
            b'f' => scan_literal(bytes, &mut at, "false")?,
            b'n' => scan_literal(bytes, &mut at, "null")?,
            other => return Err(invalid(other, "looking for beginning of value")),
        }
        // After a value (or key): close containers as far as possible.
        loop {
            skip_space(&mut at);
            let Some(top) = stack.last().copied() else {
                return match bytes.get(at) {
                    None => Ok(()),
                    Some(&other) => Err(invalid(other, "after top-level value")),
                };
            };
            let Some(&byte) = bytes.get(at) else {
                return Err(END.to_owned());
            };
            match (top, after) {
                (Container::Object, After::Key) => {
                    if byte != b':' {
                        return Err(invalid(byte, "after object key"));
                    }
                    at += 1;
                    continue 'value;
                }
                (Container::Object, After::Value) => match byte {
                    b',' => {
                        at += 1;
                        skip_space(&mut at);
                        match bytes.get(at) {
                            None => return Err(END.to_owned()),
                            Some(b'"') => {
                                scan_string(bytes, &mut at)?;
                                after = After::Key;
                            }
                            Some(&other) => {
                                return Err(invalid(
                                    other,
                                    "looking for beginning of object key string",
                                ));
                            }
                        }
                    }
                    b'}' => {
                        stack.pop();
                        at += 1;
                    }
                    other => return Err(invalid(other, "after object key:value pair")),
                },
                (Container::Array, _) => match byte {
                    b',' => {
                        at += 1;
                        continue 'value;
                    }
                    b']' => {
                        stack.pop();
                        at += 1;
                    }
                    other => return Err(invalid(other, "after array element")),
                },
            }
        }
    }
}

fn scan_string(bytes: &[u8], at: &mut usize) -> Result<(), String> {
    *at += 1;
    loop {
        let Some(&byte) = bytes.get(*at) else {
            return Err(END.to_owned());
        };
        *at += 1;
        match byte {
            b'"' => return Ok(()),
            b'\\' => {
                let Some(&escape) = bytes.get(*at) else {
                    return Err(END.to_owned());
                };
                *at += 1;
                match escape {
                    b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => {}
                    b'u' => {
                        for _ in 0..4 {
                            let Some(&hex) = bytes.get(*at) else {
                                return Err(END.to_owned());
                            };
                            if !hex.is_ascii_hexdigit() {
                                return Err(invalid(hex, "in \\u hexadecimal character escape"));
                            }
                            *at += 1;
                        }
                    }
                    other => return Err(invalid(other, "in string escape code")),
                }
            }
            byte if byte < 0x20 => return Err(invalid(byte, "in string literal")),
            _ => {}
        }
    }
}

fn scan_number(bytes: &[u8], at: &mut usize) -> Result<(), String> {
    let digits = |at: &mut usize| {
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
    };
    if bytes[*at] == b'-' {
        *at += 1;
        match bytes.get(*at) {
            None => return Err(END.to_owned()),
            Some(b'0'..=b'9') => {}
            Some(&other) => return Err(invalid(other, "in numeric literal")),
        }
    }
    if bytes[*at] == b'0' {
        *at += 1;
    } else {
        digits(at);
    }
    if bytes.get(*at) == Some(&b'.') {
        *at += 1;
        match bytes.get(*at) {
            None => return Err(END.to_owned()),
            Some(b'0'..=b'9') => digits(at),
            Some(&other) => return Err(invalid(other, "after decimal point in numeric literal")),
        }
    }
    if matches!(bytes.get(*at), Some(b'e' | b'E')) {
        *at += 1;
        if matches!(bytes.get(*at), Some(b'+' | b'-')) {
            *at += 1;
        }
        match bytes.get(*at) {
            None => return Err(END.to_owned()),
            Some(b'0'..=b'9') => digits(at),
            Some(&other) => return Err(invalid(other, "in exponent of numeric literal")),
        }
    }
    Ok(())
}

fn scan_literal(bytes: &[u8], at: &mut usize, word: &str) -> Result<(), String> {
    for (index, expected) in word.bytes().enumerate() {
        let Some(&byte) = bytes.get(*at) else {
            return Err(END.to_owned());
        };
        if byte != expected {
            return Err(invalid(
                byte,
                &format!("in literal {word} (expecting {})", quote_char(expected)),
            ));
        }
        let _ = index;
        *at += 1;
    }
    Ok(())
}

/// Decodes text already validated by [`check_valid`].
struct Decoder<'text> {
    bytes: &'text [u8],
    at: usize,
    error: Option<String>,
}

impl Decoder<'_> {
    fn skip_space(&mut self) {
        while self.at < self.bytes.len() && is_space(self.bytes[self.at]) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Value {
        self.skip_space();
        let Some(&byte) = self.bytes.get(self.at) else {
            return Value::Nil;
        };
        match byte {
            b'{' => {
                self.at += 1;
                let mut map = MapData::new();
                loop {
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b'"') => {
                            let key = self.string();
                            self.skip_space();
                            self.at += 1; // ':'
                            let item = self.value();
                            map.insert(key, item);
                        }
                        Some(b',') => self.at += 1,
                        _ => {
                            self.at += 1; // '}'
                            break;
                        }
                    }
                }
                Value::map(map)
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b']') | None => {
                            self.at += 1;
                            break;
                        }
                        Some(b',') => self.at += 1,
                        Some(_) => items.push(self.value()),
                    }
                }
                Value::list(items)
            }
            b'"' => Value::string(self.string()),
            b't' => {
                self.at += 4;
                Value::Bool(true)
            }
            b'f' => {
                self.at += 5;
                Value::Bool(false)
            }
            b'n' => {
                self.at += 4;
                Value::Nil
            }
            _ => {
                let start = self.at;
                let _ = scan_number(self.bytes, &mut self.at);
                let text = String::from_utf8_lossy(&self.bytes[start..self.at]);
                match text.parse::<f64>() {
                    Ok(float) if float.is_finite() => Value::Float(float),
                    _ => {
                        if self.error.is_none() {
                            self.error = Some(format!(
                                "json: cannot unmarshal number {text} into Go value of type float64"
                            ));
                        }
                        Value::Nil
                    }
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        let code = u32::from_str_radix(text, 16).ok()?;
        self.at += 4;
        Some(code)
    }

    fn string(&mut self) -> String {
        self.at += 1;
        let mut bytes = Vec::new();
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            match byte {
                b'"' => break,
                b'\\' => {
                    let escape = self.bytes.get(self.at).copied().unwrap_or(b'"');
                    self.at += 1;
                    let ch = match escape {
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let code = self.hex4().unwrap_or(0xFFFD);
                            if (0xD800..0xDC00).contains(&code)
                                && self.bytes.get(self.at..self.at + 2) == Some(b"\\u")
                            {
                                let saved = self.at;
                                self.at += 2;
                                match self.hex4() {
                                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                                        let combined =
                                            0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                                        char::from_u32(combined).unwrap_or('\u{fffd}')
                                    }
                                    _ => {
                                        self.at = saved;
                                        '\u{fffd}'
                                    }
                                }
                            } else {
                                char::from_u32(code).unwrap_or('\u{fffd}')
                            }
                        }
                        other => char::from(other),
                    };
                    let mut buffer = [0; 4];
                    bytes.extend_from_slice(ch.encode_utf8(&mut buffer).as_bytes());
                }
                byte => bytes.push(byte),
            }
        }
        String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }
}
