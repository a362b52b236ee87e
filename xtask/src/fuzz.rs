//! `cargo xtask fuzz [RUNS] [TARGET...]`: the cargo-fuzz targets under
//! `fuzz/` (all five unless named), on the machine's nightly toolchain, RUNS
//! executions each (default 1,000,000), growing the committed corpora in
//! `fuzz/corpus/`. A crash stops the run with its input in `fuzz/artifacts/`;
//! each crash found becomes a test.
//!
//! The targets run without a sanitizer: the core forbids `unsafe` code, so
//! AddressSanitizer could only watch the dependencies, and it made runs four
//! to five times slower (230 against 1,200 README renders a second).

use std::process::Command;

use crate::command::{project_root, run};

const CARGO_FUZZ_VERSION: &str = "0.13.1";
const TARGETS: &[&str] = &[
    "values_reader",
    "set_flags",
    "template_engine",
    "docs_comments",
    "doc_pages",
];

pub(crate) fn all(args: &[String]) -> Result<(), String> {
    let (runs, named) = match args.split_first() {
        Some((runs, named)) => (
            runs.parse::<u64>()
                .map_err(|_| format!("not a number of runs: {runs}"))?,
            named,
        ),
        None => (1_000_000, &[][..]),
    };
    if let Some(unknown) = named.iter().find(|name| !TARGETS.contains(&name.as_str())) {
        return Err(format!(
            "no fuzz target {unknown}; the targets are {}",
            TARGETS.join(", ")
        ));
    }
    install()?;
    let fuzz_dir = project_root().join("fuzz");
    let chosen = TARGETS
        .iter()
        .filter(|target| named.is_empty() || named.iter().any(|name| name == *target));
    for target in chosen {
        println!("xtask: fuzzing {target}, {runs} runs");
        run(Command::new("cargo")
            .current_dir(&fuzz_dir)
            .args([
                "+nightly",
                "fuzz",
                "run",
                "-O",
                "--sanitizer",
                "none",
                target,
            ])
            .arg(format!("corpus/{target}"))
            .args([
                "--",
                &format!("-runs={runs}"),
                "-max_len=4096",
                "-timeout=10",
                "-rss_limit_mb=2048",
                "-print_final_stats=1",
            ]))?;
    }
    Ok(())
}

/// cargo-fuzz at its pinned version, from crates.io.
fn install() -> Result<(), String> {
    crate::install::cargo_tool(
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
    )
}
