//! A values file as Helm 4 reads it: the stream is split into YAML documents,
//! each document must be a map (or empty), and the maps deep-merge in order,
//! later documents overriding earlier ones (Helm's `LoadValues`).

use super::merge::merge_user_file;
use super::node::{Map, Node, Value};
use super::yaml::{parse_documents, separator_with_content};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::span::SourceId;

/// Read a values text into one map. Problems are pushed to `diagnostics`;
/// whatever could be read is still returned so later checks can run.
pub(crate) fn read_values_file(
    text: &str,
    source: SourceId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Map {
    let Some(documents) = parse_documents(text, source, diagnostics) else {
        return Map::new();
    };
    if let Some(diagnostic) = separator_with_content(text, source) {
        diagnostics.push(diagnostic);
    }
    let mut merged = Map::new();
    let mut with_content = Vec::new();
    for document in documents {
        match document.value {
            Value::Map(map) => {
                with_content.push(document.origin);
                merge_user_file(&mut merged, map);
            }
            Value::Null => {}
            _ => diagnostics.push(not_a_map(&document)),
        }
    }
    if let [_, second, ..] = with_content[..] {
        diagnostics.push(
            Diagnostic::new(
                Code::ExtraDocument,
                "",
                Some(second),
                format!(
                    "this file has {} YAML documents; Helm 4 merges them in order, later ones overriding earlier ones",
                    with_content.len()
                ),
            )
            .with_help("Helm 3 reads only the first document; keep one document if the file must work with both"),
        );
    }
    merged
}

fn not_a_map(document: &Node) -> Diagnostic {
    Diagnostic::new(
        Code::ValuesNotAMap,
        "",
        Some(document.origin),
        format!(
            "values must be a map of keys, but this document holds a {}",
            document.value.type_name()
        ),
    )
    .with_help("start the document with top-level keys such as `gatewayApi:`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::test_support::to_json;

    fn read(text: &str) -> (String, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let map = read_values_file(text, SourceId(0), &mut diagnostics);
        (to_json(&Value::Map(map)), diagnostics)
    }

    #[test]
    fn documents_deep_merge_in_order() {
        let (json, diagnostics) =
            read("a:\n  x: 1\n  z: 1\nl: [1]\n---\na:\n  z: 2\nl: [2]\n---\n---\nb: null\n");
        assert_eq!(json, r#"{"a":{"x":1,"z":2},"l":[2],"b":null}"#);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::ExtraDocument);
        assert!(diagnostics[0].message.contains("3 YAML documents"));
    }

    #[test]
    fn one_document_after_empty_ones_is_plain() {
        let (json, diagnostics) = read("---\n---\na: 1\n");
        assert_eq!(json, r#"{"a":1}"#);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_non_map_document_is_an_error() {
        let (json, diagnostics) = read("a: 1\n---\n- x\n");
        assert_eq!(json, r#"{"a":1}"#);
        assert_eq!(diagnostics[0].code, Code::ValuesNotAMap);
        assert_eq!(diagnostics[0].origin.unwrap().span.start, 9);
    }

    #[test]
    fn anchors_do_not_cross_documents() {
        let (_, diagnostics) = read("a: &x 1\n---\nb: *x\n");
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
    }

    #[test]
    fn content_on_the_separator_line_is_refused() {
        let (_, diagnostics) = read("a: 1\n--- {b: 2}\n");
        assert_eq!(diagnostics[0].code, Code::YamlSyntax);
        assert_eq!(diagnostics[0].origin.unwrap().span.start, 5);
        let (_, diagnostics) = read("a: 1\n--- # fine\nb: 2\n");
        assert!(
            diagnostics
                .iter()
                .all(|diagnostic| diagnostic.code != Code::YamlSyntax),
            "{diagnostics:?}"
        );
    }
}
