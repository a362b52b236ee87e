//! Embeds the Gateway API CRD schemas without their descriptions: the
//! validator never reads them, and they are most of the bytes the
//! playground would otherwise download. The files under `crd/` stay verbatim.
//!
//! Also lists the embedded chart's files (`chart/`), in the order Helm's
//! directory walk reads them, for `include_str!`.

use std::path::Path;
use std::{env, fs};

use serde_json::Value;

const SCHEMAS: &[&str] = &["Gateway", "GRPCRoute", "TLSRoute", "BackendTLSPolicy"];

fn strip_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("description").is_some_and(Value::is_string) {
                map.remove("description");
            }
            map.values_mut().for_each(strip_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_descriptions),
        _ => {}
    }
}

/// Every file under `dir`, relative and `/`-separated, in the order of Go's
/// `filepath.Walk`: names sorted byte-wise, directories entered in place.
fn walk(dir: &Path, prefix: &str, files: &mut Vec<String>) {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| {
            entry
                .expect("a readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            walk(&path, &format!("{relative}/"), files);
        } else {
            files.push(relative);
        }
    }
}

fn embed_chart(out_dir: &str) {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let chart = Path::new(&manifest_dir).join("chart");
    println!("cargo::rerun-if-changed=chart");
    let mut files = Vec::new();
    walk(&chart, "", &mut files);
    let mut code = String::from(
        "/// The embedded chart's files: path and text.\npub(crate) const EMBEDDED_CHART_FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo::rerun-if-changed=chart/{file}");
        let absolute = chart.join(file);
        code.push_str(&format!(
            "    ({file:?}, include_str!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(Path::new(out_dir).join("embedded_chart.rs"), code).expect("OUT_DIR is writable");
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    embed_chart(&out_dir);
    for kind in SCHEMAS {
        let source = format!("crd/gateway-api-v1.6.1/{kind}.json");
        println!("cargo::rerun-if-changed={source}");
        let text = fs::read_to_string(&source).unwrap_or_else(|error| panic!("{source}: {error}"));
        let mut schema: Value =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{source}: {error}"));
        strip_descriptions(&mut schema);
        let minified = serde_json::to_string(&schema).expect("a JSON value serializes");
        fs::write(Path::new(&out_dir).join(format!("{kind}.json")), minified)
            .expect("OUT_DIR is writable");
    }
}
