//! `cargo xtask bench-page`: the playground's budgets, measured: the bundle
//! gzipped (wasm and JavaScript), time to the first manifests after
//! navigation, and the analysis per keystroke on the embedded chart and on
//! the released chart opened in the page (real headless Chromium).

use std::process::Command;

use crate::{install, page};

pub(crate) fn page() -> Result<(), String> {
    install::page_tools()?;
    install::browser_tools()?;
    let dist = page::build()?;
    let mut total = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|error| format!("cannot list {}: {error}", dist.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js")
        })
        .collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let gzipped = gzip_size(&path)?;
        total += gzipped;
        println!(
            "bundle: {} {} bytes, {gzipped} gzipped",
            path.file_name().unwrap_or_default().to_string_lossy(),
            bytes.len()
        );
    }
    println!("bundle: wasm + js {total} bytes gzipped (budget 358400)");
    page::browser_tests(&["--ignored", "--nocapture", "page_budgets"])
}

/// The size of `gzip -9` of the file at `path`, as a web server would send it.
fn gzip_size(path: &std::path::Path) -> Result<usize, String> {
    let output = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|error| format!("cannot run gzip: {error}"))?;
    if output.status.success() {
        Ok(output.stdout.len())
    } else {
        Err(format!("gzip failed on {}", path.display()))
    }
}
