//! The user's values as `helm template` merges them (`pkg/cli/values`,
//! `MergeValues`): `-f` files, then `--set-json`, `--set`, `--set-string`,
//! `--set-file` and `--set-literal`, each kind in command-line order, into
//! one map of template values typed as Helm types them.

use crate::diagnostic::Diagnostic;
use crate::engine::{MapKind, Value};
use crate::source::{SourceKind, Sources};
use crate::span::SourceId;
use crate::values::{
    self, Map, Node, SetMode, apply_set_json, apply_with_mode, is_json_object_flag,
    merge_user_file, read_values_file,
};

/// One values input, as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValuesInput {
    /// `-f NAME` with its text.
    File {
        /// The name as given.
        name: String,
        /// The contents.
        text: String,
    },
    /// `--set`.
    Set(String),
    /// `--set-string`.
    SetString(String),
    /// `--set-json`.
    SetJson(String),
    /// `--set-file` with the contents of every file it names (read by the shell).
    SetFile {
        /// The flag text (`key=path,...`).
        text: String,
        /// Each named path with its contents, or the error reading it.
        files: Vec<(String, Result<String, String>)>,
    },
    /// `--set-literal`.
    SetLiteral(String),
}

/// Why Helm's `LoadValues` refuses a values file, in its words: the bytes
/// are split into documents at `---` lines; each must be UTF-8 (go-yaml's
/// reader checks that before any syntax) and decode into a map.
#[must_use]
pub fn load_values_error(bytes: &[u8]) -> Option<String> {
    let mut document: Vec<u8> = Vec::new();
    let mut documents = Vec::new();
    for line in bytes.split_inclusive(|byte| *byte == b'\n') {
        if let Some(rest) = line.strip_prefix(b"---") {
            let trimmed = String::from_utf8_lossy(rest.trim_ascii()).into_owned();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Some(format!(
                    "error reading yaml document: invalid Yaml document separator: {trimmed}"
                ));
            }
            documents.push(std::mem::take(&mut document));
            continue;
        }
        document.extend_from_slice(line);
    }
    documents.push(document);
    for document in documents {
        let error = match std::str::from_utf8(&document) {
            Ok(text) => crate::engine::yaml::unmarshal_map(text).err(),
            Err(invalid) => {
                // Helm's reader ends every line with a newline, the last included.
                let mut rest = document[invalid.valid_up_to()..].to_vec();
                if rest.last() != Some(&b'\n') {
                    rest.push(b'\n');
                }
                Some(format!(
                    "error converting YAML to JSON: yaml: {}",
                    utf8_problem(&rest)
                ))
            }
        };
        if let Some(error) = error {
            return Some(format!("cannot unmarshal yaml document: {error}"));
        }
    }
    None
}

/// go-yaml's reader on the first byte sequence that is not UTF-8
/// (`readerc.go`, `yaml_parser_update_buffer`): which of its problems it reports.
fn utf8_problem(sequence: &[u8]) -> &'static str {
    let Some(&lead) = sequence.first() else {
        return "incomplete UTF-8 octet sequence";
    };
    let width = match lead {
        _ if lead & 0x80 == 0x00 => 1,
        _ if lead & 0xE0 == 0xC0 => 2,
        _ if lead & 0xF0 == 0xE0 => 3,
        _ if lead & 0xF8 == 0xF0 => 4,
        _ => return "invalid leading UTF-8 octet",
    };
    if width > sequence.len() {
        return "incomplete UTF-8 octet sequence";
    }
    let mut value = u32::from(lead)
        & match width {
            1 => 0x7F,
            2 => 0x1F,
            3 => 0x0F,
            _ => 0x07,
        };
    for &octet in &sequence[1..width] {
        if octet & 0xC0 != 0x80 {
            return "invalid trailing UTF-8 octet";
        }
        value = (value << 6) + u32::from(octet & 0x3F);
    }
    let shortest = match width {
        1 => true,
        2 => value >= 0x80,
        3 => value >= 0x800,
        _ => value >= 0x10000,
    };
    if !shortest {
        return "invalid length of a UTF-8 sequence";
    }
    "invalid Unicode character"
}

/// Helm's words for a values file it refuses.
fn parse_failure(name: &str, error: &str) -> String {
    format!("failed to parse {name}: {error}")
}

/// A `-f` file from its bytes, or Helm's refusal when they are not UTF-8
/// (Helm stops there; a lossy reading would render something Helm never does).
///
/// # Errors
/// Helm's message for the file.
pub fn file_input(name: &str, bytes: Vec<u8>) -> Result<ValuesInput, String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(ValuesInput::File {
            name: name.to_owned(),
            text,
        }),
        Err(invalid) => {
            let error = load_values_error(invalid.as_bytes()).unwrap_or_default();
            Err(parse_failure(name, &error))
        }
    }
}

/// The paths a `--set-file` flag names, so the shell can read them first.
#[must_use]
pub fn set_file_paths(text: &str) -> Vec<String> {
    let paths = std::cell::RefCell::new(Vec::new());
    let record = |path: &str| {
        paths.borrow_mut().push(path.to_owned());
        Ok(String::new())
    };
    let mut scratch = Map::new();
    let _ = apply_with_mode(text, SourceId(0), SetMode::File(&record), &mut scratch);
    paths.into_inner()
}

/// The merged user values: the template value, the sources the values came
/// from, and what the readers noticed on the way.
pub struct UserValues {
    /// `map[string]interface{}` as Helm hands it to the chart.
    pub value: Value,
    /// The merged tree with positions.
    pub tree: Map,
    /// Every input text.
    pub sources: Sources,
    /// Problems found while reading (for diagnostics; Helm's own refusals are errors).
    pub diagnostics: Vec<Diagnostic>,
}

impl ValuesInput {
    /// When Helm's `MergeValues` applies this kind of input: files, then
    /// `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`.
    fn merge_rank(&self) -> u8 {
        match self {
            Self::File { .. } => 0,
            Self::SetJson(_) => 1,
            Self::Set(_) => 2,
            Self::SetString(_) => 3,
            Self::SetFile { .. } => 4,
            Self::SetLiteral(_) => 5,
        }
    }
}

/// Merge the inputs as Helm does: by kind in Helm's order, each kind in
/// command-line order.
///
/// # Errors
/// The message Helm prints for input it refuses (`failed to parse FILE: ...`,
/// `failed parsing --set data: ...`).
pub fn merge(inputs: &[ValuesInput]) -> Result<UserValues, String> {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut user = Map::new();
    let mut ordered: Vec<&ValuesInput> = inputs.iter().collect();
    crate::sort::sort_by_key(&mut ordered, |input| input.merge_rank());
    for input in ordered {
        let read_file;
        let (text, flag, kind, mode) = match input {
            ValuesInput::File { name, text } => {
                let source = sources.add(name.clone(), SourceKind::ValuesFile, text.clone());
                if let Some(error) = load_values_error(text.as_bytes()) {
                    return Err(parse_failure(name, &error));
                }
                let map = read_values_file(text, source, &mut diagnostics);
                merge_user_file(&mut user, map);
                continue;
            }
            ValuesInput::SetJson(text) => {
                let source = sources.add("--set-json", SourceKind::Set, text.clone());
                // Helm reports either form without the parser's detail.
                apply_set_json(text, source, &mut user).map_err(|_| {
                    if is_json_object_flag(text) {
                        format!("failed parsing --set-json data JSON: {text}")
                    } else {
                        format!("failed parsing --set-json data {text}")
                    }
                })?;
                continue;
            }
            ValuesInput::Set(text) => (text, "--set", SourceKind::Set, SetMode::Typed),
            ValuesInput::SetString(text) => (
                text,
                "--set-string",
                SourceKind::SetString,
                SetMode::Strings,
            ),
            ValuesInput::SetFile { text, files } => {
                read_file = |path: &str| match files.iter().find(|(name, _)| name == path) {
                    Some((_, Ok(contents))) => Ok(contents.clone()),
                    Some((_, Err(error))) => Err(error.clone()),
                    None => Err(format!("open {path}: no such file or directory")),
                };
                (
                    text,
                    "--set-file",
                    SourceKind::SetString,
                    SetMode::File(&read_file),
                )
            }
            ValuesInput::SetLiteral(text) => (
                text,
                "--set-literal",
                SourceKind::SetString,
                SetMode::Literal,
            ),
        };
        let source = sources.add(flag, kind, text.clone());
        apply_with_mode(text, source, mode, &mut user)
            .map_err(|diagnostic| format!("failed parsing {flag} data: {}", diagnostic.message))?;
    }
    let value = template_value(&user, &sources);
    Ok(UserValues {
        value,
        tree: user,
        sources,
        diagnostics,
    })
}

/// The values tree as template values: numbers from files and JSON are
/// float64 (Helm reads them through JSON), integers from `--set` are int64.
#[must_use]
pub fn template_value(map: &Map, sources: &Sources) -> Value {
    let Value::Map(data, _) = map_value(map, sources) else {
        return Value::map(Default::default());
    };
    Value::Map(data, MapKind::Plain)
}

fn map_value(map: &Map, sources: &Sources) -> Value {
    Value::map(crate::sort::btree_map(map.iter().map(|(key, entry)| {
        (key.clone(), node_value(&entry.node, sources))
    })))
}

/// A values-file node as the template value Helm makes of it (every number float64).
#[cfg(test)]
pub(crate) fn file_value(node: &Node) -> Value {
    convert(node, &|_| false)
}

fn node_value(node: &Node, sources: &Sources) -> Value {
    convert(node, &|node| {
        sources.get(node.origin.source).kind == SourceKind::Set
    })
}

/// `from_set` says whether an integer node came from `--set` (int64) rather
/// than from a file (float64).
fn convert(node: &Node, from_set: &dyn Fn(&Node) -> bool) -> Value {
    match &node.value {
        values::Value::Null => Value::Nil,
        values::Value::Bool(flag) => Value::Bool(*flag),
        values::Value::Int(int) => {
            if from_set(node) {
                Value::Int64(*int)
            } else {
                #[allow(clippy::cast_precision_loss, reason = "Helm's values are float64")]
                Value::Float(*int as f64)
            }
        }
        values::Value::Float(float) => Value::Float(*float),
        values::Value::String(text) => Value::str(text),
        values::Value::List(items) => {
            Value::list(items.iter().map(|item| convert(item, from_set)).collect())
        }
        values::Value::Map(map) => Value::map(crate::sort::btree_map(
            map.iter()
                .map(|(key, entry)| (key.clone(), convert(&entry.node, from_set))),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_are_refused_in_go_yaml_words() {
        // Helm v4.1.4's messages for the same files.
        let refused = |bytes: &[u8]| file_input("v.yaml", bytes.to_vec()).unwrap_err();
        let prefix = "failed to parse v.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: ";
        let cases: [(&[u8], &str); 6] = [
            (b"a: \xff\xfe\n", "invalid leading UTF-8 octet"),
            (b"a: ok\nb: caf\xc3\n", "invalid trailing UTF-8 octet"),
            (b"a: caf\xc3", "invalid trailing UTF-8 octet"),
            (b"a: caf\xf0\x90", "incomplete UTF-8 octet sequence"),
            (b"a: \xc0\x80\n", "invalid length of a UTF-8 sequence"),
            (b"a: \xed\xa0\x80\n", "invalid Unicode character"),
        ];
        for (bytes, problem) in cases {
            assert_eq!(refused(bytes), format!("{prefix}{problem}"), "{bytes:?}");
        }
        assert!(file_input("v.yaml", "a: café\n".into()).is_ok());
    }
}
