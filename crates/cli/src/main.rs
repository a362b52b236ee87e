//! The `ingresslab` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = ingresslab_cli::Args::parse();
    ExitCode::from(ingresslab_cli::run(&args) as u8)
}
