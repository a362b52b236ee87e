//! Helm's YAML functions, byte for byte: `toYaml` (`sigs.k8s.io/yaml`, which
//! writes JSON with Go's `encoding/json` and re-encodes it with go-yaml v2),
//! `toYamlPretty` (go-yaml v3, two-space indent), `fromYaml` and
//! `fromYamlArray` (YAML → go-yaml v2 → JSON → `encoding/json`), and the YAML
//! check Helm runs on every rendered manifest.
//!
//! The emitter is a port of go-yaml's `emitterc.go` (libyaml's emitter), so
//! quoting, literal blocks with their indicators and v2's folding of long
//! lines at 80 columns match. Parsing goes through saphyr's event parser and
//! go-yaml v2's scalar resolution; saphyr's error texts are mapped to the
//! texts libyaml gives for the same mistakes.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

mod block;

use super::json::go_json_float;
use super::value::{MapData, Value};
use crate::values::{GoInt, is_yaml_style_float, parse_go_int};

/// `toYaml`: `sigs.k8s.io/yaml.Marshal` without its final newline.
pub(crate) fn to_yaml(value: &Value) -> Result<String, String> {
    let mut text = to_yaml_document(value)?;
    if text.ends_with('\n') {
        text.pop();
    }
    Ok(text)
}

/// `sigs.k8s.io/yaml.Marshal`: the whole document, newline included.
pub(crate) fn to_yaml_document(value: &Value) -> Result<String, String> {
    let data =
        json_data(value, 0).map_err(|error| format!("error marshaling into JSON: {error}"))?;
    marshal(&data, Version::V2)
}

/// `toYamlPretty`: go-yaml v3's encoder with `SetIndent(2)`, without the
/// final newline.
pub(crate) fn to_yaml_pretty(value: &Value) -> Result<String, String> {
    let data = native_data(value, 0)?;
    let mut text = marshal(&data, Version::V3)?;
    if text.ends_with('\n') {
        text.pop();
    }
    Ok(text)
}

/// A value as `encoding/json` would write it and go-yaml v2 read it back
/// (`JSONToYAML`): integral numbers become integers, the rest floats.
fn json_data(value: &Value, depth: usize) -> Result<Data, String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "json: unsupported value: encountered a cycle via {}",
            value.type_name()
        ));
    }
    Ok(match value {
        Value::Nil => Data::Null,
        Value::Bool(flag) => Data::Bool(*flag),
        Value::Int(int) | Value::Int64(int) => Data::Int(*int),
        Value::Float(float) => {
            if !float.is_finite() {
                return Err(format!(
                    "json: unsupported value: {}",
                    crate::gotmpl::format_float(*float)
                ));
            }
            let text = go_json_float(*float);
            match resolve(&text, Version::V2) {
                Resolved::Int(int) => Data::Int(int),
                Resolved::Uint(int) => Data::Uint(int),
                _ => Data::Float(*float),
            }
        }
        Value::String(text) => Data::Str(text.to_string()),
        Value::List(items, _) => {
            let mut seq = Vec::with_capacity(items.len());
            for item in items.iter() {
                seq.push(json_data(item, depth + 1)?);
            }
            Data::Seq(seq)
        }
        Value::Map(map, _) => {
            let entries = map.entries();
            let mut pairs = Vec::with_capacity(entries.len());
            for (key, item) in &entries {
                pairs.push((key.clone(), json_data(item, depth + 1)?));
            }
            Data::Map(pairs)
        }
        Value::Object(object) => json_data(&object.to_data(), depth + 1)?,
    })
}

/// A value as go-yaml v3 sees the Go value itself.
fn native_data(value: &Value, depth: usize) -> Result<Data, String> {
    if depth > MAX_NESTING {
        return Err("yaml: value nested too deeply".to_owned());
    }
    Ok(match value {
        Value::Nil => Data::Null,
        Value::Bool(flag) => Data::Bool(*flag),
        Value::Int(int) | Value::Int64(int) => Data::Int(*int),
        Value::Float(float) => Data::Float(*float),
        Value::String(text) => Data::Str(text.to_string()),
        Value::List(items, _) => {
            let mut seq = Vec::with_capacity(items.len());
            for item in items.iter() {
                seq.push(native_data(item, depth + 1)?);
            }
            Data::Seq(seq)
        }
        Value::Map(map, _) => {
            let entries = map.entries();
            let mut pairs = Vec::with_capacity(entries.len());
            for (key, item) in &entries {
                pairs.push((key.clone(), native_data(item, depth + 1)?));
            }
            Data::Map(pairs)
        }
        Value::Object(object) => native_data(&object.to_data(), depth + 1)?,
    })
}

// go-yaml's emitter (`emitterc.go`), for the two versions Helm writes YAML
// with: v2 behind `toYaml` (via `sigs.k8s.io/yaml`) and v3 behind
// `toYamlPretty`. The port keeps libyaml's column bookkeeping, scalar
// analysis and style selection, so quoting, folding at 80 columns and block
// scalar indicators come out byte for byte.

/// Plain data as go-yaml's encoder sees it after reflection.
#[derive(Clone, Debug)]
pub(crate) enum Data {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Data>),
    /// Keys are strings in every path Helm takes (`map[string]interface{}`).
    Map(Vec<(String, Data)>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// The state pushed before a node is emitted: what v3's indentation rule
/// looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    Document,
    SequenceItem,
    MappingSimpleValue,
    MappingValue,
    MappingKey,
}

#[derive(Default)]
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

struct Emitter {
    version: Version,
    out: String,
    column: usize,
    indent: i64,
    indents: Vec<i64>,
    whitespace: bool,
    indention: bool,
    best_indent: i64,
    best_width: usize,
    mapping_context: bool,
    simple_key_context: bool,
}

/// Largest nesting the encoders accept.
pub(crate) const MAX_NESTING: usize = 1000;

/// Marshal one document: go-yaml v2 (`yaml.Marshal`) or v3 with
/// `SetIndent(2)`. The text ends with a newline.
pub(crate) fn marshal(data: &Data, version: Version) -> Result<String, String> {
    let mut emitter = Emitter {
        version,
        out: String::new(),
        column: 0,
        indent: -1,
        indents: Vec::new(),
        whitespace: true,
        indention: true,
        best_indent: 2,
        best_width: match version {
            Version::V2 => 80,
            Version::V3 => usize::MAX,
        },
        mapping_context: false,
        simple_key_context: false,
    };
    emitter.node(data, false, false, Parent::Document, 0)?;
    emitter.write_indent();
    Ok(emitter.out)
}

fn is_break(ch: char) -> bool {
    matches!(ch, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(ch: char) -> bool {
    ch == ' ' || ch == '\t'
}

fn is_printable(ch: char) -> bool {
    let code = u32::from(ch);
    ch == '\n'
        || (0x20..=0x7E).contains(&code)
        || (0xA0..=0xD7FF).contains(&code)
        || ((0xE000..=0xFFFD).contains(&code) && code != 0xFEFF)
}

fn analyze(value: &[char], version: Version) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut tab_characters = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;
    if value.len() >= 3 && (value[..3] == ['-', '-', '-'] || value[..3] == ['.', '.', '.']) {
        block_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let last = value.len() - 1;
    for (i, &ch) in value.iter().enumerate() {
        let followed_by_whitespace = i == last || is_blank(value[i + 1]);
        if i == 0 {
            match ch {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match ch {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if version == Version::V3 && ch == '\t' {
            tab_characters = true;
        } else if !is_printable(ch) {
            special_characters = true;
        }
        if ch == ' ' {
            leading_space |= i == 0;
            trailing_space |= i == last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(ch) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= i == last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(ch) || is_break(ch);
    }
    let mut analysis = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.block_plain_allowed = false;
    }
    if trailing_space {
        analysis.block_allowed = false;
    }
    if break_space {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
    }
    if space_break || tab_characters || special_characters {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        analysis.block_allowed = false;
    }
    if line_breaks || block_indicators {
        analysis.block_plain_allowed = false;
    }
    analysis
}

/// go-yaml's float text (`strconv.FormatFloat(f, 'g', -1, 64)`, with YAML's
/// spellings of the non-finite values).
pub(crate) fn float_text(float: f64) -> String {
    if float.is_nan() {
        ".nan".to_owned()
    } else if float.is_infinite() {
        if float > 0.0 { ".inf" } else { "-.inf" }.to_owned()
    } else {
        crate::gotmpl::format_float(float)
    }
}

impl Emitter {
    fn put(&mut self, ch: char) {
        self.out.push(ch);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
        if self.version == Version::V3 {
            self.indention = true;
        }
    }

    fn write_break(&mut self, ch: char) {
        if ch == '\n' {
            self.put_break();
        } else {
            self.out.push(ch);
            self.column = 0;
            if self.version == Version::V3 {
                self.indention = true;
            }
        }
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent.max(0)).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        if self.version == Version::V2 {
            self.indention = true;
        }
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for ch in indicator.chars() {
            self.put(ch);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool, parent: Parent) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { self.best_indent } else { 0 };
        } else if !indentless {
            match self.version {
                Version::V2 => self.indent += self.best_indent,
                Version::V3 if parent == Parent::SequenceItem => self.indent += 2,
                Version::V3 => {
                    self.indent =
                        self.best_indent * ((self.indent + self.best_indent) / self.best_indent);
                }
            }
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn node(
        &mut self,
        data: &Data,
        mapping: bool,
        simple_key: bool,
        parent: Parent,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_NESTING {
            return Err("yaml: value nested too deeply".to_owned());
        }
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match data {
            Data::Seq(items) if items.is_empty() => self.empty_flow("[", "]", parent),
            Data::Map(entries) if entries.is_empty() => self.empty_flow("{", "}", parent),
            Data::Seq(items) => {
                let indentless = self.version == Version::V2 && mapping && !self.indention;
                self.increase_indent(false, indentless, parent);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, false, false, Parent::SequenceItem, depth + 1)?;
                }
                self.pop_indent();
            }
            Data::Map(entries) => {
                self.increase_indent(false, false, parent);
                let mut sorted: Vec<&(String, Data)> = entries.iter().collect();
                sort_keys(&mut sorted, |entry| entry.0.as_str(), self.version);
                for (key, value) in sorted {
                    self.write_indent();
                    let key = Data::Str(key.clone());
                    let (text, _) = self.scalar_of(&key);
                    let chars: Vec<char> = text.chars().collect();
                    let simple = !analyze(&chars, self.version).multiline && text.len() <= 128;
                    if simple {
                        self.node(&key, true, true, Parent::MappingSimpleValue, depth + 1)?;
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(&key, true, false, Parent::MappingValue, depth + 1)?;
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(value, true, false, Parent::MappingKey, depth + 1)?;
                }
                self.pop_indent();
            }
            scalar => {
                let (text, style) = self.scalar_of(scalar);
                self.scalar(&text, style, parent);
            }
        }
        Ok(())
    }

    fn empty_flow(&mut self, open: &str, close: &str, parent: Parent) {
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false, parent);
        self.pop_indent();
        if self.version == Version::V3 && self.column == 0 {
            self.write_indent();
        }
        self.write_indicator(close, false, false, false);
    }

    /// The text and requested style the encoder gives a scalar (`stringv`,
    /// `intv`, `floatv`, ...).
    fn scalar_of(&self, data: &Data) -> (String, Style) {
        match data {
            Data::Null => ("null".to_owned(), Style::Plain),
            Data::Bool(flag) => (flag.to_string(), Style::Plain),
            Data::Int(int) => (int.to_string(), Style::Plain),
            Data::Uint(int) => (int.to_string(), Style::Plain),
            Data::Float(float) => (float_text(*float), Style::Plain),
            Data::Str(text) => {
                let style = if text.contains('\n') {
                    Style::Literal
                } else if resolves_to_string(text, self.version) {
                    Style::Plain
                } else {
                    Style::DoubleQuoted
                };
                (text.clone(), style)
            }
            Data::Seq(_) | Data::Map(_) => (String::new(), Style::Plain),
        }
    }

    fn scalar(&mut self, text: &str, requested: Style, parent: Parent) {
        let value: Vec<char> = text.chars().collect();
        let analysis = analyze(&value, self.version);
        let mut style = requested;
        if self.simple_key_context && analysis.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain
            && (!analysis.block_plain_allowed || (value.is_empty() && self.simple_key_context))
        {
            style = Style::SingleQuoted;
        }
        if style == Style::SingleQuoted && !analysis.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        if style == Style::Literal && (!analysis.block_allowed || self.simple_key_context) {
            style = Style::DoubleQuoted;
        }
        self.increase_indent(true, false, parent);
        let allow_breaks = !self.simple_key_context;
        match style {
            Style::Plain => self.write_plain(&value, allow_breaks),
            Style::SingleQuoted => self.write_single_quoted(&value, allow_breaks),
            Style::DoubleQuoted => self.write_double_quoted(&value, allow_breaks),
            Style::Literal => self.write_literal(&value),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, value: &[char], allow_breaks: bool) {
        if !self.whitespace && (self.version == Version::V2 || !value.is_empty()) {
            self.put(' ');
        }
        let mut spaces = false;
        let mut breaks = false;
        for (i, &ch) in value.iter().enumerate() {
            if ch == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && value.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(ch);
                }
                spaces = true;
            } else if is_break(ch) {
                if !breaks && ch == '\n' {
                    self.put_break();
                }
                self.write_break(ch);
                if self.version == Version::V2 {
                    self.indention = true;
                }
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(ch);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if self.version == Version::V2 || !value.is_empty() {
            self.whitespace = false;
        }
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &[char], allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let len = value.len();
        for (i, &ch) in value.iter().enumerate() {
            if ch == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && i > 0
                    && i + 1 < len
                    && value[i + 1] != ' '
                {
                    self.write_indent();
                } else {
                    self.put(ch);
                }
                spaces = true;
            } else if is_break(ch) {
                if !breaks && ch == '\n' {
                    self.put_break();
                }
                self.write_break(ch);
                if self.version == Version::V2 {
                    self.indention = true;
                }
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if ch == '\'' {
                    self.put('\'');
                }
                self.put(ch);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &[char], allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let starts_with_bom = value.first() == Some(&'\u{feff}');
        let mut spaces = false;
        let len = value.len();
        for (i, &ch) in value.iter().enumerate() {
            if !is_printable(ch) || starts_with_bom || is_break(ch) || ch == '"' || ch == '\\' {
                self.put('\\');
                let code = u32::from(ch);
                match ch {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let (letter, digits) = if code <= 0xFF {
                            ('x', 2)
                        } else if code <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for k in (0..digits).rev() {
                            let digit = (code >> (k * 4)) & 0xF;
                            self.put(
                                char::from_digit(digit, 16).map_or('0', |d| d.to_ascii_uppercase()),
                            );
                        }
                    }
                }
                spaces = false;
            } else if ch == ' ' {
                if allow_breaks && !spaces && self.column > self.best_width && i > 0 && i + 1 < len
                {
                    self.write_indent();
                    if value[i + 1] == ' ' {
                        self.put('\\');
                    }
                } else {
                    self.put(ch);
                }
                spaces = true;
            } else {
                self.put(ch);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &[char]) {
        self.write_indicator("|", true, false, false);
        if value.first().is_some_and(|&ch| ch == ' ' || is_break(ch)) {
            let hint = char::from_digit(u32::try_from(self.best_indent).unwrap_or(2), 10);
            self.write_indicator(&hint.unwrap_or('2').to_string(), false, false, false);
        }
        let chomp = match value {
            [] => Some('-'),
            [.., last] if !is_break(*last) => Some('-'),
            [_] => Some('+'),
            [.., before, _] if is_break(*before) => Some('+'),
            _ => None,
        };
        if let Some(chomp) = chomp {
            self.write_indicator(&chomp.to_string(), false, false, false);
        }
        // v3.0.4 breaks here too (`process_line_comment_linebreak`).
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &ch in value {
            if is_break(ch) {
                self.write_break(ch);
                if self.version == Version::V2 {
                    self.indention = true;
                }
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(ch);
                self.indention = false;
                breaks = false;
            }
        }
    }
}
// ---------------------------------------------------------------------------
// Scalar resolution (go-yaml `resolve.go`)
// ---------------------------------------------------------------------------

/// Which go-yaml major version a step follows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Version {
    /// go-yaml v2 (`sigs.k8s.io/yaml`, `toYaml`, `fromYaml`).
    V2,
    /// go-yaml v3 (`toYamlPretty`).
    V3,
}

/// What go-yaml reads a plain scalar as.
#[derive(Clone, Debug, PartialEq)]
enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A timestamp-looking scalar: v2 decodes it as a string into
    /// `interface{}`, but the encoder still quotes such strings.
    Timestamp,
    Str,
}

fn resolve(text: &str, version: Version) -> Resolved {
    let Some(&first) = text.as_bytes().first() else {
        return Resolved::Null;
    };
    match text {
        "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        _ => {}
    }
    if version == Version::V2 {
        match text {
            "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
                return Resolved::Bool(true);
            }
            "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
                return Resolved::Bool(false);
            }
            _ => {}
        }
    }
    match first {
        b'.' => parse_dot_float(text).map_or(Resolved::Str, Resolved::Float),
        b'+' | b'-' | b'0'..=b'9' => {
            if is_timestamp(text) {
                return Resolved::Timestamp;
            }
            let plain = if text.contains('_') {
                std::borrow::Cow::Owned(text.replace('_', ""))
            } else {
                std::borrow::Cow::Borrowed(text)
            };
            match parse_go_int(&plain) {
                Some(GoInt::Signed(int)) => return Resolved::Int(int),
                Some(GoInt::Unsigned(int)) => return Resolved::Uint(int),
                None => {}
            }
            if is_yaml_style_float(&plain)
                && let Ok(float) = plain.parse::<f64>()
                && float.is_finite()
            {
                return Resolved::Float(float);
            }
            Resolved::Str
        }
        _ => Resolved::Str,
    }
}

/// `strconv.ParseFloat` of a text starting with `.`: digits, an optional
/// exponent, underscores only between digits.
fn parse_dot_float(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'_' {
            let before = index.checked_sub(1).map(|at| bytes[at]);
            let after = bytes.get(index + 1);
            if !before.is_some_and(|b| b.is_ascii_digit()) || !after.is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
        }
    }
    let plain = text.replace('_', "");
    let rest = plain.strip_prefix('.')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let exponent = &rest[digits..];
    if !exponent.is_empty() {
        let body = exponent.strip_prefix(['e', 'E'])?;
        let body = body.strip_prefix(['+', '-']).unwrap_or(body);
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    plain.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// Whether the encoder may write `text` unquoted: it must read back as a
/// string, and not look like a YAML 1.1 base-60 number or (v3) boolean.
fn resolves_to_string(text: &str, version: Version) -> bool {
    resolve(text, version) == Resolved::Str
        && !is_base60_float(text)
        && !(version == Version::V3
            && matches!(
                text,
                "y" | "Y"
                    | "yes"
                    | "Yes"
                    | "YES"
                    | "on"
                    | "On"
                    | "ON"
                    | "n"
                    | "N"
                    | "no"
                    | "No"
                    | "NO"
                    | "off"
                    | "Off"
                    | "OFF"
            ))
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
fn is_base60_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    if !bytes.get(at).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    at += 1;
    while bytes
        .get(at)
        .is_some_and(|b| b.is_ascii_digit() || *b == b'_')
    {
        at += 1;
    }
    let mut groups = 0;
    while bytes.get(at) == Some(&b':') {
        at += 1;
        let digits = bytes[at..]
            .iter()
            .take(2)
            .take_while(|b| b.is_ascii_digit())
            .count();
        match digits {
            2 if bytes[at] <= b'5' => at += 2,
            2 | 1 => at += 1,
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_digit() || *b == b'_')
        {
            at += 1;
        }
    }
    at == bytes.len()
}

/// go-yaml's timestamp check: `time.Parse` with the layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (or lower-case `t`),
/// `2006-1-2 15:4:5.999999999` and `2006-1-2`.
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 5 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return false;
    }
    let year: u32 = text[..4].parse().unwrap_or(0);
    let mut at = 5;
    // One or two digits, as Go's getnum(value, false).
    let number = |at: &mut usize| -> Option<u32> {
        let first = *bytes.get(*at).filter(|b| b.is_ascii_digit())?;
        *at += 1;
        let mut value = u32::from(first - b'0');
        if let Some(&second) = bytes.get(*at).filter(|b| b.is_ascii_digit()) {
            *at += 1;
            value = value * 10 + u32::from(second - b'0');
        }
        Some(value)
    };
    let Some(month) = number(&mut at) else {
        return false;
    };
    if bytes.get(at) != Some(&b'-') {
        return false;
    }
    at += 1;
    let Some(day) = number(&mut at) else {
        return false;
    };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day < 1 || day > days_in_month {
        return false;
    }
    if at == bytes.len() {
        return true;
    }
    let zoned = match bytes[at] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    at += 1;
    let Some(hour) = number(&mut at) else {
        return false;
    };
    if bytes.get(at) != Some(&b':') {
        return false;
    }
    at += 1;
    let Some(minute) = number(&mut at) else {
        return false;
    };
    if bytes.get(at) != Some(&b':') {
        return false;
    }
    at += 1;
    let Some(second) = number(&mut at) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'.' | b','))
        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
    {
        at += 1;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    if !zoned {
        return at == bytes.len();
    }
    match bytes.get(at) {
        Some(b'Z') => at + 1 == bytes.len(),
        Some(b'+' | b'-') => {
            let zone = &bytes[at..];
            zone.len() == 6
                && zone[1].is_ascii_digit()
                && zone[2].is_ascii_digit()
                && zone[3] == b':'
                && zone[4].is_ascii_digit()
                && zone[5].is_ascii_digit()
                && (zone[1] - b'0') * 10 + (zone[2] - b'0') <= 24
                && (zone[4] - b'0') * 10 + (zone[5] - b'0') <= 60
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Key order (go-yaml `sorter.go`)
// ---------------------------------------------------------------------------

fn is_letter(ch: char) -> bool {
    ch.is_alphabetic()
}

fn is_digit(ch: char) -> bool {
    ch.is_ascii_digit() || (!ch.is_ascii() && ch.is_numeric())
}

/// `keyList.Less` for two string keys: letters before other characters,
/// digit runs compared as numbers (`a9` < `a10`).
fn key_less(left: &str, right: &str, version: Version) -> bool {
    let ar: Vec<char> = left.chars().collect();
    let br: Vec<char> = right.chars().collect();
    let mut digits = false;
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            digits = is_digit(ar[i]);
            continue;
        }
        let al = is_letter(ar[i]);
        let bl = is_letter(br[i]);
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return if version == Version::V3 && digits {
                al
            } else {
                bl
            };
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            for &ch in ar[..i].iter().rev() {
                if !is_digit(ch) {
                    break;
                }
                if ch != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let digit_value = |ch: char| i64::from(u32::from(ch).wrapping_sub(u32::from('0')));
        let mut ai = i;
        while ai < ar.len() && is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(digit_value(ar[ai]));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(digit_value(br[bi]));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// Sort map entries in go-yaml's key order. Go sorts small slices by
/// insertion; larger ones get a merge sort, which gives the same order for
/// any consistent comparison and never panics on an inconsistent one.
fn sort_keys<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str, version: Version) {
    let less = |a: &T, b: &T| key_less(key(a), key(b), version);
    if items.len() <= 12 {
        for i in 1..items.len() {
            let mut j = i;
            while j > 0 && less(&items[j], &items[j - 1]) {
                items.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mut taken: Vec<T> = std::mem::take(items);
    merge_sort(&mut taken, &less);
    *items = taken;
}

fn merge_sort<T>(items: &mut Vec<T>, less: &impl Fn(&T, &T) -> bool) {
    if items.len() <= 1 {
        return;
    }
    let mut right = items.split_off(items.len() / 2);
    let mut left = std::mem::take(items);
    merge_sort(&mut left, less);
    merge_sort(&mut right, less);
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_right = match (left.peek(), right.peek()) {
            (Some(a), Some(b)) => less(b, a),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right {
            right.next()
        } else {
            left.next()
        };
        items.extend(next);
    }
}
// ---------------------------------------------------------------------------
// Reading YAML the way `sigs.k8s.io/yaml.Unmarshal` does
// ---------------------------------------------------------------------------

/// A decoded go-yaml v2 value (`interface{}` with `map[interface{}]interface{}`).
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// Most nodes aliases may expand to in one document.
const MAX_ALIAS_NODES: usize = 1_000_000;

impl Node {
    fn size(&self) -> usize {
        match self {
            Node::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Node::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(key, value)| key.size() + value.size())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        anchor: usize,
        flow: bool,
    },
    Map {
        entries: Vec<(Node, Node)>,
        anchor: usize,
        flow: bool,
        key: Option<(Node, bool)>,
    },
}

/// Insert into a decoded map: a repeated key replaces the value in place
/// (Go map semantics).
fn map_insert(entries: &mut Vec<(Node, Node)>, key: Node, value: Node) {
    if let Some(slot) = entries.iter_mut().find(|(existing, _)| *existing == key) {
        slot.1 = value;
    } else {
        entries.push((key, value));
    }
}

/// Why one parse attempt stopped.
enum Stop {
    /// go-yaml's error text.
    Error(String),
    /// saphyr refused something libyaml accepts; parse this text instead.
    Retry(String),
}

/// How many times a text is patched for saphyr before giving up.
const MAX_RETRIES: usize = 64;

/// The first document of `text` as go-yaml v2 decodes it into
/// `interface{}`; errors are go-yaml's texts (`yaml: line 3: ...`).
fn decode_v2(text: &str) -> Result<Node, String> {
    match block::decode(text, block::Keep::All) {
        Some(node) => Ok(node),
        None => decode_full(text),
    }
}

/// [`decode_v2`] through saphyr's parser, for any text.
fn decode_full(text: &str) -> Result<Node, String> {
    // A patch may indent a quoted scalar's lines; repeated, that would grow
    // the text with each retry (a fuzzed 3 KB document reached seconds).
    let longest = text.len().saturating_mul(2).saturating_add(4096);
    let mut current = text.to_owned();
    for _ in 0..MAX_RETRIES {
        match decode_once(&current) {
            Ok(node) => return Ok(node),
            Err(Stop::Error(error)) => return Err(error),
            Err(Stop::Retry(patched)) if patched.len() <= longest => current = patched,
            Err(Stop::Retry(_)) => break,
        }
    }
    Err("yaml: unknown problem parsing YAML content".to_owned())
}

/// Byte offsets of character indexes, for positions in increasing order
/// (in ASCII text they are the same).
struct Cursor {
    chars: usize,
    bytes: usize,
    ascii: bool,
}

impl Cursor {
    fn byte_at(&mut self, text: &str, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(text.len());
        }
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        for ch in text[self.bytes..].chars() {
            if self.chars >= char_index {
                break;
            }
            self.chars += 1;
            self.bytes += ch.len_utf8();
        }
        self.bytes
    }
}

fn decode_once(text: &str) -> Result<Node, Stop> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut alias_nodes = 0usize;
    let mut root: Option<Node> = None;
    let mut cursor = Cursor {
        chars: 0,
        bytes: 0,
        ascii: text.is_ascii(),
    };
    let fail = |error: String| Stop::Error(error);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(next) => next,
            Err(error) => {
                let context = stack.last().map(|frame| match frame {
                    Frame::Seq { flow, .. } => (false, *flow),
                    Frame::Map { flow, .. } => (true, *flow),
                });
                if stack.is_empty() && root.is_some() {
                    // go-yaml stops reading after the first document's node.
                    break;
                }
                if error.info() == "misplaced bracket" {
                    // The flow collections open here are complete: a stray
                    // closing bracket after a top-level flow node is never
                    // read by go-yaml; inside a block one it is an error there.
                    let block = stack.iter().rev().find_map(|frame| match frame {
                        Frame::Seq { flow: false, .. } => Some((false, false)),
                        Frame::Map { flow: false, .. } => Some((true, false)),
                        _ => None,
                    });
                    if block.is_none() {
                        root = Some(close_all(stack));
                        break;
                    }
                    return Err(map_scan_error(text, &error, block, &mut cursor));
                }
                return Err(map_scan_error(text, &error, context, &mut cursor));
            }
        };
        let (node, anchor, is_merge) = match event {
            Event::DocumentEnd => break,
            Event::Scalar(mut value, style, anchor, tag) => {
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
                    && text
                        .rsplit('\n')
                        .next()
                        .is_some_and(|last| !last.trim_start_matches(' ').is_empty())
                    && cursor.byte_at(text, span.end.index()) >= text.len()
                {
                    // A block ending on the text's unterminated last line has
                    // no final line break in libyaml; saphyr assumes one.
                    if value.ends_with('\n') {
                        value.to_mut().pop();
                    }
                }
                let is_merge = style == ScalarStyle::Plain && value == "<<" && tag.is_none();
                let node = scalar_node(&value, style, tag.as_deref()).map_err(fail)?;
                (node, anchor, is_merge)
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id).cloned() else {
                    let at = cursor.byte_at(text, span.start.index());
                    return Err(fail(format!(
                        "yaml: unknown anchor '{}' referenced",
                        alias_name(&text[at..])
                    )));
                };
                alias_nodes += node.size();
                if alias_nodes > MAX_ALIAS_NODES {
                    return Err(fail(
                        "yaml: document contains excessive aliasing".to_owned(),
                    ));
                }
                (node, 0, false)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_NESTING {
                    return Err(fail(too_deep()));
                }
                let at = cursor.byte_at(text, span.start.index());
                let flow = text[at..].starts_with(['[', '{']);
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        anchor,
                        flow,
                    }
                } else {
                    Frame::Map {
                        entries: Vec::new(),
                        anchor,
                        flow,
                        key: None,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { items, anchor, .. }) => (Node::Seq(items), anchor, false),
                Some(Frame::Map {
                    entries, anchor, ..
                }) => (Node::Map(entries), anchor, false),
                None => continue,
            },
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentStart(_) => {
                continue;
            }
        };
        if anchor > 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    if matches!(node, Node::Seq(_) | Node::Map(_)) {
                        return Err(fail(format!(
                            "yaml: invalid map key: {}",
                            go_sharp_v(&node)
                        )));
                    }
                    *key = Some((node, is_merge));
                }
                Some((_, true)) => merge_into(entries, node).map_err(fail)?,
                Some((key, false)) => map_insert(entries, key, node),
            },
        }
    }
    Ok(root.unwrap_or(Node::Null))
}

/// Close every open collection, innermost first, into the root node.
fn close_all(mut stack: Vec<Frame>) -> Node {
    let mut done: Option<Node> = None;
    while let Some(mut frame) = stack.pop() {
        if let Some(child) = done.take() {
            match &mut frame {
                Frame::Seq { items, .. } => items.push(child),
                Frame::Map { entries, key, .. } => {
                    if let Some((key, _)) = key.take() {
                        map_insert(entries, key, child);
                    }
                }
            }
        }
        done = Some(match frame {
            Frame::Seq { items, .. } => Node::Seq(items),
            Frame::Map { entries, key, .. } => {
                let mut entries = entries;
                if let Some((key, _)) = key {
                    map_insert(&mut entries, key, Node::Null);
                }
                Node::Map(entries)
            }
        });
    }
    done.unwrap_or(Node::Null)
}

/// A scalar as go-yaml v2's decoder reads it: quoted and block scalars are
/// strings unless tagged; explicit core tags are checked (`!!int x` fails).
fn scalar_node(
    value: &str,
    style: ScalarStyle,
    tag: Option<&saphyr_parser::Tag>,
) -> Result<Node, String> {
    let Some(tag) = tag else {
        return Ok(if style == ScalarStyle::Plain {
            resolved_node(resolve(value, Version::V2), value)
        } else {
            Node::Str(value.to_owned())
        });
    };
    if !tag.is_yaml_core_schema() {
        return Ok(Node::Str(value.to_owned()));
    }
    let wanted = tag.suffix.as_str();
    if matches!(wanted, "str" | "binary") {
        return Ok(Node::Str(value.to_owned()));
    }
    let resolved = resolve(value, Version::V2);
    let got = match resolved {
        Resolved::Null => "null",
        Resolved::Bool(_) => "bool",
        Resolved::Int(_) | Resolved::Uint(_) => "int",
        Resolved::Float(_) => "float",
        Resolved::Timestamp => "timestamp",
        Resolved::Str => "str",
    };
    if !matches!(wanted, "null" | "bool" | "int" | "float" | "timestamp") || got == wanted {
        return Ok(resolved_node(resolved, value));
    }
    #[allow(clippy::cast_precision_loss, reason = "go-yaml converts the same way")]
    if wanted == "float"
        && let Resolved::Int(int) = resolved
    {
        return Ok(Node::Float(int as f64));
    }
    Err(format!(
        "yaml: cannot decode !!{got} `{value}` as a !!{wanted}"
    ))
}

/// saphyr's refusal in go-yaml's words, or a patched text to parse again
/// where saphyr is stricter than libyaml. `context` is the innermost open
/// collection: (is a map, is flow).
fn map_scan_error(
    text: &str,
    error: &ScanError,
    context: Option<(bool, bool)>,
    cursor: &mut Cursor,
) -> Stop {
    let info = error.info();
    let line0 = error.marker().line().saturating_sub(1);
    let at = cursor.byte_at(text, error.marker().index()).min(text.len());
    // Scanner errors print the 1-based line, parser errors the 0-based one
    // (go-yaml's `fail`); neither prints a line when the problem is on the first.
    let scanner = |message: &str, line0: usize| {
        Stop::Error(if line0 == 0 {
            format!("yaml: {message}")
        } else {
            format!("yaml: line {}: {message}", line0 + 1)
        })
    };
    let parser = |message: &str, line0: usize| {
        Stop::Error(if line0 == 0 {
            format!("yaml: {message}")
        } else {
            format!("yaml: line {line0}: {message}")
        })
    };
    let expected_here = match context {
        Some((false, true)) => "did not find expected ',' or ']'",
        Some((true, true)) => "did not find expected ',' or '}'",
        Some((false, false)) => "did not find expected '-' indicator",
        Some((true, false)) | None => "did not find expected key",
    };
    let end_line0 = text.matches('\n').count();
    if info.starts_with("while parsing a block") && tab_in_block_scalar(text, line0) {
        return scanner(
            "found a tab character where an indentation space is expected",
            line0,
        );
    }
    match info {
        "misplaced bracket"
        | "invalid trailing content after double-quoted scalar"
        | "illegal placement of ':' indicator" => parser(expected_here, line0),
        "while parsing a flow sequence, expected ',' or ']'" => {
            parser("did not find expected ',' or ']'", line0)
        }
        "simple key expect ':'" | "simple key expected" => {
            scanner("could not find expected ':'", line0)
        }
        "while scanning a quoted scalar, found unexpected end of stream" => {
            scanner("found unexpected end of stream", end_line0)
        }
        "tabs disallowed within this context (block indentation)" => {
            scanner("found character that cannot start any token", line0)
        }
        "while scanning a plain scalar, found a tab" => {
            let tab_line0 = text[at..]
                .find('\t')
                .map_or(line0, |offset| text[..at + offset].matches('\n').count());
            scanner("found a tab character that violates indentation", tab_line0)
        }
        "while parsing node, found unknown anchor" => Stop::Error(format!(
            "yaml: unknown anchor '{}' referenced",
            alias_name(&text[at..])
        )),
        "recursion limit exceeded" => Stop::Error(too_deep()),
        "invalid indentation in quoted scalar" => indent_quoted(text, at, error.marker().col())
            .unwrap_or_else(|| scanner("found unexpected end of stream", end_line0)),
        "':' must be followed by a valid YAML whitespace" if colon_tab(text, at).is_some() => {
            // libyaml takes a tab after `:` as the separating blank.
            let tab = colon_tab(text, at).unwrap_or(at);
            let mut patched = text.to_owned();
            patched.replace_range(tab..=tab, " ");
            Stop::Retry(patched)
        }
        _ if info.starts_with("unexpected character") => {
            scanner("found character that cannot start any token", line0)
        }
        _ => {
            // "while parsing a block mapping, did not find expected key" and
            // the like: libyaml reports the problem without the context.
            let Some((context, problem)) = info.split_once(", ") else {
                return scanner(info, line0);
            };
            let from_parser = [
                "while parsing a block",
                "while parsing a flow",
                "while parsing a node",
                "while parsing node",
            ]
            .iter()
            .any(|prefix| context.starts_with(prefix));
            if from_parser {
                parser(problem, line0)
            } else {
                scanner(problem, line0)
            }
        }
    }
}

/// Whether line `line0` starts with a tab inside the content of a block
/// scalar (`key: |` above it, the lines between indented): libyaml's block
/// scalar scanner refuses such a tab.
fn tab_in_block_scalar(text: &str, line0: usize) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    if !lines.get(line0).is_some_and(|line| line.starts_with('\t')) {
        return false;
    }
    for line in lines[..line0].iter().rev() {
        if line.trim().is_empty() || line.starts_with(' ') && !is_block_header(line) {
            continue;
        }
        return is_block_header(line);
    }
    false
}

/// A line ending in a block scalar header (`|`, `>-`, `|2+`, maybe a comment).
fn is_block_header(line: &str) -> bool {
    let code = line.split(" #").next().unwrap_or(line).trim_end();
    let indicators =
        code.trim_end_matches(['-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    indicators.ends_with(['|', '>'])
        && indicators[..indicators.len() - 1]
            .chars()
            .next_back()
            .is_none_or(|ch| ch == ' ' || ch == '-' || ch == ':')
}

/// The byte offset of the tab in a `:\t` at or just before `at`.
fn colon_tab(text: &str, at: usize) -> Option<usize> {
    let from = at.saturating_sub(2);
    let to = (at + 2).min(text.len());
    let window = text.get(from..to)?;
    window.find(":\t").map(|offset| from + offset + 1)
}

/// libyaml lets the continuation lines of a quoted scalar sit at any
/// indentation; saphyr does not. Indent them (the spaces fold away) and
/// parse again. `None` when the scalar never closes.
fn indent_quoted(text: &str, at: usize, column: usize) -> Option<Stop> {
    let quote = text[at..]
        .chars()
        .next()
        .filter(|ch| matches!(ch, '"' | '\''))?;
    let body = &text[at + 1..];
    let mut end = None;
    let mut chars = body.char_indices();
    while let Some((offset, ch)) = chars.next() {
        if quote == '"' && ch == '\\' {
            chars.next();
        } else if ch == quote {
            if quote == '\'' && body[offset + 1..].starts_with('\'') {
                chars.next();
            } else {
                end = Some(at + 1 + offset);
                break;
            }
        }
    }
    let end = end?;
    let pad = " ".repeat(column + 1);
    let mut patched = String::with_capacity(text.len() + pad.len() * 4);
    patched.push_str(&text[..at]);
    for ch in text[at..end].chars() {
        patched.push(ch);
        if ch == '\n' {
            patched.push_str(&pad);
        }
    }
    patched.push_str(&text[end..]);
    Some(Stop::Retry(patched))
}

fn too_deep() -> String {
    format!("yaml: exceeded max depth of {MAX_NESTING}")
}

fn alias_name(rest: &str) -> String {
    rest.chars()
        .skip(1)
        .take_while(|ch| !ch.is_whitespace() && !matches!(ch, ',' | '[' | ']' | '{' | '}'))
        .collect()
}

fn resolved_node(resolved: Resolved, text: &str) -> Node {
    match resolved {
        Resolved::Null => Node::Null,
        Resolved::Bool(flag) => Node::Bool(flag),
        Resolved::Int(int) => Node::Int(int),
        Resolved::Uint(int) => Node::Uint(int),
        Resolved::Float(float) => Node::Float(float),
        Resolved::Timestamp | Resolved::Str => Node::Str(text.to_owned()),
    }
}

/// YAML 1.1 merge (`<<: *base`, `<<: [*a, *b]`): go-yaml v2 decodes the
/// merged maps into the map being built, earlier maps of a list winning.
fn merge_into(entries: &mut Vec<(Node, Node)>, source: Node) -> Result<(), String> {
    const WANT_MAP: &str = "yaml: map merge requires map or sequence of maps as the value";
    match source {
        Node::Map(merged) => {
            for (key, value) in merged {
                map_insert(entries, key, value);
            }
        }
        Node::Seq(items) => {
            for item in items.into_iter().rev() {
                let Node::Map(merged) = item else {
                    return Err(WANT_MAP.to_owned());
                };
                for (key, value) in merged {
                    map_insert(entries, key, value);
                }
            }
        }
        _ => return Err(WANT_MAP.to_owned()),
    }
    Ok(())
}

/// Go's `%#v` of a decoded value, for the few messages that print one.
fn go_sharp_v(node: &Node) -> String {
    match node {
        Node::Null => "<nil>".to_owned(),
        Node::Bool(flag) => flag.to_string(),
        Node::Int(int) => int.to_string(),
        Node::Uint(int) => format!("0x{int:x}"),
        Node::Float(float) => crate::gotmpl::format_float(*float),
        Node::Str(text) => super::gofmt::quote(text),
        Node::Seq(items) => format!(
            "[]interface {{}}{{{}}}",
            items.iter().map(go_sharp_v).collect::<Vec<_>>().join(", ")
        ),
        Node::Map(entries) => format!(
            "map[interface {{}}]interface {{}}{{{}}}",
            entries
                .iter()
                .map(|(key, value)| format!("{}:{}", go_sharp_v(key), go_sharp_v(value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn go_type(node: &Node) -> &'static str {
    match node {
        Node::Null => "%!s(<nil>)",
        Node::Bool(_) => "bool",
        Node::Int(_) => "int",
        Node::Uint(_) => "uint64",
        Node::Float(_) => "float64",
        Node::Str(_) => "string",
        Node::Seq(_) => "[]interface {}",
        Node::Map(_) => "map[interface {}]interface {}",
    }
}

/// `convertToJSONableObject` then `json.Marshal` then `json.Unmarshal`
/// into `interface{}`: keys become strings, numbers float64.
fn to_json_value(node: Node) -> Result<Value, String> {
    Ok(match node {
        Node::Null => Value::Nil,
        Node::Bool(flag) => Value::Bool(flag),
        #[allow(clippy::cast_precision_loss, reason = "JSON numbers are float64")]
        Node::Int(int) => Value::Float(int as f64),
        #[allow(clippy::cast_precision_loss, reason = "JSON numbers are float64")]
        Node::Uint(int) => Value::Float(int as f64),
        Node::Float(float) if !float.is_finite() => {
            return Err(format!(
                "json: unsupported value: {}",
                crate::gotmpl::format_float(float)
            ));
        }
        Node::Float(float) => Value::Float(float),
        Node::Str(text) => Value::string(text),
        Node::Seq(items) => Value::list(
            items
                .into_iter()
                .map(to_json_value)
                .collect::<Result<_, _>>()?,
        ),
        Node::Map(entries) => {
            let mut map = MapData::new();
            for (key, value) in entries {
                let key = json_key(&key, &value)?;
                map.insert(key, to_json_value(value)?);
            }
            Value::map(map)
        }
    })
}

/// The string a non-string key becomes in `convertToJSONableObject`.
fn json_key(key: &Node, value: &Node) -> Result<String, String> {
    Ok(match key {
        Node::Str(text) => text.clone(),
        Node::Int(int) => int.to_string(),
        Node::Bool(flag) => flag.to_string(),
        Node::Float(float) if float.is_nan() => ".nan".to_owned(),
        Node::Float(float) if float.is_infinite() => float_text(*float),
        Node::Float(float) => crate::gotmpl::format_float32(*float),
        other => {
            return Err(format!(
                "unsupported map key of type: {}, key: {}, value: {}",
                go_type(other),
                go_sharp_v(other),
                go_sharp_v(value)
            ));
        }
    })
}

/// The wrapped error texts of `sigs.k8s.io/yaml.Unmarshal`.
fn yaml_to_json(text: &str) -> Result<Value, String> {
    let node =
        decode_v2(text).map_err(|error| format!("error converting YAML to JSON: {error}"))?;
    to_json_value(node).map_err(|error| format!("error converting YAML to JSON: {error}"))
}

/// A rendered document as JSON, read by the engine's fast reader (the
/// rules' and CRD check's input; positions, when a finding needs them, are
/// read apart). It equals what `encoding/json` would print of the document
/// read back by `serde_json`: numbers are float64, map keys sorted, the last
/// of a repeated key wins; it is built directly, without the text between.
pub(crate) fn document_json(text: &str) -> Option<serde_json::Value> {
    node_json(decode_v2(text).ok()?).ok()
}

fn node_json(node: Node) -> Result<serde_json::Value, String> {
    use serde_json::Value as Json;
    #[allow(clippy::cast_precision_loss, reason = "JSON numbers are float64")]
    let number = |float: f64| -> Result<Json, String> {
        if !float.is_finite() {
            return Err("json: unsupported value".to_owned());
        }
        // Go prints an integral float64 below 1e21 without a fraction, which
        // reads back as an integer.
        #[allow(
            clippy::cast_possible_truncation,
            reason = "checked to be integral and in range"
        )]
        if float.fract() == 0.0 {
            // Exact below 2^53; above, Go prints the shortest digits padded
            // with zeros, as Rust's `Display` does.
            if float.abs() < 9_007_199_254_740_992.0 {
                return Ok(Json::from(float as i64));
            }
            if float.abs() < 1e21 {
                let digits = format!("{float}");
                if let Ok(int) = digits.parse::<i64>() {
                    return Ok(Json::from(int));
                }
                if let Ok(int) = digits.parse::<u64>() {
                    return Ok(Json::from(int));
                }
            }
        }
        serde_json::Number::from_f64(float)
            .map(Json::Number)
            .ok_or_else(|| "json: unsupported value".to_owned())
    };
    Ok(match node {
        Node::Null => Json::Null,
        Node::Bool(flag) => Json::Bool(flag),
        #[allow(clippy::cast_precision_loss, reason = "JSON numbers are float64")]
        Node::Int(int) => number(int as f64)?,
        #[allow(clippy::cast_precision_loss, reason = "JSON numbers are float64")]
        Node::Uint(int) => number(int as f64)?,
        Node::Float(float) => number(float)?,
        Node::Str(text) => Json::String(text),
        Node::Seq(items) => {
            Json::Array(items.into_iter().map(node_json).collect::<Result<_, _>>()?)
        }
        Node::Map(entries) => {
            let mut pairs = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let key = json_key(&key, &value)?;
                pairs.push((key, node_json(value)?));
            }
            // Sorted as Go prints a map; a stable sort keeps a repeated key's
            // entries in order, and the last one wins.
            crate::sort::sort_by(&mut pairs, |(a, _), (b, _)| a.cmp(b));
            let mut map = serde_json::Map::new();
            for (key, value) in pairs {
                map.insert(key, value);
            }
            Json::Object(map)
        }
    })
}

/// `fromYaml`: a map, or a map holding `Error` when the text is not one.
pub(crate) fn from_yaml(text: &str) -> Value {
    match unmarshal_map(text) {
        Ok(Some(decoded)) => Value::Map(decoded, super::value::MapKind::Plain),
        Ok(None) => Value::map(MapData::new()),
        Err(error) => {
            let mut map = MapData::new();
            map.insert("Error".to_owned(), Value::string(error));
            Value::map(map)
        }
    }
}

/// `sigs.k8s.io/yaml.Unmarshal(text, &map[string]interface{}{})`: the map
/// (`None` for an empty document), or the error text.
pub(crate) fn unmarshal_map(text: &str) -> Result<Option<super::value::MapRef>, String> {
    match yaml_to_json(text)? {
        Value::Map(decoded, _) => Ok(Some(decoded)),
        Value::Nil => Ok(None),
        other => Err(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            super::json::kind_name(&other)
        )),
    }
}

/// `fromYamlArray`: a list, or a list of the one error text.
pub(crate) fn from_yaml_array(text: &str) -> Value {
    match yaml_to_json(text) {
        Ok(list @ Value::List(..)) => list,
        Ok(Value::Nil) => Value::list(Vec::new()),
        Ok(other) => Value::list(vec![Value::string(format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type []interface {{}}",
            super::json::kind_name(&other)
        ))]),
        Err(error) => Value::list(vec![Value::string(error)]),
    }
}

/// How Helm reads one rendered manifest when it sorts them
/// (`yaml.Unmarshal` into `SimpleHead`): the document's head (`apiVersion`,
/// `kind`, `metadata.name` and `metadata.annotations`; other fields may read
/// as null; `Nil` when empty), or the error text Helm prints after
/// `YAML parse error on <file>: `.
pub(crate) fn parse_manifest(text: &str) -> Result<Value, String> {
    // Helm's `SplitManifests` trims every document.
    let text = text.trim();
    // Only the head is read; the block reader builds no more than that.
    let node = match block::decode(text, block::Keep::Head) {
        Some(node) => Ok(node),
        None => decode_full(text),
    }
    .map_err(|error| format!("error converting YAML to JSON: {error}"))?;
    let head = head_strings(node);
    let value =
        to_json_value(head).map_err(|error| format!("error converting YAML to JSON: {error}"))?;
    if let Some(error) = simple_head_error(&value) {
        return Err(format!(
            "error unmarshaling JSON: while decoding JSON: {error}"
        ));
    }
    Ok(value)
}

/// `convertToJSONableObject` with `SimpleHead` as the target: numbers and
/// booleans where the struct wants a string are turned into strings.
fn head_strings(node: Node) -> Node {
    let Node::Map(entries) = node else {
        return node;
    };
    let field = |key: &Node, name: &str| {
        matches!(key, Node::Str(text) if text == name)
            || matches!(key, Node::Str(text) if text.eq_ignore_ascii_case(name))
    };
    Node::Map(
        entries
            .into_iter()
            .map(|(key, value)| {
                let value = if field(&key, "apiVersion") || field(&key, "kind") {
                    scalar_to_string(value)
                } else if field(&key, "metadata") {
                    metadata_strings(value)
                } else {
                    value
                };
                (key, value)
            })
            .collect(),
    )
}

fn metadata_strings(node: Node) -> Node {
    let Node::Map(entries) = node else {
        return node;
    };
    let field =
        |key: &Node, name: &str| matches!(key, Node::Str(text) if text.eq_ignore_ascii_case(name));
    Node::Map(
        entries
            .into_iter()
            .map(|(key, value)| {
                let value = if field(&key, "name") {
                    scalar_to_string(value)
                } else if field(&key, "annotations") {
                    match value {
                        Node::Map(annotations) => Node::Map(
                            annotations
                                .into_iter()
                                .map(|(key, value)| (key, scalar_to_string(value)))
                                .collect(),
                        ),
                        other => other,
                    }
                } else {
                    value
                };
                (key, value)
            })
            .collect(),
    )
}

fn scalar_to_string(node: Node) -> Node {
    match node {
        Node::Int(int) => Node::Str(int.to_string()),
        Node::Uint(int) => Node::Str(int.to_string()),
        Node::Float(float) => Node::Str(crate::gotmpl::format_float32(float)),
        Node::Bool(flag) => Node::Str(flag.to_string()),
        other => other,
    }
}

/// The first type error `encoding/json` meets decoding the document into
/// `SimpleHead` (fields in the JSON text's sorted key order).
fn simple_head_error(value: &Value) -> Option<String> {
    let into = |what: &Value, field: &str, ty: &str| {
        format!(
            "json: cannot unmarshal {} into Go struct field SimpleHead.{field} of type {ty}",
            super::json::kind_name(what)
        )
    };
    // Fields of the anonymous metadata struct are named from an empty struct name.
    let nested = |what: &Value, field: &str, ty: &str| {
        format!(
            "json: cannot unmarshal {} into Go struct field .metadata.{field} of type {ty}",
            super::json::kind_name(what)
        )
    };
    let map = match value {
        Value::Nil => return None,
        Value::Map(map, _) => map,
        other => {
            return Some(format!(
                "json: cannot unmarshal {} into Go value of type util.SimpleHead",
                super::json::kind_name(other)
            ));
        }
    };
    for (key, item) in map.entries() {
        let string_field = |name: &str| {
            if matches!(item, Value::Nil | Value::String(_)) {
                None
            } else {
                Some(into(&item, name, "string"))
            }
        };
        let error = if key.eq_ignore_ascii_case("apiVersion") {
            string_field("apiVersion")
        } else if key.eq_ignore_ascii_case("kind") {
            string_field("kind")
        } else if key.eq_ignore_ascii_case("metadata") {
            match &item {
                Value::Nil => None,
                Value::Map(metadata, _) => {
                    metadata.entries().into_iter().find_map(|(key, item)| {
                        if key.eq_ignore_ascii_case("name") {
                            (!matches!(item, Value::Nil | Value::String(_)))
                                .then(|| nested(&item, "name", "string"))
                        } else if key.eq_ignore_ascii_case("annotations") {
                            match &item {
                                Value::Nil => None,
                                Value::Map(annotations, _) => {
                                    annotations.entries().into_iter().find_map(|(_, item)| {
                                        (!matches!(item, Value::Nil | Value::String(_)))
                                            .then(|| nested(&item, "annotations", "string"))
                                    })
                                }
                                other => Some(nested(other, "annotations", "map[string]string")),
                            }
                        } else {
                            None
                        }
                    })
                }
                other => Some(into(
                    other,
                    "metadata",
                    "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }",
                )),
            }
        } else {
            None
        };
        if error.is_some() {
            return error;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_json_is_what_encoding_json_prints_read_back() {
        for text in [
            "kind: Gateway\nspec:\n  port: 80\n  ratio: 0.5\n  big: 12345678901234567890\n  b: 1\n  a: [x, 2, true, null]\n",
            "z: 1\na: 2\nz: 3\n1: one\ntrue: yes\n",
            "text: |\n  two\n  lines\nfloat: 1e3\nneg: -7\nhuge: 1e20\nodd: 9007199254740993\nsmall: -12345678901234567890\n",
        ] {
            let through_text: serde_json::Value = serde_json::from_str(
                &super::super::json::to_json(&yaml_to_json(text).unwrap()).unwrap(),
            )
            .unwrap();
            assert_eq!(document_json(text), Some(through_text), "{text}");
        }
    }
    use crate::span::SourceId;

    /// A values file exercising key order, quoting, block scalars, folding
    /// and number formats; the expected texts are what Helm v4.1.4 prints
    /// for `toYaml .Values`, `toYamlPretty .Values` and `toJson .Values`.
    const PROBE_VALUES: &str = "keys: {a10: 1, a9: 2, a09: 3, b: 4, B: 5, \"1\": 6, \"10\": 7, \"2\": 8, \"a\": 9, \"_x\": 10, \"a-b\": 11, \"ab\": 12, \"a0\": 13, \"a00\": 14, \"é\": 15, \"z1y\": 16, \"z01y\": 17}
strs:
  - \"yes\"
  - \"on\"
  - \"~\"
  - \"null\"
  - \"1e3\"
  - \"0x1F\"
  - \"012\"
  - \"1:20\"
  - \".5\"
  - \"-\"
  - \"- a\"
  - \"a: b\"
  - \"a #b\"
  - \"#a\"
  - \"@a\"
  - \"`a\"
  - \"*a\"
  - \" lead\"
  - \"trail \"
  - \"multi\\nline\"
  - \"multi\\nline\\n\"
  - \"multi\\nline\\n\\n\"
  - \"  indented\\nfirst\"
  - \"tab\\there\"
  - \"é\"
  - \"\u{1f600}\"
  - \"\\x01ctl\"
  - \"2024-01-01\"
  - \"2024-1-1\"
  - \"2024-13-01\"
  - \"2024-02-30\"
  - \"2001-12-14t21:59:43.10-05:00\"
  - \"2001-12-14 21:59:43.10\"
  - \"\"
  - \"true\"
  - \"y\"
  - \"Y\"
  - \"n\"
  - \"<<\"
  - \"1_000\"
  - \"+1\"
  - \"-.inf\"
  - \".inf\"
  - \"1.2.3\"
  - \"---\"
  - \"...x\"
  - \"a:b\"
  - \"a,b\"
  - \"[a]\"
  - \"?a\"
  - \"? a\"
  - \"a ? b\"
  - \"%a\"
  - \"!a\"
  - \"&a\"
  - \"|a\"
  - \">a\"
  - \"'a\"
  - \"\\\"a\"
  - \"a'b\"
  - \"a\\\"b\"
  - \"a\\\\b\"
  - \"<&>\"
  - \"a \\nb\"
  - \"a\\n b\"
  - \"\\nlead\"
  - \"x\\r\\ny\"
  - \"nbsp\\u00a0x\"
  - \"\\ufeffbom\"
  - \"line\\u2028sep\"
  - \"0o17\"
  - \"0b101\"
  - \"-0b101\"
  - \"1e400\"
  - \".5e3\"
  - \"1.\"
  - \"0.1.2\"
  - \"08\"
  - \"+.5\"
  - \"Yes please\"
  - \"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant horizon line\"
  - \"ThequickbrownfoxjumpsoverthelazydogandkeepsrunningfarfarawayintothedistanthorizonlineThequickbrownfoxjumps over\"
  - \"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant: horizon line\"
  - \"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant  horizon  line  with double spaces everywhere\"
  - \"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant\\thorizon line with a tab\"
nums: [0, 1, -1, 1.5, 8080, 1e21, 1e-7, 0.000001, 123456789.5, 1e20, 1e19, 100000, 1000000, -0.0, 3.0, 0.1, 12345678901234567890, 1.0e+15, 2.5e-5]
nested:
  emptymap: {}
  emptylist: []
  nilv: null
  lom: [{a: 1, b: 2}, {c: [1, 2]}, {}]
  lol: [[1, 2], [], [[3]]]
  deep: {x: {y: {z: [a, b]}}}
  bools: [true, false]
  longkey: {\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\": 1, \"multi\\nkey\": 2, \"sp ace\": 3, \"\": 4, \"trail \": 5}
";

    const PROBE_TO_YAML: &str = "keys:
  _x: 10
  \"1\": 6
  \"2\": 8
  \"10\": 7
  B: 5
  a: 9
  a-b: 11
  a0: 13
  a00: 14
  a9: 2
  a09: 3
  a10: 1
  ab: 12
  b: 4
  z1y: 16
  z01y: 17
  é: 15
nested:
  bools:
  - true
  - false
  deep:
    x:
      \"true\":
        z:
        - a
        - b
  emptylist: []
  emptymap: {}
  lol:
  - - 1
    - 2
  - []
  - - - 3
  lom:
  - a: 1
    b: 2
  - c:
    - 1
    - 2
  - {}
  longkey:
    \"\": 4
    ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
    : 1
    ? |-
      multi
      key
    : 2
    sp ace: 3
    'trail ': 5
  nilv: null
nums:
- 0
- 1
- -1
- 1.5
- 8080
- 1e+21
- 1e-07
- 1e-06
- 1.234567895e+08
- 1e+20
- 10000000000000000000
- 100000
- 1000000
- 0
- 3
- 0.1
- 12345678901234567000
- 1000000000000000
- 2.5e-05
strs:
- \"yes\"
- \"on\"
- \"~\"
- \"null\"
- \"1e3\"
- \"0x1F\"
- \"012\"
- \"1:20\"
- \".5\"
- '-'
- '- a'
- 'a: b'
- 'a #b'
- '#a'
- '@a'
- '`a'
- '*a'
- ' lead'
- 'trail '
- |-
  multi
  line
- |
  multi
  line
- |+
  multi
  line

- |2-
    indented
  first
- \"tab\\there\"
- é
- \"\\U0001F600\"
- \"\\x01ctl\"
- \"2024-01-01\"
- \"2024-1-1\"
- 2024-13-01
- 2024-02-30
- \"2001-12-14t21:59:43.10-05:00\"
- \"2001-12-14 21:59:43.10\"
- \"\"
- \"true\"
- \"y\"
- \"Y\"
- \"n\"
- <<
- \"1_000\"
- \"+1\"
- \"-.inf\"
- \".inf\"
- 1.2.3
- '---'
- '...x'
- a:b
- a,b
- '[a]'
- ?a
- '? a'
- a ? b
- '%a'
- '!a'
- '&a'
- '|a'
- '>a'
- '''a'
- '\"a'
- a'b
- a\"b
- a\\b
- <&>
- \"a \\nb\"
- |-
  a
   b
- |2-

  lead
- \"x\\r\\ny\"
- nbsp x
- \"\\uFEFF\\x62\\x6F\\x6D\"
- 'line\u{2028}  sep'
- \"0o17\"
- \"0b101\"
- \"-0b101\"
- 1e400
- \".5e3\"
- \"1.\"
- 0.1.2
- \"08\"
- \"+.5\"
- Yes please
- The quick brown fox jumps over the lazy dog and keeps running far far away into
  the distant horizon line
- ThequickbrownfoxjumpsoverthelazydogandkeepsrunningfarfarawayintothedistanthorizonlineThequickbrownfoxjumps
  over
- 'The quick brown fox jumps over the lazy dog and keeps running far far away into
  the distant: horizon line'
- The quick brown fox jumps over the lazy dog and keeps running far far away into
  the distant  horizon  line  with double spaces everywhere
- \"The quick brown fox jumps over the lazy dog and keeps running far far away into
  the distant\\thorizon line with a tab\"";

    const PROBE_TO_YAML_PRETTY: &str = "keys:
  _x: 10
  \"1\": 6
  \"2\": 8
  \"10\": 7
  B: 5
  a: 9
  a-b: 11
  a0: 13
  a00: 14
  a9: 2
  a09: 3
  a10: 1
  ab: 12
  b: 4
  z1y: 16
  z01y: 17
  é: 15
nested:
  bools:
    - true
    - false
  deep:
    x:
      \"true\":
        z:
          - a
          - b
  emptylist: []
  emptymap: {}
  lol:
    - - 1
      - 2
    - []
    - - - 3
  lom:
    - a: 1
      b: 2
    - c:
        - 1
        - 2
    - {}
  longkey:
    \"\": 4
    ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
    : 1
    ? |-
      multi
      key
    : 2
    sp ace: 3
    'trail ': 5
  nilv: null
nums:
  - 0
  - 1
  - -1
  - 1.5
  - 8080
  - 1e+21
  - 1e-07
  - 1e-06
  - 1.234567895e+08
  - 1e+20
  - 1e+19
  - 100000
  - 1e+06
  - -0
  - 3
  - 0.1
  - 1.2345678901234567e+19
  - 1e+15
  - 2.5e-05
strs:
  - \"yes\"
  - \"on\"
  - \"~\"
  - \"null\"
  - \"1e3\"
  - \"0x1F\"
  - \"012\"
  - \"1:20\"
  - \".5\"
  - '-'
  - '- a'
  - 'a: b'
  - 'a #b'
  - '#a'
  - '@a'
  - '`a'
  - '*a'
  - ' lead'
  - 'trail '
  - |-
    multi
    line
  - |
    multi
    line
  - |+
    multi
    line

  - |2-
      indented
    first
  - \"tab\\there\"
  - é
  - \"\\U0001F600\"
  - \"\\x01ctl\"
  - \"2024-01-01\"
  - \"2024-1-1\"
  - 2024-13-01
  - 2024-02-30
  - \"2001-12-14t21:59:43.10-05:00\"
  - \"2001-12-14 21:59:43.10\"
  - \"\"
  - \"true\"
  - \"y\"
  - \"Y\"
  - \"n\"
  - <<
  - \"1_000\"
  - \"+1\"
  - \"-.inf\"
  - \".inf\"
  - 1.2.3
  - '---'
  - '...x'
  - a:b
  - a,b
  - '[a]'
  - ?a
  - '? a'
  - a ? b
  - '%a'
  - '!a'
  - '&a'
  - '|a'
  - '>a'
  - '''a'
  - '\"a'
  - a'b
  - a\"b
  - a\\b
  - <&>
  - \"a \\nb\"
  - |-
    a
     b
  - |2-

    lead
  - \"x\\r\\ny\"
  - nbsp x
  - \"\\uFEFF\\x62\\x6F\\x6D\"
  - 'line\u{2028}    sep'
  - \"0o17\"
  - \"0b101\"
  - \"-0b101\"
  - 1e400
  - \".5e3\"
  - \"1.\"
  - 0.1.2
  - \"08\"
  - \"+.5\"
  - Yes please
  - The quick brown fox jumps over the lazy dog and keeps running far far away into the distant horizon line
  - ThequickbrownfoxjumpsoverthelazydogandkeepsrunningfarfarawayintothedistanthorizonlineThequickbrownfoxjumps over
  - 'The quick brown fox jumps over the lazy dog and keeps running far far away into the distant: horizon line'
  - The quick brown fox jumps over the lazy dog and keeps running far far away into the distant  horizon  line  with double spaces everywhere
  - \"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant\\thorizon line with a tab\"";

    const PROBE_TO_JSON: &str = "{\"keys\":{\"1\":6,\"10\":7,\"2\":8,\"B\":5,\"_x\":10,\"a\":9,\"a-b\":11,\"a0\":13,\"a00\":14,\"a09\":3,\"a10\":1,\"a9\":2,\"ab\":12,\"b\":4,\"z01y\":17,\"z1y\":16,\"é\":15},\"nested\":{\"bools\":[true,false],\"deep\":{\"x\":{\"true\":{\"z\":[\"a\",\"b\"]}}},\"emptylist\":[],\"emptymap\":{},\"lol\":[[1,2],[],[[3]]],\"lom\":[{\"a\":1,\"b\":2},{\"c\":[1,2]},{}],\"longkey\":{\"\":4,\"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\":1,\"multi\\nkey\":2,\"sp ace\":3,\"trail \":5},\"nilv\":null},\"nums\":[0,1,-1,1.5,8080,1e+21,1e-7,0.000001,123456789.5,100000000000000000000,10000000000000000000,100000,1000000,-0,3,0.1,12345678901234567000,1000000000000000,0.000025],\"strs\":[\"yes\",\"on\",\"~\",\"null\",\"1e3\",\"0x1F\",\"012\",\"1:20\",\".5\",\"-\",\"- a\",\"a: b\",\"a #b\",\"#a\",\"@a\",\"`a\",\"*a\",\" lead\",\"trail \",\"multi\\nline\",\"multi\\nline\\n\",\"multi\\nline\\n\\n\",\"  indented\\nfirst\",\"tab\\there\",\"é\",\"\u{1f600}\",\"\\u0001ctl\",\"2024-01-01\",\"2024-1-1\",\"2024-13-01\",\"2024-02-30\",\"2001-12-14t21:59:43.10-05:00\",\"2001-12-14 21:59:43.10\",\"\",\"true\",\"y\",\"Y\",\"n\",\"\\u003c\\u003c\",\"1_000\",\"+1\",\"-.inf\",\".inf\",\"1.2.3\",\"---\",\"...x\",\"a:b\",\"a,b\",\"[a]\",\"?a\",\"? a\",\"a ? b\",\"%a\",\"!a\",\"\\u0026a\",\"|a\",\"\\u003ea\",\"'a\",\"\\\"a\",\"a'b\",\"a\\\"b\",\"a\\\\b\",\"\\u003c\\u0026\\u003e\",\"a \\nb\",\"a\\n b\",\"\\nlead\",\"x\\r\\ny\",\"nbsp x\",\"\u{feff}bom\",\"line\\u2028sep\",\"0o17\",\"0b101\",\"-0b101\",\"1e400\",\".5e3\",\"1.\",\"0.1.2\",\"08\",\"+.5\",\"Yes please\",\"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant horizon line\",\"ThequickbrownfoxjumpsoverthelazydogandkeepsrunningfarfarawayintothedistanthorizonlineThequickbrownfoxjumps over\",\"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant: horizon line\",\"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant  horizon  line  with double spaces everywhere\",\"The quick brown fox jumps over the lazy dog and keeps running far far away into the distant\\thorizon line with a tab\"]}";

    fn values(text: &str) -> Value {
        let mut diagnostics = Vec::new();
        let node = crate::values::parse_document(text, SourceId(0), &mut diagnostics)
            .expect("probe values parse");
        crate::helm::values::file_value(&node)
    }

    fn assert_lines(actual: &str, expected: &str) {
        for (index, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
            assert_eq!(a, e, "line {}", index + 1);
        }
        assert_eq!(actual, expected);
    }

    #[test]
    fn to_yaml_matches_helm() {
        assert_lines(&to_yaml(&values(PROBE_VALUES)).unwrap(), PROBE_TO_YAML);
    }

    #[test]
    fn to_yaml_pretty_matches_helm() {
        assert_lines(
            &to_yaml_pretty(&values(PROBE_VALUES)).unwrap(),
            PROBE_TO_YAML_PRETTY,
        );
    }

    #[test]
    fn to_json_matches_helm() {
        assert_eq!(
            super::super::json::to_json(&values(PROBE_VALUES)).unwrap(),
            PROBE_TO_JSON
        );
    }

    const FROM_JSON: &[(&str, &str)] = &[
        (
            "{\"a\": 1, \"b\": [1, 2.5, \"x\"], \"c\": null, \"d\": {\"e\": true}}",
            "{\"a\":1,\"b\":[1,2.5,\"x\"],\"c\":null,\"d\":{\"e\":true}}",
        ),
        ("", "{\"Error\":\"unexpected end of JSON input\"}"),
        (
            "x",
            "{\"Error\":\"invalid character 'x' looking for beginning of value\"}",
        ),
        ("{\"a\": 1", "{\"Error\":\"unexpected end of JSON input\"}"),
        (
            "[1, 2]",
            "{\"Error\":\"json: cannot unmarshal array into Go value of type map[string]interface {}\"}",
        ),
        (
            "\"str\"",
            "{\"Error\":\"json: cannot unmarshal string into Go value of type map[string]interface {}\"}",
        ),
        (
            "12",
            "{\"Error\":\"json: cannot unmarshal number into Go value of type map[string]interface {}\"}",
        ),
        ("null", "null"),
        (
            "true",
            "{\"Error\":\"json: cannot unmarshal bool into Go value of type map[string]interface {}\"}",
        ),
        (
            "{\"a\": 1}x",
            "{\"Error\":\"invalid character 'x' after top-level value\"}",
        ),
        (
            "{\"a\" 1}",
            "{\"Error\":\"invalid character '1' after object key\"}",
        ),
        (
            "{\"a\": 1 \"b\": 2}",
            "{\"Error\":\"invalid character '\\\"' after object key:value pair\"}",
        ),
        (
            "{a: 1}",
            "{\"Error\":\"invalid character 'a' looking for beginning of object key string\"}",
        ),
        (
            "{\"a\": tru}",
            "{\"Error\":\"invalid character '}' in literal true (expecting 'e')\"}",
        ),
        (
            "{\"a\": -}",
            "{\"Error\":\"invalid character '}' in numeric literal\"}",
        ),
        (
            "{\"a\": 1.}",
            "{\"Error\":\"invalid character '}' after decimal point in numeric literal\"}",
        ),
        (
            "{\"a\": 1e}",
            "{\"Error\":\"invalid character '}' in exponent of numeric literal\"}",
        ),
        (
            "{\"a\": \"\\x\"}",
            "{\"Error\":\"invalid character 'x' in string escape code\"}",
        ),
        (
            "{\"a\": \"\\u12g4\"}",
            "{\"Error\":\"invalid character 'g' in \\\\u hexadecimal character escape\"}",
        ),
        (
            "{\"a\": 01}",
            "{\"Error\":\"invalid character '1' after object key:value pair\"}",
        ),
        (
            "[1 2]",
            "{\"Error\":\"invalid character '2' after array element\"}",
        ),
        (
            "{\"a\": 1e400, \"b\": 2}",
            "{\"Error\":\"json: cannot unmarshal number 1e400 into Go value of type float64\",\"a\":null,\"b\":2}",
        ),
        (
            "{\"a\": \"\\ud83d\\ude00 \\ud800\"}",
            "{\"a\":\"\u{1f600} �\"}",
        ),
        (
            "{\"a\": \"tab\there\"}",
            "{\"Error\":\"invalid character '\\\\t' in string literal\"}",
        ),
        (
            "{\"a\": nul}",
            "{\"Error\":\"invalid character '}' in literal null (expecting 'l')\"}",
        ),
        (
            "{\"a\": fals}",
            "{\"Error\":\"invalid character '}' in literal false (expecting 'e')\"}",
        ),
        (
            "{\"a\":1,}",
            "{\"Error\":\"invalid character '}' looking for beginning of object key string\"}",
        ),
        (
            "[1,]",
            "{\"Error\":\"invalid character ']' looking for beginning of value\"}",
        ),
        (
            "{\"é\": 1} é",
            "{\"Error\":\"invalid character 'Ã' after top-level value\"}",
        ),
        (
            "'",
            "{\"Error\":\"invalid character '\\\\'' looking for beginning of value\"}",
        ),
        ("  ", "{\"Error\":\"unexpected end of JSON input\"}"),
    ];
    const FROM_JSON_ARRAY: &[(&str, &str)] = &[
        ("[1, \"a\", {\"b\": null}]", "[1,\"a\",{\"b\":null}]"),
        (
            "{\"a\": 1}",
            "[\"json: cannot unmarshal object into Go value of type []interface {}\"]",
        ),
        (
            "x",
            "[\"invalid character 'x' looking for beginning of value\"]",
        ),
        ("", "[\"unexpected end of JSON input\"]"),
        ("null", "null"),
        (
            "[1e400]",
            "[\"json: cannot unmarshal number 1e400 into Go value of type float64\"]",
        ),
    ];
    const FROM_YAML: &[(&str, &str)] = &[
        (
            "a: 1
b: [1, 2.5, x]
c: ~
d: {e: yes}
",
            "{\"a\":1,\"b\":[1,2.5,\"x\"],\"c\":null,\"d\":{\"e\":true}}",
        ),
        ("", "{}"),
        (
            "- a
- b
",
            "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}\"}",
        ),
        (
            "just a string",
            "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type map[string]interface {}\"}",
        ),
        (
            "12",
            "{\"Error\":\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}\"}",
        ),
        (
            "a: b: c",
            "{\"Error\":\"error converting YAML to JSON: yaml: mapping values are not allowed in this context\"}",
        ),
        (
            "a: [1, 2",
            "{\"Error\":\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\"}",
        ),
        (
            "1: one
2.5: two
true: three
0x10: hex
1e3: exp
",
            "{\"1\":\"one\",\"1000\":\"exp\",\"16\":\"hex\",\"2.5\":\"two\",\"true\":\"three\"}",
        ),
        (
            "a: .inf",
            "{\"Error\":\"error converting YAML to JSON: json: unsupported value: +Inf\"}",
        ),
        (
            "a: &x {b: 1}
c: *x
d:
  <<: *x
  e: 2
",
            "{\"a\":{\"b\":1},\"c\":{\"b\":1},\"d\":{\"b\":1,\"e\":2}}",
        ),
        (
            "a: 12345678901234567890
b: 0777
c: 1_000
d: 2024-01-01
e: !!str 12
f: !!float 1
",
            "{\"a\":12345678901234567000,\"b\":511,\"c\":1000,\"d\":\"2024-01-01\",\"e\":\"12\",\"f\":1}",
        ),
        (
            "a:
  - b
  c: d
",
            "{\"Error\":\"error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator\"}",
        ),
        (
            "a: *nope",
            "{\"Error\":\"error converting YAML to JSON: yaml: unknown anchor 'nope' referenced\"}",
        ),
        (
            "---
a: 1
---
b: 2
",
            "{\"a\":1}",
        ),
        (
            "a: 'unterminated",
            "{\"Error\":\"error converting YAML to JSON: yaml: found unexpected end of stream\"}",
        ),
        ("a:\tb", "{\"a\":\"b\"}"),
        (
            "~: x",
            "{\"Error\":\"error converting YAML to JSON: unsupported map key of type: %!s(\\u003cnil\\u003e), key: \\u003cnil\\u003e, value: \\\"x\\\"\"}",
        ),
        (
            "a: @x",
            "{\"Error\":\"error converting YAML to JSON: yaml: found character that cannot start any token\"}",
        ),
        (
            "a: |
  lit
  text
b: >
  fold
  ed
",
            "{\"a\":\"lit\\ntext\\n\",\"b\":\"fold ed\\n\"}",
        ),
        (
            "\"a\": 1
'b': 2
? c
: 3
",
            "{\"a\":1,\"b\":2,\"c\":3}",
        ),
        (
            "a: .5e3
b: +.5
c: 1.
d: .e3
",
            "{\"a\":500,\"b\":0.5,\"c\":1,\"d\":\".e3\"}",
        ),
        // A block at the end of a text without a final line break keeps none.
        ("a: |\n  x", "{\"a\":\"x\"}"),
        ("a: [1]\nb: |\n  x", "{\"a\":[1],\"b\":\"x\"}"),
        ("a: |\n  x\n", "{\"a\":\"x\\n\"}"),
    ];
    const FROM_YAML_ARRAY: &[(&str, &str)] = &[
        (
            "- 1
- a
- {b: 2}
",
            "[1,\"a\",{\"b\":2}]",
        ),
        (
            "a: 1",
            "[\"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}\"]",
        ),
        ("", "[]"),
        (
            "- [1, 2",
            "[\"error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\"]",
        ),
    ];

    fn check(table: &[(&str, &str)], decode: fn(&str) -> Value) {
        let mut failures = Vec::new();
        for (input, expected) in table {
            let actual = super::super::json::to_json(&decode(input)).unwrap();
            if actual != *expected {
                failures.push(format!("{input:?}\n   got  {actual}\n   want {expected}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn from_json_matches_helm() {
        check(FROM_JSON, super::super::json::from_json);
        check(FROM_JSON_ARRAY, super::super::json::from_json_array);
    }

    #[test]
    fn from_yaml_matches_helm() {
        check(FROM_YAML, from_yaml);
        check(FROM_YAML_ARRAY, from_yaml_array);
    }

    const MANIFESTS: &[(&str, &str)] = &[
        (
            "a: b: c",
            "ERR:error converting YAML to JSON: yaml: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: x
 data: 1",
            "ERR:error converting YAML to JSON: yaml: line 4: did not find expected key",
        ),
        (
            "a:
  b: 1
 c: 2",
            "ERR:error converting YAML to JSON: yaml: line 2: did not find expected key",
        ),
        (
            "a:
- b
c",
            "ERR:error converting YAML to JSON: yaml: line 4: could not find expected ':'",
        ),
        (
            "a: [1, 2
b: 3",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'",
        ),
        (
            "a: {b: 1",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'",
        ),
        (
            "a: 'x",
            "ERR:error converting YAML to JSON: yaml: found unexpected end of stream",
        ),
        (
            "a: \"x",
            "ERR:error converting YAML to JSON: yaml: found unexpected end of stream",
        ),
        (
            "x: 1
\ta: 1",
            "ERR:error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation",
        ),
        (
            "a:
\tb: 1",
            "ERR:error converting YAML to JSON: yaml: line 2: found character that cannot start any token",
        ),
        (
            "a: @x",
            "ERR:error converting YAML to JSON: yaml: found character that cannot start any token",
        ),
        (
            "a: `x",
            "ERR:error converting YAML to JSON: yaml: found character that cannot start any token",
        ),
        (
            "- a
b: 1",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator",
        ),
        (
            "a: 1
- b",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected key",
        ),
        (
            "a:
  - b
  c: d",
            "ERR:error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator",
        ),
        (
            "kind: [a]",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.kind of type string",
        ),
        (
            "apiVersion: {a: 1}",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field SimpleHead.apiVersion of type string",
        ),
        (
            "metadata: x",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field SimpleHead.metadata of type struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }",
        ),
        (
            "metadata:
  name: [1]",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.name of type string",
        ),
        (
            "metadata:
  annotations: x",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field .metadata.annotations of type map[string]string",
        ),
        (
            "metadata:
  annotations:
    a: [1]",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.annotations of type string",
        ),
        (
            "- a
- b",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead",
        ),
        (
            "hello",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead",
        ),
        (
            "a: *x",
            "ERR:error converting YAML to JSON: yaml: unknown anchor 'x' referenced",
        ),
        (
            "a: b
  c: d",
            "ERR:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context",
        ),
        (
            "a:
  b: c
  - d",
            "ERR:error converting YAML to JSON: yaml: line 2: did not find expected key",
        ),
        (
            "key: value
key2 value2
key3: v",
            "ERR:error converting YAML to JSON: yaml: line 3: could not find expected ':'",
        ),
        (
            "a: 1
 b: 2",
            "ERR:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: a
    image: b
   ports: []",
            "ERR:error converting YAML to JSON: yaml: line 8: did not find expected key",
        ),
        (
            "a: \"\\q\"",
            "ERR:error converting YAML to JSON: yaml: found unknown escape character",
        ),
        (
            "a: !!int x",
            "ERR:error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int",
        ),
        ("{a: 1}}", "OK"),
        (
            "[a, b",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'",
        ),
        (
            "a: - b",
            "ERR:error converting YAML to JSON: yaml: block sequence entries are not allowed in this context",
        ),
        (
            "a:
  b:
  - c
   d: e",
            "ERR:error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context",
        ),
        (
            "a: b
c",
            "ERR:error converting YAML to JSON: yaml: line 3: could not find expected ':'",
        ),
        (
            "a:
  b: c
d",
            "ERR:error converting YAML to JSON: yaml: line 4: could not find expected ':'",
        ),
        (
            "x:
  y: 1
  z",
            "ERR:error converting YAML to JSON: yaml: line 4: could not find expected ':'",
        ),
        (
            "a: [b, c]]",
            "ERR:error converting YAML to JSON: yaml: did not find expected key",
        ),
        (
            "a: {b: c}}",
            "ERR:error converting YAML to JSON: yaml: did not find expected key",
        ),
        (
            "a: 1
b: 2
a: 3",
            "OK",
        ),
        (
            "a: |
  x
 y",
            "ERR:error converting YAML to JSON: yaml: line 2: did not find expected key",
        ),
        (
            "a: >
  x
\ty",
            "ERR:error converting YAML to JSON: yaml: line 3: found a tab character where an indentation space is expected",
        ),
        (
            "- a
 -b",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead",
        ),
        (
            "a: b #c
d: 'e'f",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected key",
        ),
        (
            "a: \"b\"c",
            "ERR:error converting YAML to JSON: yaml: did not find expected key",
        ),
        (
            "kind: 1
apiVersion: true
metadata:
  name: 1.5
  annotations:
    a: 2",
            "OK",
        ),
        (
            "Kind: [x]",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.kind of type string",
        ),
        (
            "metadata: [1]",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.metadata of type struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }",
        ),
        (
            "apiVersion: v1
kind: A
metadata:
  annotations: [1]",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .metadata.annotations of type map[string]string",
        ),
        (
            "a: .inf",
            "ERR:error converting YAML to JSON: json: unsupported value: +Inf",
        ),
        (
            "a:
  - b
 - c",
            "ERR:error converting YAML to JSON: yaml: line 2: did not find expected key",
        ),
        (
            "a: \"multi
line",
            "ERR:error converting YAML to JSON: yaml: line 2: found unexpected end of stream",
        ),
        (
            "a: [",
            "ERR:error converting YAML to JSON: yaml: line 1: did not find expected node content",
        ),
        (
            "a",
            "ERR:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead",
        ),
        (
            "a: b



c: d: e",
            "ERR:error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context",
        ),
        ("# only a comment", "OK"),
        (
            "a: x
  - y",
            "OK",
        ),
        (
            "apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  ports:
    - port: 80
     targetPort: 8080",
            "ERR:error converting YAML to JSON: yaml: line 7: did not find expected '-' indicator",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  key: value: other",
            "ERR:error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
    app: x
   tier: y",
            "ERR:error converting YAML to JSON: yaml: line 6: did not find expected key",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
data:
  a: \"x\\y\"",
            "ERR:error converting YAML to JSON: yaml: line 4: found unknown escape character",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
data:
  a: [1, 2
  b: 3",
            "ERR:error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: {b: 1, c",
            "ERR:error converting YAML to JSON: yaml: line 6: did not find expected ',' or '}'",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
\tfoo: bar",
            "ERR:error converting YAML to JSON: yaml: line 6: found character that cannot start any token",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    helm.sh/hook: pre-install
    weight: 5",
            "OK",
        ),
        (
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  script: |
    echo hi
  other: 1
  - x",
            "ERR:error converting YAML to JSON: yaml: line 8: did not find expected key",
        ),
        (
            "apiVersion: v1
kind: List
items:
- a
-b",
            "ERR:error converting YAML to JSON: yaml: line 6: could not find expected ':'",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  containers:
  - name: a
  image: b
  - name: c",
            "ERR:error converting YAML to JSON: yaml: line 6: did not find expected key",
        ),
        (
            "apiVersion: v1
kind: X
spec: &a
  x: 1
other: *b",
            "ERR:error converting YAML to JSON: yaml: unknown anchor 'b' referenced",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  x: 'it''s'
  y: 'unclosed
  z: 1",
            "ERR:error converting YAML to JSON: yaml: line 6: found unexpected end of stream",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  x: \"a
  b\"",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  x: \"a
b\"",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  x: %foo",
            "ERR:error converting YAML to JSON: yaml: line 4: found character that cannot start any token",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  - a
  b: c",
            "ERR:error converting YAML to JSON: yaml: line 4: did not find expected '-' indicator",
        ),
        (
            "apiVersion: v1
kind: X
spec: [a, b]: c",
            "ERR:error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: X
spec: {a: b}: c",
            "ERR:error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: X
metadata:
  name: x
spec:
  a: b
 c: d",
            "ERR:error converting YAML to JSON: yaml: line 6: did not find expected key",
        ),
        (
            "apiVersion: v1
 kind: X",
            "ERR:error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: X
metadata:
  name: !!binary aGk=",
            "OK",
        ),
        (
            "kind: X
metadata:
  name: x
  name: y",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a: 1

---
b: 2",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a: b
    c: d",
            "ERR:error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a:
    - b
    -c: d",
            "ERR:error converting YAML to JSON: yaml: line 5: did not find expected '-' indicator",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a: &anc
  b: *anc",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a: [b, {c: d]",
            "ERR:error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a: {b: [c}",
            "ERR:error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'",
        ),
        (
            "apiVersion: v1
kind: X
spec: |
  text
 more",
            "ERR:error converting YAML to JSON: yaml: line 4: did not find expected key",
        ),
        (
            "apiVersion: v1
kind: X
spec: \"quoted\" trailing",
            "ERR:error converting YAML to JSON: yaml: line 2: did not find expected key",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  ? complex
  : value
  ? [a, b]
  : v2",
            "ERR:error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\", \"b\"}",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  a: 1
  <<: {b: 2}
  <<: 3",
            "ERR:error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value",
        ),
        (
            "apiVersion: v1
kind: X
metadata:
  annotations:
    a: 1
    b: true
    c: null
    d: 1.25",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  x: @",
            "ERR:error converting YAML to JSON: yaml: line 4: found character that cannot start any token",
        ),
        (
            "apiVersion: v1
kind: X
spec:
  x: y
  - z",
            "ERR:error converting YAML to JSON: yaml: line 4: did not find expected key",
        ),
        (
            "apiVersion: v1
kind: X
spec:
- a
  - b",
            "OK",
        ),
        (
            "apiVersion: v1
kind: X
spec: a
  b
  c: d",
            "ERR:error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context",
        ),
    ];

    #[test]
    fn parse_manifest_matches_helm() {
        let mut failures = Vec::new();
        for (input, expected) in MANIFESTS {
            let actual = match parse_manifest(input) {
                Ok(_) => "OK".to_owned(),
                Err(error) => format!("ERR:{error}"),
            };
            if actual != *expected {
                let raw = Parser::new_from_str(input)
                    .find_map(|event| event.err())
                    .map(|error| {
                        format!(
                            "{} @{}:{}",
                            error.info(),
                            error.marker().line(),
                            error.marker().col()
                        )
                    });
                failures.push(format!(
                    "{input:?}\n   got  {actual}\n   want {expected}\n   saphyr {raw:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    fn words(count: usize) -> String {
        vec!["word"; count].join(" ")
    }

    #[test]
    fn scalars_and_small_values_match_helm() {
        let long = Value::string(words(30));
        assert_eq!(to_yaml(&Value::str("hello")).unwrap(), "hello");
        assert_eq!(to_yaml(&Value::Nil).unwrap(), "null");
        assert_eq!(to_yaml_pretty(&Value::Nil).unwrap(), "null");
        assert_eq!(
            to_yaml(&Value::str("multi\nline")).unwrap(),
            "|-\n  multi\n  line"
        );
        assert_eq!(
            to_yaml_pretty(&Value::str("multi\nline")).unwrap(),
            "|-\n  multi\n  line"
        );
        assert_eq!(to_yaml(&Value::str("")).unwrap(), "\"\"");
        assert_eq!(to_yaml(&Value::Float(3.0)).unwrap(), "3");
        assert_eq!(to_yaml_document(&Value::Float(3.0)).unwrap(), "3\n");
        let list = Value::list(vec![
            Value::Int(1),
            Value::str("a"),
            Value::map(MapData::from([("k".to_owned(), Value::list(Vec::new()))])),
        ]);
        assert_eq!(to_yaml(&list).unwrap(), "- 1\n- a\n- k: []");
        // go-yaml v2 folds long plain scalars after column 80; v3 does not.
        assert_eq!(
            to_yaml(&long).unwrap(),
            format!("{}\n  {}", words(17), words(13))
        );
        let map = Value::map(MapData::from([("k".to_owned(), long.clone())]));
        assert_eq!(
            to_yaml(&map).unwrap(),
            format!("k: {}\n  {}", words(16), words(14))
        );
        assert_eq!(to_yaml_pretty(&long).unwrap(), words(30));
        assert_eq!(
            super::super::json::to_json(&Value::str("\u{8}\u{c}\u{7f}")).unwrap(),
            "\"\\b\\f\u{7f}\""
        );
    }

    #[test]
    fn non_finite_numbers_fail_like_encoding_json() {
        let nan = Value::map(MapData::from([("a".to_owned(), Value::Float(f64::NAN))]));
        assert_eq!(
            to_yaml(&nan).unwrap_err(),
            "error marshaling into JSON: json: unsupported value: NaN"
        );
        assert_eq!(
            super::super::json::to_json(&Value::Float(f64::NEG_INFINITY)).unwrap_err(),
            "json: unsupported value: -Inf"
        );
        assert_eq!(to_yaml_pretty(&nan).unwrap(), "a: .nan");
    }

    #[test]
    fn values_numbers_become_float64() {
        let mut diagnostics = Vec::new();
        let node = crate::values::parse_document("a: 1\nb: [2.5]\n", SourceId(0), &mut diagnostics)
            .unwrap();
        let value = crate::helm::values::file_value(&node);
        let map = value.as_map().unwrap();
        assert!(matches!(map.get("a"), Some(Value::Float(f)) if f == 1.0));
    }

    #[test]
    fn deep_and_cyclic_values_are_refused_not_overflowed() {
        let mut deep = Value::Nil;
        for _ in 0..3000 {
            deep = Value::list(vec![deep]);
        }
        assert!(to_yaml(&deep).is_err());
        assert!(to_yaml_pretty(&deep).is_err());
        assert!(super::super::json::to_json(&deep).is_err());
        let cyclic = MapData::new();
        let map = Value::map(cyclic);
        if let Value::Map(inner, _) = &map {
            inner.insert("self", map.clone());
        }
        assert!(
            super::super::json::to_json(&map)
                .unwrap_err()
                .contains("cycle")
        );
        assert!(to_yaml(&map).is_err());
        if let Value::Map(inner, _) = &map {
            inner.remove("self");
        }
        for text in [
            "[".repeat(5000),
            "- ".repeat(5000),
            "{a: ".repeat(5000),
            "a:\n".repeat(3000),
        ] {
            let _ = from_yaml(&text);
            let _ = parse_manifest(&text);
        }
        let error = super::super::json::from_json(&"[".repeat(5000));
        assert!(error.as_map().unwrap().get("Error").is_some());
    }

    #[test]
    fn odd_inputs_never_panic() {
        let pieces = [
            "a", ":", " ", "\n", "\t", "-", "[", "]", "{", "}", "\"", "'", "\\", "#", "&x", "*x",
            "!!int", "|", ">", "?", ",", "é", "\u{2028}", "\u{feff}", "1e3", "~", "<<", "---",
            "...",
        ];
        let mut seed: u32 = 7;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            let decoded = from_yaml(&text);
            let _ = from_yaml_array(&text);
            let _ = parse_manifest(&text);
            let _ = super::super::json::from_json(&text);
            let _ = to_yaml(&Value::string(text.clone()));
            let _ = to_yaml_pretty(&Value::string(text.clone()));
            let _ = to_yaml(&decoded);
        }
    }

    #[test]
    fn nesting_up_to_the_limit_fits_a_small_stack() {
        // The playground's wasm stack is 1 MiB, which optimised builds fit;
        // unoptimised frames are several times larger.
        let stack = if cfg!(debug_assertions) {
            8 << 20
        } else {
            1 << 20
        };
        let worker = std::thread::Builder::new()
            .stack_size(stack)
            .spawn(|| {
                let mut deep = Value::str("x");
                for _ in 0..MAX_NESTING - 2 {
                    deep = Value::list(vec![deep]);
                }
                assert!(to_yaml(&deep).is_ok());
                assert!(to_yaml_pretty(&deep).is_ok());
                assert!(super::super::json::to_json(&deep).is_ok());
                let nested = "- ".repeat(MAX_NESTING - 2) + "x";
                assert!(
                    from_yaml_array(&nested)
                        .as_list()
                        .is_some_and(|items| items.len() == 1)
                );
                let flow = "[".repeat(MAX_NESTING - 2) + &"]".repeat(MAX_NESTING - 2);
                let _ = from_yaml_array(&flow);
                let _ = super::super::json::from_json_array(&flow);
            })
            .unwrap();
        worker.join().unwrap();
    }
}
