//! Embeds the Gateway API CRD schemas without their descriptions: the
//! validator never reads them, and they are most of the bytes the
//! playground would otherwise download. The files under `crd/` stay verbatim.

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

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
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
