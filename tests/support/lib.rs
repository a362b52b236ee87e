//! Helpers shared by the cross-crate tests: where the reference material
//! lives, and reading rendered YAML as data.

pub mod helm_oracle;
pub mod static_site;

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

/// The repository root.
#[must_use]
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository root")
        .to_path_buf()
}

/// The shared reference material beside the repository (`../shared`).
///
/// # Panics
/// When it is missing: these tests compare against it and must not pass silently.
#[must_use]
pub fn shared_dir() -> PathBuf {
    let dir = repo_root().join("..").join("shared");
    assert!(
        dir.join("anchors").is_dir(),
        "the reference material is expected at {}",
        dir.display()
    );
    dir
}

/// Parse a multi-document YAML stream into JSON values, one per document,
/// skipping empty documents.
///
/// # Panics
/// When the text is not YAML.
#[must_use]
pub fn yaml_documents(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|document| Value::deserialize(document).expect("rendered output is valid YAML"))
        .filter(|document| !document.is_null())
        .collect()
}

/// Sort documents by (kind, metadata.name), the order the golden files use.
#[must_use]
pub fn sorted_by_kind_and_name(mut documents: Vec<Value>) -> Vec<Value> {
    documents.sort_by_key(|document| {
        (
            document["kind"].as_str().unwrap_or_default().to_owned(),
            document["metadata"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    });
    documents
}
