//! The `ingresslab` binary: parse arguments, run, map the outcome to an exit code.

use std::io::IsTerminal;
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

mod alloc;

/// The templates allocate many small values; mimalloc serves them faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn color(is_terminal: bool) -> ColorChoice {
    if is_terminal {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    }
}

fn main() -> ExitCode {
    let args = match ingresslab_cli::parse(std::env::args_os().collect()) {
        Ok(args) => args,
        Err(failure) => {
            if failure.status == ingresslab_cli::ExitStatus::Clean {
                print!("{}", failure.message);
            } else {
                eprint!("{}", failure.message);
            }
            return ExitCode::from(failure.status as u8);
        }
    };
    let mut stdout = StandardStream::stdout(color(std::io::stdout().is_terminal()));
    let mut stderr = StandardStream::stderr(color(std::io::stderr().is_terminal()));
    let mut terminal = ingresslab_cli::Terminal {
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    ExitCode::from(ingresslab_cli::run(&args, &mut terminal) as u8)
}
