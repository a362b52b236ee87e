//! `cargo xtask test`: every check, in the order that fails fastest.

use crate::command::{cargo, run};
use crate::{install, page};

pub(crate) fn all() -> Result<(), String> {
    install::page_tools()?;
    install::browser_tools()?;
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args(["test", "--workspace", "--locked"]))?;
    // Generated docs must be committed up to date.
    run(cargo().args([
        "run",
        "--quiet",
        "--locked",
        "-p",
        "ingresslab-cli",
        "--",
        "docs",
        "--chart",
        "crates/core/chart",
        "--check",
    ]))?;
    run(cargo().args([
        "run",
        "--quiet",
        "--locked",
        "-p",
        "ingresslab-cli",
        "--",
        "guide",
        "--check",
    ]))?;
    // The core must build for the browser on its own, with no I/O crates.
    run(cargo().args([
        "build",
        "--locked",
        "-p",
        "ingresslab-core",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    page::build()?;
    run(cargo().env("PATH", install::tool_path()).args([
        "test",
        "--locked",
        "-p",
        "ingresslab-tests",
        "--features",
        "browser",
        "--test",
        "browser",
    ]))?;
    println!("xtask: every check passed");
    Ok(())
}
