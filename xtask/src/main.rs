//! Project tasks, run as `cargo xtask <task>` (the cargo-xtask pattern).
//!
//! - `serve [--port N]`: install what is missing, build the playground, serve it on 127.0.0.1.
//! - `test`: install what is missing, then run every check CI runs.
//! - `bench`: the `ingresslab` processes against `helm template`, side by side.
//! - `bench-page`: the playground's size and speed budgets, measured.
//! - `fuzz [RUNS] [TARGET...]`: the cargo-fuzz targets, RUNS executions each (nightly).
//! - `npm`: the core as the npm package `ingresslab` in `target/npm/ingresslab/`.
//! - `install`: the `ingresslab` binary, built as shipped (static on Linux), into cargo's bin directory.
//!
//! Tools are installed from crates.io, npm and apt at pinned versions, never
//! downloaded as prebuilt binaries, and each step is skipped when already done.

mod bench;
mod command;
mod fuzz;
mod install;
mod npm;
mod page;
mod release;
mod test;
mod tidy;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test::all(),
        Some("bench") => bench::processes(),
        Some("fuzz") => fuzz::all(&args[1..]),
        Some("npm") => npm::build().map(|package| println!("xtask: {}", package.display())),
        Some("bench-page") => bench::page(),
        Some("install") => release::install(),
        _ => Err(
            "usage: cargo xtask serve [--port N] | cargo xtask test | cargo xtask bench | cargo xtask bench-page | cargo xtask fuzz [RUNS] [TARGET...] | cargo xtask npm | cargo xtask install"
                .to_owned(),
        ),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port
            .parse()
            .map_err(|_| format!("--port takes a number, not {port:?}"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".to_owned()),
    };
    install::page_tools()?;
    let dist = page::build()?;
    let site = ingresslab_tests::static_site::StaticSite::start(&dist, port)?;
    println!("ingresslab playground: {}", site.url());
    println!("(serving {}; press Ctrl-C to stop)", dist.display());
    site.wait();
    Ok(())
}
