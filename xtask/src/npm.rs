//! `cargo xtask npm`: the core as the npm package `ingresslab`, built with
//! wasm-pack for Node.js and for the web into `target/npm/ingresslab/`,
//! using the pinned wasm-bindgen already installed (nothing is
//! downloaded), then loaded from Node.js by `tests/npm/smoke.mjs`.

use std::path::PathBuf;
use std::process::Command;

use crate::command::{project_root, run};
use crate::install;

const WASM_PACK_VERSION: &str = "0.13.1";

/// Build the package; its folder.
pub(crate) fn build() -> Result<PathBuf, String> {
    install::page_tools()?;
    install_wasm_pack()?;
    let root = project_root();
    let package = root.join("target/npm/ingresslab");
    for (target, folder) in [("nodejs", "node"), ("web", "web")] {
        run(Command::new("wasm-pack")
            .env("PATH", install::tool_path())
            .current_dir(&root)
            .args([
                "build",
                "crates/npm",
                "--release",
                "--mode",
                "no-install",
                "--no-pack",
                "--target",
                target,
                "--out-name",
                "ingresslab",
                "--out-dir",
            ])
            .arg(package.join(folder)))?;
        // Each build writes its own manifest; the package has one, below.
        let _ = std::fs::remove_file(package.join(folder).join("package.json"));
        let _ = std::fs::remove_file(package.join(folder).join(".gitignore"));
    }
    let manifest = serde_json::json!({
        "name": "ingresslab",
        "version": env!("CARGO_PKG_VERSION"),
        "description": "Check, render and draw OpenShell Helm chart Gateway API values, in WebAssembly",
        "license": "Apache-2.0",
        "repository": "https://github.com/ingresslab/ingresslab",
        "main": "node/ingresslab.js",
        "types": "node/ingresslab.d.ts",
        "exports": {
            ".": {
                "types": "./node/ingresslab.d.ts",
                "node": "./node/ingresslab.js",
                "default": "./node/ingresslab.js"
            },
            "./web": {
                "types": "./web/ingresslab.d.ts",
                "default": "./web/ingresslab.js"
            }
        },
        "files": ["node/", "web/", "README.md"],
        "sideEffects": ["./web/ingresslab.js"]
    });
    std::fs::write(
        package.join("package.json"),
        format!(
            "{}\n",
            serde_json::to_string_pretty(&manifest).unwrap_or_default()
        ),
    )
    .map_err(|error| format!("cannot write package.json: {error}"))?;
    std::fs::write(package.join("README.md"), README)
        .map_err(|error| format!("cannot write README.md: {error}"))?;
    Ok(package)
}

/// Build the package and load it from Node.js.
pub(crate) fn test() -> Result<(), String> {
    let package = build()?;
    run(Command::new("node")
        .arg(project_root().join("tests/npm/smoke.mjs"))
        .arg(&package)
        .arg(project_root().join("../shared/anchors/charts/openshell-released")))
}

fn install_wasm_pack() -> Result<(), String> {
    install::cargo_tool(
        "wasm-pack",
        WASM_PACK_VERSION,
        "wasm-pack",
        WASM_PACK_VERSION,
    )
}

const README: &str = "# ingresslab

Check, render and draw OpenShell Helm chart values for the Kubernetes Gateway API, in WebAssembly.

```js
const { validate, render, template, diagram } = require(\"ingresslab\");
const problems = validate(valuesYaml, { release: \"openshell\", namespace: \"openshell\" });
const manifests = render(valuesYaml); // throws on errors
const stdout = template(valuesYaml, { chart: fs.readFileSync(\"openshell-0.1.0.tgz\") });
const svg = diagram(valuesYaml, { controller: \"envoy-gateway\" });
```

For the browser, `import init, { validate } from \"ingresslab/web\"` and `await init()` first.
Without `chart`, ingresslab's own chart is used; a chart is the bytes of a `.tgz`, as `helm pull` writes it.
";
