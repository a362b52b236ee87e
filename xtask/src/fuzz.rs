//! `cargo xtask fuzz [RUNS]`: every cargo-fuzz target under `fuzz/`, on the
//! machine's nightly toolchain, RUNS executions each (default 1,000,000),
//! growing the committed corpora in `fuzz/corpus/`. A crash stops the run
//! with its input in `fuzz/artifacts/`; each crash found becomes a test.

use std::process::Command;

use crate::command::{project_root, run};

const CARGO_FUZZ_VERSION: &str = "0.13.1";
const TARGETS: &[&str] = &[
    "values_reader",
    "set_flags",
    "template_engine",
    "docs_comments",
];

pub(crate) fn all(args: &[String]) -> Result<(), String> {
    let runs: u64 = match args.first() {
        Some(runs) => runs
            .parse()
            .map_err(|_| format!("not a number of runs: {runs}"))?,
        None => 1_000_000,
    };
    install()?;
    let fuzz_dir = project_root().join("fuzz");
    for target in TARGETS {
        println!("xtask: fuzzing {target}, {runs} runs");
        run(Command::new("cargo")
            .current_dir(&fuzz_dir)
            .args(["+nightly", "fuzz", "run", "-O", target])
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
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(CARGO_FUZZ_VERSION));
    if installed {
        return Ok(());
    }
    run(Command::new("cargo").args([
        "install",
        "--locked",
        &format!("cargo-fuzz@{CARGO_FUZZ_VERSION}"),
    ]))
}
