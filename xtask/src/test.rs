//! `cargo xtask test`: every check, in the order that fails fastest.

use crate::command::{cargo, run};
use crate::{install, page};

/// Crates the pure core must never depend on: I/O, async runtimes, CLI parsing.
const FORBIDDEN_IN_CORE: &[&str] = &["tokio", "reqwest", "hyper", "clap", "mio"];

/// Run the `ingresslab` binary from this workspace.
fn ingresslab(args: &[&str]) -> Result<(), String> {
    run(cargo()
        .args(["run", "--quiet", "--locked", "-p", "ingresslab-cli", "--"])
        .args(args))
}

pub(crate) fn all() -> Result<(), String> {
    install::page_tools()?;
    install::browser_tools()?;
    let helm = install::helm()?;
    let pre_commit = install::pre_commit()?;
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--features",
        "ingresslab-tests/browser",
        "--",
        "-D",
        "warnings",
    ]))?;
    core_stays_pure()?;
    // The render tests compare against real Helm; with the variable set they
    // fail rather than skip when it cannot run.
    run(cargo()
        .env("INGRESSLAB_HELM", &helm)
        .env("INGRESSLAB_PRE_COMMIT", &pre_commit)
        .args(["test", "--workspace", "--locked"]))?;
    // Generated docs must be committed up to date.
    ingresslab(&["docs", "--chart", "crates/core/chart", "--check"])?;
    ingresslab(&["guide", "--check"])?;
    // The project's own pages: every helm example in them holds.
    ingresslab(&["check-docs", "README.md", "docs"])?;
    // The core must build for the browser on its own.
    run(cargo().args([
        "build",
        "--locked",
        "-p",
        "ingresslab-core",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    page::build()?;
    page::browser_tests(&[])?;
    crate::npm::test()?;
    crate::release::check(&helm)?;
    println!("xtask: every check passed");
    Ok(())
}

/// The core's normal dependencies contain nothing that does I/O.
fn core_stays_pure() -> Result<(), String> {
    let output = cargo()
        .args([
            "tree",
            "--locked",
            "-p",
            "ingresslab-core",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .output()
        .map_err(|error| format!("cannot run cargo tree: {error}"))?;
    let tree = String::from_utf8_lossy(&output.stdout);
    let found: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| FORBIDDEN_IN_CORE.contains(name))
        .collect();
    if found.is_empty() && output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "ingresslab-core depends on {found:?}; the core must stay free of I/O crates"
        ))
    }
}
