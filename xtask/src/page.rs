//! Building the playground with trunk (release, offline) into `dist/`.

use std::path::PathBuf;
use std::process::Command;

use crate::command::{cargo, project_root, run};
use crate::install::tool_path;

/// Run the browser tests (`tests/browser.rs`) on the built page, passing
/// `filter` to the test harness. One at a time: each drives its own
/// Chromium, and two cores do not start several at once reliably.
pub(crate) fn browser_tests(filter: &[&str]) -> Result<(), String> {
    run(cargo()
        .env("PATH", tool_path())
        .args([
            "test",
            "--locked",
            "-p",
            "ingresslab-tests",
            "--features",
            "browser",
            "--test",
            "browser",
            "--",
            "--test-threads=1",
        ])
        .args(filter))
}

/// Build the page and return the `dist/` folder.
pub(crate) fn build() -> Result<PathBuf, String> {
    // Trunk runs cargo offline (Trunk.toml), so the crates must be fetched first.
    run(cargo().args(["fetch", "--locked"]))?;
    run(Command::new("trunk")
        .current_dir(project_root())
        .env("PATH", tool_path())
        .args(["build", "--release"]))?;
    Ok(project_root().join("dist"))
}
